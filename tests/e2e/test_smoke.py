"""The served app in a real browser at a phone's size: the landing page, its languages, the CMS login."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_landing_page_switches_language_and_fits_a_phone(live_server, page, settings, tmp_path):
    settings.PWA_DIST_DIR = tmp_path  # the page shown until the app is built
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Harrastuspassi"
    page.get_by_role("link", name="På svenska").click()
    page.wait_for_url("**/?lang=sv")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Hitta en hobby" in page.locator("main").inner_text()
    # Nothing overflows a 360 px wide screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Every link is at least 44 px tall (touch target).
    heights = page.eval_on_selector_all("nav a", "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44
    assert screenshot(page, "landing-sv").stat().st_size > 0


def test_health_endpoint_in_the_browser(live_server, page):
    response = page.goto(live_server.url + "/healthz")
    assert response.status == 200
    assert json.loads(page.locator("body").inner_text())["checks"]["database"]["ok"] is True


def test_operator_logs_in_to_the_cms(live_server, page):
    get_user_model().objects.create_superuser("operator", "op@example.invalid", "a-long-test-password")
    page.goto(live_server.url + "/cms/")
    page.fill("input[name=username]", "operator")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/cms/")
    main = page.locator("main")
    main.wait_for(state="visible", timeout=15_000)
    assert "operator" in page.content()
    screenshot(page, "cms-dashboard")
