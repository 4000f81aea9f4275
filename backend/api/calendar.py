"""A public hobby's upcoming sessions as an iCalendar file: /hobbies/<id>.ics?lang=fi|sv|en.

One VEVENT per upcoming, not cancelled session (at most ``MAX_EVENTS``), times in UTC, a stable UID per
session so that a calendar that imports the file again updates events instead of duplicating them.
Anything but a public hobby is a 404. An open-use hobby has no sessions: a valid calendar with no events.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from backend.core.i18n import CONTENT_LANGUAGES, normalize_language
from backend.hobbies.services import public_hobbies, upcoming_sessions

MAX_EVENTS = 200
CACHE_SECONDS = 300
PRODID = "-//Harrastuspassi//Hobby sessions//FI"
# Where a hobby opens in the app.
APP_HOBBY_PATH = "/hobbies/{pk}"


def session_uid(session_pk: int) -> str:
    return f"session-{session_pk}@harrastuspassi"


def _location(venue, language: str) -> str:
    if venue is None:
        return ""
    name = venue.translated("name", language).text
    street = venue.translated("street_address", language).text
    city = " ".join(part for part in (venue.postal_code, venue.city) if part)
    return ", ".join(part for part in (name, street, city) if part)


def build_calendar(hobby, language: str, app_url: str, *, now: dt.datetime | None = None) -> Calendar:
    title = hobby.translated("title", language).text
    summary = hobby.translated("summary", language).text
    description = "\n\n".join(part for part in (summary, app_url) if part)
    venue = hobby.venue
    location = _location(venue, language)
    stamp = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    for session in upcoming_sessions(hobby, now=now, limit=MAX_EVENTS):
        event = Event()
        event.add("uid", session_uid(session.pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start.astimezone(dt.UTC))
        if session.end is not None:
            event.add("dtend", session.end.astimezone(dt.UTC))
        event.add("summary", title)
        if description:
            event.add("description", description)
        if location:
            event.add("location", location)
        if venue is not None and venue.has_location:
            event.add("geo", (venue.latitude, venue.longitude))
        if hobby.registration_url:
            event.add("url", hobby.registration_url)
        calendar.add_component(event)
    return calendar


@require_safe
def hobby_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    hobby = public_hobbies().select_related("venue").filter(pk=pk).first()
    if hobby is None:
        raise Http404("No such hobby")
    language = normalize_language(request.GET.get("lang"))
    if language not in CONTENT_LANGUAGES:
        language = "fi"
    app_url = request.build_absolute_uri(APP_HOBBY_PATH.format(pk=hobby.pk))
    calendar = build_calendar(hobby, language, app_url)

    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    name = slugify(hobby.translated("title", language).text)[:60].strip("-") or "hobby"
    response["Content-Disposition"] = f'attachment; filename="{name}-{hobby.pk}.ics"'
    response["Content-Language"] = language
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
