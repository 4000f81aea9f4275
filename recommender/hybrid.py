"""The hybrid recommender: hard constraints, a history-dependent blend, diversity and a reason per result.

One request (:class:`Request`) describes everything known at that moment — interests, age, location,
the device's history (only when it allows personalisation) — and gets back :class:`Suggestion` objects,
each with a :class:`Reason` (a code and parameters; the web layer words it in the user's language).

Ranking, step by step:

1. **Constraints first** (never relaxed): the item is ``available`` (live and bookable); its age range
   contains ``age`` (or overlaps the ``age_group``'s range when only the group is known); it lies within
   ``radius_km`` of ``near`` (haversine; items without coordinates are left out when ``near`` is given);
   it is not in ``exclude`` and was not dismissed. Items already in the history are skipped unless nothing
   else fits.
2. **Blend**: every part is scaled to [0, 1] over the candidates, then combined with
   :func:`blend_weights`: ``w_cf = n / (n + cf_saturation)`` for ``n`` distinct history items (0 when there
   is no collaborative model or it knows none of them); the rest is split ``content_share`` to content and
   the remainder to popularity (all of it to popularity when there is nothing to build a content profile
   from); inside content, the interests' and the history's profiles share equally when both exist. Parts
   that are missing or all zero hand their weight to the others (weights always sum to 1). New items
   (``created`` within ``new_days``) get ``new_boost``; ties go to the newest.
   ``personalise=False`` drops the history entirely: popularity for the age group and area, plus the
   interests, age and location sent with the request (stateless; nothing stored).
3. **Diversity**: a greedy pass takes the best item unless ``max_per_category`` items of the same primary
   category are already in the list; skipped items fill the list only when nothing else is left.
4. **Never empty**: while any item passes the constraints there is a result (already-seen items, then
   anything that fits, ordered by the same scores and finally by newest).
5. **Reasons**: the part that contributed most to the item's blended score decides the reason —
   ``interest`` (which of the interests matched), ``similar`` (which history item, from the collaborative
   model or else by content), ``popular`` (the age group / area whose popularity was used) or
   ``popular_overall``. ``new`` ("new this week") and ``free_trial`` are added when true, and lead when the
   main reason would only be ``popular_overall``. ``explore`` is used when nothing supports an item (an
   empty model: ordered by newest).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, clone
from sklearn.utils.validation import check_is_fitted

from .collaborative import ItemKNN, as_csr, top_k
from .content import ContentModel
from .dataset import KIND_WEIGHTS, NEGATIVE_KINDS, SECONDS_PER_DAY, ItemCatalogue, age_group, age_group_bounds
from .popularity import PopularityModel

EARTH_RADIUS_KM = 6371.0088

REASON_CODES = ("interest", "similar", "popular", "popular_overall", "new", "free_trial", "explore")


@dataclass(frozen=True)
class Reason:
    """Why an item is suggested. ``code`` is one of :data:`REASON_CODES`; ``params`` by code:

    - ``interest``: ``category_id`` — "because you like <category>";
    - ``similar``: ``item_id``, ``item_row``, ``kind`` (the history kind, e.g. ``favourite`` → "similar to X
      that you saved", ``view`` → "…that you looked at"; ``None`` from ``similar_items``);
    - ``popular``: ``age_group`` (label or ``None``), ``area`` (or ``None``) — "popular with 13–15-year-olds
      near you";
    - ``new``: ``days`` since the item was created — "new this week";
    - ``free_trial``, ``popular_overall``, ``explore``: no parameters.
    """

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    row: int
    item_id: Any
    score: float
    reason: Reason
    reasons: tuple[Reason, ...]


@dataclass
class Request:
    """One recommendation request.

    ``history``: ``(item_row, kind)`` or ``(item_row, kind, weight)``; ``weight`` defaults to
    ``KIND_WEIGHTS[kind]`` (pass e.g. that × a recency decay, see :func:`make_history`). Weights of the same
    item are summed, then ``log1p``-capped like the training matrix. ``dismiss`` entries only hide the item.
    ``near``: ``(lat, lon, radius_km)``. ``age_group``: a label like ``"13-15"`` (derived from ``age`` when
    omitted). ``area``: the device's coarse home area, for popularity. ``now``: seconds since the epoch
    (for "new this week"; defaults to the current time).
    """

    interests: Sequence[int] = ()
    age: int | None = None
    age_group: str | None = None
    near: tuple[float, float, float] | None = None
    area: str | None = None
    history: Sequence[tuple] = ()
    personalise: bool = True
    k: int = 10
    exclude: Sequence[int] = ()
    now: float | None = None


def make_history(
    rows: Sequence[int],
    kinds: Sequence[str],
    timestamps: Sequence[float] | None = None,
    now: float | None = None,
    half_life_days: float | None = None,
    weights: dict[str, float] = KIND_WEIGHTS,
) -> list[tuple[int, str, float]]:
    """History entries ``(row, kind, KIND_WEIGHTS[kind] × 0.5 ** (age_days / half_life_days))``."""
    out = []
    for i, (row, kind) in enumerate(zip(rows, kinds, strict=True)):
        w = float(weights.get(kind, 0.0))
        if half_life_days and timestamps is not None and now is not None:
            w *= 0.5 ** (max(now - float(timestamps[i]), 0.0) / SECONDS_PER_DAY / half_life_days)
        out.append((int(row), str(kind), w))
    return out


def blend_weights(
    n_history: int,
    has_content: bool,
    has_cf: bool,
    cf_saturation: float = 5.0,
    content_share: float = 0.6,
) -> dict[str, float]:
    """The blend: ``cf = n / (n + cf_saturation)`` (0 without a collaborative signal); of the rest,
    ``content_share`` to content when there is a content profile, the remainder to popularity."""
    cf = n_history / (n_history + cf_saturation) if has_cf and n_history > 0 else 0.0
    rest = 1.0 - cf
    content = rest * content_share if has_content else 0.0
    return {"cf": cf, "content": content, "popularity": rest - content}


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(a, dtype=np.float64)) for a in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _unit(scores: np.ndarray | None, candidates: np.ndarray) -> np.ndarray | None:
    """Scores scaled to [0, 1] over the candidates (min-max); ``None`` when they carry no signal."""
    if scores is None:
        return None
    values = scores[candidates]
    if not len(values):
        return None
    hi, lo = float(values.max()), min(float(values.min()), 0.0)
    if not math.isfinite(hi) or hi <= 0:  # no candidate has any of this signal
        return None
    return (scores - lo) / (hi - lo)  # in [0, 1] on the candidates (others are never ranked)


class HybridRecommender(BaseEstimator):
    """Content + collaborative + popularity with constraints, diversity and reasons (see the module doc).

    ``fit(catalogue, X=None, user_groups=None, timestamps=None, now=None)`` fits clones of the given parts
    (defaults: ``ContentModel()``, ``ItemKNN()``, ``PopularityModel()``); without ``X`` (no interactions yet)
    only content is fitted and popularity is empty (results: interests, then newest). ``from_parts`` wraps
    already fitted parts. Item rows are the catalogue's rows: ``rows_of(ids)`` maps hobby ids to rows.
    """

    def __init__(
        self,
        content=None,
        collaborative=None,
        popularity=None,
        cf_saturation: float = 5.0,
        content_share: float = 0.6,
        new_days: float = 7.0,
        new_boost: float = 0.05,
        max_per_category: int = 5,
        pool_size: int = 300,
        history_transform: str = "log1p",
    ):
        self.content = content
        self.collaborative = collaborative
        self.popularity = popularity
        self.cf_saturation = cf_saturation
        self.content_share = content_share
        self.new_days = new_days
        self.new_boost = new_boost
        self.max_per_category = max_per_category
        self.pool_size = pool_size
        self.history_transform = history_transform

    # --- fitting -----------------------------------------------------------------------------------------

    def fit(self, catalogue: ItemCatalogue, X=None, user_groups=None, timestamps=None, now: float | None = None):
        content = clone(self.content) if self.content is not None else ContentModel()
        popularity = clone(self.popularity) if self.popularity is not None else PopularityModel()
        content.fit(catalogue)
        collaborative = None
        if X is not None:
            X = as_csr(X)
            if X.shape[1] != len(catalogue):
                raise ValueError(f"X has {X.shape[1]} items, the catalogue {len(catalogue)}")
            popularity.fit(X, user_groups=user_groups, timestamps=timestamps, now=now)
            if X.nnz:
                collaborative = clone(self.collaborative) if self.collaborative is not None else ItemKNN()
                collaborative.fit(X)
        else:
            popularity.fit(sp.csr_matrix((0, len(catalogue)), dtype=np.float32))
        self._set_parts(catalogue, content, popularity, collaborative)
        return self

    @classmethod
    def from_parts(cls, catalogue: ItemCatalogue, content, popularity, collaborative=None, **params):
        """A hybrid around parts that are already fitted (e.g. loaded from the store)."""
        model = cls(**params)
        model._set_parts(catalogue, content, popularity, collaborative)
        return model

    def _set_parts(self, catalogue, content, popularity, collaborative) -> None:
        n = len(catalogue)
        for name, part in (("content", content), ("popularity", popularity), ("collaborative", collaborative)):
            if part is None:
                continue
            check_is_fitted(part)
            if part.n_items_ != n:
                raise ValueError(f"{name} model has {part.n_items_} items, the catalogue {n}")
        self.catalogue_ = catalogue
        self.content_ = content
        self.popularity_ = popularity
        self.collaborative_ = collaborative
        self.n_items_ = n
        self._created_rank = np.argsort(np.argsort(catalogue.created, kind="stable"), kind="stable") / max(n, 1)

    def rows_of(self, ids: Iterable[Any]) -> np.ndarray:
        """Catalogue rows of item ids (ids the model does not know are skipped)."""
        check_is_fitted(self)
        return self.catalogue_.ids.indices(ids, missing="skip")

    def set_available(self, available_ids) -> None:
        """Mark exactly these item ids available (the rest not): refresh between trainings as sessions pass.
        Ids unknown to the model are ignored. The catalogue is swapped for a copy in one assignment, so
        requests running meanwhile see either the old or the new availability, never a mix."""
        check_is_fitted(self)
        mask = np.zeros(self.n_items_, dtype=bool)
        mask[self.catalogue_.ids.indices(available_ids, missing="skip")] = True
        self.catalogue_ = dataclasses.replace(self.catalogue_, available=mask)

    # --- constraints -------------------------------------------------------------------------------------

    def constraint_mask(self, request: Request) -> np.ndarray:
        """Items that may be suggested at all: available, age fits, within the radius, not excluded."""
        check_is_fitted(self)
        cat = self.catalogue_
        mask = cat.available.copy()
        if request.age is not None:
            mask &= (cat.age_min <= request.age) & (request.age <= cat.age_max)
        elif request.age_group:
            lo, hi = age_group_bounds(request.age_group)
            mask &= (cat.age_min <= hi) & (lo <= cat.age_max)
        if request.near is not None:
            lat, lon, radius = (float(v) for v in request.near)
            # a cheap box first (1° of latitude ≥ 110.5 km; longitude degrees shrink by cos(latitude)),
            # then the exact haversine distance for the items inside it; NaN (no venue) is never within
            dlat = math.degrees(radius / 6356.0)
            coslat = max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
            dlon = min(math.degrees(radius / (6356.0 * coslat)), 360.0)
            with np.errstate(invalid="ignore"):
                box = (np.abs(cat.lat - lat) <= dlat) & (np.abs((cat.lon - lon + 180.0) % 360.0 - 180.0) <= dlon)
            inside = np.flatnonzero(box & mask)
            mask[:] = False
            if len(inside):
                dist = haversine_km(lat, lon, cat.lat[inside], cat.lon[inside])
                mask[inside[dist <= radius]] = True
        hidden = [int(r) for r in request.exclude]
        if request.personalise:
            hidden += [int(h[0]) for h in request.history if h[1] in NEGATIVE_KINDS]
        hidden = [r for r in hidden if 0 <= r < self.n_items_]
        mask[hidden] = False
        return mask

    # --- recommending ------------------------------------------------------------------------------------

    def _positives(self, request: Request) -> dict[int, tuple[float, str]]:
        """Positive history per item row: (transformed weight, strongest kind)."""
        if not request.personalise:
            return {}
        weights: dict[int, float] = {}
        kinds: dict[int, str] = {}
        for entry in request.history:
            row, kind = int(entry[0]), str(entry[1])
            w = float(entry[2]) if len(entry) > 2 and entry[2] is not None else float(KIND_WEIGHTS.get(kind, 0.0))
            if kind in NEGATIVE_KINDS or w <= 0 or not 0 <= row < self.n_items_:
                continue
            weights[row] = weights.get(row, 0.0) + w
            if KIND_WEIGHTS.get(kind, 0.0) >= KIND_WEIGHTS.get(kinds.get(row, ""), -1.0):
                kinds[row] = kind
        if self.history_transform == "log1p":
            weights = {r: math.log1p(w) for r, w in weights.items()}
        return {r: (w, kinds[r]) for r, w in weights.items()}

    def _group(self, request: Request) -> tuple[str | None, str | None]:
        group = request.age_group or age_group(request.age)
        return group, (request.area or None)

    def score(self, request: Request, candidates: np.ndarray | None = None):
        """Blended scores of every item plus the parts and weights that made them (for reasons and tests)."""
        check_is_fitted(self)
        if candidates is None:
            candidates = np.flatnonzero(self.constraint_mask(request))
        positives = self._positives(request)
        hist_rows = np.fromiter(positives, dtype=np.int64, count=len(positives))
        hist_weights = np.asarray([w for w, _ in positives.values()], dtype=np.float64)
        liked = list(zip(hist_rows.tolist(), hist_weights.tolist(), strict=True))

        parts: dict[str, np.ndarray | None] = {
            "popularity": _unit(self.popularity_.score(self._group(request)), candidates),
            "interest": None,
            "history": None,
            "cf": None,
        }
        interests = [int(c) for c in request.interests]
        if interests:
            parts["interest"] = _unit(self.content_.score_interests(interests), candidates)
        if liked:
            parts["history"] = _unit(self.content_.score_liked(liked), candidates)
            if self.collaborative_ is not None:
                parts["cf"] = _unit(self.collaborative_.score_history(liked), candidates)
        has_content = parts["interest"] is not None or parts["history"] is not None
        w = blend_weights(
            len(liked), has_content, parts["cf"] is not None, float(self.cf_saturation), float(self.content_share)
        )
        if parts["popularity"] is None:  # nothing popular yet: its weight goes to the others
            w = _without(w, "popularity")
        weights = {"cf": w["cf"], "popularity": w["popularity"]}
        if parts["interest"] is not None and parts["history"] is not None:
            weights["interest"] = weights["history"] = w["content"] / 2
        elif parts["interest"] is not None:
            weights["interest"] = w["content"]
        elif parts["history"] is not None:
            weights["history"] = w["content"]
        total = np.zeros(self.n_items_)
        for name, s in parts.items():
            if s is not None and weights.get(name, 0.0) > 0:
                total += weights[name] * s
        now = self._now(request)
        is_new = self.catalogue_.created >= now - float(self.new_days) * SECONDS_PER_DAY
        total += float(self.new_boost) * is_new + 1e-6 * self._created_rank
        return total, parts, weights, positives

    def _now(self, request: Request) -> float:
        return float(request.now) if request.now is not None else time.time()

    def recommend(self, request: Request) -> list[Suggestion]:
        check_is_fitted(self)
        mask = self.constraint_mask(request)
        positives_rows = [int(h[0]) for h in request.history] if request.personalise else []
        fresh = mask.copy()
        fresh[[r for r in positives_rows if 0 <= r < self.n_items_]] = False
        candidates = np.flatnonzero(fresh)
        if not len(candidates):  # everything that fits was seen: show seen items rather than nothing
            candidates = np.flatnonzero(mask)
        if not len(candidates) or request.k <= 0:
            return []
        total, parts, weights, positives = self.score(request, candidates)
        chosen = self._diversify(candidates, total, int(request.k))
        return self._suggestions(chosen, total, parts, weights, positives, request)

    def _diversify(self, candidates: np.ndarray, total: np.ndarray, k: int) -> list[int]:
        primary = self.catalogue_.primary_category
        cap = int(self.max_per_category) if self.max_per_category else 0
        pool_size = max(int(self.pool_size), 10 * k)
        scores = total[candidates]
        if len(candidates) > pool_size:
            pool = candidates[top_k(scores, pool_size)[0]]
        else:
            pool = candidates[top_k(scores, len(candidates))[0]]
        while True:
            chosen, deferred, counts = [], [], {}
            for r in pool.tolist():
                c = int(primary[r])
                if cap and c >= 0 and counts.get(c, 0) >= cap:
                    deferred.append(r)
                    continue
                counts[c] = counts.get(c, 0) + 1
                chosen.append(r)
                if len(chosen) == k:
                    return chosen
            if len(pool) == len(candidates):
                return chosen + deferred[: k - len(chosen)]
            # not enough variety in the pool: look four times deeper (a full sort of every candidate is slow)
            pool = candidates[top_k(scores, min(len(candidates), 4 * len(pool)))[0]]

    # --- reasons -----------------------------------------------------------------------------------------

    def _suggestions(self, chosen: list[int], total, parts, weights, positives, request) -> list[Suggestion]:
        cat = self.catalogue_
        rows = np.asarray(chosen, dtype=np.int64)
        hist = np.fromiter(positives, dtype=np.int64, count=len(positives))
        hist_w = np.asarray([w for w, _ in positives.values()], dtype=np.float64)
        contributions = {name: weights.get(name, 0.0) * s[rows] for name, s in parts.items() if s is not None}
        sources: dict[str, np.ndarray] = {}
        if len(hist) and ("cf" in contributions or "history" in contributions):
            sources["history"] = self.content_.top_contributors(rows, hist, hist_w)
            sources["cf"] = sources["history"]
            for i in np.flatnonzero(sources["history"] == rows):  # a seen item shown again: not "like itself"
                others = hist != rows[i]
                sources["history"][i] = self.content_.top_contributor(rows[i], hist[others], hist_w[others])
            if "cf" in contributions and self.collaborative_ is not None:
                cf = self.collaborative_.explain_many(hist, rows, hist_w)
                sources["cf"] = np.where(cf >= 0, cf, sources["history"])
        group, area = self.popularity_.resolve_group(self._group(request))
        popular = Reason("popular", {"age_group": group, "area": area}) if group or area else None
        interests = {int(c) for c in request.interests}
        now = self._now(request)
        out = []
        for i, row in enumerate(rows.tolist()):
            main: Reason | None = None
            for name, values in sorted(contributions.items(), key=lambda kv: -kv[1][i]):
                if values[i] <= 0:
                    break
                if name == "interest":
                    matched = next((c for c in cat.categories[row] if c in interests), None)  # most specific first
                    main = Reason("interest", {"category_id": matched}) if matched is not None else None
                elif name in ("cf", "history"):
                    source = int(sources[name][i]) if name in sources else -1
                    if source >= 0:
                        main = Reason(
                            "similar",
                            {"item_id": cat.ids.id_of(source), "item_row": source, "kind": positives[source][1]},
                        )
                elif name == "popularity":
                    main = popular or Reason("popular_overall", {})
                if main is not None:
                    break
            extras = []
            age_days = (now - float(cat.created[row])) / SECONDS_PER_DAY
            if age_days <= float(self.new_days):
                extras.append(Reason("new", {"days": max(0, int(age_days))}))
            if bool(cat.trial[row]):
                extras.append(Reason("free_trial", {}))
            if main is None or main.code == "popular_overall":
                reasons = [*extras, main] if main is not None else (extras or [Reason("explore", {})])
            else:
                reasons = [main, *extras]
            out.append(Suggestion(row, cat.ids.id_of(row), float(total[row]), reasons[0], tuple(reasons)))
        return out

    # --- similar items -----------------------------------------------------------------------------------

    def similar_items(self, row: int, k: int = 10, constraints: Request | None = None) -> list[Suggestion]:
        """Items like one item: collaborative neighbours and content similarity blended half and half (all
        content when the collaborative model knows no neighbours), within ``constraints`` (default: only
        available items)."""
        check_is_fitted(self)
        row = int(row)
        request = constraints or Request()
        mask = self.constraint_mask(request)
        mask[row] = False
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return []
        content = _unit(self.content_.similarity_to(row), candidates)
        cf = _unit(self.collaborative_.similarity_to(row), candidates) if self.collaborative_ is not None else None
        if content is None and cf is None:
            return []
        total = 1e-6 * self._created_rank
        if content is not None:
            total = total + (0.5 if cf is not None else 1.0) * content
        if cf is not None:
            total = total + (0.5 if content is not None else 1.0) * cf
        chosen = candidates[top_k(total[candidates], k)[0]]
        reason = Reason("similar", {"item_id": self.catalogue_.ids.id_of(row), "item_row": row, "kind": None})
        ids = self.catalogue_.ids
        return [Suggestion(int(r), ids.id_of(int(r)), float(total[r]), reason, (reason,)) for r in chosen]


def _without(weights: dict[str, float], name: str) -> dict[str, float]:
    rest = {k: v for k, v in weights.items() if k != name}
    total = sum(rest.values())
    if total <= 0:
        return {**{k: 0.0 for k in weights}}
    return {**{k: v / total for k, v in rest.items()}, name: 0.0}


class HybridAsRecommender(BaseEstimator):
    """The hybrid behind the shared ``recommend(user_rows, k, exclude_seen)`` interface, for evaluation.

    ``context(user_row)`` returns the :class:`Request` template for a user (interests, age, area…); the
    user's history is taken from the matrix given to ``fit`` (``value_to_weight`` undoes its transform so
    the hybrid's own ``log1p`` is not applied twice). Rows shorter than ``k`` are padded with -1. The hybrid
    always skips items already in the history while anything else fits, whatever ``exclude_seen`` says.
    """

    def __init__(
        self,
        hybrid: HybridRecommender,
        context: Callable[[int], Request] | None = None,
        value_to_weight: Callable[[np.ndarray], np.ndarray] = np.expm1,
    ):
        self.hybrid = hybrid
        self.context = context
        self.value_to_weight = value_to_weight

    def fit(self, X, y=None):
        self.user_items_ = as_csr(X)
        self.n_items_ = self.user_items_.shape[1]
        return self

    def recommend(self, user_rows, k: int = 10, exclude_seen: bool = True) -> np.ndarray:
        check_is_fitted(self)
        X = self.user_items_
        out = np.full((len(user_rows), k), -1, dtype=np.int64)
        for i, u in enumerate(np.asarray(user_rows, dtype=np.int64)):
            base = self.context(int(u)) if self.context is not None else Request()
            row = X[int(u)]
            weights = self.value_to_weight(row.data.astype(np.float64))
            history = [(int(c), "view", float(w)) for c, w in zip(row.indices, weights, strict=True)]
            request = dataclasses.replace(base, history=history, k=k)
            rows = [s.row for s in self.hybrid.recommend(request)]
            out[i, : len(rows)] = rows
        return out
