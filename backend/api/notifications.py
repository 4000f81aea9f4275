"""Push notifications in the API: what the app needs to offer them, opting in and out, the three switches.

The app asks ``pushSettings`` (also without a device) whether the server can send at all and, if so, gets the
Firebase web config and VAPID key to ask the browser for a registration token, which it hands over with
``registerPushToken``. Mutations need the device and answer with ``errors: [FieldError!]!``; they are rate
limited like every mutation (the default per-device and per-address budget).
"""

from __future__ import annotations

import re

import graphene
from django.utils.translation import gettext as _

from backend.notifications import fcm, services
from backend.notifications.models import MAX_TOKEN_LENGTH, PushRegistration

from .common import ErrorCode, field_error, interface_language
from .devices import errors_field, mutation_device, query_device
from .ratelimit import check_rate_limit

# FCM and APNs tokens are printable ASCII without spaces (letters, digits, - _ : and the like).
TOKEN_CHARACTERS = re.compile(r"[\x21-\x7e]+")


class PushPlatform(graphene.Enum):
    """Where the registration token comes from."""

    WEB = PushRegistration.Platform.WEB.value
    IOS = PushRegistration.Platform.IOS.value
    ANDROID = PushRegistration.Platform.ANDROID.value


class PushSettings(graphene.ObjectType):
    """Whether the server sends notifications, what the app needs to ask for a token, and the device's switches."""

    available = graphene.Boolean(required=True, description="Firebase is configured on the server.")
    web_config = graphene.JSONString(
        description="The Firebase web app config for the Firebase JS SDK; null when unset or not available."
    )
    vapid_key = graphene.String(description="The web push (VAPID) public key; null when unset or not available.")
    registered = graphene.Boolean(required=True, description="The calling device has a registration token.")
    new_hobbies = graphene.Boolean(required=True, description="A daily digest of new hobbies for its interests.")
    enrolment_opening = graphene.Boolean(required=True, description="Enrolment to a favourite opens.")
    benefit_expiring = graphene.Boolean(required=True, description="A benefit of a favourite is about to end.")


class PushSettingsPayload(graphene.ObjectType):
    settings = graphene.Field(PushSettings)
    errors = errors_field()


class NotificationPreferencesInput(graphene.InputObjectType):
    """The switches to change; a switch left out (or null) stays as it is."""

    new_hobbies = graphene.Boolean()
    enrolment_opening = graphene.Boolean()
    benefit_expiring = graphene.Boolean()


def _token_error(token: str):
    if not token:
        return field_error("token", ErrorCode.INVALID_INPUT, _("Give the registration token."))
    if len(token) > MAX_TOKEN_LENGTH:
        message = _("A registration token has at most %(max)d characters.") % {"max": MAX_TOKEN_LENGTH}
        return field_error("token", ErrorCode.OUT_OF_RANGE, message)
    if not TOKEN_CHARACTERS.fullmatch(token):
        return field_error("token", ErrorCode.INVALID_INPUT, _("This is not a registration token."))
    return None


def _start(info, action: str):
    """The rate limit and the device, or a payload with the error that stops the mutation."""
    limited = check_rate_limit(info, action)
    if limited:
        return None, PushSettingsPayload(errors=[limited])
    device, error = mutation_device(info)
    if error:
        return None, PushSettingsPayload(errors=[error])
    return device, None


class RegisterPushToken(graphene.Mutation):
    """Opt in: store the FCM registration token of the calling device (replacing its earlier one).

    A token registered by another device moves to this one. NOT_AVAILABLE when the server cannot send.
    """

    Output = PushSettingsPayload

    class Arguments:
        token = graphene.String(required=True)
        platform = PushPlatform(default_value=PushPlatform.WEB.value)

    @classmethod
    def mutate(cls, root, info, token, platform=PushPlatform.WEB.value):
        with interface_language(info):
            device, stop = _start(info, "registerPushToken")
            if stop:
                return stop
            if not fcm.is_configured():
                message = _("Notifications are not available on this server.")
                return PushSettingsPayload(errors=[field_error(None, ErrorCode.NOT_AVAILABLE, message)])
            token = (token or "").strip()
            error = _token_error(token)
            if error:
                return PushSettingsPayload(errors=[error])
            services.register_token(device, token, getattr(platform, "value", platform))
            return PushSettingsPayload(settings=services.push_settings(device), errors=[])


class UnregisterPushToken(graphene.Mutation):
    """Opt out: delete the calling device's token (idempotent; works also when the server cannot send)."""

    Output = PushSettingsPayload

    @classmethod
    def mutate(cls, root, info):
        with interface_language(info):
            device, stop = _start(info, "unregisterPushToken")
            if stop:
                return stop
            services.unregister(device)
            return PushSettingsPayload(settings=services.push_settings(device), errors=[])


class UpdateNotificationPreferences(graphene.Mutation):
    """Switch kinds of notification on or off for the calling device."""

    Output = PushSettingsPayload

    class Arguments:
        input = NotificationPreferencesInput(required=True)

    @classmethod
    def mutate(cls, root, info, input):  # noqa: A002 - the GraphQL argument is called input
        with interface_language(info):
            device, stop = _start(info, "updateNotificationPreferences")
            if stop:
                return stop
            services.update_preferences(device, **{name: input.get(name) for name in services.PREFERENCE_NAMES})
            return PushSettingsPayload(settings=services.push_settings(device), errors=[])


class NotificationQuery(graphene.ObjectType):
    push_settings = graphene.Field(
        PushSettings,
        required=True,
        description="Whether notifications are available and, with a device, its registration and switches.",
    )

    @staticmethod
    def resolve_push_settings(root, info):
        return services.push_settings(query_device(info, required=False))


class NotificationMutation(graphene.ObjectType):
    register_push_token = RegisterPushToken.Field(required=True)
    unregister_push_token = UnregisterPushToken.Field(required=True)
    update_notification_preferences = UpdateNotificationPreferences.Field(required=True)
