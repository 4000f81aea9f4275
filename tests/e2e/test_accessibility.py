"""axe-core (bundled by axe-playwright-python) in Chromium: zero violations on every public page.

Covers the landing page, the demo's school intro, info pages, accessibility statement and privacy notice
in each language, and the provider application form with and without errors, at a phone's size and at
a desktop's.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Page

from cms.pages.demo import load_demo_pages

from .conftest import close_context, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Axe()
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, one main…).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def assert_no_violations(page, name: str) -> None:
    results = AXE.run(page, options=AXE_OPTIONS)
    screenshot(page, name)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def test_landing_page_has_no_violations(live_server, page, settings, tmp_path):
    settings.PWA_DIST_DIR = tmp_path  # the page shown until the app is built
    for lang in ("fi", "sv", "en"):
        page.goto(f"{live_server.url}/?lang={lang}")
        assert_no_violations(page, f"a11y-landing-{lang}")


def test_public_cms_pages_have_no_violations(live_server, page, browser):
    load_demo_pages()
    pages = [p.specific for p in Page.objects.live().filter(depth__gt=2)]
    assert len(pages) >= 5
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for cms_page in pages:
            for viewer, size in ((page, "phone"), (desktop, "desktop")):
                response = viewer.goto(live_server.url + cms_page.url)
                assert response.status == 200, cms_page.url
                assert_no_violations(viewer, f"a11y-page-{cms_page.slug}-{size}")
    finally:
        close_context(desktop.context)


def test_provider_application_form_has_no_violations_with_and_without_errors(live_server, page, municipality):
    page.goto(f"{live_server.url}/providers/apply/?lang=fi")
    assert_no_violations(page, "a11y-apply-fi")
    page.locator("form button[type=submit]").click()  # empty form: errors are shown and announced
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() >= 1
    assert_no_violations(page, "a11y-apply-errors-fi")
    page.goto(f"{live_server.url}/providers/apply/?lang=sv")
    assert_no_violations(page, "a11y-apply-sv")
