"""Periodic imports, run by Celery beat (schedule in ``backend/settings/base.py``, block "Importers")."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task

from .models import ImportRun
from .sources import run_import, sources

logger = logging.getLogger(__name__)

# An incremental run reads what changed since the last successful run, minus this overlap (clock skew, slow
# writers at the source); without a successful run it imports in full.
OVERLAP = dt.timedelta(minutes=15)


def _since_last_success(name: str) -> dt.datetime | None:
    last = (
        ImportRun.objects.filter(source=name, status=ImportRun.Status.SUCCEEDED, dry_run=False)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return last - OVERLAP if last else None


@shared_task(name="importers.tasks.import_source")
def import_source(name: str, incremental: bool = True) -> str:
    """Import one source; returns the run's summary line."""
    since = _since_last_success(name) if incremental else None
    run = run_import(name, since=since)
    log = logger.info if run.status == ImportRun.Status.SUCCEEDED else logger.error
    log("%s", run.message)
    return run.message


@shared_task(name="importers.tasks.import_all")
def import_all(incremental: bool = False) -> list[str]:
    """Every configured source in turn; a failing one does not stop the others."""
    return [import_source(name, incremental=incremental) for name in sources()]
