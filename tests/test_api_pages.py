"""CMS pages in the API: one version of each page in the asked language, with the fi → sv → en fallback,
only live pages without view restrictions, and a single page by slug."""

from __future__ import annotations

import json

import pytest
from wagtail.models import PageViewRestriction, Site

from cms.pages.demo import load_demo_pages
from cms.pages.models import InfoPage, PrivacyNoticePage, SchoolIntroPage

pytestmark = pytest.mark.django_db

PAGES = """
query($lang: Language, $type: PageKind) {
  pages(lang: $lang, type: $type) {
    id type title slug language isFallback url searchDescription bodyHtml bodyText lastPublishedAt
    translations { language title url }
    details
  }
}
"""

PAGE = """
query($slug: String!, $lang: Language) {
  page(slug: $slug, lang: $lang) { id type slug language isFallback title bodyText translations { language } }
}
"""


def gql(client, query, variables=None, **headers):
    response = client.post(
        "/graphql", {"query": query, "variables": variables or {}}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert "errors" not in data, data
    return data["data"]


@pytest.fixture
def demo():
    load_demo_pages()


@pytest.fixture
def root():
    return Site.objects.get(is_default_site=True).root_page


def info_page(root, *, title, slug, language, original=None) -> InfoPage:
    page = InfoPage(
        title=title,
        slug=slug,
        language=language,
        translation_of=original,
        intro=f"{title}.",
        body=[{"type": "paragraph", "value": f"<p>{title} body.</p>"}],
    )
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("lang", "slugs"),
    [
        (
            "FI",
            ["harrastuspassi-kouluille", "nain-julkaiset-harrastuksen", "kunnille"]
            + ["saavutettavuusseloste", "tietosuojaseloste"],
        ),
        (
            "SV",
            ["harrastuspassi-for-skolor", "sa-publicerar-du-en-hobby", "for-kommuner"]
            + ["tillganglighetsutlatande", "dataskyddsbeskrivning"],
        ),
        (
            "EN",
            ["harrastuspassi-for-schools", "how-to-publish-a-hobby", "for-municipalities"]
            + ["accessibility-statement", "privacy-notice"],
        ),
    ],
)
def test_one_version_of_each_page_in_the_asked_language(client, demo, lang, slugs):
    pages = gql(client, PAGES, {"lang": lang})["pages"]
    assert [p["slug"] for p in pages] == slugs
    assert [p["type"] for p in pages] == [
        "SCHOOL_INTRO",
        "INFO",
        "INFO",
        "ACCESSIBILITY_STATEMENT",
        "PRIVACY_NOTICE",
    ]
    for page in pages:
        assert page["language"] == lang.lower() and page["isFallback"] is False
        assert page["url"].startswith(("/pages/", "http://testserver/pages/"))
        assert page["title"] and page["bodyHtml"].strip() and page["bodyText"].strip()
        assert "<html" not in page["bodyHtml"]  # the content only, not the site around it
        assert "<" not in page["bodyText"]
        assert page["lastPublishedAt"]
        assert sorted(t["language"] for t in page["translations"]) == sorted({"fi", "sv", "en"} - {lang.lower()})


def test_the_type_filter_and_type_specific_details(client, demo):
    [notice] = gql(client, PAGES, {"lang": "SV", "type": "PRIVACY_NOTICE"})["pages"]
    assert notice["slug"] == "dataskyddsbeskrivning"
    details = json.loads(notice["details"])
    assert details["controller"] and details["contact_email"] and details["collected"]

    [school] = gql(client, PAGES, {"lang": "FI", "type": "SCHOOL_INTRO"})["pages"]
    details = json.loads(school["details"])
    assert 3 <= len(details["steps"]) <= 5 and details["app_url"].startswith("http")
    assert len(gql(client, PAGES, {"type": "INFO"})["pages"]) == 2


def test_missing_languages_fall_back_fi_then_sv_then_en(client, root):
    original = info_page(root, title="Vain suomeksi ja ruotsiksi", slug="fi-sv", language="fi")
    info_page(root, title="Bara på finska och svenska", slug="fi-sv-sv", language="sv", original=original)
    info_page(root, title="Endast på svenska", slug="only-sv", language="sv")
    info_page(root, title="English only", slug="only-en", language="en")

    english = {p["slug"]: p for p in gql(client, PAGES, {"lang": "EN", "type": "INFO"})["pages"]}
    assert set(english) == {"fi-sv", "only-sv", "only-en"}
    assert english["fi-sv"]["language"] == "fi" and english["fi-sv"]["isFallback"] is True
    assert english["only-sv"]["language"] == "sv" and english["only-sv"]["isFallback"] is True
    assert english["only-en"]["isFallback"] is False

    swedish = {p["slug"] for p in gql(client, PAGES, {"lang": "SV"})["pages"]}
    assert swedish == {"fi-sv-sv", "only-sv", "only-en"}

    # Without lang: Accept-Language, then Finnish.
    assert {p["language"] for p in gql(client, PAGES, HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")["pages"]} == {"sv", "en"}
    assert {p["slug"] for p in gql(client, PAGES)["pages"]} == {"fi-sv", "only-sv", "only-en"}


def test_only_live_public_pages_are_returned(client, demo):
    finnish_school = SchoolIntroPage.objects.get(language="fi")
    finnish_school.unpublish()
    [school] = gql(client, PAGES, {"lang": "FI", "type": "SCHOOL_INTRO"})["pages"]
    assert school["language"] == "sv" and school["isFallback"] is True  # its translations are still live

    notice = PrivacyNoticePage.objects.get(language="en")
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.PASSWORD, password="x")
    [shown] = gql(client, PAGES, {"lang": "EN", "type": "PRIVACY_NOTICE"})["pages"]
    assert shown["language"] == "fi"
    assert gql(client, PAGE, {"slug": "privacy-notice"})["page"] is None
    assert gql(client, PAGE, {"slug": "harrastuspassi-kouluille"})["page"] is None


def test_a_page_by_slug(client, demo):
    page = gql(client, PAGE, {"slug": "privacy-notice"})["page"]
    assert page["type"] == "PRIVACY_NOTICE" and page["language"] == "en" and page["isFallback"] is False
    assert sorted(t["language"] for t in page["translations"]) == ["fi", "sv"]

    finnish = gql(client, PAGE, {"slug": "privacy-notice", "lang": "FI"})["page"]
    assert finnish["slug"] == "tietosuojaseloste" and finnish["language"] == "fi"
    swedish = gql(client, PAGE, {"slug": "tietosuojaseloste", "lang": "SV"})["page"]
    assert swedish["slug"] == "dataskyddsbeskrivning"
    assert gql(client, PAGE, {"slug": "no-such-page"})["page"] is None


def test_a_page_by_slug_falls_back_when_the_language_is_missing(client, root):
    only_sv = info_page(root, title="Endast på svenska", slug="only-sv", language="sv")
    page = gql(client, PAGE, {"slug": "only-sv", "lang": "EN"})["page"]
    assert page["id"] == str(only_sv.pk) and page["language"] == "sv" and page["isFallback"] is True
