"""``manage.py load_demo``: load or refresh the demo content (thin; the work is in backend.demo)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backend.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo content: municipalities, categories, providers, venues, hobbies with sessions, "
        "benefits and three demo CMS users. Safe to run again: it only writes what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Never do this on a production database.",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="Plan sessions and validity windows from this date's week (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, force: bool = False, today: dt.date | None = None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data because DEBUG is off (this looks like a production setting). "
                "Use --force if you really mean to put demo content into this database."
            )
        verbose = options["verbosity"] >= 2
        try:
            report = load_demo(stdout=self.stdout if verbose else None, today=today)
        except Exception as exc:
            raise CommandError(f"Loading the demo data failed and nothing was saved: {exc}") from exc

        self.stdout.write(f"Demo data for the week starting {report.week_start:%Y-%m-%d}:")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.new_users:
            self.stdout.write("")
            self.stdout.write(self.style.WARNING("Demo-only credentials (shown once, not for any real use):"))
            for username in report.new_users:
                self.stdout.write(f"  {username} / {report.password}")
        summary = (
            f"Done in {report.seconds:.1f} s: {report.created} created, {report.updated} updated, "
            f"{report.deleted} deleted."
        )
        self.stdout.write(self.style.SUCCESS(summary) if report.changed else f"{summary} Nothing changed.")
