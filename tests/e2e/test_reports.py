"""The CMS report pages in Chromium: an operator, a moderator and a provider editor each open theirs on the
seeded usage data (tests/test_analytics.py), and axe-core finds no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.cms_world import PASSWORD
from tests.test_analytics import seed_usage

from .conftest import close_context
from .test_accessibility import assert_no_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/cms/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/cms/")


def open_report(page, url: str, heading: str | None = None) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.get_by_role("heading", level=1, name=heading).wait_for()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    yield context.new_page()
    close_context(context)


@pytest.fixture
def seeded(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        return seed_usage()


def test_operator_report_has_no_violations(live_server, desktop, seeded):
    log_in(desktop, live_server.url, "operator")
    open_report(desktop, f"{live_server.url}/cms/statistics/", "Usage statistics")
    main = desktop.locator("main")
    assert main.get_by_role("img", name="Top hobbies").count() == 1  # the chart, named by its title
    assert main.get_by_role("table").count() >= 7
    assert "Futis Kallio" in main.inner_text()
    assert_no_violations(desktop, "a11y-cms-usage-operator")
    desktop.select_option("select[name=weeks]", "4")
    desktop.get_by_role("button", name="Show").click()
    desktop.wait_for_url("**/cms/statistics/?weeks=4*")
    assert_no_violations(desktop, "a11y-cms-usage-operator-4-weeks")


def test_moderator_report_has_no_violations(live_server, desktop, seeded):
    log_in(desktop, live_server.url, "mod_e")
    open_report(desktop, f"{live_server.url}/cms/statistics/", "Usage statistics")
    text = desktop.locator("main").inner_text()
    assert "Futis Kallio" not in text and "fewer than 5" in text
    assert_no_violations(desktop, "a11y-cms-usage-moderator")


def test_provider_report_has_no_violations(live_server, desktop, page, seeded):
    log_in(desktop, live_server.url, "prov_a")
    open_report(desktop, f"{live_server.url}/cms/statistics/hobbies/", "Statistics of your hobbies")
    text = desktop.locator("main").inner_text()
    assert "Futis Kallio" in text and "Bändikoulu" not in text
    assert_no_violations(desktop, "a11y-cms-hobby-statistics-provider")
    log_in(page, live_server.url, "prov_a")  # and on a phone, in Finnish
    open_report(page, f"{live_server.url}/cms/statistics/hobbies/")
    assert_no_violations(page, "a11y-cms-hobby-statistics-provider-phone")
