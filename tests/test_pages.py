"""The public Wagtail pages under /pages/: rendering and accessibility of the HTML, the QR code,
validation of steps and videos, where pages may be created, the demo loader and the API dicts."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
import segno
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.pages.blocks import RICH_TEXT_FEATURES, SchoolStepsBlock, VideoBlock
from cms.pages.demo import load_demo_pages
from cms.pages.models import AccessibilityStatementPage, InfoPage, PrivacyNoticePage, SchoolIntroPage
from cms.pages.qr import QUIET_ZONE, qr_matrix

pytestmark = pytest.mark.django_db


# --- builders --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _english_messages():
    """Validation messages raised outside a request are checked in English; pages set their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def root() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def steps(n: int) -> list[dict]:
    return [{"type": "step", "value": {"title": f"Step {i}", "text": f"Do thing {i}."}} for i in range(1, n + 1)]


def video(**value) -> list[dict]:
    return [{"type": "video", "value": value}]


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def school_page(**fields) -> SchoolIntroPage:
    values = {
        "title": "Harrastuspassi kouluille",
        "slug": "kouluille",
        "language": "fi",
        "intro": "<p>Löydä harrastus.</p>",
        "video": video(transcript="Nuori avaa sovelluksen.", note="Video on tulossa."),
        "steps": steps(4),
    }
    values.update(fields)
    return SchoolIntroPage(**values)


def statement_page(**fields) -> AccessibilityStatementPage:
    values = {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "language": "fi",
        "scope": "Harrastuspassi.",
        "known_issues": [
            {"type": "issue", "value": {"title": "Sovellus kesken", "description": "Ei arvioitu.", "criteria": "1.1.1"}}
        ],
        "feedback_email": "a11y@example.invalid",
        "prepared_on": dt.date(2026, 11, 1),
    }
    values.update(fields)
    return AccessibilityStatementPage(**values)


def notice_page(**fields) -> PrivacyNoticePage:
    values = {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "language": "fi",
        "controller": "Ylläpitäjä",
        "contact_email": "privacy@example.invalid",
        "collected": [{"type": "item", "value": {"name": "Kieli", "description": "fi/sv/en", "optional": False}}],
        "purposes": "<p>Harrastusten näyttäminen.</p>",
        "legal_basis": "<p>Oikeutettu etu.</p>",
        "retention": "<p>Kunnes poistat.</p>",
        "recipients": "<p>Ei kenellekään.</p>",
        "rights": "<p>Näe, vie, poista.</p>",
        "updated_on": dt.date(2026, 11, 1),
    }
    values.update(fields)
    return PrivacyNoticePage(**values)


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Kenttä", file=get_test_image_file(size=(64, 48)))


@pytest.fixture
def pages(root, image) -> dict[str, Page]:
    info_body = [
        {"type": "heading", "value": "Ennen kuin aloitat"},
        {"type": "paragraph", "value": "<p>Pyydä kutsu.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Jalkapallokenttä illalla", "caption": ""}},
        {"type": "steps", "value": {"heading": "", "steps": [{"title": "Kirjaudu", "text": ""}]}},
        {"type": "call_to_action", "value": {"text": "Sisällönhallintaan", "url": "/cms/", "page": None}},
    ]
    return {
        "school": publish(root, school_page()),
        "info": publish(
            root,
            InfoPage(title="Näin julkaiset harrastuksen", slug="julkaise", audience="providers", body=info_body),
        ),
        "statement": publish(root, statement_page()),
        "notice": publish(root, notice_page()),
    }


class Outline(HTMLParser):
    """What the accessibility checks need from a page."""

    def __init__(self, html: str):
        super().__init__()
        self.html_lang, self.headings, self.images, self.mains, self.navs = None, [], [], [], []
        self.links: list[tuple[str, str]] = []
        self.svgs: list[dict] = []
        self.assets: list[str] = []  # what the browser loads by itself: scripts, styles, images, media
        self._link: dict | None = None
        self._in_svg_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "source", "track", "iframe", "video", "audio"} and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") != "alternate":
            self.assets.append(attrs["href"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "main":
            self.mains.append(attrs)
        elif tag == "nav":
            self.navs.append(attrs)
        elif tag == "a":
            self._link = {"href": attrs.get("href"), "text": ""}
        elif tag == "svg":
            self.svgs.append({**attrs, "title": "", "paths": []})
        elif tag == "title" and self.svgs:
            self._in_svg_title = True
        elif tag == "path" and self.svgs:
            self.svgs[-1]["paths"].append(attrs.get("d", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link["href"], self._link["text"].strip()))
            self._link = None
        elif tag == "title":
            self._in_svg_title = False

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data
        if self._in_svg_title:
            self.svgs[-1]["title"] += data


def svg_matrix(svg: dict) -> tuple[tuple[bool, ...], ...]:
    """Read the QR modules back out of the SVG path the page drew."""
    size = int(svg["viewbox"].split()[2]) - 2 * QUIET_ZONE
    grid = [[False] * size for _ in range(size)]
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", "".join(svg["paths"])):
        for dx in range(int(run)):
            grid[int(y) - QUIET_ZONE][int(x) - QUIET_ZONE + dx] = True
    return tuple(tuple(row) for row in grid)


# --- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["school", "info", "statement", "notice"])
def test_each_page_type_renders_accessible_html(client, pages, kind):
    page = pages[kind]
    assert page.url.startswith("/pages/")
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    html = response.content.decode()
    outline = Outline(html)

    assert outline.html_lang == "fi"
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1, f"heading level skips from h{previous} to h{current}"
    assert [main.get("id") for main in outline.mains] == ["main"]
    assert ("#main", "Siirry sisältöön") in outline.links  # the demo pages are Finnish: chrome in Finnish
    assert outline.navs and all(nav.get("aria-label") for nav in outline.navs)
    assert all(img.get("alt") for img in outline.images)
    assert "<header" in html and "<footer" in html
    assert not [url for url in outline.assets if url.startswith(("http:", "https:", "//"))], "no external assets"
    assert "@import" not in html and "url(http" not in html


def test_images_render_with_their_alt_text(client, pages):
    outline = Outline(client.get(pages["info"].url).content.decode())
    assert [img["alt"] for img in outline.images] == ["Jalkapallokenttä illalla"]


def test_footer_links_the_statement_and_notice_in_the_pages_language(client, pages):
    outline = Outline(client.get(pages["info"].url).content.decode())
    hrefs = {href for href, _text in outline.links}
    assert {pages["statement"].url, pages["notice"].url} <= hrefs


def test_translation_is_a_sibling_page_with_its_own_lang(client, root, pages):
    swedish = publish(
        root,
        school_page(
            title="Harrastuspassi för skolor", slug="for-skolor", language="sv", translation_of=pages["school"]
        ),
    )
    response = client.get(swedish.url)
    outline = Outline(response.content.decode())
    assert outline.html_lang == "sv" and response["Content-Language"] == "sv"
    assert (pages["school"].url, "Suomeksi") in outline.links
    assert 'hreflang="fi"' in response.content.decode()
    assert swedish.api_representation()["translations"] == [
        {"language": "fi", "title": "Harrastuspassi kouluille", "url": pages["school"].url}
    ]


# --- the QR code -----------------------------------------------------------------------------


def test_qr_code_is_inline_svg_with_a_name_and_a_visible_link(client, pages):
    outline = Outline(client.get(pages["school"].url).content.decode())
    expected = "http://testserver/"
    [svg] = outline.svgs
    assert svg["role"] == "img"
    assert expected in svg["aria-label"] and expected in svg["title"]
    assert (expected, "testserver") in outline.links
    assert svg_matrix(svg) == qr_matrix(expected)
    assert qr_matrix(expected) == tuple(
        tuple(bool(m) for m in row) for row in segno.make_qr(expected, error="m").matrix
    )


def test_qr_code_uses_an_explicit_app_address(client, root):
    page = publish(root, school_page(app_url="https://harrastuspassi.example.fi/"))
    outline = Outline(client.get(page.url).content.decode())
    assert ("https://harrastuspassi.example.fi/", "harrastuspassi.example.fi") in outline.links
    assert svg_matrix(outline.svgs[0]) == qr_matrix("https://harrastuspassi.example.fi/")


def test_app_address_must_be_a_path_or_a_full_address(root):
    with pytest.raises(ValidationError) as error:
        root.add_child(instance=school_page(app_url="harrastuspassi.fi"))
    assert "app_url" in error.value.message_dict


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "message"), [(2, "Add at least 3 steps"), (6, "Use at most 5 steps"), (4, None)])
def test_school_page_needs_three_to_five_steps(root, count, message):
    block = SchoolStepsBlock()
    value = block.to_python(steps(count))
    if message is None:
        block.clean(value)
        assert publish(root, school_page(steps=steps(count))).live
        return
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    texts = [m for e in error.value.non_block_errors.as_data() for m in e.messages]
    assert len(texts) == 1 and message in texts[0] and f"There are now {count}" in texts[0]

    with pytest.raises(ValidationError) as error:
        root.add_child(instance=school_page(steps=steps(count)))
    assert any(message in text for text in error.value.message_dict["steps"])


@pytest.fixture
def documents():
    document = get_document_model()
    clip = document.objects.create(title="Esittely", file=ContentFile(b"\x00" * 16, name="esittely.mp4"))
    captions = document.objects.create(title="Tekstitys", file=ContentFile(b"WEBVTT\n", name="esittely.vtt"))
    return clip, captions


def test_a_video_needs_a_transcript(root, documents):
    clip, captions = documents
    block = VideoBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"video_file": clip.pk, "captions": captions.pk, "transcript": ""}))
    assert "transcript" in error.value.block_errors
    block.clean(block.to_python({"video_file": clip.pk, "captions": captions.pk, "transcript": "Nuori avaa..."}))

    with pytest.raises(ValidationError) as error:
        root.add_child(instance=school_page(video=video(video_file=clip.pk, captions=captions.pk, transcript="")))
    assert any("transcript" in text for text in error.value.message_dict["video"])


def test_an_uploaded_video_needs_captions_and_renders_them(client, root, documents):
    clip, captions = documents
    block = VideoBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"video_file": clip.pk, "transcript": "Nuori avaa..."}))
    assert "captions" in error.value.block_errors

    page = publish(root, school_page(video=video(video_file=clip.pk, captions=captions.pk, transcript="Teksti.")))
    html = client.get(page.url).content.decode()
    assert f'<source src="{clip.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="fi"' in html
    assert "<summary>Tekstivastine</summary>" in html  # "Transcript" on a Finnish page


def test_body_headings_and_rich_text_cannot_skip_levels():
    assert not any(re.fullmatch(r"h[1-6]", feature) for feature in RICH_TEXT_FEATURES)


# --- where pages may be created --------------------------------------------------------------


def test_page_types_are_created_only_where_they_belong(root, pages):
    tree_root = Page.get_first_root_node()
    info = pages["info"]
    for model in (SchoolIntroPage, InfoPage, AccessibilityStatementPage, PrivacyNoticePage):
        assert not model.can_create_at(tree_root)
    assert SchoolIntroPage.can_create_at(root) and InfoPage.can_create_at(root)
    assert InfoPage.can_create_at(info)
    for model in (SchoolIntroPage, AccessibilityStatementPage, PrivacyNoticePage):
        assert not model.can_create_at(info)
    assert SchoolIntroPage.allowed_subpage_models() == []


def test_one_statement_per_language_under_a_site(root, pages):
    with pytest.raises(ValidationError) as error:
        root.add_child(instance=statement_page(slug="toinen-seloste"))
    assert "already a page of this type in this language" in error.value.message_dict["language"][0]
    publish(root, statement_page(slug="tillganglighet", language="sv", translation_of=pages["statement"]))
    publish(root, statement_page(slug="accessibility", language="en", translation_of=pages["statement"]))
    assert not AccessibilityStatementPage.can_create_at(root)
    assert PrivacyNoticePage.can_create_at(root)


@pytest.fixture
def editor_client(client):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw-for-tests-only")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # messages are checked in English here (fi/sv in test_translations)
    profile.save()
    client.force_login(user)
    return client


def add_url(model, parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("cms_pages", model._meta.model_name, parent.pk))


def test_cms_forms_for_every_page_type_render(editor_client, root):
    for model in (SchoolIntroPage, InfoPage, AccessibilityStatementPage, PrivacyNoticePage):
        assert editor_client.get(add_url(model, root)).status_code == 200, model.__name__


def school_form(step_count: int, *, publish: bool, slug: str = "kouluille-cms") -> dict:
    data = {
        "title": "Kouluille",
        "slug": slug,
        "language": "fi",
        "translation_of": "",
        "intro": rich_text("<p>Hei</p>", features=RICH_TEXT_FEATURES),
        "video": streamfield([]),
        "steps": streamfield([("step", {"title": f"Askel {i}", "text": ""}) for i in range(step_count)]),
        "app_url": "/",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def test_cms_publishing_enforces_the_step_count_but_a_draft_may_be_incomplete(editor_client, root):
    response = editor_client.post(add_url(SchoolIntroPage, root), school_form(2, publish=True))
    assert response.status_code == 200
    assert "Add at least 3 steps. There are now 2." in response.content.decode()
    assert not SchoolIntroPage.objects.exists()

    assert editor_client.post(add_url(SchoolIntroPage, root), school_form(2, publish=False)).status_code == 302
    assert not SchoolIntroPage.objects.get(slug="kouluille-cms").live

    response = editor_client.post(add_url(SchoolIntroPage, root), school_form(4, publish=True, slug="julkaistu"))
    assert response.status_code == 302
    assert SchoolIntroPage.objects.get(slug="julkaistu").live


def test_cms_refuses_a_second_statement_in_the_same_language(editor_client, root, pages):
    form = nested_form_data(
        {
            "title": "Toinen seloste",
            "slug": "toinen",
            "language": "fi",
            "translation_of": "",
            "service_name": "Harrastuspassi",
            "scope": "Kaikki.",
            "conformance": "partial",
            "standard": "WCAG 2.1 AA",
            "known_issues": streamfield([]),
            "assessment": "self",
            "feedback_email": "a11y@example.invalid",
            "response_days": "14",
            "prepared_on": "2026-11-01",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor_client.post(add_url(AccessibilityStatementPage, root), form)
    assert response.status_code == 200
    assert "There is already a page of this type in this language here." in response.content.decode()
    form["language"], form["translation_of"] = "sv", str(pages["statement"].pk)
    assert editor_client.post(add_url(AccessibilityStatementPage, root), form).status_code == 302


def test_preview_renders_in_the_pages_language(pages):
    response = pages["notice"].make_preview_request()
    assert response.status_code == 200 and response["Content-Language"] == "fi"
    assert Outline(response.content.decode()).html_lang == "fi"


# --- the API representation ------------------------------------------------------------------

COMMON_KEYS = {"id", "type", "title", "slug", "language", "url", "translations", "body_html", "body_text"}


def test_api_representation_has_the_expected_keys(pages):
    school = pages["school"].api_representation()
    assert COMMON_KEYS | {"intro_html", "steps", "video", "app_url"} <= school.keys()
    assert school["language"] == "fi" and school["title"] == "Harrastuspassi kouluille"
    assert school["steps"][0] == {"title": "Step 1", "text": "Do thing 1."} and len(school["steps"]) == 4
    assert school["video"]["transcript"] == "Nuori avaa sovelluksen." and school["video"]["embed_url"] == ""
    assert "Step 4" in school["body_text"] and "<svg" not in school["body_html"]

    info = pages["info"].api_representation()
    assert COMMON_KEYS | {"audience"} <= info.keys() and info["audience"] == "providers"
    assert "Ennen kuin aloitat" in info["body_text"]

    statement = pages["statement"].api_representation()
    assert COMMON_KEYS | {"conformance", "known_issues", "feedback", "enforcement", "prepared_on"} <= statement.keys()
    assert statement["enforcement"]["email"] and statement["known_issues"][0]["criteria"] == "1.1.1"

    notice = pages["notice"].api_representation()
    assert COMMON_KEYS | {"controller", "collected", "purposes_html", "rights_html", "authority"} <= notice.keys()

    for representation in (school, info, statement, notice):
        json.dumps(representation)  # plain data, ready for the API


# --- the demo pages --------------------------------------------------------------------------


def test_demo_pages_load_once_then_change_nothing(client):
    first = load_demo_pages()
    assert first == {"created": 15, "updated": 0, "unchanged": 0}
    revisions = Revision.objects.count()

    assert load_demo_pages() == {"created": 0, "updated": 0, "unchanged": 15}
    assert Revision.objects.count() == revisions

    school = SchoolIntroPage.objects.get(slug="harrastuspassi-kouluille")
    assert len(school.steps) == 4 and school.live
    for page in Page.objects.type(SchoolIntroPage, InfoPage, AccessibilityStatementPage, PrivacyNoticePage):
        assert client.get(page.url).status_code == 200, page.url
    statement = AccessibilityStatementPage.objects.get(language="fi")
    assert statement.conformance == "partial" and len(statement.known_issues) >= 3

    InfoPage.objects.filter(slug="kunnille").update(title="Muutettu")
    assert load_demo_pages() == {"created": 0, "updated": 1, "unchanged": 14}
