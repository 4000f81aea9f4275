"""The demo's open-data part: its own sample feeds, imported through the real importers.

``backend/demo/feeds/`` holds sample files written for this project in the formats of the real sources (see
``../shared/design/DATA-SOURCES.md``): a Linked Events folder (``event.json``: one list page of events, among
them a recurring super event with its sub-events, a course, a cancelled event and a draft; ``place.json``: the
places the events point at) and a Lipas ``sports-places.json`` (a bare array of sports places). They are read
by the same code as the real APIs — ``importers.sources.run_import`` with the fetch, map and save layers — so
every ``make run`` exercises the import path.

The events' dates are written for the week starting ``FEED_WEEK`` (Monday 5 January 2026); the fetcher below
moves every time of the feed by whole weeks to the demo's week, in Helsinki time, so the sessions stay upcoming
and a weekly event keeps its weekday and its hour across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_datetime

from importers.fetch import FileFetcher
from importers.models import ImportRun
from importers.sources import run_import

from .generate import HELSINKI

FEEDS = Path(__file__).resolve().parent / "feeds"
FEED_WEEK = dt.date(2026, 1, 5)
# Linked Events fields holding a time; everything else in the files is read as it is
TIME_FIELDS = frozenset({"start_time", "end_time", "enrolment_start_time", "enrolment_end_time"})
DEMO_IMPORTS = (("linkedevents", "linkedevents"), ("lipas", "lipas"))  # (source, folder under feeds/)


def shift_time(value: str, weeks: int) -> str:
    """An ISO time ``weeks`` later at the same Helsinki wall-clock time; a value that is not a time stays."""
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        return value
    local = moment.astimezone(HELSINKI).replace(tzinfo=None) + dt.timedelta(weeks=weeks)
    return local.replace(tzinfo=HELSINKI).isoformat()


def shift_times(data: Any, weeks: int) -> Any:
    if isinstance(data, dict):
        return {
            key: shift_time(value, weeks) if key in TIME_FIELDS else shift_times(value, weeks)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [shift_times(item, weeks) for item in data]
    return data


class DemoFeed(FileFetcher):
    """A ``FileFetcher`` over a folder of sample files whose times are moved to the demo's week."""

    def __init__(self, path: Path, *, week: dt.date, source: str = ""):
        super().__init__(path, source=source)
        self.weeks = (week - FEED_WEEK).days // 7

    def _read(self, path: Path) -> object:
        return shift_times(super()._read(path), self.weeks)


def import_demo_feeds(week: dt.date) -> list[ImportRun]:
    """Import the sample feeds for the week starting ``week``; a run that does not succeed raises RuntimeError."""
    runs = []
    for source, folder in DEMO_IMPORTS:
        path = FEEDS / folder
        run = run_import(source, location=str(path), fetcher=DemoFeed(path, week=week, source=source))
        if run.status != ImportRun.Status.SUCCEEDED:
            raise RuntimeError(f"Importing the demo feed {folder!r} failed: {run.message}")
        runs.append(run)
    return runs
