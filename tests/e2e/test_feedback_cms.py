"""Feedback in the CMS in Chromium: an operator opens the listing, one item and the ratings chart; axe-core
finds no WCAG 2.1 A/AA violations on any of them."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.feedback.models import Feedback

from .conftest import close_context, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Axe()
WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "a-long-test-password"


def assert_no_violations(page, name: str) -> None:
    results = AXE.run(page, options=WCAG21_AA)
    screenshot(page, name)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def seed(hobby) -> Feedback:
    now = timezone.now()
    for weeks_ago, ratings in ((0, [5, 4, 4, 5, 3]), (1, [2, 3]), (2, [4, 4, 5, 5, 5, 4])):
        for rating in ratings:
            item = Feedback.objects.create(rating=rating, municipality=hobby.municipality)
            Feedback.objects.filter(pk=item.pk).update(created_at=now - dt.timedelta(weeks=weeks_ago, hours=1))
    Feedback.objects.create(text="Kiitos, löysin uuden harrastuksen!", rating=5, handled=True, language="fi")
    return Feedback.objects.create(
        rating=2,
        text="Ohjaaja ei vastannut viesteihin.\nIlmoittautuminen oli vaikeaa.",
        hobby=hobby,
        municipality=hobby.municipality,
        language="fi",
        channel=Feedback.Channel.ANDROID,
    )


def test_operator_handles_feedback_and_reads_the_ratings(live_server, browser, hobby):
    get_user_model().objects.create_superuser("operator", "op@example.invalid", PASSWORD)
    item = seed(hobby)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/cms/login/")
        page.fill("input[name=username]", "operator")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/cms/")

        page.goto(live_server.url + "/cms/feedback/")
        page.locator("main table").wait_for(state="visible")
        assert "Unhandled" in page.locator("main").text_content()
        assert "2/5" in page.locator("main").inner_text()
        assert_no_violations(page, "a11y-cms-feedback-list")

        # each row's link is its received time
        page.locator("main tbody tr", has_text="Ohjaaja ei vastannut").locator("td.title a").first.click()
        page.wait_for_url(f"**/cms/feedback/edit/{item.pk}/")
        assert "Ohjaaja ei vastannut viesteihin." in page.locator("main").inner_text()
        assert page.locator("blockquote[lang=fi]").count() == 1
        assert_no_violations(page, "a11y-cms-feedback-item")
        page.get_by_label("Handled").check()
        page.get_by_label("Internal note").fill("Asked the club to answer.")
        page.locator("#w-editor-form button[type=submit]").first.click()
        page.wait_for_url(live_server.url + "/cms/feedback/")
        item.refresh_from_db()
        assert item.handled and item.note == "Asked the club to answer."

        page.get_by_role("link", name="Ratings per week").click()
        page.wait_for_url("**/cms/feedback/ratings/")
        assert page.locator("svg.hp-chart[role=img]").count() == 1
        assert "fewer than 5" in page.locator("main table").inner_text()
        assert_no_violations(page, "a11y-cms-feedback-ratings")
        page.get_by_label("26 weeks").check()
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**weeks=26**")
        assert page.locator("main table tbody tr").count() == 26
        assert_no_violations(page, "a11y-cms-feedback-ratings-26")
    finally:
        close_context(context)
