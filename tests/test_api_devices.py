"""The device side of the GraphQL API: an anonymous profile, favourites, interactions, feedback, my data, forgetting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from backend.benefits.models import Benefit, Redemption
from backend.devices.models import Device, Favourite, Interaction, hash_token
from backend.feedback.models import Feedback
from backend.hobbies.models import Category

from .conftest import make_hobby

pytestmark = pytest.mark.django_db

DEVICE_FIELDS = (
    "id language ageGroup homeArea interestIds interests { id slug name { text } } personalisation analytics lastSeenOn"
)
REGISTER = f"""mutation($input: DeviceInput) {{
  registerDevice(input: $input) {{ token device {{ {DEVICE_FIELDS} }} errors {{ field code message }} }}
}}"""
UPDATE = f"""mutation($input: DeviceInput!) {{
  updateDevice(input: $input) {{ device {{ {DEVICE_FIELDS} }} errors {{ field code message }} }}
}}"""
ME = f"query {{ me {{ {DEVICE_FIELDS} }} }}"
ADD = "mutation($id: ID!) { addFavourite(hobbyId: $id) { hobbyId favourited errors { field code message } } }"
REMOVE = "mutation($id: ID!) { removeFavourite(hobbyId: $id) { hobbyId favourited errors { field code message } } }"
FAVOURITES = """query($first: Int, $after: String, $lang: Language) {
  favourites(first: $first, after: $after, lang: $lang) {
    edges { cursor node { id title { text language } } } pageInfo { hasNextPage endCursor }
  }
}"""
RECORD = """mutation($items: [InteractionInput!]!) {
  recordInteractions(items: $items) { accepted errors { field code message } }
}"""
FEEDBACK = "mutation($input: FeedbackInput!) { submitFeedback(input: $input) { ok errors { field code message } } }"
MY_DATA = "query($lang: Language) { myData(lang: $lang) }"
FORGET = "mutation { forgetDevice { ok errors { field code message } } }"


def gql(client, query, variables=None, token=None, **extra):
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Device {token}"
    response = client.post(
        "/graphql", {"query": query, "variables": variables or {}}, content_type="application/json", **extra
    )
    assert response.status_code == 200, response.content
    return response.json()


def register(client, **profile) -> tuple[str, dict]:
    body = gql(client, REGISTER, {"input": profile})
    assert "errors" not in body, body
    payload = body["data"]["registerDevice"]
    assert payload["errors"] == [], payload
    return payload["token"], payload["device"]


def codes(payload) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def top_codes(body) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]


# --- registration and the token -------------------------------------------------------------------


def test_register_returns_a_token_that_works_and_is_stored_only_as_a_hash(client, category):
    token, device = register(
        client,
        language="SV",
        ageGroup="AGE_13_15",
        homeArea="00510",
        interests=[str(category.pk)],
        personalisation=False,
        analytics=True,
    )
    assert len(token) >= 40
    assert device["language"] == "SV" and device["ageGroup"] == "AGE_13_15" and device["homeArea"] == "00510"
    assert device["interestIds"] == [str(category.pk)]
    assert device["interests"][0]["name"]["text"] == "Jalkapallo"  # Accept-Language absent: Finnish
    assert device["personalisation"] is False and device["analytics"] is True

    stored = Device.objects.get()
    assert str(stored.pk) == device["id"]
    assert stored.token_hash == hash_token(token)
    assert token not in str(Device.objects.values().get())

    me = gql(client, ME, token=token)["data"]["me"]
    assert me["id"] == device["id"]
    assert me["lastSeenOn"] == timezone.localdate().isoformat()


def test_register_with_no_input_uses_the_defaults(client):
    body = gql(
        client,
        "mutation { registerDevice { token device { language ageGroup homeArea interestIds } errors { code } } }",
    )
    payload = body["data"]["registerDevice"]
    assert payload["errors"] == [] and payload["token"]
    assert payload["device"] == {"language": "FI", "ageGroup": None, "homeArea": None, "interestIds": []}


def test_registering_ignores_a_stale_token_so_a_forgotten_device_can_start_again(client):
    body = gql(client, REGISTER, {"input": {}}, token="revoked-token")
    assert body["data"]["registerDevice"]["errors"] == []
    assert Device.objects.count() == 1


def test_unknown_interests_create_nothing(client, category):
    body = gql(client, REGISTER, {"input": {"interests": [str(category.pk), "999999"]}})
    payload = body["data"]["registerDevice"]
    assert codes(payload) == [("interests", "NOT_FOUND")]
    assert payload["token"] is None and payload["device"] is None
    assert not Device.objects.exists()


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "1.5", "99999999999999999999999", "١٢"])
def test_malformed_interest_ids_are_input_errors(client, bad):
    payload = gql(client, REGISTER, {"input": {"interests": [bad]}})["data"]["registerDevice"]
    assert codes(payload) == [("interests", "INVALID_INPUT")]
    assert not Device.objects.exists()


@pytest.mark.parametrize(
    "area",
    [
        "Mannerheimintie 12",
        "00100 Helsinki",
        "1234",
        "a" * 41,
        "x" * 60_000,
        "Kallio;DROP",
        "Kallio\x00",
        "\ud800",
        "١٢٣٤٥",
        "Kallio\n2",
    ],
)
def test_home_area_must_be_coarse(client, area):
    payload = gql(client, REGISTER, {"input": {"homeArea": area}})["data"]["registerDevice"]
    assert [field for field, _code in codes(payload)] == ["homeArea"]
    assert not Device.objects.exists()


@pytest.mark.parametrize("area", ["00100", "Kallio", "Etu-Töölö", "Itä-Pasila ", ""])
def test_postal_codes_and_district_names_are_accepted(client, area):
    _token, device = register(client, homeArea=area)
    assert device["homeArea"] == (area.strip() or None)


def test_unknown_enum_values_and_unknown_fields_are_graphql_errors(client):
    for variables in ({"input": {"ageGroup": "42"}}, {"input": {"email": "a@b.fi"}}, {"input": {"language": "de"}}):
        response = client.post("/graphql", {"query": REGISTER, "variables": variables}, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"]
    assert not Device.objects.exists()


@pytest.mark.parametrize(
    "header",
    ["Device", "Device ", "Bearer abc", "Device unknown-token", "Device " + "x" * 5000, "abc"],
)
def test_malformed_or_unknown_tokens_are_unauthenticated(client, header):
    register(client)
    body = client.post("/graphql", {"query": ME}, content_type="application/json", HTTP_AUTHORIZATION=header).json()
    assert body["data"]["me"] is None
    assert top_codes(body) == ["UNAUTHENTICATED"]
    body = client.post(
        "/graphql",
        {"query": UPDATE, "variables": {"input": {"language": "EN"}}},
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    ).json()
    assert codes(body["data"]["updateDevice"]) == [(None, "UNAUTHENTICATED")]
    assert Device.objects.get().language == "fi"


def test_me_is_null_when_anonymous(client):
    body = gql(client, ME)
    assert body == {"data": {"me": None}}


def test_last_seen_is_updated_at_most_once_a_day(client):
    token, _device = register(client)
    Device.objects.update(last_seen_on=timezone.localdate() - dt.timedelta(days=3))
    with CaptureQueriesContext(connection) as queries:
        gql(client, "{ me { id } }", token=token)
    assert Device.objects.get().last_seen_on == timezone.localdate()
    assert sum(q["sql"].lstrip().upper().startswith("UPDATE") for q in queries.captured_queries) == 1
    with CaptureQueriesContext(connection) as queries:
        gql(client, "{ me { id } }", token=token)
    assert not any(q["sql"].lstrip().upper().startswith("UPDATE") for q in queries.captured_queries)


# --- updating the profile -------------------------------------------------------------------------


def test_update_changes_only_the_given_fields(client, category):
    other = Category.objects.create(slug="chess", name_fi="Shakki", name_sv="Schack", name_en="Chess")
    token, _ = register(client, language="SV", ageGroup="AGE_16_17", homeArea="Kallio", interests=[str(category.pk)])
    payload = gql(client, UPDATE, {"input": {"language": "EN", "interests": [str(other.pk)]}}, token=token)["data"][
        "updateDevice"
    ]
    assert payload["errors"] == []
    assert payload["device"]["language"] == "EN"
    assert payload["device"]["interestIds"] == [str(other.pk)]
    device = Device.objects.get()
    assert (device.language, device.age_group, device.home_area) == ("en", "16-17", "Kallio")
    assert list(device.interests.all()) == [other]


def test_update_with_null_clears_optional_fields_and_refuses_to_clear_required_ones(client, category):
    token, _ = register(client, ageGroup="UNDER_13", homeArea="00100", interests=[str(category.pk)])
    payload = gql(client, UPDATE, {"input": {"ageGroup": None, "homeArea": None, "interests": None}}, token=token)[
        "data"
    ]["updateDevice"]
    assert payload["errors"] == []
    device = Device.objects.get()
    assert (device.age_group, device.home_area, list(device.interests.all())) == ("", "", [])

    payload = gql(client, UPDATE, {"input": {"language": None, "analytics": None}}, token=token)["data"]["updateDevice"]
    assert codes(payload) == [("language", "INVALID_INPUT"), ("analytics", "INVALID_INPUT")]


def test_a_failed_update_changes_nothing(client, category):
    token, _ = register(client, homeArea="Kallio", interests=[str(category.pk)])
    payload = gql(
        client, UPDATE, {"input": {"homeArea": "Mannerheimintie 1", "language": "EN", "interests": []}}, token=token
    )["data"]["updateDevice"]
    assert codes(payload) == [("homeArea", "INVALID_INPUT")]
    device = Device.objects.get()
    assert (device.home_area, device.language, list(device.interests.all())) == ("Kallio", "fi", [category])


def test_update_needs_a_device(client):
    payload = gql(client, UPDATE, {"input": {"language": "EN"}})["data"]["updateDevice"]
    assert codes(payload) == [(None, "UNAUTHENTICATED")]


# --- favourites -----------------------------------------------------------------------------------


def test_favourites_can_be_added_listed_and_removed(client, hobby, organization):
    second = make_hobby(organization, title_fi="Shakkikerho", title_en="Chess club")
    token, _ = register(client)
    for target in (hobby, second):
        payload = gql(client, ADD, {"id": str(target.pk)}, token=token)["data"]["addFavourite"]
        assert payload == {"hobbyId": str(target.pk), "favourited": True, "errors": []}
    Favourite.objects.filter(hobby=hobby).update(created_at=timezone.now() - dt.timedelta(hours=1))
    # Another device's favourites neither show up nor duplicate rows.
    other_token, _ = register(client)
    gql(client, ADD, {"id": str(hobby.pk)}, token=other_token)

    listing = gql(client, FAVOURITES, {"lang": "EN"}, token=token)["data"]["favourites"]
    nodes = [edge["node"] for edge in listing["edges"]]
    assert [node["id"] for node in nodes] == [str(second.pk), str(hobby.pk)]  # most recently favourited first
    assert nodes[0]["title"] == {"text": "Chess club", "language": "en"}

    page = gql(client, FAVOURITES, {"first": 1}, token=token)["data"]["favourites"]
    assert len(page["edges"]) == 1 and page["pageInfo"]["hasNextPage"] is True
    rest = gql(client, FAVOURITES, {"first": 1, "after": page["pageInfo"]["endCursor"]}, token=token)
    assert [edge["node"]["id"] for edge in rest["data"]["favourites"]["edges"]] == [str(hobby.pk)]

    payload = gql(client, REMOVE, {"id": str(hobby.pk)}, token=token)["data"]["removeFavourite"]
    assert payload == {"hobbyId": str(hobby.pk), "favourited": False, "errors": []}
    again = gql(client, REMOVE, {"id": str(hobby.pk)}, token=token)["data"]["removeFavourite"]
    assert again["errors"] == [] and again["favourited"] is False
    assert list(Favourite.objects.filter(device__token_hash=hash_token(token)).values_list("hobby", flat=True)) == [
        second.pk
    ]


def test_adding_a_favourite_is_idempotent_and_recorded_once(client, hobby):
    token, _ = register(client)
    for _attempt in range(2):
        assert gql(client, ADD, {"id": str(hobby.pk)}, token=token)["data"]["addFavourite"]["favourited"] is True
    assert Favourite.objects.count() == 1
    assert list(Interaction.objects.values_list("kind", flat=True)) == ["favourite"]


def test_favouriting_without_consent_records_no_interaction(client, hobby):
    token, _ = register(client, personalisation=False, analytics=False)
    assert gql(client, ADD, {"id": str(hobby.pk)}, token=token)["data"]["addFavourite"]["errors"] == []
    assert Favourite.objects.count() == 1 and not Interaction.objects.exists()


@pytest.mark.parametrize("state", ["draft", "taken_down", "missing"])
def test_only_public_hobbies_can_be_favourited(client, organization, state):
    if state == "draft":
        target = make_hobby(organization, live=False).pk
    elif state == "taken_down":
        target = make_hobby(organization, taken_down_at=timezone.now()).pk
    else:
        target = 987654
    token, _ = register(client)
    payload = gql(client, ADD, {"id": str(target)}, token=token)["data"]["addFavourite"]
    assert codes(payload) == [("hobbyId", "NOT_FOUND")] and payload["favourited"] is None
    assert not Favourite.objects.exists()


def test_a_favourite_that_stops_being_public_disappears_from_the_list(client, hobby):
    token, _ = register(client)
    gql(client, ADD, {"id": str(hobby.pk)}, token=token)
    hobby.taken_down_at = timezone.now()
    hobby.save()
    assert gql(client, FAVOURITES, token=token)["data"]["favourites"]["edges"] == []


@pytest.mark.parametrize("bad", ["abc", "", "-3", "9" * 40])
def test_malformed_hobby_ids_are_input_errors(client, bad):
    token, _ = register(client)
    for query, name in ((ADD, "addFavourite"), (REMOVE, "removeFavourite")):
        payload = gql(client, query, {"id": bad}, token=token)["data"][name]
        assert codes(payload) == [("hobbyId", "INVALID_INPUT")]


def test_favourites_need_a_device(client, hobby):
    body = gql(client, FAVOURITES)
    assert body["data"]["favourites"] is None and top_codes(body) == ["UNAUTHENTICATED"]
    assert codes(gql(client, ADD, {"id": str(hobby.pk)})["data"]["addFavourite"]) == [(None, "UNAUTHENTICATED")]


# --- interactions ---------------------------------------------------------------------------------


def test_interactions_are_stored_in_one_insert_and_bad_items_reported(client, hobby, organization):
    draft = make_hobby(organization, live=False)
    token, _ = register(client)
    items = [
        {"hobbyId": str(hobby.pk), "kind": "VIEW"},
        {"hobbyId": str(draft.pk), "kind": "VIEW"},
        {"hobbyId": "nonsense", "kind": "SHARE"},
        {"hobbyId": str(hobby.pk), "kind": "JOIN_CLICK"},
        {"hobbyId": "123456789", "kind": "DISMISS"},
    ]
    gql(client, "{ me { id } }", token=token)  # the daily update happens outside the measured call
    with CaptureQueriesContext(connection) as queries:
        payload = gql(client, RECORD, {"items": items}, token=token)["data"]["recordInteractions"]
    assert payload["accepted"] == 2
    assert codes(payload) == [
        ("items.1.hobbyId", "NOT_FOUND"),
        ("items.2.hobbyId", "INVALID_INPUT"),
        ("items.4.hobbyId", "NOT_FOUND"),
    ]
    assert sorted(Interaction.objects.values_list("kind", flat=True)) == ["join_click", "view"]
    inserts = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1


def test_too_many_interactions_are_refused_whole(client, hobby):
    token, _ = register(client)
    items = [{"hobbyId": str(hobby.pk), "kind": "VIEW"}] * 101
    payload = gql(client, RECORD, {"items": items}, token=token)["data"]["recordInteractions"]
    assert payload["accepted"] == 0 and codes(payload) == [("items", "OUT_OF_RANGE")]
    assert not Interaction.objects.exists()
    payload = gql(client, RECORD, {"items": items[:100]}, token=token)["data"]["recordInteractions"]
    assert payload["accepted"] == 100


@pytest.mark.parametrize(
    ("personalisation", "analytics", "stored"), [(False, False, 0), (True, False, 1), (False, True, 1)]
)
def test_interactions_respect_the_consents(client, hobby, personalisation, analytics, stored):
    token, _ = register(client, personalisation=personalisation, analytics=analytics)
    payload = gql(client, RECORD, {"items": [{"hobbyId": str(hobby.pk), "kind": "VIEW"}]}, token=token)["data"][
        "recordInteractions"
    ]
    assert payload == {"accepted": stored, "errors": []}
    assert Interaction.objects.count() == stored


def test_interactions_need_a_device_and_a_known_kind(client, hobby):
    payload = gql(client, RECORD, {"items": []})["data"]["recordInteractions"]
    assert codes(payload) == [(None, "UNAUTHENTICATED")]
    token, _ = register(client)
    response = client.post(
        "/graphql",
        {"query": RECORD, "variables": {"items": [{"hobbyId": str(hobby.pk), "kind": "FAVOURITE"}]}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Device {token}",
    )
    assert response.status_code == 400 and not Interaction.objects.exists()


# --- feedback -------------------------------------------------------------------------------------


def test_feedback_is_stored_without_any_link_to_the_device(client, hobby):
    token, _ = register(client)
    payload = gql(
        client,
        FEEDBACK,
        {"input": {"rating": 4, "text": "  Kiva!  ", "hobbyId": str(hobby.pk), "channel": "IOS"}},
        token=token,
        HTTP_ACCEPT_LANGUAGE="sv",
    )["data"]["submitFeedback"]
    assert payload == {"ok": True, "errors": []}
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.text, feedback.hobby, feedback.channel) == (4, "Kiva!", hobby, "ios")
    assert feedback.municipality_id == hobby.municipality_id
    assert feedback.language == "sv"
    assert not any(f.name == "device" for f in Feedback._meta.get_fields())


def test_feedback_works_anonymously(client):
    payload = gql(client, FEEDBACK, {"input": {"text": "Hyvä sovellus"}})["data"]["submitFeedback"]
    assert payload == {"ok": True, "errors": []}
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.channel, feedback.language, feedback.municipality) == (None, "web", "fi", None)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, [(None, "INVALID_INPUT")]),
        ({"text": "   "}, [(None, "INVALID_INPUT")]),
        ({"rating": 0}, [("rating", "OUT_OF_RANGE")]),
        ({"rating": 6, "text": "x"}, [("rating", "OUT_OF_RANGE")]),
        ({"text": "x" * 2001}, [("text", "OUT_OF_RANGE")]),
        ({"text": "a\x00b"}, [("text", "INVALID_INPUT")]),
        ({"rating": 3, "hobbyId": "nope"}, [("hobbyId", "INVALID_INPUT")]),
        ({"rating": 3, "hobbyId": "424242"}, [("hobbyId", "NOT_FOUND")]),
    ],
)
def test_feedback_is_validated(client, given, expected):
    payload = gql(client, FEEDBACK, {"input": given})["data"]["submitFeedback"]
    assert payload["ok"] is False and codes(payload) == expected
    assert not Feedback.objects.exists()


def test_feedback_about_a_hidden_hobby_is_refused(client, organization):
    draft = make_hobby(organization, live=False)
    payload = gql(client, FEEDBACK, {"input": {"rating": 5, "hobbyId": str(draft.pk)}})["data"]["submitFeedback"]
    assert codes(payload) == [("hobbyId", "NOT_FOUND")]
    assert not Feedback.objects.exists()


def test_feedback_messages_follow_accept_language(client):
    fi = gql(client, FEEDBACK, {"input": {"rating": 9}}, HTTP_ACCEPT_LANGUAGE="fi")["data"]["submitFeedback"]
    en = gql(client, FEEDBACK, {"input": {"rating": 9}}, HTTP_ACCEPT_LANGUAGE="en")["data"]["submitFeedback"]
    assert en["errors"][0]["message"] == "The rating must be from 1 to 5 stars."
    assert fi["errors"][0]["code"] == "OUT_OF_RANGE"


# --- my data and forgetting -----------------------------------------------------------------------


def make_benefit(organization) -> Benefit:
    return Benefit.objects.create(
        organization=organization,
        kind=Benefit.Kind.TRIAL,
        title_fi="Ilmainen kokeilu",
        title_en="Free trial",
        valid_from=timezone.now() - dt.timedelta(days=1),
        valid_until=timezone.now() + dt.timedelta(days=30),
    )


def test_my_data_lists_everything_stored_about_the_device(client, hobby, category, organization):
    token, device_json = register(
        client, language="SV", ageGroup="AGE_13_15", homeArea="Kallio", interests=[str(category.pk)]
    )
    gql(client, ADD, {"id": str(hobby.pk)}, token=token)
    gql(client, RECORD, {"items": [{"hobbyId": str(hobby.pk), "kind": "SHARE"}]}, token=token)
    device = Device.objects.get()
    benefit = make_benefit(organization)
    Redemption.objects.create(benefit=benefit, device=device, code="K7Q2XZ")
    other, _ = Device.register()
    Interaction.objects.create(device=other, hobby=hobby, kind="dismiss")  # not ours

    data = gql(client, MY_DATA, {"lang": "EN"}, token=token)["data"]["myData"]
    assert data["profile"] == {
        "id": device_json["id"],
        "language": "sv",
        "ageGroup": "13-15",
        "homeArea": "Kallio",
        "personalisation": True,
        "analytics": True,
        "createdAt": device.created_at.isoformat(),
        "lastSeenOn": timezone.localdate().isoformat(),
    }
    assert data["interests"] == [{"id": str(category.pk), "slug": "football", "name": "Football"}]
    assert [(f["hobbyId"], f["title"]) for f in data["favourites"]] == [(str(hobby.pk), "Jalkapallokerho")]
    assert sorted((i["hobbyId"], i["kind"]) for i in data["interactions"]) == [
        (str(hobby.pk), "favourite"),
        (str(hobby.pk), "share"),
    ]
    assert data["redemptions"] == [
        {
            "benefitId": str(benefit.pk),
            "title": "Free trial",
            "code": "K7Q2XZ",
            "redeemedAt": Redemption.objects.get().redeemed_at.isoformat(),
        }
    ]


def test_my_data_needs_a_device(client):
    body = gql(client, MY_DATA)
    assert body["data"]["myData"] is None and top_codes(body) == ["UNAUTHENTICATED"]


def test_forget_device_deletes_everything_and_keeps_redemptions_anonymous(client, hobby, category, organization):
    token, _ = register(client, interests=[str(category.pk)])
    gql(client, ADD, {"id": str(hobby.pk)}, token=token)
    gql(client, RECORD, {"items": [{"hobbyId": str(hobby.pk), "kind": "VIEW"}]}, token=token)
    benefit = make_benefit(organization)
    Redemption.objects.create(benefit=benefit, device=Device.objects.get(), code="ABC123")
    kept, _ = Device.register()
    Favourite.objects.create(device=kept, hobby=hobby)

    payload = gql(client, FORGET, token=token)["data"]["forgetDevice"]
    assert payload == {"ok": True, "errors": []}
    assert list(Device.objects.all()) == [kept]
    assert list(Favourite.objects.values_list("device", flat=True)) == [kept.pk]
    assert not Interaction.objects.exists()
    assert not Device.interests.through.objects.exists()
    redemption = Redemption.objects.get()
    assert redemption.device_id is None and redemption.benefit == benefit

    body = gql(client, ME, token=token)
    assert top_codes(body) == ["UNAUTHENTICATED"]
    assert codes(gql(client, FORGET, token=token)["data"]["forgetDevice"]) == [(None, "UNAUTHENTICATED")]


# --- arbitrary input never breaks the API ---------------------------------------------------------

PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
anything = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0xFFFF), min_size=2000, max_size=2100),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.sampled_from(["00100", "Kallio", "FI", "SV", "UNDER_13", "VIEW", "1", "2", "IOS", "1e3"]),
)
maybe_id = st.one_of(
    st.integers(min_value=-5, max_value=2**66).map(str), st.text(max_size=25), st.integers(-(2**40), 2**40)
)


def post_anything(client, query, variables, token=None):
    extra = {"HTTP_AUTHORIZATION": f"Device {token}"} if token else {}
    response = client.post(
        "/graphql", {"query": query, "variables": variables}, content_type="application/json", **extra
    )
    # 200 with data (and typed payload errors), or 400 when the variables fail GraphQL's own validation.
    assert response.status_code in (200, 400), response.content
    body = response.json()
    if response.status_code == 400:
        assert body["errors"] and "data" not in body
    else:
        assert "errors" not in body, body
    return response.status_code, body


@PROPERTY_SETTINGS
@given(
    language=anything,
    age_group=anything,
    home_area=anything,
    interests=st.one_of(st.none(), st.lists(maybe_id, max_size=4), anything),
    personalisation=anything,
)
def test_register_device_never_fails_on_arbitrary_input(
    client, db, language, age_group, home_area, interests, personalisation
):
    before = Device.objects.count()
    variables = {
        "input": {
            "language": language,
            "ageGroup": age_group,
            "homeArea": home_area,
            "interests": interests,
            "personalisation": personalisation,
        }
    }
    status, body = post_anything(client, REGISTER, variables)
    payload = body.get("data", {}).get("registerDevice") if status == 200 else None
    if payload is None or payload["errors"]:
        assert Device.objects.count() == before
        if payload:
            assert payload["token"] is None
    else:
        assert Device.objects.count() == before + 1


@PROPERTY_SETTINGS
@given(items=st.lists(st.fixed_dictionaries({"hobbyId": maybe_id, "kind": anything}), max_size=5))
def test_record_interactions_never_fails_on_arbitrary_input(client, db, hobby, items):
    device, token = Device.register()
    status, body = post_anything(client, RECORD, {"items": items}, token=token)
    stored = Interaction.objects.filter(device=device).count()
    if status == 400:
        assert stored == 0
    else:
        payload = body["data"]["recordInteractions"]
        assert payload["accepted"] == stored == len(items) - len(payload["errors"])
        assert all(e["code"] in {"NOT_FOUND", "INVALID_INPUT"} for e in payload["errors"])


@PROPERTY_SETTINGS
@given(rating=anything, text=anything, hobby_id=st.one_of(st.none(), maybe_id), channel=anything)
def test_submit_feedback_never_fails_on_arbitrary_input(client, db, hobby, rating, text, hobby_id, channel):
    before = Feedback.objects.count()
    variables = {"input": {"rating": rating, "text": text, "hobbyId": hobby_id, "channel": channel}}
    status, body = post_anything(client, FEEDBACK, variables)
    payload = body["data"]["submitFeedback"] if status == 200 else None
    if payload and payload["ok"]:
        assert payload["errors"] == [] and Feedback.objects.count() == before + 1
    else:
        assert Feedback.objects.count() == before
        if payload:
            assert payload["errors"]
