"""Retention: raw usage rows older than ``ANALYTICS_RETENTION_MONTHS`` become weekly aggregates, then go.

Whole weeks only: a week is aggregated once, when its last day is older than the retention period, so a week
is never split between raw rows and a rollup. Each table is handled in one transaction (aggregate, then delete
the same rows), and running it again finds nothing left to do. Active device-weeks go first, because their
per-municipality rollups read the interactions of the same weeks.

What is kept: per week, interactions by hobby × kind × the devices' age group, searches by normalised text ×
"found nothing" × the municipalities searched, active devices by channel (and per municipality, the devices
that used its hobbies that week) — each as a number of events and a number of distinct devices. Rows of devices
that turned anonymous usage statistics off are deleted without being counted. The recommender also reads
interactions; losing those older than the retention period is intended.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from backend.devices.models import Interaction

from .models import DeviceWeek, DeviceWeekRollup, InteractionRollup, SearchEvent, SearchRollup
from .weeks import as_week, midnight, week_of


@dataclass
class RetentionResult:
    cutoff: dt.date
    device_weeks: int = 0
    interactions: int = 0
    searches: int = 0


def cutoff_week(now: dt.datetime | None = None) -> dt.date:
    """The first Monday whose week is kept raw: every earlier week lies wholly beyond the retention period."""
    today = timezone.localdate(now or timezone.now())
    months = int(settings.ANALYTICS_RETENTION_MONTHS)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    boundary = dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return week_of(boundary)


def _store(model, key: dict, events: int | None, devices: int) -> None:
    """Add to a rollup row (events add up; devices keep the larger count, a lower bound of distinct ones)."""
    row = model.objects.filter(**key).first()
    if row is None:
        values = {"devices": devices} if events is None else {"events": events, "devices": devices}
        model.objects.create(**key, **values)
        return
    if events is not None:
        row.events += events
    row.devices = max(row.devices, devices)
    row.save()


def _roll_device_weeks(cut: dt.date) -> int:
    with transaction.atomic():
        old = DeviceWeek.objects.filter(week__lt=cut).order_by()
        counted = old.filter(device__analytics=True)
        for row in counted.values("week", "channel").annotate(d=Count("device_id", distinct=True)):
            key = {"week": row["week"], "channel": row["channel"], "municipality": None}
            _store(DeviceWeekRollup, key, None, row["d"])
        for row in counted.values("week").annotate(d=Count("device_id", distinct=True)):
            _store(DeviceWeekRollup, {"week": row["week"], "channel": "", "municipality": None}, None, row["d"])
        # per municipality: the devices that used its hobbies in the same week
        municipalities: dict[tuple, set[int]] = defaultdict(set)
        used = (
            Interaction.objects.filter(created_at__lt=midnight(cut), device__analytics=True)
            .order_by()
            .annotate(w=TruncWeek("created_at"))
            .values_list("device_id", "w", "hobby__municipality_id")
            .distinct()
        )
        any_channel: dict[tuple, set] = defaultdict(set)
        for device_id, week, municipality in used:
            municipalities[device_id, as_week(week)].add(municipality)
            any_channel[as_week(week), municipality].add(device_id)
        per_channel: dict[tuple, set] = defaultdict(set)
        for device_id, week, channel in counted.values_list("device_id", "week", "channel"):
            for municipality in municipalities.get((device_id, week), ()):
                per_channel[week, channel, municipality].add(device_id)
        for (week, channel, municipality), devices in per_channel.items():
            key = {"week": week, "channel": channel, "municipality_id": municipality}
            _store(DeviceWeekRollup, key, None, len(devices))
        for (week, municipality), devices in any_channel.items():
            _store(DeviceWeekRollup, {"week": week, "channel": "", "municipality_id": municipality}, None, len(devices))
        deleted, _by_model = old.delete()
    return deleted


def _roll_interactions(cut: dt.date) -> int:
    with transaction.atomic():
        old = Interaction.objects.filter(created_at__lt=midnight(cut)).order_by()
        weekly = (
            old.filter(device__analytics=True)
            .annotate(w=TruncWeek("created_at"))
            .values("w", "hobby_id", "kind", "device__age_group")
            .annotate(n=Count("id"), d=Count("device_id", distinct=True))
        )
        for row in weekly:
            key = {
                "week": as_week(row["w"]),
                "hobby_id": row["hobby_id"],
                "kind": row["kind"],
                "age_group": row["device__age_group"] or "",
            }
            _store(InteractionRollup, key, row["n"], row["d"])
        deleted, _by_model = old.delete()
    return deleted


def _roll_searches(cut: dt.date) -> int:
    with transaction.atomic():
        old = SearchEvent.objects.filter(created_at__lt=midnight(cut)).order_by()
        counted = old.filter(Q(device__isnull=True) | Q(device__analytics=True)).annotate(w=TruncWeek("created_at"))
        for zero, rows in ((True, counted.filter(result_count=0)), (False, counted.exclude(result_count=0))):
            weekly = rows.values("w", "query", "municipalities").annotate(
                n=Count("id"), d=Count("device_id", distinct=True)
            )
            for row in weekly:
                key = {
                    "week": as_week(row["w"]),
                    "query": row["query"],
                    "zero_results": zero,
                    "municipalities": row["municipalities"],
                }
                _store(SearchRollup, key, row["n"], row["d"])
        deleted, _by_model = old.delete()
    return deleted


def apply_retention(now: dt.datetime | None = None) -> RetentionResult:
    """Aggregate and delete the raw rows of every week older than the retention period (idempotent)."""
    cut = cutoff_week(now)
    result = RetentionResult(cutoff=cut)
    result.device_weeks = _roll_device_weeks(cut)
    result.interactions = _roll_interactions(cut)
    result.searches = _roll_searches(cut)
    return result
