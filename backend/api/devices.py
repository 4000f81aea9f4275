"""The anonymous device: registration, profile, favourites, interactions, feedback, my data, forgetting.

A device is a random id and the hash of a secret token (``Authorization: Device <token>``). Nothing
personal is accepted: a language, an optional age group, an optional coarse home area (a postal code
or a district), interests and two consents. Every mutation is rate limited (``ratelimit.py``) and
answers with ``errors: [FieldError!]!``; bad input changes nothing.
"""

from __future__ import annotations

import copy
import re

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from graphene.types.generic import GenericScalar

from backend.devices.models import Device, Favourite, Interaction
from backend.feedback.models import Feedback
from backend.hobbies.models import Category
from backend.hobbies.services import public_hobbies

from .catalogue import CategoryType
from .common import (
    ApiError,
    ErrorCode,
    FieldError,
    Language,
    current_device,
    field_error,
    id_or_none,
    interface_language,
    language_of,
    request_language,
    require_device,
    translated,
    use_language,
)
from .ratelimit import check_rate_limit

MAX_INTERACTIONS_PER_CALL = 100
MAX_INTERESTS = 100
MAX_FEEDBACK_TEXT = 2000
POSTAL_CODE = re.compile(r"[0-9]{5}")

AgeGroup = graphene.Enum.from_enum(Device.AgeGroup, description="An age group; never a birth date.")
FeedbackChannel = graphene.Enum.from_enum(
    Feedback.Channel, name="FeedbackChannel", description="Where the feedback was given."
)


class InteractionKind(graphene.Enum):
    """What a device did with a hobby (favourites go through `addFavourite`)."""

    VIEW = Interaction.Kind.VIEW.value
    SHARE = Interaction.Kind.SHARE.value
    JOIN_CLICK = Interaction.Kind.JOIN_CLICK.value
    DISMISS = Interaction.Kind.DISMISS.value


def errors_field():
    return graphene.List(graphene.NonNull(FieldError), required=True)


def enum_value(value):
    return getattr(value, "value", value)


# --- helpers ------------------------------------------------------------------------------------


def seen(device: Device) -> Device:
    """Record that the device was used today: one UPDATE, at most once a day."""
    today = timezone.localdate()
    if device.last_seen_on != today:
        Device.objects.filter(pk=device.pk).exclude(last_seen_on=today).update(last_seen_on=today)
        device.last_seen_on = today
    return device


def query_device(info, *, required: bool) -> Device | None:
    """The calling device for a query (ApiError UNAUTHENTICATED when required and missing)."""
    device = require_device(info) if required else current_device(info)
    return seen(device) if device is not None else None


def mutation_device(info) -> tuple[Device | None, FieldError | None]:
    """The calling device for a mutation, or the UNAUTHENTICATED error to return in its payload."""
    try:
        device = require_device(info)
    except ApiError as exc:
        return None, field_error(None, ErrorCode.UNAUTHENTICATED, exc.message)
    return seen(device), None


def storable_text(value: str) -> bool:
    """False for text no database can store: NUL characters or lone surrogates."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


VALIDATION_CODES = {
    "max_length": ErrorCode.OUT_OF_RANGE,
    "min_value": ErrorCode.OUT_OF_RANGE,
    "max_value": ErrorCode.OUT_OF_RANGE,
}


def validation_errors(exc: ValidationError, names: dict[str, str]) -> list[FieldError]:
    """A model's ValidationError as FieldErrors, with model field names mapped to GraphQL argument names."""
    errors, seen_messages = [], set()
    error_dict = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
    for model_field, field_errors in error_dict.items():
        field = names.get(model_field) if model_field != "__all__" else None
        for error in field_errors:
            code = VALIDATION_CODES.get(error.code, ErrorCode.INVALID_INPUT)
            for message in error:
                # clean() and a database constraint may both say the same thing
                if (field, str(message)) not in seen_messages:
                    seen_messages.add((field, str(message)))
                    errors.append(field_error(field, code, message))
    return errors


# --- the device -------------------------------------------------------------------------------


class DeviceType(graphene.ObjectType):
    """The calling device's profile. Nothing here identifies a person."""

    class Meta:
        name = "Device"

    id = graphene.ID(required=True)
    language = graphene.Field(Language, required=True)
    age_group = graphene.Field(AgeGroup)
    home_area = graphene.String(description="A postal code or a district, never an address.")
    interest_ids = graphene.List(graphene.NonNull(graphene.ID), required=True, description="Category ids.")
    interests = graphene.List(graphene.NonNull(CategoryType), required=True)
    personalisation = graphene.Boolean(required=True, description="Suggestions may use what the device did.")
    analytics = graphene.Boolean(required=True, description="What the device does may be counted anonymously.")
    last_seen_on = graphene.Date(required=True)

    @staticmethod
    def resolve_language(device, info):
        return enum_value(device.language)

    @staticmethod
    def resolve_age_group(device, info):
        return enum_value(device.age_group) or None

    @staticmethod
    def resolve_home_area(device, info):
        return device.home_area or None

    @staticmethod
    def resolve_interest_ids(device, info):
        return [category.pk for category in _interests(device)]

    @staticmethod
    def resolve_interests(device, info):
        language = language_of(info)
        return [
            CategoryType(id=c.pk, slug=c.slug, icon=c.icon, parent_id=c.parent_id, name=translated(c, "name", language))
            for c in _interests(device)
        ]


def _interests(device: Device) -> list[Category]:
    # Fetched once per device object even when both interestIds and interests are asked for.
    cached = getattr(device, "_api_interests", None)
    if cached is None:
        cached = list(device.interests.order_by("sort_order", "name_fi", "pk"))
        device._api_interests = cached
    return cached


class DeviceInput(graphene.InputObjectType):
    """The whole profile a device may have. In `updateDevice` only the given fields change; null clears
    `ageGroup`, `homeArea` and `interests`."""

    language = graphene.InputField(Language)
    age_group = graphene.InputField(AgeGroup)
    home_area = graphene.String(description="A postal code (five digits) or a district name; never an address.")
    interests = graphene.List(graphene.NonNull(graphene.ID), description="Category ids.")
    personalisation = graphene.Boolean()
    analytics = graphene.Boolean()


PROFILE_NAMES = {
    "language": "language",
    "age_group": "ageGroup",
    "home_area": "homeArea",
    "personalisation": "personalisation",
    "analytics": "analytics",
}


def apply_profile(device: Device, data, *, creating: bool):
    """Set the given profile fields on ``device`` (unsaved) and validate them.

    Returns (changed model fields, interests to set or None when not given, errors).
    """
    errors: list[FieldError] = []
    changed: list[str] = []

    for name in ("language", "personalisation", "analytics"):
        if name not in data:
            continue
        value = data[name]
        if value is None:
            if not creating:
                errors.append(field_error(PROFILE_NAMES[name], ErrorCode.INVALID_INPUT, _("This cannot be empty.")))
            continue
        setattr(device, name, enum_value(value))
        changed.append(name)

    if "age_group" in data:
        device.age_group = enum_value(data["age_group"]) or ""
        changed.append("age_group")

    if "home_area" in data:
        area = (data["home_area"] or "").strip()
        if len(area) > 200 or not storable_text(area):
            errors.append(field_error("homeArea", ErrorCode.INVALID_INPUT, _("Give a postal code or a district name.")))
        elif any(ch.isdigit() for ch in area) and not POSTAL_CODE.fullmatch(area):
            errors.append(
                field_error(
                    "homeArea",
                    ErrorCode.INVALID_INPUT,
                    _("Give only a postal code (five digits) or a district name, not an address."),
                )
            )
        else:
            device.home_area = area
            changed.append("home_area")

    interests = None
    if "interests" in data:
        interests, interest_errors = _categories(data["interests"] or [])
        errors.extend(interest_errors)

    try:
        device.full_clean(exclude=["id", "token_hash", "created_at", "last_seen_on"], validate_unique=False)
    except ValidationError as exc:
        errors.extend(validation_errors(exc, PROFILE_NAMES))
    return changed, interests, errors


def _categories(values) -> tuple[list[Category], list[FieldError]]:
    if len(values) > MAX_INTERESTS:
        message = _("Choose at most %(max)d interests.") % {"max": MAX_INTERESTS}
        return [], [field_error("interests", ErrorCode.OUT_OF_RANGE, message)]
    ids = [id_or_none(value) for value in values]
    if any(pk is None for pk in ids):
        return [], [field_error("interests", ErrorCode.INVALID_INPUT, _("A category id is not valid."))]
    categories = list(Category.objects.filter(pk__in=set(ids)))
    if len(categories) != len(set(ids)):
        return [], [field_error("interests", ErrorCode.NOT_FOUND, _("Some of these categories do not exist."))]
    return categories, []


class RegisterDevice(graphene.Mutation):
    """Create an anonymous device. The token is shown only here: keep it, it cannot be recovered."""

    class Meta:
        name = "RegisterDevicePayload"

    class Arguments:
        input = DeviceInput()

    device = graphene.Field(DeviceType)
    token = graphene.String(description="Send it as `Authorization: Device <token>`. Shown only once.")
    errors = errors_field()

    @classmethod
    def mutate(cls, root, info, input=None):  # noqa: A002 - the GraphQL argument is called input
        # An Authorization header is ignored here: registering again is how a forgotten device recovers.
        with interface_language(info):
            limited = check_rate_limit(info, "registerDevice")
            if limited:
                return cls(errors=[limited])
            draft = Device()
            _changed, interests, errors = apply_profile(draft, input or {}, creating=True)
            if errors:
                return cls(errors=errors)
            profile = {name: getattr(draft, name) for name in PROFILE_NAMES}
            with transaction.atomic():
                device, token = Device.register(**profile)
                if interests:
                    device.interests.set(interests)
            return cls(device=device, token=token, errors=[])


class UpdateDevice(graphene.Mutation):
    """Change the given fields of the calling device's profile."""

    class Meta:
        name = "UpdateDevicePayload"

    class Arguments:
        input = DeviceInput(required=True)

    device = graphene.Field(DeviceType)
    errors = errors_field()

    @classmethod
    def mutate(cls, root, info, input):  # noqa: A002
        with interface_language(info):
            limited = check_rate_limit(info, "updateDevice")
            if limited:
                return cls(errors=[limited])
            device, error = mutation_device(info)
            if error:
                return cls(errors=[error])
            draft = copy.copy(device)
            changed, interests, errors = apply_profile(draft, input, creating=False)
            if errors:
                return cls(errors=errors)
            with transaction.atomic():
                for name in changed:
                    setattr(device, name, getattr(draft, name))
                if changed:
                    device.save(update_fields=changed)
                if interests is not None:
                    device.interests.set(interests)
                    device._api_interests = None
            return cls(device=device, errors=[])


class ForgetDevice(graphene.Mutation):
    """Delete the calling device and everything it remembered. Benefit uses stay only as anonymous counts."""

    class Meta:
        name = "ForgetDevicePayload"

    ok = graphene.Boolean(required=True)
    errors = errors_field()

    @classmethod
    def mutate(cls, root, info):
        with interface_language(info):
            limited = check_rate_limit(info, "forgetDevice")
            if limited:
                return cls(ok=False, errors=[limited])
            device, error = mutation_device(info)
            if error:
                return cls(ok=False, errors=[error])
            device.delete()  # favourites, interactions and interests cascade; redemptions lose the device
            return cls(ok=True, errors=[])


# --- favourites and interactions ------------------------------------------------------------------


def allows_recording(device: Device) -> bool:
    return device.personalisation or device.analytics


def _hobby_id_error(field: str, value) -> tuple[int | None, FieldError | None]:
    pk = id_or_none(value)
    if pk is None:
        return None, field_error(field, ErrorCode.INVALID_INPUT, _("This is not a hobby id."))
    return pk, None


class FavouritePayload(graphene.ObjectType):
    hobby_id = graphene.ID()
    favourited = graphene.Boolean()
    errors = errors_field()


class AddFavourite(graphene.Mutation):
    """Remember a public hobby (idempotent)."""

    Output = FavouritePayload

    class Arguments:
        hobby_id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root, info, hobby_id):
        with interface_language(info):
            limited = check_rate_limit(info, "addFavourite")
            if limited:
                return FavouritePayload(errors=[limited])
            device, error = mutation_device(info)
            if error:
                return FavouritePayload(errors=[error])
            pk, error = _hobby_id_error("hobbyId", hobby_id)
            hobby = public_hobbies().filter(pk=pk).first() if pk else None
            if error or hobby is None:
                not_found = field_error("hobbyId", ErrorCode.NOT_FOUND, _("No such hobby."))
                return FavouritePayload(errors=[error or not_found])
            with transaction.atomic():
                _favourite, created = Favourite.objects.get_or_create(device=device, hobby=hobby)
                if created and allows_recording(device):
                    Interaction.objects.create(device=device, hobby=hobby, kind=Interaction.Kind.FAVOURITE)
            return FavouritePayload(hobby_id=hobby.pk, favourited=True, errors=[])


class RemoveFavourite(graphene.Mutation):
    """Forget a favourite (idempotent; works also for hobbies that are no longer public)."""

    Output = FavouritePayload

    class Arguments:
        hobby_id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root, info, hobby_id):
        with interface_language(info):
            limited = check_rate_limit(info, "removeFavourite")
            if limited:
                return FavouritePayload(errors=[limited])
            device, error = mutation_device(info)
            if error:
                return FavouritePayload(errors=[error])
            pk, error = _hobby_id_error("hobbyId", hobby_id)
            if error:
                return FavouritePayload(errors=[error])
            Favourite.objects.filter(device=device, hobby_id=pk).delete()
            return FavouritePayload(hobby_id=pk, favourited=False, errors=[])


class InteractionInput(graphene.InputObjectType):
    hobby_id = graphene.ID(required=True)
    kind = InteractionKind(required=True)


class RecordInteractions(graphene.Mutation):
    """Record what the device did with hobbies, in batches of at most 100.

    Nothing is stored when the device allows neither personalisation nor analytics.
    """

    class Meta:
        name = "RecordInteractionsPayload"

    class Arguments:
        items = graphene.List(graphene.NonNull(InteractionInput), required=True)

    accepted = graphene.Int(required=True)
    errors = errors_field()

    @classmethod
    def mutate(cls, root, info, items):
        with interface_language(info):
            limited = check_rate_limit(info, "recordInteractions")
            if limited:
                return cls(accepted=0, errors=[limited])
            device, error = mutation_device(info)
            if error:
                return cls(accepted=0, errors=[error])
            if len(items) > MAX_INTERACTIONS_PER_CALL:
                message = _("Send at most %(max)d interactions at a time.") % {"max": MAX_INTERACTIONS_PER_CALL}
                return cls(accepted=0, errors=[field_error("items", ErrorCode.OUT_OF_RANGE, message)])
            if not allows_recording(device):
                return cls(accepted=0, errors=[])

            errors, wanted = [], []
            for index, item in enumerate(items):
                pk, error = _hobby_id_error(f"items.{index}.hobbyId", item.hobby_id)
                if error:
                    errors.append(error)
                else:
                    wanted.append((index, pk, enum_value(item.kind)))
            public = set(public_hobbies().filter(pk__in={pk for _i, pk, _k in wanted}).values_list("pk", flat=True))
            now = timezone.now()
            rows = []
            for index, pk, kind in wanted:
                if pk in public:
                    rows.append(Interaction(device=device, hobby_id=pk, kind=kind, created_at=now))
                else:
                    errors.append(field_error(f"items.{index}.hobbyId", ErrorCode.NOT_FOUND, _("No such hobby.")))
            if rows:
                Interaction.objects.bulk_create(rows)
            errors.sort(key=lambda e: int(e.field.split(".")[1]))
            return cls(accepted=len(rows), errors=errors)


# --- feedback -----------------------------------------------------------------------------------


class FeedbackInput(graphene.InputObjectType):
    rating = graphene.Int(description="1–5 stars.")
    text = graphene.String(description=f"At most {MAX_FEEDBACK_TEXT} characters.")
    hobby_id = graphene.ID()
    channel = graphene.InputField(FeedbackChannel)


FEEDBACK_NAMES = {"rating": "rating", "text": "text", "hobby": "hobbyId", "channel": "channel"}


class SubmitFeedback(graphene.Mutation):
    """Send a rating and/or a text. Feedback is never linked to the device that sent it."""

    class Meta:
        name = "SubmitFeedbackPayload"

    class Arguments:
        input = FeedbackInput(required=True)

    ok = graphene.Boolean(required=True)
    errors = errors_field()

    @classmethod
    def mutate(cls, root, info, input):  # noqa: A002
        # The device (if any) is only counted for rate limiting; feedback works anonymously, so a stale
        # token does not stop it either.
        with interface_language(info):
            limited = check_rate_limit(info, "submitFeedback")
            if limited:
                return cls(ok=False, errors=[limited])
            errors = []
            rating = input.get("rating")
            if rating is not None and not 1 <= rating <= 5:
                errors.append(field_error("rating", ErrorCode.OUT_OF_RANGE, _("The rating must be from 1 to 5 stars.")))
            text = (input.get("text") or "").strip()
            if len(text) > MAX_FEEDBACK_TEXT:
                message = _("Write at most %(max)d characters.") % {"max": MAX_FEEDBACK_TEXT}
                errors.append(field_error("text", ErrorCode.OUT_OF_RANGE, message))
            elif not storable_text(text):
                errors.append(field_error("text", ErrorCode.INVALID_INPUT, _("The text contains invalid characters.")))
            hobby = None
            if input.get("hobby_id") is not None:
                pk, error = _hobby_id_error("hobbyId", input["hobby_id"])
                hobby = public_hobbies().filter(pk=pk).first() if pk else None
                if error or hobby is None:
                    errors.append(error or field_error("hobbyId", ErrorCode.NOT_FOUND, _("No such hobby.")))
            if errors:
                return cls(ok=False, errors=errors)
            feedback = Feedback(
                rating=rating,
                text=text,
                hobby=hobby,
                municipality_id=hobby.municipality_id if hobby else None,
                channel=enum_value(input.get("channel")) or Feedback.Channel.WEB,
                language=request_language(info),
            )
            try:
                feedback.full_clean()
            except ValidationError as exc:
                return cls(ok=False, errors=validation_errors(exc, FEEDBACK_NAMES))
            feedback.save()
            return cls(ok=True, errors=[])


# --- my data ------------------------------------------------------------------------------------


def my_data(device: Device, language: str) -> dict:
    """Everything stored about ``device``, as plain JSON."""
    from backend.benefits.models import Redemption
    from backend.notifications import services as notifications

    public = set(public_hobbies().filter(favourite_links__device=device).values_list("pk", flat=True))
    favourites = [
        {
            "hobbyId": str(link.hobby_id),
            # Titles only of hobbies still public; a taken-down hobby is listed by its id.
            "title": link.hobby.translated("title", language).text if link.hobby_id in public else None,
            "createdAt": link.created_at.isoformat(),
        }
        for link in device.favourite_links.select_related("hobby").order_by("-created_at", "pk")
    ]
    interactions = [
        {"hobbyId": str(hobby_id), "kind": kind, "createdAt": created_at.isoformat()}
        for hobby_id, kind, created_at in device.interactions.order_by("-created_at", "pk").values_list(
            "hobby_id", "kind", "created_at"
        )
    ]
    redemptions = [
        {
            "benefitId": str(redemption.benefit_id),
            "title": redemption.benefit.translated("title", language).text,
            "code": redemption.code,
            "redeemedAt": redemption.redeemed_at.isoformat(),
        }
        for redemption in Redemption.objects.filter(device=device).select_related("benefit").order_by("-redeemed_at")
    ]
    return {
        "profile": {
            "id": str(device.pk),
            "language": enum_value(device.language),
            "ageGroup": enum_value(device.age_group) or None,
            "homeArea": device.home_area or None,
            "personalisation": device.personalisation,
            "analytics": device.analytics,
            "createdAt": device.created_at.isoformat(),
            "lastSeenOn": device.last_seen_on.isoformat(),
        },
        "interests": [
            {"id": str(c.pk), "slug": c.slug, "name": c.translated("name", language).text} for c in _interests(device)
        ],
        "favourites": favourites,
        "interactions": interactions,
        "redemptions": redemptions,
        "notifications": notifications.export(device),  # push token, switches, what was sent
    }


# --- the root fields --------------------------------------------------------------------------


class DeviceQuery(graphene.ObjectType):
    me = graphene.Field(DeviceType, lang=graphene.Argument(Language), description="The calling device, or null.")
    favourites = graphene.Field(
        "backend.api.hobbies.HobbyConnection",
        first=graphene.Int(),
        after=graphene.String(),
        lang=graphene.Argument(Language),
        description="The calling device's favourite hobbies, most recently favourited first.",
    )
    my_data = graphene.Field(
        GenericScalar,
        lang=graphene.Argument(Language),
        description="Everything stored about the calling device (profile, interests, favourites, interactions, "
        "benefit uses, notifications), as JSON.",
    )

    @staticmethod
    def resolve_me(root, info, lang=None):
        use_language(info, lang)
        return query_device(info, required=False)

    @staticmethod
    def resolve_favourites(root, info, first=None, after=None, lang=None):
        from .hobbies import hobby_page

        use_language(info, lang)
        device = query_device(info, required=True)
        favourites = public_hobbies().filter(favourite_links__device=device)
        return hobby_page(favourites.order_by("-favourite_links__created_at", "id"), first, after, info)

    @staticmethod
    def resolve_my_data(root, info, lang=None):
        language = use_language(info, lang)
        return my_data(query_device(info, required=True), language)


class DeviceMutation(graphene.ObjectType):
    register_device = RegisterDevice.Field()
    update_device = UpdateDevice.Field()
    forget_device = ForgetDevice.Field()
    add_favourite = AddFavourite.Field()
    remove_favourite = RemoveFavourite.Field()
    record_interactions = RecordInteractions.Field()
    submit_feedback = SubmitFeedback.Field()
