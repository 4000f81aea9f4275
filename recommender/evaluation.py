"""Offline evaluation: held-out splits, ranking metrics, and a table that always includes the baselines.

Every model is judged on the same split in the same run as the popularity and random baselines, so a
number is never reported without the floor it has to clear.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import NotFittedError
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from .collaborative import as_csr
from .popularity import PopularityModel, RandomModel

POPULARITY_BASELINE = "popularity (baseline)"
RANDOM_BASELINE = "random (baseline)"


@dataclass
class Split:
    """``train``: users × items with the held-out cells removed; ``test_items[i]``: the held-out item rows of
    user ``test_users[i]``."""

    train: sp.csr_matrix
    test_users: np.ndarray
    test_items: list[np.ndarray]

    @property
    def n_items(self) -> int:
        return self.train.shape[1]

    def as_dict(self) -> dict[int, np.ndarray]:
        return dict(zip(self.test_users.tolist(), self.test_items, strict=True))

    def restricted(self, allowed: Mapping[int, np.ndarray] | Callable[[int], np.ndarray]) -> Split:
        """Keep only held-out items in ``allowed[user]`` (item rows or a boolean mask over items); users left
        with none are dropped. E.g. "within their interests"."""
        users, items = [], []
        for u, held in zip(self.test_users.tolist(), self.test_items, strict=True):
            ok = allowed(u) if callable(allowed) else allowed.get(u)
            if ok is None:
                continue
            ok = np.asarray(ok)
            keep = held[ok[held]] if ok.dtype == bool else np.intersect1d(held, ok)
            if len(keep):
                users.append(u)
                items.append(keep)
        return Split(self.train, np.asarray(users, dtype=np.int64), items)


def leave_last_out(X, timestamps=None, n_test: int = 1, min_train: int = 1, random_state=None) -> Split:
    """Hold out each user's ``n_test`` latest interactions (by ``timestamps``, a matrix with X's sparsity,
    e.g. from ``build_matrix(..., return_timestamps=True)``; ties and missing timestamps broken at random).

    ``X`` may also be an ``(X, timestamps)`` pair. Users with fewer than ``n_test + min_train`` items stay
    entirely in training and are not evaluated.
    """
    if isinstance(X, tuple):
        X, timestamps = X
    X = as_csr(X)
    X.sort_indices()
    rng = check_random_state(random_state)
    if timestamps is not None:
        T = sp.csr_matrix(timestamps, dtype=np.float64)
        if T.nnz != X.nnz:
            T = T.multiply(X > 0).tocsr()
        T.sort_indices()
        if not np.array_equal(T.indices, X.indices) or not np.array_equal(T.indptr, X.indptr):
            raise ValueError("timestamps must have the same sparsity as X")
        times = T.data
    else:
        times = np.zeros(X.nnz)
    jitter = rng.random_sample(X.nnz)
    counts = np.diff(X.indptr)
    held_mask = np.zeros(X.nnz, dtype=bool)
    users, items = [], []
    for u in np.flatnonzero(counts >= n_test + min_train):
        start, stop = X.indptr[u], X.indptr[u + 1]
        order = np.lexsort((jitter[start:stop], times[start:stop]))[::-1][:n_test]
        held_mask[start + order] = True
        users.append(u)
        items.append(np.sort(X.indices[start + order]).astype(np.int64))
    train = X.copy()
    train.data[held_mask] = 0
    train.eliminate_zeros()
    return Split(train, np.asarray(users, dtype=np.int64), items)


def cold_start_split(X, fraction: float = 0.1, min_items: int = 1, random_state=None) -> Split:
    """Pick a ``fraction`` of users (with at least ``min_items`` items) as newcomers: all their interactions
    are held out and their rows emptied in ``train``."""
    X = as_csr(X)
    rng = check_random_state(random_state)
    eligible = np.flatnonzero(np.diff(X.indptr) >= min_items)
    n = max(1, int(round(fraction * len(eligible)))) if len(eligible) else 0
    users = np.sort(rng.choice(eligible, size=n, replace=False)) if n else np.zeros(0, dtype=np.int64)
    items = [np.sort(X.indices[X.indptr[u] : X.indptr[u + 1]]).astype(np.int64) for u in users]
    keep = np.ones(X.shape[0])
    keep[users] = 0
    train = sp.csr_matrix(sp.diags(keep) @ X)
    train.eliminate_zeros()
    return Split(train, users.astype(np.int64), items)


# --- metrics --------------------------------------------------------------------------------------------


def _hits(recommended: np.ndarray, test_items: Sequence[np.ndarray], k: int) -> list[np.ndarray]:
    recommended = np.asarray(recommended)[:, :k]
    return [np.isin(recs, held) & (recs >= 0) for recs, held in zip(recommended, test_items, strict=True)]


def hit_rate_at_k(recommended: np.ndarray, test_items: Sequence[np.ndarray], k: int = 10) -> float:
    """Share of users with at least one held-out item among their top k (-1 marks an empty slot)."""
    if not len(test_items):
        return 0.0
    return float(np.mean([h.any() for h in _hits(recommended, test_items, k)]))


def ndcg_at_k(recommended: np.ndarray, test_items: Sequence[np.ndarray], k: int = 10) -> float:
    """Mean normalised discounted cumulative gain with binary relevance."""
    if not len(test_items):
        return 0.0
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    scores = []
    for hits, held in zip(_hits(recommended, test_items, k), test_items, strict=True):
        dcg = float((hits * discounts[: len(hits)]).sum())
        ideal = float(discounts[: min(len(held), k)].sum())
        scores.append(dcg / ideal if ideal > 0 else 0.0)
    return float(np.mean(scores))


def catalogue_coverage(recommended: np.ndarray, n_items: int) -> float:
    """Share of the catalogue that appears in anyone's recommendations."""
    recs = np.asarray(recommended).ravel()
    recs = recs[recs >= 0]
    return float(len(np.unique(recs)) / n_items) if n_items else 0.0


# --- the table ------------------------------------------------------------------------------------------


@dataclass
class EvaluationRow:
    name: str
    hit_rate: float
    ndcg: float
    coverage: float
    n_users: int
    fit_seconds: float
    recommend_seconds: float
    baseline: bool = False


@dataclass
class EvaluationResult:
    k: int
    rows: list[EvaluationRow] = field(default_factory=list)
    title: str = ""

    def row(self, name: str) -> EvaluationRow:
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)

    @property
    def popularity(self) -> EvaluationRow:
        return self.row(POPULARITY_BASELINE)

    @property
    def random(self) -> EvaluationRow:
        return self.row(RANDOM_BASELINE)

    def as_dicts(self) -> list[dict]:
        return [r.__dict__.copy() for r in self.rows]

    def format_table(self) -> str:
        k = self.k
        head = (f"HR@{k}", f"nDCG@{k}", "coverage", "× popularity", "users", "fit s", "recommend s")
        pop = self.popularity.hit_rate if any(r.name == POPULARITY_BASELINE for r in self.rows) else 0.0
        width = max(len("model"), *(len(r.name) for r in self.rows))
        lines = [self.title] if self.title else []
        lines.append(f"{'model':<{width}}  " + "  ".join(f"{h:>12}" for h in head))
        for r in self.rows:
            ratio = f"{r.hit_rate / pop:.2f}" if pop > 0 else "-"
            values = (
                f"{r.hit_rate:.4f}",
                f"{r.ndcg:.4f}",
                f"{r.coverage:.3f}",
                ratio,
                str(r.n_users),
                f"{r.fit_seconds:.2f}",
                f"{r.recommend_seconds:.2f}",
            )
            lines.append(f"{r.name:<{width}}  " + "  ".join(f"{v:>12}" for v in values))
        return "\n".join(lines)


def _fitted(model, train) -> tuple[object, float]:
    """A fitted model from an entry of ``evaluate``'s dict, and the seconds its fitting took."""
    start = time.perf_counter()
    if not hasattr(model, "recommend") and callable(model):
        return model(train), time.perf_counter() - start
    try:
        check_is_fitted(model)
    except NotFittedError:
        model.fit(train)
    except (TypeError, AttributeError):  # not a scikit-learn estimator: assume it is ready
        pass
    return model, time.perf_counter() - start


def evaluate(
    models: Mapping[str, object],
    split: Split,
    k: int = 10,
    user_groups: Sequence | None = None,
    timestamps=None,
    popularity: PopularityModel | None = None,
    max_users: int | None = None,
    random_state=0,
    title: str = "",
) -> EvaluationResult:
    """Hit rate, nDCG and coverage at ``k`` of every model on ``split``, with the baselines always added.

    ``models``: name → a fitted model, an unfitted estimator (fitted on ``split.train``), or a factory
    ``f(train) -> fitted model``; each must have ``recommend(user_rows, k, exclude_seen=True)``. The
    popularity baseline (``popularity`` or ``PopularityModel()``, given ``user_groups`` and ``timestamps``
    like any fair competitor) and a random baseline are evaluated on the same split and users.
    ``max_users`` evaluates a random sample of the test users (the same for every model).
    """
    rng = check_random_state(random_state)
    users, items = split.test_users, split.test_items
    if max_users is not None and len(users) > max_users:
        pick = np.sort(rng.choice(len(users), size=max_users, replace=False))
        users, items = users[pick], [items[i] for i in pick]
    entries = dict(models)
    baseline_pop = popularity if popularity is not None else PopularityModel()
    start = time.perf_counter()
    baseline_pop = baseline_pop.fit(split.train, user_groups=user_groups, timestamps=timestamps)
    pop_seconds = time.perf_counter() - start
    result = EvaluationResult(k=k, title=title)
    prepared = [(name, *_fitted(model, split.train), False) for name, model in entries.items()]
    prepared.append((POPULARITY_BASELINE, baseline_pop, pop_seconds, True))
    prepared.append((RANDOM_BASELINE, *_fitted(RandomModel(random_state=random_state), split.train), True))
    for name, model, fit_seconds, is_baseline in prepared:
        start = time.perf_counter()
        recs = model.recommend(users, k=k, exclude_seen=True) if len(users) else np.zeros((0, k), dtype=np.int64)
        seconds = time.perf_counter() - start
        result.rows.append(
            EvaluationRow(
                name=name,
                hit_rate=hit_rate_at_k(recs, items, k),
                ndcg=ndcg_at_k(recs, items, k),
                coverage=catalogue_coverage(recs, split.n_items),
                n_users=len(users),
                fit_seconds=fit_seconds,
                recommend_seconds=seconds,
                baseline=is_baseline,
            )
        )
    return result


def items_in_categories(item_categories: Sequence[Sequence[int]], categories: Sequence[int]) -> np.ndarray:
    """Boolean mask of the items having any of ``categories`` (item lists include parents)."""
    wanted = {int(c) for c in categories}
    return np.asarray([bool(wanted.intersection(cats)) for cats in item_categories], dtype=bool)


def within_interests(
    split: Split, item_categories: Sequence[Sequence[int]], interests: Sequence[Sequence[int]]
) -> Split:
    """The split restricted to held-out items inside each user's declared interests (``interests[user]``):
    the "within their interests" view of a cold-start evaluation."""
    index: dict[int, set[int]] = {}
    for row, cats in enumerate(item_categories):
        for c in cats:
            index.setdefault(int(c), set()).add(row)

    def allowed(u: int) -> np.ndarray:
        rows = set().union(*(index.get(int(c), set()) for c in interests[u])) if interests[u] else set()
        return np.asarray(sorted(rows), dtype=np.int64)

    return split.restricted(allowed)


def evaluate_cold_start(
    models: Mapping[str, object],
    X,
    interests: Sequence[Sequence[int]],
    item_categories: Sequence[Sequence[int]],
    fraction: float = 0.2,
    min_items: int = 3,
    k: int = 10,
    user_groups: Sequence | None = None,
    timestamps=None,
    max_users: int | None = None,
    random_state=0,
) -> EvaluationResult:
    """Newcomers known only by their declared ``interests`` (category ids per user row): a ``fraction`` of
    users is removed from training (:func:`cold_start_split`), every model recommends for them, and a hit
    is a held-out item *within their interests* (:func:`within_interests`). ``models`` are factories
    ``f(train)`` (or unfitted estimators) since they must be fitted without the newcomers; the popularity
    and random baselines are added as always. A model needing the interests reads them itself (e.g. the
    hybrid adapter's ``context``)."""
    split = cold_start_split(X, fraction=fraction, min_items=min_items, random_state=random_state)
    inside = within_interests(split, item_categories, interests)
    return evaluate(
        models,
        inside,
        k=k,
        user_groups=user_groups,
        timestamps=timestamps,
        max_users=max_users,
        random_state=random_state,
        title="cold start: interests only, hits within their interests",
    )
