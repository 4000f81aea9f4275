"""Push notifications in the GraphQL API: pushSettings, registerPushToken, unregisterPushToken,
updateNotificationPreferences — with and without a device, with Firebase on (the local fake) and off."""

from __future__ import annotations

import json

import pytest

from backend.devices.models import Device
from backend.notifications.models import NotificationPreferences, PushRegistration

from .fakefcm import fake_fcm_fixture, no_firebase_fixture  # noqa: F401 - fixtures
from .test_api_devices import codes, gql

pytestmark = pytest.mark.django_db

SETTINGS_FIELDS = "available webConfig vapidKey registered newHobbies enrolmentOpening benefitExpiring"
PUSH_SETTINGS = f"query {{ pushSettings {{ {SETTINGS_FIELDS} }} }}"
PAYLOAD = f"settings {{ {SETTINGS_FIELDS} }} errors {{ field code message }}"
REGISTER = f"""mutation($token: String!, $platform: PushPlatform) {{
  registerPushToken(token: $token, platform: $platform) {{ {PAYLOAD} }}
}}"""
REGISTER_DEFAULT = f"mutation($token: String!) {{ registerPushToken(token: $token) {{ {PAYLOAD} }} }}"
UNREGISTER = f"mutation {{ unregisterPushToken {{ {PAYLOAD} }} }}"
PREFERENCES = f"""mutation($input: NotificationPreferencesInput!) {{
  updateNotificationPreferences(input: $input) {{ {PAYLOAD} }}
}}"""
REGISTER_DEVICE = "mutation($input: DeviceInput) { registerDevice(input: $input) { token errors { code } } }"
MY_DATA = "query { myData }"
WEB_CONFIG = {"apiKey": "AIza-test", "projectId": "harrastuspassi-test", "messagingSenderId": "1", "appId": "1:1:web:1"}
FCM_TOKEN = "fLx3-example:APA91bH_a-registration-token_0123456789"


def new_device(client, language="FI") -> str:
    payload = gql(client, REGISTER_DEVICE, {"input": {"language": language}})["data"]["registerDevice"]
    assert payload["errors"] == []
    return payload["token"]


@pytest.fixture
def firebase_on(fake_fcm, settings):
    settings.FIREBASE_WEB_CONFIG = json.dumps(WEB_CONFIG)
    settings.FIREBASE_VAPID_KEY = "BPublicVapidKey"
    return fake_fcm


DEFAULT_SWITCHES = {"newHobbies": True, "enrolmentOpening": True, "benefitExpiring": True}


# --- pushSettings --------------------------------------------------------------------------------------


def test_push_settings_without_firebase_say_not_available(client, no_firebase):
    body = gql(client, PUSH_SETTINGS)
    assert "errors" not in body
    assert body["data"]["pushSettings"] == {
        "available": False,
        "webConfig": None,  # set in the settings, but useless without credentials
        "vapidKey": None,
        "registered": False,
        **DEFAULT_SWITCHES,
    }


def test_push_settings_with_firebase_give_the_web_config(client, firebase_on):
    anonymous = gql(client, PUSH_SETTINGS)["data"]["pushSettings"]
    assert anonymous["available"] is True
    assert json.loads(anonymous["webConfig"]) == WEB_CONFIG
    assert anonymous["vapidKey"] == "BPublicVapidKey"
    assert anonymous["registered"] is False
    assert firebase_on.sends == [] and firebase_on.token_requests == []  # asking costs Firebase nothing


def test_push_settings_without_web_config_or_with_a_broken_one(client, fake_fcm, settings):
    settings.FIREBASE_WEB_CONFIG = ""
    settings.FIREBASE_VAPID_KEY = ""
    unset = gql(client, PUSH_SETTINGS)["data"]["pushSettings"]
    settings.FIREBASE_WEB_CONFIG = "{not json"
    broken = gql(client, PUSH_SETTINGS)["data"]["pushSettings"]
    assert (unset["available"], unset["webConfig"], unset["vapidKey"]) == (True, None, None)
    assert (broken["available"], broken["webConfig"]) == (True, None)


def test_push_settings_with_a_bad_device_header_is_unauthenticated(client, no_firebase):
    body = gql(client, PUSH_SETTINGS, token="not-a-known-token")
    assert body["data"] is None
    assert [error["extensions"]["code"] for error in body["errors"]] == ["UNAUTHENTICATED"]


# --- registerPushToken -----------------------------------------------------------------------------------


def test_register_push_token_stores_the_token_for_the_device(client, firebase_on):
    token = new_device(client)

    payload = gql(client, REGISTER_DEFAULT, {"token": f"  {FCM_TOKEN} "}, token=token)["data"]["registerPushToken"]

    assert payload["errors"] == []
    assert payload["settings"]["registered"] is True and payload["settings"]["available"] is True
    registration = PushRegistration.objects.get()
    assert (registration.token, registration.platform) == (FCM_TOKEN, "web")
    assert gql(client, PUSH_SETTINGS, token=token)["data"]["pushSettings"]["registered"] is True
    assert gql(client, PUSH_SETTINGS)["data"]["pushSettings"]["registered"] is False  # anonymous


def test_registering_again_replaces_the_token_and_a_shared_token_moves(client, firebase_on):
    first, second = new_device(client), new_device(client)
    gql(client, REGISTER, {"token": "old-token", "platform": "ANDROID"}, token=first)
    gql(client, REGISTER, {"token": "new-token", "platform": "IOS"}, token=first)
    assert list(PushRegistration.objects.values_list("token", "platform")) == [("new-token", "ios")]

    payload = gql(client, REGISTER, {"token": "new-token"}, token=second)["data"]["registerPushToken"]

    assert payload["errors"] == [] and payload["settings"]["registered"] is True
    assert PushRegistration.objects.get().device == Device.for_token(second)  # one token, one device
    assert gql(client, PUSH_SETTINGS, token=first)["data"]["pushSettings"]["registered"] is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ("token", "INVALID_INPUT")),
        ("   ", ("token", "INVALID_INPUT")),
        ("a" * 4097, ("token", "OUT_OF_RANGE")),
        ("two words", ("token", "INVALID_INPUT")),
        ("tök\u00e4n", ("token", "INVALID_INPUT")),
        ("nul\x00byte", ("token", "INVALID_INPUT")),
    ],
    ids=["empty", "blank", "too-long", "space", "non-ascii", "nul"],
)
def test_a_bad_token_is_refused_and_nothing_stored(client, firebase_on, value, expected):
    token = new_device(client)
    payload = gql(client, REGISTER, {"token": value}, token=token)["data"]["registerPushToken"]
    assert codes(payload) == [expected]
    assert payload["settings"] is None
    assert PushRegistration.objects.count() == 0


def test_the_longest_token_allowed_is_stored(client, firebase_on):
    token = new_device(client)
    payload = gql(client, REGISTER, {"token": "a" * 4096}, token=token)["data"]["registerPushToken"]
    assert payload["errors"] == []
    assert len(PushRegistration.objects.get().token) == 4096


def test_register_push_token_needs_a_device(client, firebase_on):
    payload = gql(client, REGISTER, {"token": FCM_TOKEN})["data"]["registerPushToken"]
    assert codes(payload) == [(None, "UNAUTHENTICATED")]
    stale = gql(client, REGISTER, {"token": FCM_TOKEN}, token="forgotten")["data"]["registerPushToken"]
    assert codes(stale) == [(None, "UNAUTHENTICATED")]
    assert PushRegistration.objects.count() == 0


def test_register_push_token_without_firebase_is_not_available(client, no_firebase):
    token = new_device(client, language="EN")
    body = gql(client, REGISTER, {"token": FCM_TOKEN}, token=token, HTTP_ACCEPT_LANGUAGE="en")
    assert "errors" not in body
    payload = body["data"]["registerPushToken"]
    assert payload["errors"] == [
        {"field": None, "code": "NOT_AVAILABLE", "message": "Notifications are not available on this server."}
    ]
    assert PushRegistration.objects.count() == 0


def test_push_mutations_are_rate_limited_per_device(client, firebase_on, settings):
    settings.API_RATE_LIMITS = {"default": {"device": "3/minute"}}
    token = new_device(client)
    results = [
        codes(gql(client, REGISTER, {"token": f"tok-{n}"}, token=token)["data"]["registerPushToken"]) for n in range(4)
    ]
    assert results == [[], [], [], [(None, "RATE_LIMITED")]]
    assert PushRegistration.objects.get().token == "tok-2"


# --- unregisterPushToken and the switches ------------------------------------------------------------------


def test_unregister_removes_the_token_and_works_also_when_firebase_is_off(client, firebase_on, settings):
    token = new_device(client)
    gql(client, REGISTER, {"token": FCM_TOKEN}, token=token)
    settings.FIREBASE_CREDENTIALS = ""  # turned off since: opting out must still work

    first = gql(client, UNREGISTER, token=token)["data"]["unregisterPushToken"]
    again = gql(client, UNREGISTER, token=token)["data"]["unregisterPushToken"]

    assert first["errors"] == again["errors"] == []
    assert first["settings"]["registered"] is False and first["settings"]["available"] is False
    assert PushRegistration.objects.count() == 0
    assert codes(gql(client, UNREGISTER)["data"]["unregisterPushToken"]) == [(None, "UNAUTHENTICATED")]


def test_preferences_change_only_the_switches_given(client, no_firebase):
    token = new_device(client)
    off = gql(client, PREFERENCES, {"input": {"newHobbies": False}}, token=token)["data"]
    payload = off["updateNotificationPreferences"]
    assert payload["errors"] == []
    assert payload["settings"] == {
        "available": False, "webConfig": None, "vapidKey": None, "registered": False,
        "newHobbies": False, "enrolmentOpening": True, "benefitExpiring": True,
    }  # fmt: skip

    variables = {"input": {"benefitExpiring": False, "enrolmentOpening": None}}
    both = gql(client, PREFERENCES, variables, token=token)["data"]["updateNotificationPreferences"]
    back = gql(client, PREFERENCES, {"input": {"newHobbies": True}}, token=token)["data"][
        "updateNotificationPreferences"
    ]

    assert {k: both["settings"][k] for k in DEFAULT_SWITCHES} == {
        "newHobbies": False,
        "enrolmentOpening": True,  # null leaves it as it was
        "benefitExpiring": False,
    }
    assert back["settings"]["newHobbies"] is True
    assert gql(client, PUSH_SETTINGS, token=token)["data"]["pushSettings"]["benefitExpiring"] is False
    stored = NotificationPreferences.objects.get()
    assert (stored.new_hobbies, stored.enrolment_opening, stored.benefit_expiring) == (True, True, False)


def test_preferences_need_a_device(client, no_firebase):
    payload = gql(client, PREFERENCES, {"input": {"newHobbies": False}})["data"]["updateNotificationPreferences"]
    assert codes(payload) == [(None, "UNAUTHENTICATED")]
    assert NotificationPreferences.objects.count() == 0


# --- my data and forgetting ------------------------------------------------------------------------------------


def test_my_data_lists_the_push_token_and_switches_and_forgetting_deletes_them(client, firebase_on):
    token = new_device(client)
    before = gql(client, MY_DATA, token=token)["data"]["myData"]["notifications"]
    gql(client, REGISTER, {"token": FCM_TOKEN, "platform": "ANDROID"}, token=token)
    gql(client, PREFERENCES, {"input": {"enrolmentOpening": False}}, token=token)

    data = gql(client, MY_DATA, token=token)["data"]["myData"]["notifications"]

    assert before == {"registration": None, "preferences": DEFAULT_SWITCHES, "sent": []}
    registration = PushRegistration.objects.get()
    assert data == {
        "registration": {
            "token": FCM_TOKEN,
            "platform": "android",
            "createdAt": registration.created_at.isoformat(),
            "updatedAt": registration.updated_at.isoformat(),
        },
        "preferences": {"newHobbies": True, "enrolmentOpening": False, "benefitExpiring": True},
        "sent": [],
    }
    forget = gql(client, "mutation { forgetDevice { ok errors { code } } }", token=token)["data"]["forgetDevice"]
    assert forget["ok"] is True
    assert PushRegistration.objects.count() == NotificationPreferences.objects.count() == 0
