"""What is due for a device at a moment ``now``: each rule reads the database and returns messages, sends nothing.

- the new-hobbies digest: public, joinable hobbies published since the device's last digest (or in the last
  24 hours) in its interests and their subcategories, fitting its age group, near its home area when that
  can be placed; one message, at most once a day (Helsinki days);
- enrolment opening: a favourite whose enrolment opens within the next day, or opened in the last day and is
  still open; told once per opening;
- benefit expiring: a public, still usable benefit of a favourite hobby (or an organization-wide benefit of a
  favourite's organization) ending within ``NOTIFICATIONS_BENEFIT_EXPIRY_DAYS``, not yet used by the device;
  told once.

Texts are in the device's language; hobby and benefit titles come from their translated fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backend.benefits.services import active_q, public_benefits
from backend.hobbies.filters import near
from backend.hobbies.models import Category, Hobby, Municipality, Venue
from backend.hobbies.services import public_hobbies
from recommender.dataset import age_group_bounds

from .models import SentNotification

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = dt.timedelta(days=1)
DIGEST_LOOKBACK = DAY  # a device's first digest covers the last day
DIGEST_MAX_LOOKBACK = 7 * DAY  # and none covers more than a week
DIGEST_TITLES = 3  # hobbies named in the digest's text
ENROLMENT_NOTICE = DAY  # told when enrolment opens within this
ENROLMENT_LATE = DAY  # or opened this recently (a run missed, quiet hours, the cap)

Kind = SentNotification.Kind


@dataclass(frozen=True)
class Due:
    """A message due for a device: its kind, the hobby or benefit it is about, its text and the app path."""

    kind: str
    object_id: int | None
    title: str
    body: str
    path: str


def language_of(device) -> str:
    return device.language if device.language in settings.CONTENT_LANGUAGES else "fi"


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, HELSINKI)


def day_start(now: dt.datetime) -> dt.datetime:
    """Midnight (Helsinki) of the day ``now`` falls on."""
    return local(now).replace(hour=0, minute=0, second=0, microsecond=0)


def is_quiet(now: dt.datetime) -> bool:
    """Inside quiet hours (Helsinki): from ``NOTIFICATIONS_QUIET_START`` to ``NOTIFICATIONS_QUIET_END``."""
    start, end, hour = settings.NOTIFICATIONS_QUIET_START, settings.NOTIFICATIONS_QUIET_END, local(now).hour
    if start == end:
        return False
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


def sent_today(device, now: dt.datetime) -> int:
    return device.sent_notifications.filter(sent_at__gte=day_start(now), sent_at__lte=now).count()


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    """ "today at 18.00", "tomorrow at 18.00" or "on 14 March at 18.00", in the active language."""
    moment_local, today = local(moment), local(now).date()
    time = formats.time_format(moment_local)
    if moment_local.date() == today:
        return _("today at %(time)s") % {"time": time}
    if moment_local.date() == today + DAY:
        return _("tomorrow at %(time)s") % {"time": time}
    return _("on %(date)s at %(time)s") % {"date": formats.date_format(moment_local, "MONTH_DAY_FORMAT"), "time": time}


# --- where "near" is ------------------------------------------------------------------------------------


def home_point(area: str, cache: dict | None = None) -> tuple[float, float] | None:
    """A point for a device's coarse home area: the mean position of the venues in it.

    A postal code is placed by the venues with that code; a name by the venues of the municipality (or city)
    of that name. A district nobody's venue names cannot be placed: then nothing is filtered by distance.
    """
    area = (area or "").strip()
    if not area:
        return None
    if cache is not None and area in cache:
        return cache[area]
    venues = Venue.objects.filter(latitude__isnull=False, longitude__isnull=False, deleted=False)
    if len(area) == 5 and area.isdigit():
        venues = venues.filter(postal_code=area)
    else:
        named = Q(name_fi__iexact=area) | Q(name_sv__iexact=area) | Q(name_en__iexact=area)
        venues = venues.filter(Q(municipality__in=Municipality.objects.filter(named)) | Q(city__iexact=area))
    centre = venues.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    point = (centre["lat"], centre["lon"]) if centre["lat"] is not None else None
    if cache is not None:
        cache[area] = point
    return point


# --- the rules ----------------------------------------------------------------------------------------


def joinable(now: dt.datetime) -> Q:
    """Something to join: an upcoming session, open use, or an enrolment not yet closed."""
    return Q(next_session_start__isnull=False) | Q(open_use=True) | Q(enrolment_end__gt=now)


def new_hobbies_digest(device, now: dt.datetime, *, places: dict | None = None) -> Due | None:
    """One message about hobbies new since the last digest, or None (nothing new, or already sent today)."""
    last = (
        device.sent_notifications.filter(kind=Kind.NEW_HOBBIES, sent_at__lte=now)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    if last is not None and last >= day_start(now):
        return None
    interests = list(device.interests.values_list("pk", flat=True))
    if not interests:
        return None
    since = max(last or now - DIGEST_LOOKBACK, now - DIGEST_MAX_LOOKBACK)
    published = Q(first_published_at__gt=since, first_published_at__lte=now) | Q(
        first_published_at__isnull=True, created_at__gt=since, created_at__lte=now
    )
    in_interests = Hobby.categories.through.objects.filter(category_id__in=Category.descendant_ids(interests))
    hobbies = (
        public_hobbies()
        .filter(published, joinable(now), pk__in=in_interests.values("hobby_id"))
        .exclude(favourite_links__device=device)
    )
    if device.age_group:
        low, high = age_group_bounds(device.age_group)
        hobbies = hobbies.filter(age_max__gte=low, age_min__lte=high)
    point = home_point(device.home_area, places)
    if point is not None:
        hobbies = near(hobbies, point[0], point[1], settings.NOTIFICATIONS_RADIUS_KM)
    count = hobbies.count()
    if not count:
        return None
    newest = list(hobbies.order_by(F("first_published_at").desc(nulls_last=True), "-id")[:DIGEST_TITLES])
    language = language_of(device)
    with translation.override(language):
        names = ", ".join(hobby.translated("title", language).text for hobby in newest)
        if count > len(newest):
            more = count - len(newest)
            names = ngettext("%(names)s and %(more)d more", "%(names)s and %(more)d more", more) % {
                "names": names,
                "more": more,
            }
        title = ngettext("%(count)d new hobby for you", "%(count)d new hobbies for you", count) % {"count": count}
    path = f"/hobbies/{newest[0].pk}" if count == 1 else "/"
    return Due(Kind.NEW_HOBBIES, None, title, names, path)


def enrolment_openings(device, now: dt.datetime) -> list[Due]:
    """Favourites whose enrolment opens within a day (or opened within a day and is open), not yet told."""
    hobbies = list(
        public_hobbies()
        .filter(
            favourite_links__device=device,
            enrolment_start__gt=now - ENROLMENT_LATE,
            enrolment_start__lte=now + ENROLMENT_NOTICE,
        )
        .filter(Q(enrolment_end__isnull=True) | Q(enrolment_end__gt=now))
        .order_by("enrolment_start", "pk")
    )
    if not hobbies:
        return []
    # A message about an opening is sent no earlier than ENROLMENT_NOTICE before it: an older entry in the
    # log was about an earlier opening (last season's) of the same hobby.
    told: dict[int, list[dt.datetime]] = {}
    for object_id, sent_at in device.sent_notifications.filter(
        kind=Kind.ENROLMENT_OPENING,
        object_id__in=[h.pk for h in hobbies],
        sent_at__gte=now - ENROLMENT_LATE - ENROLMENT_NOTICE,
    ).values_list("object_id", "sent_at"):
        told.setdefault(object_id, []).append(sent_at)
    language = language_of(device)
    due = []
    with translation.override(language):
        for hobby in hobbies:
            if any(sent_at >= hobby.enrolment_start - ENROLMENT_NOTICE for sent_at in told.get(hobby.pk, ())):
                continue
            name = hobby.translated("title", language).text
            if hobby.enrolment_start > now:
                title = _("Enrolment opens soon")
                body = _("Enrolment for %(hobby)s opens %(when)s") % {
                    "hobby": name,
                    "when": _when(hobby.enrolment_start, now),
                }
            else:
                title = _("Enrolment is open")
                body = _("Enrolment for %(hobby)s is open now") % {"hobby": name}
            due.append(Due(Kind.ENROLMENT_OPENING, hobby.pk, title, body, f"/hobbies/{hobby.pk}"))
    return due


def expiring_benefits(device, now: dt.datetime) -> list[Due]:
    """Usable benefits of the device's favourites ending soon, not used by it and not yet told."""
    favourites = list(public_hobbies().filter(favourite_links__device=device).values_list("pk", "organization_id"))
    if not favourites:
        return []
    hobby_ids = {pk for pk, _org in favourites}
    organization_ids = {org for _pk, org in favourites}
    told = device.sent_notifications.filter(kind=Kind.BENEFIT_EXPIRING).values("object_id")
    benefits = (
        public_benefits()
        .filter(active_q(now), valid_until__lte=now + dt.timedelta(days=settings.NOTIFICATIONS_BENEFIT_EXPIRY_DAYS))
        .filter(Q(hobby_id__in=hobby_ids) | Q(hobby__isnull=True, organization_id__in=organization_ids))
        .exclude(redemptions__device=device)
        .exclude(pk__in=told)
        .order_by("valid_until", "pk")
    )
    language = language_of(device)
    due = []
    with translation.override(language):
        for benefit in benefits:
            body = _("%(benefit)s ends %(when)s") % {
                "benefit": benefit.translated("title", language).text,
                "when": _when(benefit.valid_until, now),
            }
            due.append(Due(Kind.BENEFIT_EXPIRING, benefit.pk, _("A benefit ends soon"), body, "/benefits"))
    return due


def due_for(device, now: dt.datetime, preferences, *, places: dict | None = None) -> list[Due]:
    """Everything due for ``device`` that its switches allow, the most time-bound first."""
    due: list[Due] = []
    if preferences.enrolment_opening:
        due += enrolment_openings(device, now)
    if preferences.benefit_expiring:
        due += expiring_benefits(device, now)
    if preferences.new_hobbies:
        digest = new_hobbies_digest(device, now, places=places)
        if digest is not None:
            due.append(digest)
    return due
