"""The CMS pages the app shows: school intro, info, accessibility statement, privacy notice.

Each page is written in one language; its translations are sibling pages pointing to the original
(``translation_of``). A page "family" is the original and its translations. For the asked language the
API returns the family's version in that language, else falls back fi → sv → en, and ``language`` /
``isFallback`` say which one came back. Only live pages without view restrictions are returned.
"""

from __future__ import annotations

import graphene
from django.db.models import Q
from wagtail.models import Page

from cms.pages.models import AccessibilityStatementPage, InfoPage, PrivacyNoticePage, SchoolIntroPage

from .common import Language, use_language

FALLBACK_LANGUAGES = ("fi", "sv", "en")

PAGE_MODELS = {
    "school_intro": SchoolIntroPage,
    "info": InfoPage,
    "accessibility_statement": AccessibilityStatementPage,
    "privacy_notice": PrivacyNoticePage,
}
KIND_OF_MODEL = {model: kind for kind, model in PAGE_MODELS.items()}
KIND_ORDER = list(PAGE_MODELS)

# What every page's api_representation() has; the rest is type-specific and goes to `details`.
COMMON_KEYS = {
    "id",
    "type",
    "title",
    "slug",
    "language",
    "url",
    "search_description",
    "last_published_at",
    "translations",
    "body_html",
    "body_text",
}


class PageKind(graphene.Enum):
    SCHOOL_INTRO = "school_intro"
    INFO = "info"
    ACCESSIBILITY_STATEMENT = "accessibility_statement"
    PRIVACY_NOTICE = "privacy_notice"


class PageTranslation(graphene.ObjectType):
    language = graphene.String(required=True)
    title = graphene.String(required=True)
    url = graphene.String()


class PublicPageType(graphene.ObjectType):
    class Meta:
        name = "PublicPage"

    id = graphene.ID(required=True)
    type = graphene.Field(PageKind, required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    language = graphene.String(required=True, description="The language of this version of the page.")
    is_fallback = graphene.Boolean(
        required=True, description="True when the page is not in the asked language (none was written in it)."
    )
    url = graphene.String(description="The page on the web, under /pages/.")
    search_description = graphene.String(required=True)
    body_html = graphene.String(required=True, description="The content without the site's header and footer.")
    body_text = graphene.String(required=True)
    last_published_at = graphene.DateTime()
    translations = graphene.List(
        graphene.NonNull(PageTranslation), required=True, description="The other language versions."
    )
    details = graphene.JSONString(
        required=True, description="Type-specific data: steps and video, known issues, data items, audience…"
    )


def _families(model):
    """Live, public pages of ``model`` grouped by original: {original id: {language: page}}."""
    families: dict[int, dict[str, Page]] = {}
    for page in model.objects.live().public().order_by("path"):
        family = families.setdefault(page.translation_of_id or page.pk, {})
        family.setdefault(page.language, page)
    return families


def _pick(versions: dict, language: str):
    for code in (language, *FALLBACK_LANGUAGES):
        if code in versions:
            return versions[code]
    return next(iter(versions.values()), None)


def _as_type(page, request, language: str | None) -> PublicPageType:
    data = page.api_representation(request)
    return PublicPageType(
        id=page.pk,
        type=KIND_OF_MODEL[type(page)],
        title=data["title"],
        slug=data["slug"],
        language=data["language"],
        is_fallback=language is not None and data["language"] != language,
        url=data["url"],
        search_description=data["search_description"] or "",
        body_html=data["body_html"],
        body_text=data["body_text"],
        last_published_at=page.last_published_at,
        translations=[PageTranslation(**item) for item in data["translations"]],
        details={key: value for key, value in data.items() if key not in COMMON_KEYS},
    )


class PageQuery(graphene.ObjectType):
    pages = graphene.List(
        graphene.NonNull(PublicPageType),
        required=True,
        lang=graphene.Argument(Language),
        type=graphene.Argument(PageKind),
        description="One version of each page, in the asked language when it exists (else fi, sv, en).",
    )
    page = graphene.Field(
        PublicPageType,
        slug=graphene.String(required=True),
        lang=graphene.Argument(Language),
        description=(
            "The page with this slug (any language version). With `lang`, that page's version in the language "
            "(with the fi → sv → en fallback); without, the page the slug names."
        ),
    )

    @staticmethod
    def resolve_pages(root, info, lang=None, type=None):  # noqa: A002 - the argument's public name
        language = use_language(info, lang)
        kind = getattr(type, "value", type)
        kinds = [kind] if kind else KIND_ORDER
        chosen = []
        for position, name in enumerate(kinds):
            for versions in _families(PAGE_MODELS[name]).values():
                page = _pick(versions, language)
                if page is not None:
                    chosen.append((position, page.path, page))
        chosen.sort(key=lambda item: item[:2])
        return [_as_type(page, info.context, language) for _position, _path, page in chosen]

    @staticmethod
    def resolve_page(root, info, slug, lang=None):
        language = use_language(info, lang)
        page = (
            Page.objects.live()
            .public()
            .type(*PAGE_MODELS.values())
            .filter(slug=slug)
            .order_by("path")
            .specific()
            .first()
        )
        if page is None or type(page) not in KIND_OF_MODEL:
            return None
        if lang is None:
            return _as_type(page, info.context, None)
        source_id = page.translation_of_id or page.pk
        versions: dict[str, Page] = {}
        for version in (
            type(page).objects.live().public().filter(Q(pk=source_id) | Q(translation_of_id=source_id)).order_by("path")
        ):
            versions.setdefault(version.language, version)
        return _as_type(_pick(versions, language) or page, info.context, language)
