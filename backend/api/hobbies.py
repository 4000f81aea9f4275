"""Hobbies: the searchable, filterable listing (a Relay connection) and the full detail of one hobby.

Only public hobbies (live, not taken down) are ever returned. A page of hobbies with its venue,
organization, municipality, categories, next session and image costs the same number of SQL queries
for 1 row and for 50 (tests pin it): relations are joined or prefetched, the next session is a column.
"""

from __future__ import annotations

import base64
import logging

import graphene
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from backend.analytics.recording import record_search
from backend.hobbies import filters as hobby_filters
from backend.hobbies.models import Hobby
from backend.hobbies.services import public_hobbies, similar_hobbies, upcoming_sessions

from .catalogue import CategoryType, MunicipalityType, category_type, municipality_type
from .common import (
    ApiError,
    ErrorCode,
    Language,
    TranslatedText,
    current_device,
    language_of,
    parse_id,
    selected_fields,
    translated,
    translated_field,
    use_language,
)

logger = logging.getLogger(__name__)

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_SESSIONS = 50
MAX_SIMILAR_CANDIDATES = 200
MAX_SIMILAR = 20

# The fixed sizes the apps ask for; each is generated once and then served from storage.
RENDITIONS = {"SMALL": "fill-320x240", "MEDIUM": "fill-640x480", "LARGE": "max-1280x960"}


# --- enums and inputs -------------------------------------------------------------------------------------


class HobbyOrder(graphene.Enum):
    RELEVANCE = hobby_filters.Ordering.RELEVANCE
    DISTANCE = hobby_filters.Ordering.DISTANCE
    NEXT_SESSION = hobby_filters.Ordering.NEXT_SESSION
    NEWEST = hobby_filters.Ordering.NEWEST


class Weekday(graphene.Enum):
    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6


class PriceKind(graphene.Enum):
    FREE = Hobby.PriceKind.FREE.value
    PAID = Hobby.PriceKind.PAID.value


class Level(graphene.Enum):
    BEGINNER = Hobby.Level.BEGINNER.value
    ALL = Hobby.Level.ALL.value
    INTERMEDIATE = Hobby.Level.INTERMEDIATE.value
    ADVANCED = Hobby.Level.ADVANCED.value


class RenditionSize(graphene.Enum):
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


class NearInput(graphene.InputObjectType):
    lat = graphene.Float(required=True)
    lon = graphene.Float(required=True)
    radius_km = graphene.Float(default_value=10, description="At most 200 km.")


class AccessibilityInput(graphene.InputObjectType):
    """Each fact set to true must be known to hold at the venue."""

    wheelchair_accessible = graphene.Boolean()
    accessible_toilet = graphene.Boolean()
    induction_loop = graphene.Boolean()
    step_free_entrance = graphene.Boolean()


class HobbyFilterInput(graphene.InputObjectType):
    categories = graphene.List(graphene.NonNull(graphene.ID), description="Includes their subcategories.")
    age = graphene.Int(description="The hobby's age range contains this age.")
    free_only = graphene.Boolean()
    max_price = graphene.Float(description="Free hobbies, and paid ones with an amount up to this (euros).")
    weekdays = graphene.List(graphene.NonNull(Weekday), description="An upcoming session on one of these days.")
    time_from = graphene.String(description="An upcoming session starting at or after this local time, HH:MM.")
    time_to = graphene.String(description="An upcoming session starting at or before this local time, HH:MM.")
    date_from = graphene.Date(description="An upcoming session on or after this date.")
    date_to = graphene.Date(description="An upcoming session on or before this date.")
    languages = graphene.List(graphene.NonNull(graphene.String), description="Language of instruction, e.g. fi.")
    municipalities = graphene.List(graphene.NonNull(graphene.ID))
    trial_session = graphene.Boolean(description="Only hobbies where the first time is free.")
    beginner_friendly = graphene.Boolean()
    open_use = graphene.Boolean(description="Only places to go whenever they are open (no sessions).")
    accessibility = graphene.Field(AccessibilityInput)


# --- object types -------------------------------------------------------------------------------------------


class AccessibilityType(graphene.ObjectType):
    """Facts about a venue; null means not known (shown differently from "no")."""

    class Meta:
        name = "Accessibility"

    wheelchair_accessible = graphene.Boolean()
    accessible_toilet = graphene.Boolean()
    induction_loop = graphene.Boolean()
    step_free_entrance = graphene.Boolean()
    details = translated_field("accessibility_info")


class VenueType(graphene.ObjectType):
    class Meta:
        name = "Venue"

    id = graphene.ID(required=True)
    name = translated_field("name")
    street_address = translated_field("street_address")
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    accessibility = graphene.Field(AccessibilityType, required=True)
    directions_url = graphene.String(description="A route to the venue in a map service (null without coordinates).")

    @staticmethod
    def resolve_accessibility(venue, info):
        return venue

    @staticmethod
    def resolve_directions_url(venue, info):
        if not venue.has_location:
            return None
        return f"https://www.google.com/maps/dir/?api=1&destination={venue.latitude:.6f},{venue.longitude:.6f}"


class OrganizationType(graphene.ObjectType):
    class Meta:
        name = "Organization"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = graphene.String(required=True)
    description = translated_field("description")
    website = graphene.String(required=True)
    email = graphene.String(required=True)
    phone = graphene.String(required=True)
    verified = graphene.Boolean(required=True)


class PriceType(graphene.ObjectType):
    class Meta:
        name = "Price"

    kind = graphene.Field(PriceKind, required=True)
    amount = graphene.Float(description="Euros; null when free or only described in words.")
    unit = graphene.String(description="once, month, term, year or course.")
    details = graphene.Field(TranslatedText, required=True)


class RenditionType(graphene.ObjectType):
    class Meta:
        name = "Rendition"

    size = graphene.Field(RenditionSize, required=True)
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class ImageType(graphene.ObjectType):
    class Meta:
        name = "Image"

    url = graphene.String(required=True, description="The original (an uploaded image's largest size).")
    alt = graphene.Field(TranslatedText, required=True)
    credit = graphene.String(required=True)
    license = graphene.String(required=True)
    renditions = graphene.List(graphene.NonNull(RenditionType), required=True)


class SessionType(graphene.ObjectType):
    class Meta:
        name = "Session"

    id = graphene.ID(required=True)
    start = graphene.DateTime(required=True)
    end = graphene.DateTime()
    weekday = graphene.Field(Weekday, required=True)
    cancelled = graphene.Boolean(required=True)


class HobbyNode(graphene.ObjectType):
    """A hobby. The listing fields are cheap; `sessions`, `similarHobbies` and `benefits` are for the detail."""

    class Meta:
        name = "Hobby"

    id = graphene.ID(required=True)
    title = translated_field("title")
    summary = translated_field("summary")
    description = translated_field("description")
    what_to_bring = translated_field("what_to_bring")
    categories = graphene.List(graphene.NonNull(CategoryType), required=True)
    age_min = graphene.Int(required=True)
    age_max = graphene.Int(required=True)
    level = graphene.Field(Level, required=True)
    beginner_friendly = graphene.Boolean(required=True)
    instruction_languages = graphene.List(graphene.NonNull(graphene.String), required=True)
    price = graphene.Field(PriceType, required=True)
    trial_session = graphene.Boolean(required=True)
    open_use = graphene.Boolean(required=True)
    next_session_start = graphene.DateTime()
    distance_km = graphene.Float(description="From the `near` point of the search; null without one.")
    venue = graphene.Field(VenueType)
    organization = graphene.Field(OrganizationType, required=True)
    municipality = graphene.Field(MunicipalityType, required=True)
    image = graphene.Field(ImageType)
    registration_url = graphene.String(required=True)
    enrolment_start = graphene.DateTime()
    enrolment_end = graphene.DateTime()
    enrolment_open = graphene.Boolean(required=True, description="Enrolment is open now (or has no window).")
    calendar_url = graphene.String(required=True, description="The upcoming sessions as an iCalendar file.")
    published_at = graphene.DateTime()
    source = graphene.String(required=True, description="Where the data comes from: the CMS or an open-data source.")
    sessions = graphene.List(
        graphene.NonNull(SessionType),
        required=True,
        first=graphene.Int(default_value=10),
        description="Upcoming sessions, soonest first (at most 50).",
    )
    similar_hobbies = graphene.List(
        graphene.NonNull(lambda: HobbyNode), required=True, first=graphene.Int(default_value=6)
    )
    benefits = graphene.List(
        graphene.NonNull("backend.api.benefits.BenefitType"),
        required=True,
        description="Benefits for this hobby that can be redeemed now.",
    )

    @staticmethod
    def resolve_categories(hobby, info):
        language = language_of(info)
        return [category_type(c, language) for c in hobby.categories.all()]

    @staticmethod
    def resolve_beginner_friendly(hobby, info):
        return hobby.level in (Hobby.Level.BEGINNER, Hobby.Level.ALL)

    @staticmethod
    def resolve_instruction_languages(hobby, info):
        return hobby.instruction_language_list

    @staticmethod
    def resolve_price(hobby, info):
        return PriceType(
            kind=hobby.price_kind,
            amount=float(hobby.price_amount) if hobby.price_amount is not None else None,
            unit=hobby.price_unit or None,
            details=translated(hobby, "price_text", language_of(info)),
        )

    @staticmethod
    def resolve_distance_km(hobby, info):
        distance_sq = getattr(hobby, "distance_sq", None)
        return round(distance_sq**0.5, 2) if distance_sq is not None else None

    @staticmethod
    def resolve_municipality(hobby, info):
        return municipality_type(hobby.municipality, language_of(info))

    @staticmethod
    def resolve_image(hobby, info):
        return image_type(hobby, info)

    @staticmethod
    def resolve_enrolment_open(hobby, info):
        from django.utils import timezone

        now = timezone.now()
        return (hobby.enrolment_start is None or hobby.enrolment_start <= now) and (
            hobby.enrolment_end is None or now < hobby.enrolment_end
        )

    @staticmethod
    def resolve_calendar_url(hobby, info):
        path = f"/hobbies/{hobby.pk}.ics?lang={language_of(info)}"
        return info.context.build_absolute_uri(path) if info.context is not None else path

    @staticmethod
    def resolve_published_at(hobby, info):
        return hobby.first_published_at

    @staticmethod
    def resolve_source(hobby, info):
        return hobby.data_source

    @staticmethod
    def resolve_sessions(hobby, info, first=10):
        if not 0 <= first <= MAX_SESSIONS:
            raise ApiError(
                ErrorCode.OUT_OF_RANGE,
                _("Ask for between 0 and %(max)d sessions.") % {"max": MAX_SESSIONS},
                field="sessions.first",
            )
        return list(upcoming_sessions(hobby, limit=first)) if first else []

    @staticmethod
    def resolve_similar_hobbies(hobby, info, first=6):
        if not 0 <= first <= MAX_SIMILAR:
            raise ApiError(
                ErrorCode.OUT_OF_RANGE,
                _("Ask for between 0 and %(max)d similar hobbies.") % {"max": MAX_SIMILAR},
                field="similarHobbies.first",
            )
        if not first:
            return []
        from backend.recommendations.data import bookable
        from backend.recommendations.services import similar_order

        # the candidates share a category, fit the ages and can be joined (the database); the model orders them
        candidates = similar_hobbies(hobby).filter(bookable()).values_list("pk", flat=True)
        candidates = list(candidates[:MAX_SIMILAR_CANDIDATES])
        ordered = similar_order(hobby, candidates)[:first]
        rows = {h.pk: h for h in listing_queryset(Hobby.objects.filter(pk__in=ordered), info)}
        return [rows[pk] for pk in ordered if pk in rows]

    @staticmethod
    def resolve_benefits(hobby, info):
        from backend.benefits.services import active_q, public_benefits

        from .benefits import benefit_listing

        benefits = public_benefits().filter(active_q(), hobby=hobby).order_by("valid_until", "id")
        return list(benefit_listing(benefits, current_device(info), info)[:MAX_SIMILAR])


def image_type(hobby: Hobby, info) -> ImageType | None:
    language = language_of(info)
    alt = translated(hobby, "image_alt", language)
    if hobby.image_id and hobby.image is not None:
        renditions = []
        try:
            for size, rendition in hobby.image.get_renditions(*RENDITIONS.values()).items():
                label = next(k for k, spec in RENDITIONS.items() if spec == size)
                renditions.append(
                    RenditionType(
                        size=label, url=_absolute(info, rendition.url), width=rendition.width, height=rendition.height
                    )
                )
        except Exception:  # a missing or broken file must not break the listing
            logger.warning("renditions failed for image %s", hobby.image_id, exc_info=True)
        largest = renditions[-1].url if renditions else _absolute(info, hobby.image.file.url)
        return ImageType(
            url=largest,
            alt=alt,
            credit=hobby.image_credit,
            license=hobby.image_license,
            renditions=renditions,
        )
    if hobby.image_url:
        return ImageType(
            url=hobby.image_url, alt=alt, credit=hobby.image_credit, license=hobby.image_license, renditions=[]
        )
    return None


def _absolute(info, url: str) -> str:
    if url.startswith(("http://", "https://")) or info.context is None:
        return url
    return info.context.build_absolute_uri(url)


# --- the connection -----------------------------------------------------------------------------------------


class HobbyEdge(graphene.ObjectType):
    cursor = graphene.String(required=True)
    node = graphene.Field(HobbyNode, required=True)


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String()
    end_cursor = graphene.String()


class HobbyConnection(graphene.ObjectType):
    """A page of hobbies. `totalCount` is only counted when asked for."""

    total_count = graphene.Int(required=True)
    edges = graphene.List(graphene.NonNull(HobbyEdge), required=True)
    page_info = graphene.Field(PageInfo, required=True)

    def __init__(self, queryset, offset: int, rows: list, has_next: bool):
        super().__init__()
        self._queryset, self._offset, self._rows, self._has_next = queryset, offset, rows, has_next
        self._total: int | None = None

    def total(self) -> int:
        """The number of rows in all pages, counted once (the search statistics need it too)."""
        if self._total is None:
            exact = self._offset == 0 and self._rows and not self._has_next
            self._total = len(self._rows) if exact else self._queryset.count()
        return self._total

    @staticmethod
    def resolve_total_count(page, info):
        return page.total()

    @staticmethod
    def resolve_edges(page, info):
        return [HobbyEdge(cursor=encode_cursor(page._offset + i + 1), node=row) for i, row in enumerate(page._rows)]

    @staticmethod
    def resolve_page_info(page, info):
        count = len(page._rows)
        return PageInfo(
            has_next_page=page._has_next,
            has_previous_page=page._offset > 0,
            start_cursor=encode_cursor(page._offset + 1) if count else None,
            end_cursor=encode_cursor(page._offset + count) if count else None,
        )


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"o:{position}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The number of rows before the next page; a malformed cursor is an INVALID_INPUT error."""
    if not cursor:
        return 0
    try:
        kind, _sep, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        position = int(value)
        if kind != "o" or not 0 <= position <= 100_000:
            raise ValueError
    except (ValueError, UnicodeError, TypeError) as exc:
        raise ApiError(
            ErrorCode.INVALID_INPUT, _("The cursor is not valid; start again from the first page."), field="after"
        ) from exc
    return position


def listing_queryset(queryset, info=None, path: tuple[str, ...] = ()):
    """The relations a listing node reads, with a fixed number of queries for any page size.

    With ``info`` (and the ``path`` from the current field down to the hobby), categories and image
    renditions are fetched only when the query selects them.
    """
    wanted = selected_fields(info, path) if info is not None else {"categories", "image"}
    related = ["venue", "organization", "municipality"]
    prefetch: list = []
    if "categories" in wanted:
        prefetch.append("categories")
    if "image" in wanted:
        related.append("image")
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=RENDITIONS.values())
        prefetch.append(Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"))
    return queryset.select_related(*related).prefetch_related(*prefetch)


def fetch_rows(queryset, offset: int, limit: int, info=None, path: tuple[str, ...] = ()) -> list[Hobby]:
    """Rows ``offset … offset + limit`` of ``queryset`` with their relations, in two steps: the ids (and any
    annotations such as the distance or the search rank) in the queryset's order, which the database can
    sort narrow rows for, and then only those rows in full."""
    if limit <= 0:
        return []
    extras = [*queryset.query.annotation_select, *queryset.query.extra_select]
    keyed = list(queryset.values_list("pk", *extras)[offset : offset + limit])
    if not keyed:
        return []
    chosen = Hobby.objects.filter(pk__in=[k[0] for k in keyed]).order_by()
    full = {row.pk: row for row in listing_queryset(chosen, info, path)}
    rows = []
    for pk, *values in keyed:
        row = full.get(pk)
        if row is not None:
            for name, value in zip(extras, values, strict=True):
                setattr(row, name, value)
            rows.append(row)
    return rows


def check_page_size(first: int | None, field: str = "first") -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ApiError(
            ErrorCode.OUT_OF_RANGE,
            _("Ask for between 0 and %(max)d hobbies at a time.") % {"max": MAX_PAGE_SIZE},
            field=field,
        )
    return first


def hobby_page(queryset, first: int | None = None, after: str | None = None, info=None) -> HobbyConnection:
    """One page of ``queryset`` (already filtered and ordered) as a connection; ``first`` is capped."""
    first = check_page_size(first)
    offset = decode_cursor(after)
    rows = fetch_rows(queryset, offset, first + 1, info, ("edges", "node")) if first else []
    return HobbyConnection(queryset, offset, rows[:first], len(rows) > first)


# --- from GraphQL arguments to the filter set ------------------------------------------------------------------

# form field → GraphQL argument path, for error messages that point at what the client sent
_ARGUMENT_OF = {
    "text": "text",
    "lat": "near.lat",
    "lon": "near.lon",
    "radius_km": "near.radiusKm",
}
_ERROR_CODES = {
    "min_value": ErrorCode.OUT_OF_RANGE,
    "max_value": ErrorCode.OUT_OF_RANGE,
    "max_length": ErrorCode.OUT_OF_RANGE,
    "invalid_choice": ErrorCode.NOT_FOUND,
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def filter_data(text=None, near=None, filter=None) -> dict:  # noqa: A002 - the GraphQL argument's name
    data: dict = {}
    if text is not None:
        data["text"] = text
    if near is not None:
        data.update(lat=near.lat, lon=near.lon, radius_km=near.radius_km if near.radius_km is not None else 10)
    if filter:
        for key, value in dict(filter).items():
            if value is None:
                continue
            if key == "accessibility":
                data.update({k: v for k, v in dict(value).items() if v is not None})
            elif key == "weekdays":
                data[key] = [str(getattr(d, "value", d)) for d in value]
            elif key in ("date_from", "date_to"):
                data[key] = value.isoformat()
            else:
                data[key] = value
    return data


def filtered_hobbies(queryset, data: dict, ordering=None):
    """Apply the filters and the ordering; invalid input raises ApiError naming the argument and why."""
    hobby_filter = hobby_filters.HobbyFilter(data, queryset=queryset)
    if not hobby_filter.is_valid():
        field, errors = next(iter(hobby_filter.form.errors.as_data().items()))
        error = errors[0]
        argument = _ARGUMENT_OF.get(field, f"filter.{_camel(field)}")
        code = _ERROR_CODES.get(error.code, ErrorCode.INVALID_INPUT)
        message = " ".join(str(m) for m in error.messages)
        raise ApiError(code, f"{argument}: {message}", field=argument)
    result = hobby_filter.qs
    ordering_value = getattr(ordering, "value", ordering)
    has_near = data.get("lat") is not None
    if ordering_value == hobby_filters.Ordering.DISTANCE and not has_near:
        raise ApiError(ErrorCode.INVALID_INPUT, _("Ordering by distance needs a location (near)."), field="orderBy")
    return hobby_filters.order(result, ordering_value, has_text=hobby_filter.text_matched, has_near=has_near)


class HobbyQuery(graphene.ObjectType):
    hobbies = graphene.Field(
        HobbyConnection,
        required=True,
        text=graphene.String(description="Words or beginnings of words, in any language; accents don't matter."),
        near=graphene.Argument(NearInput),
        filter=graphene.Argument(HobbyFilterInput),
        order_by=graphene.Argument(HobbyOrder),
        first=graphene.Int(description=f"At most {MAX_PAGE_SIZE}; {DEFAULT_PAGE_SIZE} when not given."),
        after=graphene.String(),
        lang=graphene.Argument(Language),
    )
    hobby = graphene.Field(HobbyNode, id=graphene.ID(required=True), lang=graphene.Argument(Language))

    @staticmethod
    def resolve_hobbies(
        root,
        info,
        text=None,
        near=None,
        filter=None,
        order_by=None,
        first=None,
        after=None,  # noqa: A002
        lang=None,
    ):
        use_language(info, lang)
        first = check_page_size(first)
        data = filter_data(text, near, filter)
        queryset = filtered_hobbies(public_hobbies(), data, order_by)
        page = hobby_page(queryset, first, after, info)
        if after is None:  # a new search, not the next page of one
            record_search(info.context, data, page.total)
        return page

    @staticmethod
    def resolve_hobby(root, info, id, lang=None):  # noqa: A002
        use_language(info, lang)
        pk = parse_id(id)
        hobby = listing_queryset(public_hobbies(), info).filter(pk=pk).first()
        if hobby is None:
            raise ApiError(ErrorCode.NOT_FOUND, _("No such hobby (it may have ended or been removed)."), field="id")
        return hobby
