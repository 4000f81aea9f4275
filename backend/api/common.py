"""What every part of the API shares: the language of a request, translated texts, error codes, the device.

Errors are typed. A query that cannot be answered raises ``ApiError`` (a GraphQL error whose
``extensions.code`` is one of ``ErrorCode``); a mutation returns ``errors: [FieldError]`` in its
payload instead, so a client can show the message next to the field it concerns.
"""

from __future__ import annotations

import graphene
from django.utils import translation
from graphql import GraphQLError

from backend.core.i18n import CONTENT_LANGUAGES, normalize_language


class Language(graphene.Enum):
    FI = "fi"
    SV = "sv"
    EN = "en"


class TranslatedText(graphene.ObjectType):
    text = graphene.String(required=True)
    language = graphene.String(description="The language of `text` (a fallback when it differs from the request).")


class ErrorCode(graphene.Enum):
    """Why a request or a part of it failed; also used as `extensions.code` of top-level errors."""

    INVALID_INPUT = "INVALID_INPUT"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_ACTIVE = "NOT_ACTIVE"
    SOLD_OUT = "SOLD_OUT"
    LIMIT_REACHED = "LIMIT_REACHED"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
    BODY_TOO_LARGE = "BODY_TOO_LARGE"
    BAD_REQUEST = "BAD_REQUEST"
    INTERNAL = "INTERNAL"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


class FieldError(graphene.ObjectType):
    """One problem with a mutation's input; `field` is the argument it concerns (null: the whole request)."""

    field = graphene.String()
    message = graphene.String(required=True)
    code = graphene.Field(ErrorCode, required=True)


class ApiError(GraphQLError):
    """A top-level GraphQL error with a machine-readable code in ``extensions.code``."""

    def __init__(self, code: str, message: str, **extensions):
        code_value = getattr(code, "value", code)
        super().__init__(str(message), extensions={"code": code_value, **extensions})
        self.code = code_value


MAX_DATABASE_ID = 2**63 - 1


def id_or_none(value) -> int | None:
    """A database id from a GraphQL ID; None when it cannot be one (not a positive whole number)."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_DATABASE_ID else None


def parse_id(value, field: str = "id") -> int:
    """A database id from a GraphQL ID, or an INVALID_INPUT error naming ``field``."""
    pk = id_or_none(value)
    if pk is None:
        raise ApiError(ErrorCode.INVALID_INPUT, translation.gettext("This is not a valid id."), field=field)
    return pk


def field_error(field: str | None, code: str, message) -> FieldError:
    return FieldError(field=field, message=str(message), code=getattr(code, "value", code))


def request_language(info, lang=None) -> str:
    """The content language: the explicit ``lang`` argument, else Accept-Language, else Finnish."""
    if lang:
        value = getattr(lang, "value", lang)
        code = normalize_language(str(value))
        if code in CONTENT_LANGUAGES:
            return code
    request = getattr(info, "context", None)
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "") if request is not None else ""
    for part in header.split(","):
        code = normalize_language(part.split(";")[0])
        if code in CONTENT_LANGUAGES:
            return code
    return "fi"


def translated(obj, field: str, language: str) -> TranslatedText:
    value = obj.translated(field, language)
    return TranslatedText(text=value.text, language=value.language)


class interface_language:  # noqa: N801 - used as a context manager like translation.override
    """Activate the request's language so that error messages come out in it."""

    def __init__(self, info, lang=None):
        self.language = request_language(info, lang)
        self._override = translation.override(self.language)

    def __enter__(self):
        self._override.__enter__()
        return self.language

    def __exit__(self, *exc):
        return self._override.__exit__(*exc)


# --- the device behind a request ----------------------------------------------------------------

_DEVICE_CACHE = "_harrastuspassi_device"


def device_from_request(request):
    """The device named by ``Authorization: Device <token>``; None when the header is absent.

    A header that is present but malformed, or whose token is unknown (revoked, forgotten), raises
    ``ApiError(UNAUTHENTICATED)``: a client must not silently continue as anonymous.
    """
    from backend.devices.models import Device

    if request is None:
        return None
    if hasattr(request, _DEVICE_CACHE):
        return getattr(request, _DEVICE_CACHE)
    header = request.META.get("HTTP_AUTHORIZATION", "")
    device = None
    if header:
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "device" or not token.strip():
            raise ApiError(
                ErrorCode.UNAUTHENTICATED, translation.gettext("Use the header Authorization: Device <token>.")
            )
        device = Device.for_token(token.strip())
        if device is None:
            raise ApiError(
                ErrorCode.UNAUTHENTICATED,
                translation.gettext("This device is not known (it may have been deleted). Register again."),
            )
    setattr(request, _DEVICE_CACHE, device)
    return device


def current_device(info):
    """The calling device, or None for an anonymous request (see ``device_from_request``)."""
    return device_from_request(getattr(info, "context", None))


def require_device(info):
    device = current_device(info)
    if device is None:
        raise ApiError(
            ErrorCode.UNAUTHENTICATED,
            translation.gettext("This needs a registered device: send Authorization: Device <token>."),
        )
    return device


# --- the language chosen by the root field, for nested objects ------------------------------------

_LANGUAGE_ATTR = "_harrastuspassi_language"


def use_language(info, lang=None) -> str:
    """Called by a root field with its ``lang`` argument; nested resolvers then read ``language_of``."""
    language = request_language(info, lang)
    if info.context is not None:
        setattr(info.context, _LANGUAGE_ATTR, language)
    return language


def language_of(info) -> str:
    """The language chosen for this request by its root field (or from Accept-Language)."""
    return getattr(info.context, _LANGUAGE_ATTR, None) or request_language(info)


# --- what the client asked for ------------------------------------------------------------------------


def selected_fields(info, path: tuple[str, ...] = ()) -> set[str]:
    """The GraphQL names of the fields selected under the current field, after walking down ``path``
    (e.g. ``("edges", "node")`` for a connection). Fragments are followed. Resolvers use it to fetch
    related rows only when they are asked for."""
    from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

    def children(selection_set):
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from children(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    yield from children(fragment.selection_set)

    level = list(info.field_nodes)
    for name in path:
        level = [
            child
            for node in level
            if node.selection_set
            for child in children(node.selection_set)
            if child.name.value == name
        ]
    return {child.name.value for node in level if node.selection_set for child in children(node.selection_set)}


def translated_field(model_field: str, **kwargs) -> graphene.Field:
    """A required ``TranslatedText`` field read from ``<model_field>_fi/_sv/_en`` in the request's language."""

    def resolve(obj, info):
        return translated(obj, model_field, language_of(info))

    return graphene.Field(TranslatedText, required=True, resolver=resolve, **kwargs)
