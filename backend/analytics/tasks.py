"""Periodic work for usage analytics, run by Celery beat (eagerly in-process without Redis)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from . import retention


@shared_task(name="backend.analytics.tasks.apply_retention")
def apply_retention(now: str | None = None) -> dict:
    """Aggregate and delete raw usage rows older than the retention period; ``now`` (ISO time) for tests."""
    moment = dt.datetime.fromisoformat(now) if now else None
    result = retention.apply_retention(moment)
    return {
        "cutoff": result.cutoff.isoformat(),
        "device_weeks": result.device_weeks,
        "interactions": result.interactions,
        "searches": result.searches,
    }
