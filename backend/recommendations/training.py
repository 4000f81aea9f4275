"""Training the recommender from the database and saving it for the web processes.

``train()`` builds the catalogue and the interaction matrix (``data.py``), fits the hybrid (content +
item-kNN + popularity, see ``recommender/hybrid.py``), measures it against the popularity and random
baselines on a leave-last-out split of the same data, and saves it as the next version under
``settings.RECOMMENDER_MODEL_DIR`` (plain arrays + JSON, ``recommender/store.py``). The web processes pick the
new version up by themselves (``serving.py``).
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from sklearn.base import clone

from recommender.collaborative import ItemKNN
from recommender.dataset import build_matrix
from recommender.evaluation import evaluate, leave_last_out
from recommender.hybrid import HybridAsRecommender, HybridRecommender, Request
from recommender.store import save_model

from .data import build_catalogue, training_data

MIN_USERS_TO_EVALUATE = 20


@dataclass
class TrainingResult:
    version: str
    items: int
    users: int
    interactions: int
    seconds: float
    peak_mb: float
    metrics: dict = field(default_factory=dict)
    table: str = ""


def model_dir() -> Path:
    return Path(settings.RECOMMENDER_MODEL_DIR)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fit_hybrid(catalogue, data, now: float) -> tuple[HybridRecommender, object, object]:
    """The hybrid fitted on everything; also returns the matrix and its timestamps."""
    X, T = build_matrix(data.interactions, data.users, catalogue.ids, return_timestamps=True)
    hybrid = HybridRecommender().fit(
        catalogue, X if X.nnz else None, user_groups=data.user_groups, timestamps=T, now=now
    )
    return hybrid, X, T


def evaluation(hybrid: HybridRecommender, X, T, groups, *, max_users: int = 1000, random_state: int = 0):
    """Hybrid and item-kNN against the baselines on one leave-last-out split; None with too few users."""
    split = leave_last_out((X, T), random_state=random_state)
    if len(split.test_users) < MIN_USERS_TO_EVALUATE:
        return None

    def hybrid_on(train):
        # the content part does not learn from interactions: reuse it; refit the rest on the training cells
        knn = ItemKNN().fit(train) if train.nnz else None
        popularity = clone(hybrid.popularity_).fit(train, user_groups=groups, timestamps=T)
        model = HybridRecommender.from_parts(hybrid.catalogue_, hybrid.content_, popularity, knn)

        def context(user_row: int) -> Request:
            age_group, area = groups[user_row] if user_row < len(groups) else (None, None)
            return Request(age_group=age_group, area=area)

        return HybridAsRecommender(model, context=context).fit(train)

    return evaluate(
        {"hybrid": hybrid_on, "item-kNN": ItemKNN()},
        split,
        k=10,
        user_groups=groups,
        timestamps=T,
        max_users=max_users,
        random_state=random_state,
        title="Leave-last-out on the recorded interactions",
    )


def train(*, directory: Path | None = None, evaluate_model: bool = True) -> TrainingResult:
    started = time.perf_counter()
    now = timezone.now()
    catalogue = build_catalogue()
    data = training_data(catalogue.ids)
    hybrid, X, T = fit_hybrid(catalogue, data, now.timestamp())
    fitted_seconds = time.perf_counter() - started
    metrics: dict = {"items": len(catalogue), "users": len(data.users), "interactions": int(len(data.interactions))}
    table = ""
    if evaluate_model and X.nnz:
        result = evaluation(hybrid, X, T, data.user_groups)
        if result is not None:
            metrics["evaluation"] = result.as_dicts()
            table = result.format_table()
    metrics["fit_seconds"] = round(fitted_seconds, 2)
    version = save_model(
        hybrid,
        directory or model_dir(),
        metrics=metrics,
        trained_at=now,
        keep=settings.RECOMMENDER_KEEP_VERSIONS,
        metadata={"synthetic": False},
    )
    return TrainingResult(
        version=version,
        items=len(catalogue),
        users=len(data.users),
        interactions=int(len(data.interactions)),
        seconds=time.perf_counter() - started,
        peak_mb=peak_memory_mb(),
        metrics=metrics,
        table=table,
    )
