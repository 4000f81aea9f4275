"""Hobbies: the searchable, filterable listing (a Relay connection) and the full detail of one hobby."""

from __future__ import annotations

import base64

import graphene
from django.utils.translation import gettext as _

from backend.hobbies.services import public_hobbies

from .common import ApiError, ErrorCode, Language, TranslatedText, language_of, translated, use_language

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20


class HobbyNode(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.Field(TranslatedText, required=True)

    @staticmethod
    def resolve_title(hobby, info):
        return translated(hobby, "title", language_of(info))


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

    @staticmethod
    def resolve_total_count(page, info):
        return page._queryset.count()

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
        if kind != "o" or not 0 <= position <= 1_000_000:
            raise ValueError
    except (ValueError, UnicodeError, TypeError) as exc:
        raise ApiError(
            ErrorCode.INVALID_INPUT, _("The cursor is not valid; start again from the first page."), field="after"
        ) from exc
    return position


def listing_queryset(queryset):
    """The relations a listing node reads, fetched with a fixed number of queries for any page size."""
    return queryset.select_related("venue", "organization", "municipality").prefetch_related("categories")


def hobby_page(queryset, first: int | None = None, after: str | None = None) -> HobbyConnection:
    """One page of ``queryset`` (already filtered and ordered) as a connection; ``first`` is capped."""
    if first is None:
        first = DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ApiError(
            ErrorCode.OUT_OF_RANGE,
            _("Ask for between 0 and %(max)d hobbies at a time.") % {"max": MAX_PAGE_SIZE},
            field="first",
        )
    offset = decode_cursor(after)
    rows = list(listing_queryset(queryset)[offset : offset + first + 1]) if first else []
    return HobbyConnection(queryset, offset, rows[:first], len(rows) > first)


class HobbyQuery(graphene.ObjectType):
    hobbies = graphene.Field(
        HobbyConnection,
        required=True,
        first=graphene.Int(),
        after=graphene.String(),
        lang=graphene.Argument(Language),
    )

    @staticmethod
    def resolve_hobbies(root, info, first=None, after=None, lang=None):
        use_language(info, lang)
        return hobby_page(public_hobbies().order_by("next_session_start", "id"), first, after)
