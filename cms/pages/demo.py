"""Load the demo public pages under the default site's root page; idempotent.

Pages are found by slug among the root page's children. A page is written (a new revision, published)
only when it is new, differs from the content here, or is not live; a second run changes nothing.
Never touches the network: the demo video block has a transcript and a note but no embed.
"""

from __future__ import annotations

import contextlib
import logging

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from . import demo_content as content
from .models import AccessibilityStatementPage, InfoPage, PrivacyNoticePage, PublicPage, SchoolIntroPage

LANGUAGES = ("fi", "sv", "en")


def _specs() -> list[tuple[type[PublicPage], str, dict, dict]]:
    """(model, language, texts, extra fields) for every demo page; originals (fi) before translations."""
    specs = []
    for language in LANGUAGES:
        school = content.SCHOOL[language]
        specs.append(
            (
                SchoolIntroPage,
                language,
                school,
                {
                    "intro": school["intro"],
                    "video": school["video"],
                    "steps": school["steps"],
                    "app_url": "/",
                    "body": school["body"],
                    "show_in_menus": True,
                },
            )
        )
    for texts, audience in (
        (content.PUBLISH_HOBBY, InfoPage.Audience.PROVIDERS),
        (content.MUNICIPALITIES, InfoPage.Audience.MUNICIPALITIES),
    ):
        for language in LANGUAGES:
            page = texts[language]
            extra = {"audience": audience, "intro": page["intro"], "body": page["body"], "show_in_menus": True}
            specs.append((InfoPage, language, page, extra))
    for language in LANGUAGES:
        statement = content.ACCESSIBILITY[language]
        extra = {
            "service_name": "Harrastuspassi",
            "scope": statement["scope"],
            "conformance": AccessibilityStatementPage.Conformance.PARTIAL,
            "known_issues": statement["known_issues"],
            "assessment": AccessibilityStatementPage.Assessment.SELF,
            "assessment_notes": statement["assessment_notes"],
            "feedback_email": statement["feedback_email"],
            "response_days": 14,
            "prepared_on": content.DEMO_DATE,
            "reviewed_on": None,
            "body": statement["body"],
        }
        specs.append((AccessibilityStatementPage, language, statement, extra))
    for language in LANGUAGES:
        notice = content.PRIVACY[language]
        fields = ("controller", "contact_email", "contact_details", "collected", "not_collected", "purposes")
        fields += ("legal_basis", "retention", "recipients", "rights", "body")
        extra = {name: notice[name] for name in fields} | {"updated_on": content.DEMO_DATE}
        specs.append((PrivacyNoticePage, language, notice, extra))
    return specs


def _original_slug(texts: dict) -> str | None:
    """The slug of the Finnish page this page translates (None for the Finnish page itself)."""
    for family in (
        content.SCHOOL,
        content.PUBLISH_HOBBY,
        content.MUNICIPALITIES,
        content.ACCESSIBILITY,
        content.PRIVACY,
    ):
        if any(texts is version for version in family.values()):
            return None if texts is family["fi"] else family["fi"]["slug"]
    return None


def _resolve_pages(value, pages_by_slug: dict[str, Page]):
    """Replace each ``{"$page": slug}`` in raw stream data with that demo page's id."""
    if isinstance(value, dict):
        if set(value) == {"$page"}:
            return pages_by_slug[value["$page"]].pk
        return {key: _resolve_pages(item, pages_by_slug) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve_pages(item, pages_by_slug) for item in value]
    return value


def _strip_ids(value):
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    return value


def _comparable(model: type[Page], name: str, value):
    """A field value in a form that compares equal whether it came from here or from the database."""
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        stream = field.to_python(value)
        for _child in stream:  # convert every child, so raw and stored data share one format
            pass
        return _strip_ids(field.stream_block.get_prep_value(stream))
    return value


@contextlib.contextmanager
def _quiet():
    """Wagtail logs every save, revision and publish at INFO; a demo load needs none of that."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def load_demo_pages(*, stdout=None) -> dict[str, int]:
    """Create or refresh the demo pages; returns how many were created, updated and left unchanged."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError("There is no default Wagtail site; run the migrations first.")
    root = site.root_page
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    pages_by_slug: dict[str, Page] = {}
    with _quiet(), transaction.atomic():
        for model, language, texts, extra in _specs():
            slug = texts["slug"]
            original = _original_slug(texts)
            desired = {
                "title": texts["title"],
                "language": language,
                "search_description": texts.get("search_description", ""),
                "translation_of": pages_by_slug[original] if original else None,
                **{name: _resolve_pages(value, pages_by_slug) for name, value in extra.items()},
            }
            page, outcome = _sync(root, model, slug, desired)
            pages_by_slug[slug] = page
            counts[outcome] += 1
            if stdout is not None and outcome != "unchanged":
                stdout.write(f"  {outcome:<9} {model.__name__:<28} {page.url}")
    if stdout is not None:
        stdout.write(
            f"Pages: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"
        )
    return counts


def _sync(root: Page, model: type[PublicPage], slug: str, desired: dict) -> tuple[PublicPage, str]:
    existing = root.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **desired)
        root.add_child(instance=page)
        page.save_revision().publish()
        return page, "created"
    page = existing.specific
    if not isinstance(page, model):
        raise RuntimeError(f"The page {page.url_path!r} exists but is a {type(page).__name__}, not a {model.__name__}.")
    changed = [
        name
        for name, value in desired.items()
        if _comparable(model, name, getattr(page, name)) != _comparable(model, name, value)
    ]
    if not changed and page.live and not page.has_unpublished_changes:
        return page, "unchanged"
    for name in changed:
        setattr(page, name, desired[name])
    page.save_revision().publish()
    return page, "updated"
