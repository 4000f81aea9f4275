"""Rebuild the hobby search documents (after a restore, or once after the migration that adds search)."""

import time

from django.core.management.base import BaseCommand

from backend.hobbies import search


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of every hobby."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = search.reindex()
        self.stdout.write(f"Indexed {count} hobbies in {time.perf_counter() - started:.1f} s.")
