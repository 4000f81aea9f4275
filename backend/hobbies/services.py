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
