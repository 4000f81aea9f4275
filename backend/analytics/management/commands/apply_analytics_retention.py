"""manage.py apply_analytics_retention: what the nightly task does, on demand."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from backend.analytics.retention import apply_retention


class Command(BaseCommand):
    help = "Aggregate raw usage rows older than ANALYTICS_RETENTION_MONTHS into weekly rollups and delete them."

    def handle(self, *args, **options):
        result = apply_retention()
        self.stdout.write(
            f"Weeks before {result.cutoff.isoformat()} aggregated; deleted {result.device_weeks} device-weeks, "
            f"{result.interactions} interactions and {result.searches} searches."
        )
