"""The standard offline experiment on a SYNTHETIC population: warm users (leave-last-out) and cold-start users
(interests only), the hybrid and its parts beside the popularity and random baselines, in one run.

Used by ``manage.py evaluate_recommender --synthetic`` and ``bench/recommender.py``; the acceptance tests in
``tests/test_recommender_eval.py`` check the same figures. Everything here is labelled SYNTHETIC: the
population is generated (``recommender/synthetic.py``), not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.base import clone

from .collaborative import ItemKNN
from .evaluation import EvaluationResult, evaluate, evaluate_cold_start, leave_last_out
from .hybrid import HybridAsRecommender, HybridRecommender, Request
from .synthetic import Population


@dataclass
class Experiment:
    warm: EvaluationResult
    cold: EvaluationResult

    def format(self) -> str:
        return self.warm.format_table() + "\n\n" + self.cold.format_table()


def _context(population: Population):
    users = population.users

    def request(u: int) -> Request:
        return Request(interests=users.interests[u], age=int(users.age[u]), area=str(users.area[u]), now=population.now)

    return request


def run_experiment(
    population: Population, *, max_users: int = 1000, random_state: int = 0, hybrid: HybridRecommender | None = None
) -> Experiment:
    """``hybrid``: an already fitted hybrid whose content part is reused (the text features do not depend on the
    interactions), so only the interaction-based parts are refitted on each training split."""
    X, T = population.matrix()
    groups = population.user_groups()
    content = hybrid.content_ if hybrid is not None else None

    def hybrid_on(train):
        if content is None:
            fitted = HybridRecommender().fit(population.catalogue, train, user_groups=groups, timestamps=T)
        else:
            knn = ItemKNN().fit(train)
            popularity = clone(hybrid.popularity_).fit(train, user_groups=groups, timestamps=T)
            fitted = HybridRecommender.from_parts(population.catalogue, content, popularity, knn)
        return HybridAsRecommender(fitted, _context(population)).fit(train)

    split = leave_last_out(X, T, random_state=random_state)
    warm = evaluate(
        {"hybrid": hybrid_on, "item-kNN": ItemKNN()},
        split,
        k=10,
        user_groups=groups,
        timestamps=T,
        max_users=max_users,
        random_state=random_state,
        title="SYNTHETIC population: warm devices, leave-last-out",
    )
    cold = evaluate_cold_start(
        {"hybrid (interests, age, area)": hybrid_on},
        X,
        population.users.interests,
        population.catalogue.categories,
        fraction=0.2,
        user_groups=groups,
        timestamps=T,
        max_users=max_users,
        random_state=random_state,
    )
    cold.title = "SYNTHETIC population: new devices with interests only (hits within their interests)"
    return Experiment(warm=warm, cold=cold)
