"""What a demo load did: counts per model, timing and the credentials of new users."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from dataclasses import dataclass, field

from .sync import Counts

MODELS = (
    "Municipality",
    "Category",
    "CategoryMapping",
    "Organization",
    "Venue",
    "Group",
    "User",
    "Hobby",
    "Session",
    "Benefit",
    "Demo device",  # SYNTHETIC anonymous usage for the recommender (backend/demo/interactions.py)
    "Moderation example",
    "Page",
    "Import linkedevents",  # the sample feeds in backend/demo/feeds/, through the importers
    "Import lipas",
)


@dataclass
class DemoReport:
    week_start: dt.date
    counts: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in MODELS})
    seconds: float = 0.0
    new_users: list[str] = field(default_factory=list)
    password: str | None = None  # set only when users were created in this run

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def deleted(self) -> int:
        return sum(c.deleted for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def lines(self) -> list[str]:
        lines = []
        for name, c in self.counts.items():
            line = f"{name:<20} {c.created:>6} created {c.updated:>6} updated {c.unchanged:>6} unchanged"
            if c.deleted:
                line += f" {c.deleted:>6} deleted"
            lines.append(line)
        return lines


class Step:
    """Prints how long each step took when the caller gave an output stream."""

    def __init__(self, stdout):
        self.stdout, self.last = stdout, time.perf_counter()

    def done(self, what: str) -> None:
        now = time.perf_counter()
        if self.stdout is not None:
            self.stdout.write(f"  {what:<24} {now - self.last:6.2f} s")
        self.last = now


@contextlib.contextmanager
def quiet(logger_name: str):
    """Silence INFO logs: Wagtail (and django_tasks, running Wagtail's reference-index task) log a
    line for every revision, publish and save, hundreds of lines of noise in a demo load."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
