"""The demo loader: content, constraints, idempotency and the command's safety switch.

Loading the demo takes a few seconds, so it is loaded once per module inside a transaction that
is rolled back at the end; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from backend.benefits.models import Benefit
from backend.demo import DEMO_SOURCE, load_demo
from backend.demo.generate import generate_benefits, generate_hobbies, monday_of
from backend.demo.loader import DEFAULT_PASSWORD
from backend.hobbies.models import Category, CategoryMapping, Hobby, Municipality, Organization, Session, Venue

User = get_user_model()
DEMO_USERS = {
    "demo-operator",
    "demo-moderator",
    "demo-moderator-espoo",
    "demo-moderator-vantaa",
    "demo-provider",
    "demo-provider-rampit",
    "demo-provider-espoo",
}
SNAPSHOT_MODELS = (
    Municipality,
    Municipality.moderators.through,
    Category,
    CategoryMapping,
    Organization,
    Organization.members.through,
    Venue,
    Hobby,
    Hobby.categories.through,
    Session,
    Benefit,
    User,
    User.groups.through,
    Group,
    Group.permissions.through,
    Revision,
    ModelLogEntry,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module; everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_demo()
        yield report
        transaction.set_rollback(True)


def snapshot() -> dict[str, list[dict]]:
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in SNAPSHOT_MODELS}


def demo_hobbies():
    return Hobby.objects.filter(data_source=DEMO_SOURCE)


# --- what the demo contains ------------------------------------------------------------------


@pytest.mark.django_db
def test_first_run_creates_everything(demo):
    # Wagtail's own migration creates a "Moderators" group; the demo adds its permissions to it.
    assert demo.updated == demo.counts["Group"].updated and demo.deleted == 0
    for name, counts in demo.counts.items():
        if name != "Group":  # wagtail's own migration already made "Moderators"
            assert counts.created > 0, name
    assert set(demo.new_users) == DEMO_USERS
    assert demo.password == DEFAULT_PASSWORD
    assert demo.seconds < 30


@pytest.mark.django_db
def test_municipalities_and_providers(demo):
    assert Municipality.objects.order_by("pk").first().code == "091"
    names = {m.code: (m.name_fi, m.name_sv, m.name_en) for m in Municipality.objects.all()}
    assert names["091"] == ("Helsinki", "Helsingfors", "Helsinki")
    assert names["049"][1] == "Esbo" and names["092"][1] == "Vanda"

    organizations = Organization.objects.filter(data_source=DEMO_SOURCE)
    assert organizations.count() >= 25
    assert set(organizations.values_list("kind", flat=True)) == {"municipal", "company", "association", "foundation"}
    assert organizations.values("municipality").distinct().count() == 3
    assert organizations.filter(verified=True).count() > organizations.count() * 0.8
    for organization in organizations:
        organization.full_clean()

    venues = Venue.objects.filter(data_source=DEMO_SOURCE)
    assert 40 <= venues.count() <= 60
    helsinki = venues.filter(municipality__code="091")
    assert helsinki.count() >= 30
    for venue in helsinki:
        assert 60.15 <= venue.latitude <= 60.28 and 24.83 <= venue.longitude <= 25.15, venue
    assert {None, True, False} <= set(venues.values_list("wheelchair_accessible", flat=True))
    for venue in venues:
        venue.full_clean()


@pytest.mark.django_db
def test_category_tree_and_mappings(demo):
    top = Category.objects.filter(parent=None)
    assert top.count() >= 10
    for category in top:
        children = list(category.children.all())
        assert len(children) >= 2, category
        for node in [category, *children]:
            assert node.name_fi and node.name_sv and node.name_en and node.icon, node.slug
            assert not node.children.exists() or node == category  # two levels: hobbies use the leaves
    assert {"sports", "music", "arts", "crafts", "games", "nature", "dance", "theatre-circus", "tech",
            "volunteering", "cooking"} <= set(top.values_list("slug", flat=True))  # fmt: skip
    football = Category.objects.get(slug="football")
    assert "futis" in football.synonyms_fi and "soccer" in football.synonyms_en
    mapped = dict(CategoryMapping.objects.values_list("external_id", "category__slug"))
    assert mapped["yso:p6409"] == "football"
    assert mapped["yso:p1278"] == "dance"
    assert mapped["1150"] == "skateboarding"
    assert mapped["3110"] == "swimming"


@pytest.mark.django_db
def test_cms_users(demo):
    operator = User.objects.get(username="demo-operator")
    assert operator.is_superuser and operator.check_password(DEFAULT_PASSWORD)
    moderator = User.objects.get(username="demo-moderator")
    assert not moderator.is_superuser
    assert list(moderator.moderated_municipalities.values_list("code", flat=True)) == ["091"]
    assert moderator.has_perm("wagtailadmin.access_admin")
    provider = User.objects.get(username="demo-provider")
    assert provider.organizations.filter(data_source=DEMO_SOURCE).count() == 1
    assert provider.groups.filter(name="Provider editors").exists()
    assert provider.has_perm("wagtailadmin.access_admin")


# --- hobbies, sessions and benefits ----------------------------------------------------------


@pytest.mark.django_db
def test_hobbies_satisfy_the_rules(demo):
    hobbies = list(demo_hobbies().select_related("organization").prefetch_related("categories"))
    assert len(hobbies) >= 250
    leaves = set(Category.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    with_sessions = set(Session.objects.values_list("hobby_id", flat=True))
    for hobby in hobbies:
        assert hobby.title_fi and hobby.summary_fi and hobby.description_fi, hobby.origin_id
        assert 10 <= hobby.age_min <= hobby.age_max <= 20
        if hobby.price_kind == "free":
            assert hobby.price_amount is None and not hobby.price_unit
        else:
            assert hobby.price_amount > 0 and hobby.price_unit and hobby.price_text_fi
        assert hobby.municipality_id == hobby.organization.municipality_id
        categories = {c.pk for c in hobby.categories.all()}
        assert 1 <= len(categories) <= 2 and categories <= leaves
        if hobby.enrolment_start or hobby.enrolment_end:
            assert hobby.enrolment_end > hobby.enrolment_start
        assert hobby.open_use == (hobby.pk not in with_sessions), hobby.origin_id
        assert hobby.live and not hobby.has_unpublished_changes
        assert hobby.first_published_at and hobby.last_published_at
        assert hobby.live_revision_id == hobby.latest_revision_id is not None
    assert sum(h.open_use for h in hobbies) >= 4
    assert 0.2 < sum(h.price_kind == "free" for h in hobbies) / len(hobbies) < 0.8
    assert any(h.trial_session for h in hobbies) and any(h.registration_url for h in hobbies)
    assert any(h.enrolment_start and h.enrolment_start > timezone.now() for h in hobbies)
    assert {"fi", "sv", "en"} <= {code for h in hobbies for code in h.instruction_language_list}
    for hobby in hobbies[::10]:
        hobby.full_clean()


@pytest.mark.django_db
def test_sessions(demo):
    now = timezone.now()
    monday = demo.week_start
    sessions = Session.objects.filter(data_source=DEMO_SOURCE)
    assert sessions.filter(start__gte=now).count() > 1000
    assert 0 < sessions.filter(cancelled=True).count() < sessions.count() * 0.1
    last_day = monday + dt.timedelta(weeks=14)
    for session in sessions[::25]:
        local = timezone.localtime(session.start)
        assert monday <= local.date() < last_day
        assert 60 <= (session.end - session.start).total_seconds() / 60 <= 120
        assert session.origin_id == f"{session.hobby.origin_id}/{local:%Y-%m-%dT%H:%M}"
        assert (session.weekday, session.time_of_day) == (local.weekday(), Session.time_of_day_for(session.start))
        session.full_clean()
    assert sessions.filter(weekday=5, time_of_day="morning").exists()
    for hobby in demo_hobbies().filter(open_use=False)[::20]:
        upcoming = hobby.sessions.filter(cancelled=False, start__gte=now).order_by("start").first()
        assert hobby.next_session_start == (upcoming.start if upcoming else None)


@pytest.mark.django_db
def test_benefits(demo):
    benefits = list(Benefit.objects.filter(data_source=DEMO_SOURCE).select_related("hobby"))
    assert len(benefits) >= 15
    assert {b.kind for b in benefits} == {"trial", "discount", "free_entry", "ticket"}
    assert any(b.total_quantity is None for b in benefits) and any(b.total_quantity for b in benefits)
    assert sum(b.is_valid_at() for b in benefits) >= 10
    assert sum(b.hobby_id is not None for b in benefits) >= 8
    for benefit in benefits:
        assert benefit.per_device_limit == 1 and benefit.live and not benefit.has_unpublished_changes
        if benefit.hobby:
            assert benefit.hobby.organization_id == benefit.organization_id
        benefit.full_clean()


@pytest.mark.django_db
def test_missing_languages_fall_back_to_finnish(demo):
    no_swedish = demo_hobbies().filter(title_sv="").first()
    shown = no_swedish.translated("title", "sv")
    assert shown.language == "fi" and shown.is_fallback and shown.text == no_swedish.title_fi
    assert demo_hobbies().filter(title_en="").exists()
    swedish = demo_hobbies().exclude(title_sv="").first()
    assert swedish.translated("title", "sv").language == "sv"
    # a hobby is in a language completely or not at all
    assert not demo_hobbies().filter(title_sv="").exclude(description_sv="").exists()


# --- idempotency -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_run_changes_nothing(demo):
    before = snapshot()
    report = load_demo()
    assert (report.created, report.updated, report.deleted) == (0, 0, 0), report.lines()
    assert not report.new_users and report.password is None
    assert snapshot() == before


@pytest.mark.django_db
def test_next_week_moves_sessions_and_republishes_changed_rows(demo):
    revisions = Revision.objects.count()
    report = load_demo(today=demo.week_start + dt.timedelta(days=7))
    sessions = report.counts["Session"]
    assert sessions.created > 0 and sessions.deleted == sessions.created  # one week out, one week in
    assert report.counts["Hobby"].created == 0 and report.counts["Hobby"].updated > 0  # enrolment windows moved
    assert Revision.objects.count() == revisions + report.counts["Hobby"].updated + report.counts["Benefit"].updated
    assert not demo_hobbies().filter(has_unpublished_changes=True).exists()
    assert not demo_hobbies().filter(live_revision_id__isnull=True).exists()


@pytest.mark.django_db
def test_moderation_examples_in_every_state(demo):
    from cms.panels import status_of

    examples = Hobby.objects.filter(data_source="demo-moderation")
    assert sorted(status_of(h)[0] for h in examples) == sorted(
        ["draft", "in_moderation", "rejected", "live_in_moderation", "taken_down"]
    )
    rejected = next(h for h in examples if status_of(h)[0] == "rejected")
    assert "hinta" in status_of(rejected)[1]  # the moderator's comment reaches the provider
    assert not examples.filter(live=True, taken_down_at__isnull=False).exists()


def test_generation_is_deterministic():
    monday = monday_of(dt.date(2026, 3, 4))
    first, again = generate_hobbies(monday), generate_hobbies(monday)
    assert [(h.origin_id, h.values, h.sessions) for h in first] == [(h.origin_id, h.values, h.sessions) for h in again]
    later = generate_hobbies(monday + dt.timedelta(weeks=5))
    assert [h.values["title_fi"] for h in later] == [h.values["title_fi"] for h in first]
    assert [b.hobby for b in generate_benefits(monday, first)] == [b.hobby for b in generate_benefits(monday, later)]


# --- the command -----------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_command_refuses_without_force_when_debug_is_off():
    hobbies = Hobby.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert Hobby.objects.count() == hobbies


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_command_with_force_prints_a_summary_and_new_credentials_once(demo, monkeypatch):
    User.objects.filter(username="demo-provider").delete()
    monkeypatch.setenv("DEMO_PASSWORD", "toinen-demo-salasana")
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    text = out.getvalue()
    assert "Hobby" in text and "Session" in text and "Done in" in text
    assert "demo-provider / toinen-demo-salasana" in text and "Demo-only" in text
    assert "demo-operator /" not in text
    assert User.objects.get(username="demo-provider").check_password("toinen-demo-salasana")

    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "Nothing changed" in out.getvalue() and "toinen-demo-salasana" not in out.getvalue()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_command_reports_failures_as_command_errors(monkeypatch):
    def broken(**kwargs):
        raise ValueError("venue-99 is missing")

    monkeypatch.setattr("backend.core.management.commands.load_demo.load_demo", broken)
    with pytest.raises(CommandError, match="venue-99 is missing"):
        call_command("load_demo", stdout=io.StringIO())


# --- the open-data samples, through the importers -----------------------------------------------


@pytest.mark.django_db
def test_open_data_samples_come_through_the_importers(demo):
    from importers.models import ImportRun

    runs = {run.source: run for run in ImportRun.objects.filter(source__in=["linkedevents", "lipas"])}
    assert runs["linkedevents"].status == runs["lipas"].status == ImportRun.Status.SUCCEEDED
    assert runs["linkedevents"].errors[0]["id"] == "helsinki:demo-draft"  # a draft is skipped with its reason
    assert demo.counts["Import linkedevents"].created == 11  # 4 places + 7 events (the draft is skipped)
    assert demo.counts["Import lipas"].created == 15  # 8 places, 7 of them of a youth type with open use

    skate = Hobby.objects.get(data_source="linkedevents", origin_id="helsinki:demo-skate")
    assert skate.live and (skate.age_min, skate.age_max) == (12, 17) and skate.price_kind == "free"
    assert list(skate.categories.values_list("slug", flat=True)) == ["skateboarding"]
    assert skate.venue.origin_id == "tprek:demo-8103" and skate.municipality.code == "091"
    assert skate.image_alt_en == "A teenager jumping on a ramp" and skate.image_license == "cc_by"
    sessions = list(skate.sessions.order_by("start"))
    assert len(sessions) == 8 and sum(s.cancelled for s in sessions) == 1
    for week, session in enumerate(sessions):  # Tuesdays at 17:00 Helsinki time from the demo's week on
        local = timezone.localtime(session.start)
        assert local.date() == demo.week_start + dt.timedelta(days=1, weeks=week) and local.hour == 17

    photo = Hobby.objects.get(data_source="linkedevents", origin_id="helsinki:demo-photo")
    assert (photo.price_kind, photo.price_amount, photo.price_unit) == ("paid", 30, "term")
    assert photo.registration_url == "https://ilmoittaudu.example.invalid/kannykkakuvaus"
    assert photo.enrolment_start < photo.enrolment_end
    assert Hobby.objects.get(origin_id="helsinki:demo-band").age_max == 99  # no age stated: no limit

    swimming = Hobby.objects.get(data_source="lipas", origin_id="990103-open-use")
    assert swimming.open_use and swimming.live and swimming.price_kind == "paid"
    assert list(swimming.categories.values_list("slug", flat=True)) == ["swimming"]
    assert Venue.objects.filter(data_source="lipas", origin_id="990108").exists()  # a boat launch: a venue…
    assert not Hobby.objects.filter(data_source="lipas", origin_id="990108-open-use").exists()  # …not a hobby


def test_feed_times_move_by_whole_weeks_in_helsinki_time():
    from backend.demo.imports import shift_time

    assert shift_time("2026-01-06T17:00:00+02:00", 26) == "2026-07-07T17:00:00+03:00"  # over the DST change
    assert shift_time("2026-01-06T15:00:00Z", 1) == "2026-01-13T17:00:00+02:00"
    assert shift_time("not a time", 3) == "not a time"


@pytest.mark.django_db
def test_demo_usage_is_synthetic_anonymous_and_loaded_once(demo):
    from backend.devices.models import Device, Favourite, Interaction

    devices = Device.objects.filter(token_hash__startswith="demo-device-")
    assert devices.count() == demo.counts["Demo device"].created == 150
    assert Interaction.objects.filter(device__in=devices).count() > 1000
    assert Favourite.objects.filter(device__in=devices).exists()
    assert not Device.objects.exclude(token_hash__startswith="demo-device-").exists()  # no other devices made
    assert load_demo().counts["Demo device"].unchanged == 150  # a second load adds none


@pytest.mark.django_db
def test_demo_feedback_fills_the_cms_pages_once(demo):
    from backend.demo.feedback import load_demo_feedback
    from backend.feedback.models import Feedback
    from backend.feedback.reports import weekly_ratings

    total = Feedback.objects.count()
    assert Feedback.objects.exclude(text="").exists() and Feedback.objects.filter(handled=False).exists()
    helsinki = weekly_ratings(Feedback.objects.filter(municipality__code="091"), weeks=12)
    espoo = weekly_ratings(Feedback.objects.filter(municipality__code="049"), weeks=12)
    assert all(week.average is not None for week in helsinki)  # every week has enough ratings to show
    assert any(week.withheld for week in espoo)  # a small municipality shows what privacy hides
    assert load_demo_feedback() == 0  # a second load adds none
    load_demo()
    assert Feedback.objects.count() == total
