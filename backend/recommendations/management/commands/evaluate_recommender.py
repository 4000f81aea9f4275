"""``manage.py evaluate_recommender``: the recommender against the popularity and random baselines.

By default on a SYNTHETIC population (``recommender/synthetic.py``: generated devices with hidden tastes, ages
and home areas); ``--recorded`` evaluates on the interactions in the database instead.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from recommender.experiments import run_experiment
from recommender.synthetic import make_population


class Command(BaseCommand):
    help = "Compare the recommender with the popularity and random baselines (hit rate, nDCG and coverage at 10)."

    def add_arguments(self, parser):
        parser.add_argument("--recorded", action="store_true", help="Use the recorded interactions, not synthetic.")
        parser.add_argument("--items", type=int, default=1500, help="Synthetic hobbies (default 1500).")
        parser.add_argument("--devices", type=int, default=3000, help="Synthetic devices (default 3000).")
        parser.add_argument("--interactions", type=int, default=60000, help="Synthetic interactions (default 60000).")
        parser.add_argument("--users", type=int, default=1000, help="Devices evaluated (a sample; default 1000).")
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, **options):
        if options["recorded"]:
            from backend.recommendations.data import build_catalogue, training_data
            from backend.recommendations.training import evaluation, fit_hybrid

            catalogue = build_catalogue()
            data = training_data(catalogue.ids)
            hybrid, X, T = fit_hybrid(catalogue, data, time.time())
            result = evaluation(hybrid, X, T, data.user_groups, max_users=options["users"]) if X.nnz else None
            if result is None:
                raise CommandError("Too few devices with interactions to evaluate; try the synthetic population.")
            self.stdout.write(result.format_table())
            return
        for name in ("items", "devices", "interactions", "users"):
            if options[name] <= 0:
                raise CommandError(f"--{name} must be a positive number.")
        population = make_population(
            n_items=options["items"],
            n_users=options["devices"],
            n_interactions=options["interactions"],
            random_state=options["seed"],
        )
        self.stdout.write("SYNTHETIC data — generated, not recorded.")
        self.stdout.write(run_experiment(population, max_users=options["users"], random_state=0).format())
