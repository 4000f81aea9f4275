"""Push notifications end to end against a local fake FCM: what is due, in which language, when, how often, and
what happens to tokens FCM refuses. Time is passed in as ``now``; nothing sleeps."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from zoneinfo import ZoneInfo

import firebase_admin.messaging
import pytest
from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.users.models import UserProfile

from backend.benefits.models import Benefit, Redemption
from backend.devices.models import Device, Favourite
from backend.hobbies.models import Category, Venue
from backend.notifications import fcm, rules, services, tasks
from backend.notifications.models import (
    NotificationPreferences,
    NotificationRun,
    PushRegistration,
    SentNotification,
)
from cms.roles import make_provider_editor

from .conftest import make_hobby, make_organization
from .fakefcm import fake_fcm_fixture, no_firebase_fixture  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2030, 3, 14, 9, 0, tzinfo=HELSINKI)  # a Thursday morning
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


# --- the world ----------------------------------------------------------------------------------------


@pytest.fixture
def sports(db):
    return Category.objects.create(slug="sports", name_fi="Urheilu", name_sv="Idrott", name_en="Sports")


@pytest.fixture
def climbing(sports):
    return Category.objects.create(
        slug="climbing", parent=sports, name_fi="Kiipeily", name_sv="Klättring", name_en="Climbing"
    )


@pytest.fixture
def music(db):
    return Category.objects.create(slug="music", name_fi="Musiikki", name_sv="Musik", name_en="Music")


def new_hobby(organization, venue, categories, published=NOW - 2 * HOUR, **fields):
    """A public, joinable hobby first published at ``published``."""
    values = {"open_use": True, "first_published_at": published, "age_min": 10, "age_max": 18}
    values.update(fields)
    return make_hobby(organization, venue=venue, categories=categories, **values)


def opted_in(token, *, language="fi", interests=(), favourites=(), age_group="", home_area="", platform="web"):
    device, _secret = Device.register(language=language, age_group=age_group, home_area=home_area)
    device.interests.set(interests)
    for hobby in favourites:
        Favourite.objects.create(device=device, hobby=hobby)
    services.register_token(device, token, platform)
    return device


def benefit_for(organization, *, hobby=None, ends=2 * DAY, **fields):
    values = {"kind": Benefit.Kind.TRIAL, "title_fi": "Ilmainen kokeilu", "title_en": "Free trial", "live": True}
    values.update(fields)
    return Benefit.objects.create(
        organization=organization, hobby=hobby, valid_from=NOW - 10 * DAY, valid_until=NOW + ends, **values
    )


def received(fake) -> list[tuple[str, str, str, str, str]]:
    """(token, title, body, path, kind) of every message the fake FCM received, sorted."""
    rows = []
    for send in fake.sends:
        message = send.message
        rows.append(
            (
                message["token"],
                message["notification"]["title"],
                message["notification"]["body"],
                message["data"]["path"],
                message["data"]["kind"],
            )
        )
    return sorted(rows)


def in_language(language, text, **values):
    with translation.override(language):
        return gettext(text) % values


def when(language, moment, day_word=None):
    """The "today at 14.00" part of a message, as the catalogue and the locale's formats give it."""
    local = moment.astimezone(HELSINKI)
    with translation.override(language):
        time = formats.time_format(local)
        if day_word is None:
            date = formats.date_format(local, "MONTH_DAY_FORMAT")
            return gettext("on %(date)s at %(time)s") % {"date": date, "time": time}
        return gettext(f"{day_word} at %(time)s") % {"time": time}


# --- the new hobbies digest -------------------------------------------------------------------------


def test_the_digest_is_one_message_per_device_in_its_language(fake_fcm, organization, venue, climbing, sports):
    kiipeily = new_hobby(
        organization, venue, [climbing], NOW - 3 * HOUR, title_fi="Kiipeily", title_sv="Klättring", title_en="Climbing"
    )
    boulder = new_hobby(organization, venue, [climbing], NOW - HOUR, title_fi="Boulderointi", title_sv="Bouldering")
    for language in ("fi", "sv", "en"):
        opted_in(f"tok-{language}", language=language, interests=[sports])  # the parent: subcategories count

    counts = services.send_due(now=NOW)

    assert (counts.sent, counts.failed, counts.devices) == (3, 0, 3)

    def title(language):
        with translation.override(language):
            return ngettext("%(count)d new hobby for you", "%(count)d new hobbies for you", 2) % {"count": 2}

    assert received(fake_fcm) == [
        # newest first; a hobby without an English title falls back to Finnish
        ("tok-en", "2 new hobbies for you", "Boulderointi, Climbing", "/", "new_hobbies"),
        ("tok-fi", title("fi"), "Boulderointi, Kiipeily", "/", "new_hobbies"),
        ("tok-sv", title("sv"), "Bouldering, Klättring", "/", "new_hobbies"),
    ]
    # the exact request: one per message, to the project's send URL, with the fake's access token
    send = fake_fcm.sends_to("tok-en")[0]
    assert send.path == "/v1/projects/harrastuspassi-test/messages:send"
    assert send.headers["authorization"] == "Bearer fake-access-token"
    assert send.json == {
        "message": {
            "token": "tok-en",
            "notification": {"title": "2 new hobbies for you", "body": "Boulderointi, Climbing"},
            "data": {"path": "/", "kind": "new_hobbies"},
        }
    }
    assert len(fake_fcm.token_requests) == 1  # one access token for all, not one per concurrent send
    assert fake_fcm.token_requests[0]["iss"] == "sender@harrastuspassi-test.iam.gserviceaccount.com"
    assert {kiipeily.pk, boulder.pk}  # both were named
    assert SentNotification.objects.filter(kind="new_hobbies", sent_at=NOW).count() == 3


def test_the_digest_names_three_hobbies_and_counts_the_rest_and_links_a_single_one(
    fake_fcm, organization, venue, climbing
):
    for n in range(5):
        new_hobby(organization, venue, [climbing], NOW - (n + 1) * HOUR, title_en=f"Hobby {n}")
    opted_in("tok-many", language="en", interests=[climbing])
    device = opted_in("tok-one", language="en", interests=[climbing])
    device.interests.set([Category.objects.create(slug="chess", name_fi="Shakki", name_sv="Schack", name_en="Chess")])
    chess = new_hobby(organization, venue, [device.interests.get()], NOW - HOUR, title_en="Chess club")

    services.send_due(now=NOW)

    assert received(fake_fcm) == [
        ("tok-many", "5 new hobbies for you", "Hobby 0, Hobby 1, Hobby 2 and 2 more", "/", "new_hobbies"),
        ("tok-one", "1 new hobby for you", "Chess club", f"/hobbies/{chess.pk}", "new_hobbies"),
    ]


def test_the_digest_goes_once_a_day_and_covers_what_is_new_since_the_last_one(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing], NOW - 2 * HOUR, title_en="Morning climb")
    opted_in("tok", language="en", interests=[climbing])

    services.send_due(now=NOW)
    new_hobby(organization, venue, [climbing], NOW + 90 * dt.timedelta(minutes=1), title_en="Afternoon climb")
    later_today = services.send_due(now=NOW + 2 * HOUR)
    tomorrow = services.send_due(now=NOW + DAY)

    assert later_today.sent == 0
    assert tomorrow.sent == 1
    assert [(title, body) for _t, title, body, _p, _k in received(fake_fcm)] == [
        ("1 new hobby for you", "Afternoon climb"),  # only what is new since yesterday's digest
        ("1 new hobby for you", "Morning climb"),
    ]


def test_the_digest_keeps_to_interests_age_group_home_area_and_public_hobbies(
    fake_fcm, municipality, organization, venue, climbing, music
):
    far = Venue.objects.create(name_fi="Kaukana", postal_code="20100", latitude=60.4518, longitude=22.2666)
    fits = new_hobby(organization, venue, [climbing], title_en="Fits")
    new_hobby(organization, venue, [music], title_en="Other interest")
    new_hobby(organization, venue, [climbing], title_en="Too young", age_min=6, age_max=9)
    new_hobby(organization, far, [climbing], title_en="Turku, 150 km away")
    new_hobby(organization, venue, [climbing], title_en="Draft", live=False)
    new_hobby(organization, venue, [climbing], NOW - 3 * DAY, title_en="Old news")
    new_hobby(organization, venue, [climbing], title_en="Nothing to join", open_use=False)
    favourite = new_hobby(organization, venue, [climbing], title_en="Already a favourite")
    # the home area is a postal code placed by the venues that have it (Kallio, Helsinki)
    opted_in(
        "tok-near", language="en", interests=[climbing], favourites=[favourite], age_group="13-15", home_area="00510"
    )
    # a municipality's name works too; a district no venue names cannot be placed: no distance filter then
    opted_in("tok-town", language="en", interests=[climbing], age_group="13-15", home_area="Helsingfors")
    opted_in("tok-nowhere", language="en", interests=[climbing], age_group="13-15", home_area="Nowhere")

    services.send_due(now=NOW)

    bodies = {token: body for token, _title, body, _path, _kind in received(fake_fcm)}
    assert bodies["tok-near"] == "Fits"
    assert bodies["tok-town"] == "Already a favourite, Fits"
    assert bodies["tok-nowhere"] == "Already a favourite, Turku, 150 km away, Fits"
    assert fits.pk


def test_no_interests_no_digest(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing])
    opted_in("tok")
    assert services.send_due(now=NOW).sent == 0
    assert fake_fcm.sends == []


# --- enrolment and benefits ---------------------------------------------------------------------------


def test_a_favourites_enrolment_opening_is_told_once(fake_fcm, organization, venue, climbing):
    soon = new_hobby(
        organization, venue, [climbing], NOW - 30 * DAY, title_fi="Kiipeily", title_en="Climbing",
        enrolment_start=NOW + 5 * HOUR, enrolment_end=NOW + 30 * DAY,
    )  # fmt: skip
    tomorrow = new_hobby(
        organization, venue, [climbing], NOW - 30 * DAY, title_fi="Judo", title_en="Judo",
        enrolment_start=NOW + 20 * HOUR,
    )  # fmt: skip
    opened = new_hobby(
        organization, venue, [climbing], NOW - 30 * DAY, title_fi="Uinti", title_en="Swimming",
        enrolment_start=NOW - 3 * HOUR, enrolment_end=NOW + 10 * DAY,
    )  # fmt: skip
    later = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW + 3 * DAY)
    closed = new_hobby(
        organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW - 5 * HOUR, enrolment_end=NOW - HOUR
    )
    long_ago = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW - 3 * DAY)
    not_favourite = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW + HOUR)
    assert not_favourite.pk
    for language in ("fi", "en"):
        opted_in(f"tok-{language}", language=language, favourites=[soon, tomorrow, opened, later, closed, long_ago])

    first = services.send_due(now=NOW)
    again = services.send_due(now=NOW + HOUR)
    after_opening = services.send_due(now=NOW + 6 * HOUR)

    assert (first.sent, again.sent, after_opening.sent) == (6, 0, 0)
    opens_soon, is_open = "Enrolment opens soon", "Enrolment is open"
    opens, open_now = "Enrolment for %(hobby)s opens %(when)s", "Enrolment for %(hobby)s is open now"
    fi_soon = in_language("fi", opens, hobby="Kiipeily", when=when("fi", soon.enrolment_start, "today"))
    fi_tomorrow = in_language("fi", opens, hobby="Judo", when=when("fi", tomorrow.enrolment_start, "tomorrow"))
    expected = [
        ("tok-en", opens_soon, "Enrolment for Climbing opens today at 2 p.m.", soon),
        ("tok-en", opens_soon, "Enrolment for Judo opens tomorrow at 5 a.m.", tomorrow),
        ("tok-en", is_open, "Enrolment for Swimming is open now", opened),
        ("tok-fi", in_language("fi", opens_soon), fi_soon, soon),
        ("tok-fi", in_language("fi", opens_soon), fi_tomorrow, tomorrow),
        ("tok-fi", in_language("fi", is_open), in_language("fi", open_now, hobby="Uinti"), opened),
    ]
    assert received(fake_fcm) == sorted(
        (token, title, body, f"/hobbies/{hobby.pk}", "enrolment_opening") for token, title, body, hobby in expected
    )


def test_next_seasons_enrolment_opening_is_told_again(fake_fcm, organization, venue, climbing):
    hobby = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW + 2 * HOUR)
    device = opted_in("tok", favourites=[hobby])
    assert services.send_due(now=NOW).sent == 1
    hobby.enrolment_start = NOW + 180 * DAY
    hobby.save()

    assert services.send_due(now=NOW + 179 * DAY + HOUR).sent == 1
    log = device.sent_notifications.filter(kind="enrolment_opening", object_id=hobby.pk)
    assert list(log.values_list("sent_at", flat=True)) == [NOW + 179 * DAY + HOUR]  # the old entry was pruned


def test_an_expiring_benefit_of_a_favourite_is_told_once_unless_used(fake_fcm, organization, venue, climbing):
    hobby = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, title_en="Climbing")
    other_hobby = new_hobby(organization, venue, [climbing], NOW - 30 * DAY)
    elsewhere = new_hobby(make_organization(organization.municipality), venue, [climbing], NOW - 30 * DAY)
    own = benefit_for(
        organization, hobby=hobby, title_fi="Eka kerta ilmaiseksi", title_sv="Första gången gratis",
        title_en="Free first climb", ends=2 * DAY + 3 * HOUR,
    )  # fmt: skip
    whole_org = benefit_for(organization, title_fi="-10 % kaikesta", title_en="10 % off everything", ends=5 * HOUR)
    benefit_for(organization, hobby=hobby, title_en="Ends next week", ends=7 * DAY)
    benefit_for(organization, hobby=other_hobby, title_en="Another hobby's")
    benefit_for(elsewhere.organization, title_en="Another organization's")
    benefit_for(organization, hobby=hobby, title_en="Not published", live=False)
    benefit_for(organization, hobby=hobby, title_en="Sold out", total_quantity=1, redeemed_count=1)
    used = benefit_for(organization, hobby=hobby, title_fi="Käytetty", title_en="Used by tok-en", ends=DAY)
    device = opted_in("tok-en", language="en", favourites=[hobby])
    Redemption.objects.create(benefit=used, device=device, code="ABC123")
    opted_in("tok-sv", language="sv", favourites=[hobby])

    first = services.send_due(now=NOW)
    again = services.send_due(now=NOW + HOUR)

    assert (first.sent, again.sent) == (5, 0)
    ends_soon = "A benefit ends soon"
    ends = "%(benefit)s ends %(when)s"
    assert received(fake_fcm) == sorted(
        [
            ("tok-en", ends_soon, "10 % off everything ends today at 2 p.m.", "/benefits", "benefit_expiring"),
            ("tok-en", ends_soon, "Free first climb ends on March 16 at noon", "/benefits", "benefit_expiring"),
            # Swedish, with the Finnish title where there is no Swedish one
            (
                "tok-sv", in_language("sv", ends_soon),
                in_language("sv", ends, benefit="-10 % kaikesta", when=when("sv", whole_org.valid_until, "today")),
                "/benefits", "benefit_expiring",
            ),
            (
                "tok-sv", in_language("sv", ends_soon),
                in_language("sv", ends, benefit="Första gången gratis", when=when("sv", own.valid_until)),
                "/benefits", "benefit_expiring",
            ),
            (
                "tok-sv", in_language("sv", ends_soon),
                in_language("sv", ends, benefit="Käytetty", when=when("sv", used.valid_until, "tomorrow")),
                "/benefits", "benefit_expiring",
            ),
        ]
    )  # fmt: skip
    assert set(device.sent_notifications.values_list("object_id", flat=True)) == {own.pk, whole_org.pk}


def test_switched_off_kinds_are_not_sent(fake_fcm, organization, venue, climbing):
    hobby = new_hobby(organization, venue, [climbing], enrolment_start=NOW + HOUR)
    new_hobby(organization, venue, [climbing])  # for the digest: favourites are not news
    benefit_for(organization, hobby=hobby)
    everything = opted_in("tok-all", interests=[climbing])
    Favourite.objects.create(device=everything, hobby=hobby)
    kinds = ("new_hobbies", "enrolment_opening", "benefit_expiring")
    for off in kinds:
        device = opted_in(f"tok-no-{off}", interests=[climbing], favourites=[hobby])
        services.update_preferences(device, **{off: False})
    nothing = opted_in("tok-none", interests=[climbing], favourites=[hobby])
    services.update_preferences(nothing, new_hobbies=False, enrolment_opening=False, benefit_expiring=False)

    services.send_due(now=NOW)

    got: dict[str, set[str]] = {}
    for token, _title, _body, _path, kind in received(fake_fcm):
        got.setdefault(token, set()).add(kind)
    assert got == {"tok-all": set(kinds), **{f"tok-no-{off}": set(kinds) - {off} for off in kinds}}


# --- when: quiet hours and the daily cap ------------------------------------------------------------


def test_nothing_is_sent_in_quiet_hours_and_what_was_due_goes_in_the_morning(fake_fcm, organization, venue, climbing):
    hobby = new_hobby(organization, venue, [climbing], NOW.replace(hour=22) - DAY, title_en="Night climb")
    opted_in("tok", language="en", interests=[climbing])
    evening = NOW.replace(hour=23) - DAY  # 23:00 the evening before
    early = NOW.replace(hour=7, minute=59)

    at_night = services.send_due(now=evening)
    before_eight = services.send_due(now=early)
    assert fake_fcm.sends == []
    morning = services.send_due(now=NOW)

    assert (at_night.status, at_night.deferred, at_night.sent) == ("quiet", 1, 0)
    assert (before_eight.status, before_eight.sent) == ("quiet", 0)
    assert (morning.status, morning.sent) == ("ok", 1)
    assert received(fake_fcm) == [("tok", "1 new hobby for you", "Night climb", f"/hobbies/{hobby.pk}", "new_hobbies")]
    runs = list(NotificationRun.objects.order_by("started_at").values_list("status", "deferred", "sent"))
    assert runs == [("quiet", 1, 0), ("quiet", 1, 0), ("ok", 0, 1)]


def test_quiet_hours_follow_the_settings(settings):
    settings.NOTIFICATIONS_QUIET_START, settings.NOTIFICATIONS_QUIET_END = 21, 8
    quiet = [hour for hour in range(24) if rules.is_quiet(NOW.replace(hour=hour))]
    assert quiet == [0, 1, 2, 3, 4, 5, 6, 7, 21, 22, 23]
    settings.NOTIFICATIONS_QUIET_START, settings.NOTIFICATIONS_QUIET_END = 1, 5
    assert [hour for hour in range(24) if rules.is_quiet(NOW.replace(hour=hour))] == [1, 2, 3, 4]
    settings.NOTIFICATIONS_QUIET_START = settings.NOTIFICATIONS_QUIET_END = 0
    assert not any(rules.is_quiet(NOW.replace(hour=hour)) for hour in range(24))
    # Helsinki hours, whatever zone ``now`` is given in
    assert rules.is_quiet(dt.datetime(2030, 3, 14, 20, 30, tzinfo=dt.UTC)) is False
    settings.NOTIFICATIONS_QUIET_START, settings.NOTIFICATIONS_QUIET_END = 21, 8
    assert rules.is_quiet(dt.datetime(2030, 3, 14, 20, 30, tzinfo=dt.UTC)) is True  # 22.30 in Helsinki


def test_the_daily_cap_holds_the_rest_until_tomorrow(fake_fcm, settings, organization, venue, climbing):
    settings.NOTIFICATIONS_DAILY_CAP = 2
    first = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW + 2 * HOUR)
    second = new_hobby(organization, venue, [climbing], NOW - 30 * DAY, enrolment_start=NOW + 3 * HOUR)
    benefit = benefit_for(organization, hobby=first, ends=2 * DAY)
    device = opted_in("tok", favourites=[first, second])

    today = services.send_due(now=NOW)
    later = services.send_due(now=NOW + 2 * HOUR)
    tomorrow = services.send_due(now=NOW + DAY)

    assert (today.sent, today.capped) == (2, 1)
    assert (later.sent, later.capped) == (0, 1)
    assert (tomorrow.sent, tomorrow.capped) == (1, 0)
    log = list(device.sent_notifications.order_by("sent_at", "kind", "object_id").values_list("kind", "object_id"))
    assert log == [
        ("enrolment_opening", first.pk),
        ("enrolment_opening", second.pk),
        ("benefit_expiring", benefit.pk),
    ]
    assert len(fake_fcm.sends) == 3


# --- sending: batches, retries, dead tokens ---------------------------------------------------------------


def test_messages_go_in_batches_with_one_request_per_message(
    fake_fcm, settings, monkeypatch, organization, venue, climbing
):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    new_hobby(organization, venue, [climbing])
    for n in range(5):
        opted_in(f"tok-{n}", interests=[climbing])
    calls = []
    real_send_each = firebase_admin.messaging.send_each

    def counting_send_each(messages, *args, **kwargs):  # firebase-admin's own send_each, counted
        calls.append(len(messages))
        return real_send_each(messages, *args, **kwargs)

    monkeypatch.setattr(firebase_admin.messaging, "send_each", counting_send_each)

    counts = services.send_due(now=NOW)

    assert calls == [2, 2, 1]
    # send_each in firebase-admin 7 posts each message on its own (concurrently), not to the batch endpoint
    assert sorted(send.token for send in fake_fcm.sends) == [f"tok-{n}" for n in range(5)]
    assert (counts.sent, counts.devices) == (5, 5)


def test_dead_tokens_are_deleted_at_once_and_others_kept(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing])
    for token in ("gone", "not-a-token", "other-sender", "bad-payload", "fine"):
        opted_in(token, interests=[climbing])
    fake_fcm.script("gone", "UNREGISTERED")
    fake_fcm.script("not-a-token", "INVALID_ARGUMENT")
    fake_fcm.script("other-sender", "SENDER_ID_MISMATCH")
    fake_fcm.script("bad-payload", "INVALID_PAYLOAD")  # INVALID_ARGUMENT about the message, not the token

    counts = services.send_due(now=NOW)

    assert (counts.sent, counts.pruned, counts.failed) == (1, 3, 1)
    assert sorted(PushRegistration.objects.values_list("token", flat=True)) == ["bad-payload", "fine"]
    assert Device.objects.count() == 5  # only the tokens go
    # none of them was retried: one request each
    assert sorted(send.token for send in fake_fcm.sends) == sorted(
        ["gone", "not-a-token", "other-sender", "bad-payload", "fine"]
    )
    assert list(SentNotification.objects.values_list("device__push_registration__token", flat=True)) == ["fine"]


def test_transient_failures_are_retried_a_bounded_number_of_times(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing])
    for token in ("flaky", "busy", "down", "fine"):
        opted_in(token, interests=[climbing])
    fake_fcm.script("flaky", "UNAVAILABLE", times=1)
    fake_fcm.script("busy", "QUOTA_EXCEEDED", times=2)
    fake_fcm.script("down", "INTERNAL")

    counts = services.send_due(now=NOW)

    assert (counts.sent, counts.failed, counts.pruned) == (3, 1, 0)
    assert {token: len(fake_fcm.sends_to(token)) for token in ("flaky", "busy", "down", "fine")} == {
        "flaky": 2,
        "busy": 3,
        "down": fcm.MAX_ATTEMPTS,
        "fine": 1,
    }
    assert PushRegistration.objects.filter(token="down").exists()  # kept, and tried again next hour
    assert not SentNotification.objects.filter(device__push_registration__token="down").exists()
    fake_fcm.clear()
    assert services.send_due(now=NOW + HOUR).sent == 1
    assert [send.token for send in fake_fcm.sends] == ["down"]


def test_retry_waits_with_a_growing_backoff(fake_fcm):
    fake_fcm.script("down", "UNAVAILABLE")
    started = time.perf_counter()
    outcome = fcm.send([fcm.Outgoing("down", "t", "b")], backoff=0.02)
    assert time.perf_counter() - started >= 0.02 + 0.04
    assert (outcome.delivered, outcome.failed, outcome.retried) == ([], [0], 2)
    assert len(fake_fcm.sends_to("down")) == fcm.MAX_ATTEMPTS == 3


def test_a_token_moved_to_another_device_is_sent_to_that_device_only(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing], title_en="Climb")
    first = opted_in("shared", language="fi", interests=[climbing])
    second = opted_in("shared", language="en", interests=[climbing])

    services.send_due(now=NOW)

    assert not PushRegistration.objects.filter(device=first).exists()
    assert PushRegistration.objects.get().device == second
    assert [(token, body) for token, _t, body, _p, _k in received(fake_fcm)] == [("shared", "Climb")]


# --- Firebase off, or broken ----------------------------------------------------------------------------


def test_without_credentials_the_task_does_nothing_and_says_off(no_firebase, caplog, organization, venue, climbing):
    new_hobby(organization, venue, [climbing])
    opted_in("tok", interests=[climbing])

    with caplog.at_level(logging.INFO, logger="backend.notifications.fcm"):
        first = tasks.send_due.delay().get()
        second = tasks.send_to_device.delay(str(Device.objects.get().pk)).get()
        third = tasks.send_due.delay().get()

    assert first == third == {
        "status": "off", "devices": 0, "sent": 0, "failed": 0, "pruned": 0, "deferred": 0, "capped": 0,
    }  # fmt: skip
    assert second["status"] == "off"
    assert [r.getMessage() for r in caplog.records].count(
        "Push notifications are off: FIREBASE_CREDENTIALS is not set."
    ) == 1
    assert list(NotificationRun.objects.values_list("status", flat=True)) == ["off", "off"]
    assert SentNotification.objects.count() == 0
    assert fcm.send([fcm.Outgoing("tok", "t", "b")]).status == "off"


def test_an_unreadable_key_is_reported_not_raised(settings, tmp_path, organization, venue, climbing, client):
    key = tmp_path / "broken.json"
    key.write_text(json.dumps({"type": "service_account", "project_id": "p", "private_key": "not a key"}))
    settings.FIREBASE_CREDENTIALS = str(key)
    fcm.reset()
    new_hobby(organization, venue, [climbing])
    opted_in("tok", interests=[climbing])
    try:
        counts = services.send_due(now=NOW)
        answer = client.get("/healthz")
        health = answer.json()["checks"]["firebase"]
    finally:
        fcm.reset()
    assert (counts.status, counts.sent, counts.failed) == ("error", 0, 1)
    assert PushRegistration.objects.count() == 1
    assert NotificationRun.objects.get().status == "error"
    assert health == {"configured": True, "ok": False, "credentials": "invalid", "error": "ValueError"}
    # push is optional: the service is degraded, not down (a load balancer keeps sending traffic)
    assert (answer.status_code, answer.json()["status"]) == (200, "degraded")


def test_the_health_check_says_whether_firebase_is_configured(client, settings, fake_fcm):
    on = client.get("/healthz")
    assert on.status_code == 200
    assert on.json()["checks"]["firebase"] == {"configured": True, "ok": True, "credentials": "loaded"}
    assert fake_fcm.token_requests == [] and fake_fcm.sends == []  # no network call
    settings.FIREBASE_CREDENTIALS = ""
    off = client.get("/healthz")
    assert off.status_code == 200
    assert off.json()["checks"]["firebase"] == {"configured": False, "ok": True}


def test_the_beat_task_sends_with_credentials(fake_fcm, settings, organization, venue, climbing):
    settings.NOTIFICATIONS_QUIET_START = settings.NOTIFICATIONS_QUIET_END = 0  # the real clock: never quiet
    new_hobby(organization, venue, [climbing], timezone.now() - HOUR)
    device = opted_in("tok", interests=[climbing])

    result = tasks.send_to_device.delay(str(device.pk)).get()
    assert (result["status"], result["sent"]) == ("ok", 1)
    assert tasks.send_due.delay().get()["sent"] == 0  # the digest went already today
    assert NotificationRun.objects.count() == 1  # only the whole run is recorded


# --- privacy: my data and forgetting --------------------------------------------------------------------------


def test_forgetting_the_device_removes_its_token_switches_and_log(fake_fcm, organization, venue, climbing):
    new_hobby(organization, venue, [climbing])
    device = opted_in("tok", interests=[climbing])
    services.update_preferences(device, benefit_expiring=False)
    services.send_due(now=NOW)
    assert SentNotification.objects.count() == 1

    device.delete()

    assert PushRegistration.objects.count() == NotificationPreferences.objects.count() == 0
    assert SentNotification.objects.count() == 0


def test_the_log_is_pruned_after_a_month(fake_fcm, organization, venue, climbing):
    device = opted_in("tok")
    SentNotification.objects.create(device=device, kind="new_hobbies", sent_at=NOW - 31 * DAY)
    SentNotification.objects.create(device=device, kind="new_hobbies", sent_at=NOW - 2 * DAY)
    services.send_due(now=NOW)
    assert list(SentNotification.objects.values_list("sent_at", flat=True)) == [NOW - 2 * DAY]


# --- the CMS ------------------------------------------------------------------------------------------------


def cms_user(username, *, operator=False):
    User = get_user_model()
    make = User.objects.create_superuser if operator else User.objects.create_user
    user = make(username, f"{username}@example.invalid", "pw-for-tests-only")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_operators_see_whether_notifications_are_on_and_the_last_run(client, no_firebase, organization):
    operator = cms_user("operator", operator=True)
    editor = cms_user("editor")
    make_provider_editor(editor, organization)

    client.force_login(operator)
    before = client.get("/cms/").content.decode()
    assert 'data-notifications="off"' in before and "The sender has not run yet." in before
    services.send_due(now=NOW)
    after = client.get("/cms/").content.decode()
    assert "Last run" in after and "Off: Firebase is not configured" in after

    client.force_login(editor)
    assert "notification-status-heading" not in client.get("/cms/").content.decode()


def test_the_cms_panel_counts_the_last_run_when_on(client, fake_fcm, organization, venue, climbing):
    operator = cms_user("operator", operator=True)
    new_hobby(organization, venue, [climbing])
    opted_in("tok", interests=[climbing])
    opted_in("gone", interests=[climbing])
    fake_fcm.script("gone", "UNREGISTERED")
    services.send_due(now=NOW)

    client.force_login(operator)
    page = client.get("/cms/").content.decode()

    assert 'data-notifications="on"' in page
    assert "1 device has opted in" in page  # the pruned token is gone
    assert '<th scope="row">Sent</th><td>1</td>' in page
    assert '<th scope="row">Tokens removed</th><td>1</td>' in page
