"""Popularity (overall and per age group × area, recency-weighted) and a random baseline.

Both follow the interface in ``collaborative.py`` so they are evaluated side by side with the real models.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from .collaborative import RecommenderMixin, as_csr, history_vector
from .dataset import age_group, aggregate, decay

ANY = "*"


def group_key(age: str | None, area: str | None) -> str:
    """The key of a popularity group: ``"13-15|Kallio"``, ``"13-15|*"``, ``"*|Kallio"`` or ``"*|*"``."""
    return f"{age or ANY}|{area or ANY}"


def _normalise_group(group) -> tuple[str | None, str | None]:
    """(age-group label, area) from ``None``, a pair whose age is a label or an int age, or a key string."""
    if group is None:
        return None, None
    if isinstance(group, str):
        age, _, area = group.partition("|")
        return (None if age in ("", ANY) else age), (None if area in ("", ANY) else area)
    age, area = group
    if isinstance(age, int | np.integer):
        age = age_group(int(age))
    return (age or None), (area or None)


class PopularityModel(RecommenderMixin, BaseEstimator):
    """Items ranked by how many devices engaged with them, recently, among the same age group and area.

    Popularity is a distribution over items: ``p_global = c / Σc`` from the (decayed) interaction weights of
    everyone; per age group and per area ``p_g = (c_g + shrinkage · p_global) / (Σc_g + shrinkage)``, and for
    an age group × area ``p = (c + shrinkage · ½(p_age + p_area)) / (Σc + shrinkage)``: small groups lean
    on the larger ones. With ``half_life_days`` an interaction of age ``d`` days weighs ``0.5 ** (d / h)``
    (needs timestamps). ``binary=True`` counts each user once per item whatever the weight.
    """

    def __init__(self, half_life_days: float | None = 30.0, shrinkage: float = 20.0, binary: bool = False):
        self.half_life_days = half_life_days
        self.shrinkage = shrinkage
        self.binary = binary

    # --- fitting -----------------------------------------------------------------------------------------

    def fit(self, X, user_groups: Sequence | None = None, timestamps=None, now: float | None = None, y=None):
        """``X``: users × items weights; ``user_groups``: per user row an (age or age-group label, area) pair
        (either may be ``None``); ``timestamps``: a matrix with X's sparsity holding each cell's latest time
        (e.g. from ``build_matrix(..., return_timestamps=True)``), used for the recency decay."""
        X = as_csr(X)
        weights = X.copy()
        if self.binary:
            weights.data[:] = 1.0
        if timestamps is not None and self.half_life_days:
            T = sp.csr_matrix(timestamps)
            if T.nnz != X.nnz:
                T = T.multiply(X > 0).tocsr()
            T.sort_indices()
            weights.sort_indices()
            if not (np.array_equal(T.indptr, weights.indptr) and np.array_equal(T.indices, weights.indices)):
                raise ValueError("timestamps must have the same sparsity as X")
            weights.data = (weights.data * decay(T.data, now, self.half_life_days)).astype(np.float32)
        self._fit_weights(weights, user_groups)
        self.user_items_ = X
        return self

    def fit_interactions(
        self,
        user_rows,
        item_rows,
        weights,
        timestamps,
        shape: tuple[int, int],
        user_groups: Sequence | None = None,
        now: float | None = None,
    ):
        """Fit from parallel arrays of interactions (weights already per kind); decays each one by its age."""
        w = np.asarray(weights, dtype=np.float64) * decay(timestamps, now, self.half_life_days)
        keep = w > 0
        user_rows, item_rows = np.asarray(user_rows)[keep], np.asarray(item_rows)[keep]
        W, _ = aggregate(user_rows, item_rows, w[keep], None, shape)
        seen, _ = aggregate(user_rows, item_rows, np.ones(int(keep.sum())), None, shape)
        if self.binary:
            W.data[:] = 1.0
        self._fit_weights(W, user_groups)
        self.user_items_ = seen
        return self

    def _fit_weights(self, W: sp.csr_matrix, user_groups: Sequence | None) -> None:
        n_users, n_items = W.shape
        m = float(self.shrinkage)
        c_global = np.asarray(W.sum(axis=0), dtype=np.float64).ravel()
        total = c_global.sum()
        p_global = c_global / total if total > 0 else np.zeros(n_items)  # no interactions: no popularity

        keys: list[str] = [group_key(None, None)]
        scores: list[np.ndarray] = [p_global]
        user_key = np.zeros(n_users, dtype=np.int64)
        if user_groups is not None:
            if len(user_groups) != n_users:
                raise ValueError(f"user_groups has {len(user_groups)} entries for {n_users} users")
            pairs = [_normalise_group(g) for g in user_groups]
            levels = {
                "age": [group_key(a, None) if a else None for a, _ in pairs],
                "area": [group_key(None, r) if r else None for _, r in pairs],
                "full": [group_key(a, r) if a and r else None for a, r in pairs],
            }
            level_p: dict[str, np.ndarray] = {}
            for level in ("age", "area", "full"):
                names = levels[level]
                distinct = sorted({k for k in names if k})
                if not distinct:
                    continue
                index = {k: i for i, k in enumerate(distinct)}
                member_rows = np.asarray([i for i, k in enumerate(names) if k], dtype=np.int64)
                member_groups = np.asarray([index[names[i]] for i in member_rows], dtype=np.int64)
                M = sp.csr_matrix(
                    (np.ones(len(member_rows)), (member_groups, member_rows)), shape=(len(distinct), n_users)
                )
                C = np.asarray((M @ W).toarray(), dtype=np.float64)  # groups × items
                for g, key in enumerate(distinct):
                    if level == "full":
                        age, _, area = key.partition("|")
                        prior = 0.5 * (level_p[group_key(age, None)] + level_p[group_key(None, area)])
                    else:
                        prior = p_global
                    p = (C[g] + m * prior) / (C[g].sum() + m) if (C[g].sum() + m) > 0 else prior
                    level_p[key] = p
                    keys.append(key)
                    scores.append(p)
            index_of = {k: i for i, k in enumerate(keys)}
            for u, (a, r) in enumerate(pairs):
                user_key[u] = index_of[group_key(a, r) if a and r else group_key(a, None) if a else group_key(None, r)]
        self.group_keys_ = np.asarray(keys, dtype=str)
        self.group_scores_ = np.vstack(scores).astype(np.float32)
        self.user_group_index_ = user_key
        self.n_items_ = n_items

    # --- scoring -----------------------------------------------------------------------------------------

    def _index(self) -> dict[str, int]:
        index = getattr(self, "_key_index", None)
        if index is None or len(index) != len(self.group_keys_):
            index = {str(k): i for i, k in enumerate(self.group_keys_)}
            self._key_index = index
        return index

    def resolve_group(self, group=None) -> tuple[str | None, str | None]:
        """The (age-group label, area) whose popularity ``score(group)`` uses: the most specific known one."""
        check_is_fitted(self)
        age, area = _normalise_group(group)
        index = self._index()
        for a, r in ((age, area), (age, None), (None, area)):
            if (a or r) and group_key(a, r) in index:
                return a, r
        return None, None

    def score(self, group=None) -> np.ndarray:
        """Popularity of every item for a group: ``None`` (everyone), ``(age or age-group label, area)`` with
        either part ``None``, or a key string. Falls back to the most specific group seen in training."""
        check_is_fitted(self)
        age, area = self.resolve_group(group)
        return self.group_scores_[self._index()[group_key(age, area)]].astype(np.float64)

    def score_users(self, user_rows) -> np.ndarray:
        check_is_fitted(self)
        rows = np.asarray(user_rows, dtype=np.int64)
        return self.group_scores_[self.user_group_index_[rows]].astype(np.float64)

    def score_history(self, x) -> np.ndarray:
        check_is_fitted(self)
        history_vector(x, self.n_items_)  # validates the shape only
        return self.group_scores_[0].astype(np.float64)


class RandomModel(RecommenderMixin, BaseEstimator):
    """Uniformly random scores: the floor every model must clear."""

    def __init__(self, random_state=None):
        self.random_state = random_state

    def fit(self, X, y=None, **fit_params):
        X = as_csr(X)
        self.user_items_ = X
        self.n_items_ = X.shape[1]
        self.rng_ = check_random_state(self.random_state)
        return self

    def score_users(self, user_rows) -> np.ndarray:
        check_is_fitted(self)
        return self.rng_.random_sample((len(np.asarray(user_rows).reshape(-1)), self.n_items_))

    def score_history(self, x) -> np.ndarray:
        check_is_fitted(self)
        history_vector(x, self.n_items_)
        return self.rng_.random_sample(self.n_items_)
