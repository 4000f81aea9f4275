"""Business logic for hobbies, shared by the CMS, the API, importers and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from .models import Hobby, Session


def refresh_next_sessions(hobby_ids: Iterable[int] | None = None, *, now: dt.datetime | None = None) -> int:
    """Recompute ``Hobby.next_session_start`` (the first upcoming, not cancelled session).

    With ``hobby_ids`` only those hobbies are recomputed (after their sessions changed).
    Without, only hobbies whose stored next session has already started — the periodic job.
    Returns the number of hobbies updated. One UPDATE statement, whatever the number of rows.
    """
    now = now or timezone.now()
    upcoming = (
        Session.objects.filter(hobby=OuterRef("pk"), cancelled=False, start__gte=now)
        .order_by("start")
        .values("start")[:1]
    )
    if hobby_ids is None:
        hobbies = Hobby.objects.filter(next_session_start__lt=now)
    else:
        hobbies = Hobby.objects.filter(pk__in=list(hobby_ids))
    return hobbies.update(next_session_start=Subquery(upcoming))


def public_hobbies():
    """Hobbies the public may see: published by a moderator (or a trusted import) and not taken down.

    The API and everything else shown to teenagers starts from here; drafts, content in moderation,
    rejected and taken-down content never reach it.
    """
    return Hobby.objects.filter(live=True, taken_down_at__isnull=True)


def upcoming_sessions(hobby: Hobby, *, now: dt.datetime | None = None, limit: int = 20):
    now = now or timezone.now()
    return hobby.sessions.filter(Q(start__gte=now) | Q(end__gte=now), cancelled=False).order_by("start")[:limit]


def similar_hobbies(hobby: Hobby):
    """Public hobbies like this one: sharing its categories (most shared first), fitting an overlapping
    age range, nearest first when the venue is known. The recommender may replace this ranking."""
    import math

    from django.db.models import Count, ExpressionWrapper, F, FloatField, IntegerField, OuterRef, Subquery

    from .filters import KM_PER_DEGREE_LAT, KM_PER_DEGREE_LON_AT_EQUATOR

    category_ids = [c.pk for c in hobby.categories.all()]  # prefetched by the API
    links = Hobby.categories.through.objects.filter(hobby_id=OuterRef("pk"), category_id__in=category_ids)
    shared = links.order_by().values("hobby_id").annotate(n=Count("*")).values("n")
    candidates = (
        public_hobbies()
        .exclude(pk=hobby.pk)
        .filter(
            # driven from the category index: only hobbies that share a category are looked at
            pk__in=Hobby.categories.through.objects.filter(category_id__in=category_ids).values("hobby_id"),
            age_min__lte=hobby.age_max,
            age_max__gte=hobby.age_min,
        )
        .annotate(shared=Subquery(shared, output_field=IntegerField()))
    )
    ordering = [F("shared").desc()]
    venue = hobby.venue
    if venue is not None and venue.has_location:
        km_per_lon = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(venue.latitude))
        dy = (F("venue__latitude") - venue.latitude) * KM_PER_DEGREE_LAT
        dx = (F("venue__longitude") - venue.longitude) * km_per_lon
        candidates = candidates.annotate(
            similar_distance_sq=ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())
        )
        ordering.append(F("similar_distance_sq").asc(nulls_last=True))
    ordering += [F("next_session_start").asc(nulls_last=True), "id"]
    return candidates.order_by(*ordering)
