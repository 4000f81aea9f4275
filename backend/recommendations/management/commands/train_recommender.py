"""``manage.py train_recommender``: fit the recommender on the database and save the next model version."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from backend.recommendations.training import train


class Command(BaseCommand):
    help = (
        "Train the recommender from the hobbies and the recorded interactions, compare it with the popularity and "
        "random baselines, and save it; running web processes load it within RECOMMENDER_RELOAD_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-evaluation", action="store_true", help="Skip the comparison with the baselines.")

    def handle(self, *args, no_evaluation: bool = False, **options):
        try:
            result = train(evaluate_model=not no_evaluation)
        except (OSError, DatabaseError, ValueError, MemoryError) as exc:
            raise CommandError(f"Training the recommender failed, the previous model stays in use: {exc}") from exc
        if result.table and options["verbosity"] >= 1:
            self.stdout.write(result.table)
        self.stdout.write(
            self.style.SUCCESS(
                f"Recommender model {result.version} saved: {result.items} hobbies, {result.users} devices, "
                f"{result.interactions} interactions; {result.seconds:.1f} s, peak memory {result.peak_mb:.0f} MB."
            )
        )
