"""The calendar export /hobbies/<id>.ics: upcoming sessions of a public hobby as iCalendar, read back and checked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from backend.hobbies.models import Session

from .conftest import make_hobby, make_session

pytestmark = pytest.mark.django_db


def ics_url(hobby, lang=None) -> str:
    url = reverse("hobby-ics", args=[hobby.pk])
    return f"{url}?lang={lang}" if lang else url


def fetch(client, hobby, lang=None) -> tuple:
    response = client.get(ics_url(hobby, lang))
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def events(calendar):
    return [component for component in calendar.walk("VEVENT")]


@pytest.fixture
def sessions(hobby):
    upcoming = [make_session(hobby, starts_in=dt.timedelta(days=d)) for d in (9, 2)]
    make_session(hobby, starts_in=dt.timedelta(days=5), cancelled=True)
    make_session(hobby, starts_in=-dt.timedelta(days=3))  # over
    return sorted(upcoming, key=lambda s: s.start)


def test_one_event_per_upcoming_session_with_times_in_utc(client, hobby, sessions):
    hobby.title_sv = "Fotbollsklubb"
    hobby.summary_sv = "Vi spelar fotboll."
    hobby.registration_url = "https://example.com/ilmoittaudu"
    hobby.save()

    response, calendar = fetch(client, hobby, "sv")
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="fotbollsklubb-{hobby.pk}.ics"'
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]

    assert str(calendar["VERSION"]) == "2.0"
    assert "Harrastuspassi" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Fotbollsklubb"

    found = events(calendar)
    assert [str(e["UID"]) for e in found] == [f"session-{s.pk}@harrastuspassi" for s in sessions]
    for event, session in zip(found, sessions, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.utcoffset() == dt.timedelta(0) and end.utcoffset() == dt.timedelta(0)
        assert start == session.start.replace(microsecond=0) and end == session.end.replace(microsecond=0)
        lines = event.to_ical().decode().splitlines()
        for name in ("DTSTAMP", "DTSTART", "DTEND"):  # written as UTC times: 20261122T090000Z
            assert any(re.fullmatch(rf"{name}:\d{{8}}T\d{{6}}Z", line) for line in lines), name
        assert str(event["SUMMARY"]) == "Fotbollsklubb"
        description = str(event["DESCRIPTION"])
        assert description.startswith("Vi spelar fotboll.")
        assert f"http://testserver/hobbies/{hobby.pk}" in description
        assert str(event["LOCATION"]) == "Kallion liikuntahalli, Helsinginkatu 25, 00510 Helsinki"
        assert (event["GEO"].latitude, event["GEO"].longitude) == pytest.approx((60.1841, 24.9494))
        assert str(event["URL"]) == "https://example.com/ilmoittaudu"
        assert "DTSTAMP" in event


def test_the_language_falls_back_and_defaults_to_finnish(client, hobby, sessions):
    _response, calendar = fetch(client, hobby, "en")  # no English title: Finnish
    assert str(events(calendar)[0]["SUMMARY"]) == "Jalkapallokerho"
    response, calendar = fetch(client, hobby)
    assert response["Content-Language"] == "fi" and str(calendar["X-WR-CALNAME"]) == "Jalkapallokerho"
    response, _calendar = fetch(client, hobby, "xx")
    assert response["Content-Language"] == "fi"


def test_uids_are_stable_between_downloads(client, hobby, sessions):
    first = [str(e["UID"]) for e in events(fetch(client, hobby)[1])]
    make_session(hobby, starts_in=dt.timedelta(days=1))
    second = [str(e["UID"]) for e in events(fetch(client, hobby)[1])]
    assert len(second) == 3 and second[1:] == first


def test_a_hobby_without_venue_link_or_end_time_leaves_those_out(client, organization):
    hobby = make_hobby(organization, title_fi="Etäkurssi")
    Session.objects.create(hobby=hobby, start=timezone.now() + dt.timedelta(days=1), end=None)
    [event] = events(fetch(client, hobby)[1])
    for name in ("LOCATION", "GEO", "URL", "DTEND"):  # no end time: the event is a moment, not a made-up span
        assert name not in event
    assert "DTSTART" in event


def test_an_open_use_hobby_is_a_valid_calendar_without_events(client, organization, venue):
    hobby = make_hobby(organization, venue=venue, open_use=True, title_fi="Skeittipuisto")
    response, calendar = fetch(client, hobby)
    assert events(calendar) == []
    assert str(calendar["X-WR-CALNAME"]) == "Skeittipuisto"
    assert b"BEGIN:VCALENDAR" in response.content and b"END:VCALENDAR" in response.content


def test_at_most_two_hundred_sessions(client, hobby):
    start = timezone.now() + dt.timedelta(days=1)
    Session.objects.bulk_create(
        Session(hobby=hobby, start=start + dt.timedelta(days=i), end=start + dt.timedelta(days=i, hours=1)).derive()
        for i in range(205)
    )
    found = events(fetch(client, hobby)[1])
    assert len(found) == 200
    assert found[0].decoded("DTSTART") == start.replace(microsecond=0)


def test_only_public_hobbies_have_a_calendar(client, organization, hobby):
    draft = make_hobby(organization, live=False)
    taken_down = make_hobby(organization)
    type(taken_down).objects.filter(pk=taken_down.pk).update(taken_down_at=timezone.now())
    for other in (draft, taken_down):
        make_session(other, starts_in=dt.timedelta(days=1))
        assert client.get(ics_url(other)).status_code == 404
    assert client.get("/hobbies/999999.ics").status_code == 404
    assert client.post(ics_url(hobby)).status_code == 405
    assert client.head(ics_url(hobby)).status_code == 200
