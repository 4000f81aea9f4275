"""The recommender inside the web process: the newest saved model, kept in memory and reloaded when a newer one
appears, with the availability of hobbies refreshed between trainings.

``current()`` returns a fitted ``HybridRecommender``:

- the newest version under ``settings.RECOMMENDER_MODEL_DIR`` (``recommender.store``), looked for at most every
  ``RECOMMENDER_RELOAD_SECONDS``: a version written by ``train_recommender`` (or the nightly task) is picked up
  by every process on its next request after that, without a restart;
- when no model has been saved yet, a fallback fitted on the fly from the database — content and popularity
  only, no collaborative part — rebuilt every ``RECOMMENDER_FALLBACK_SECONDS``;
- either way, which hobbies may be suggested (public, with an upcoming session or open use) is refreshed every
  ``RECOMMENDER_AVAILABILITY_SECONDS``, so a hobby whose last session passed drops out before the next training.

One holder per process; a lock makes sure one thread loads while the others keep using the previous model.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from sklearn.base import clone

from recommender.dataset import build_matrix
from recommender.hybrid import HybridRecommender
from recommender.store import latest_version, load_latest

from .data import available_ids, build_catalogue, training_data
from .training import model_dir

logger = logging.getLogger(__name__)


class ModelHolder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (tests; a new model directory)."""
        self.model: HybridRecommender | None = None
        self.version: str | None = None  # None: the on-the-fly fallback
        self.trained_at: str | None = None
        self._checked = self._available = self._fallback_built = -1e18

    def _due(self, last: float, every: float, now: float) -> bool:
        return now - last >= every

    def current(self) -> HybridRecommender:
        now = time.monotonic()
        if self.model is None or self._due(self._checked, settings.RECOMMENDER_RELOAD_SECONDS, now):
            with self._lock:
                if self.model is None or self._due(self._checked, settings.RECOMMENDER_RELOAD_SECONDS, now):
                    self._reload(now)
        elif self._due(self._available, settings.RECOMMENDER_AVAILABILITY_SECONDS, now):
            with self._lock:
                if self._due(self._available, settings.RECOMMENDER_AVAILABILITY_SECONDS, now):
                    self._refresh_available(now)
        return self.model  # type: ignore[return-value]

    def _reload(self, now: float) -> None:
        self._checked = now
        directory = model_dir()
        newest = latest_version(directory) if directory.is_dir() else None
        if newest is not None and newest != self.version:
            try:
                stored = load_latest(directory)
            except (OSError, ValueError, KeyError) as exc:  # a broken file: keep serving what we have
                logger.error("Cannot load recommender model %s from %s: %s", newest, directory, exc)
                stored = None
            if stored is not None and isinstance(stored.model, HybridRecommender):
                self.model, self.version, self.trained_at = stored.model, stored.version, stored.trained_at
                logger.info("Recommender model %s (trained %s) loaded", stored.version, stored.trained_at)
                self._refresh_available(now)
                return
        if self.version is None and (
            self.model is None or self._due(self._fallback_built, settings.RECOMMENDER_FALLBACK_SECONDS, now)
        ):
            self.model = fallback_model()
            self._fallback_built = self._available = now
            return
        if self._due(self._available, settings.RECOMMENDER_AVAILABILITY_SECONDS, now):
            self._refresh_available(now)

    def _refresh_available(self, now: float) -> None:
        self.model.set_available(available_ids())
        self._available = now


def fallback_model() -> HybridRecommender:
    """Content + popularity from the database as it is now (no collaborative part): used until a model is
    trained. Fitted in the request that needs it; on a large catalogue, train instead."""
    catalogue = build_catalogue()
    hybrid = HybridRecommender().fit(catalogue, None)
    data = training_data(catalogue.ids)
    X, T = build_matrix(data.interactions, data.users, catalogue.ids, return_timestamps=True)
    if X.nnz:
        popularity = clone(hybrid.popularity_).fit(X, user_groups=data.user_groups, timestamps=T)
        hybrid = HybridRecommender.from_parts(catalogue, hybrid.content_, popularity, None)
    return hybrid


holder = ModelHolder()


def current() -> HybridRecommender:
    return holder.current()
