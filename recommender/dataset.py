"""Id mapping and dataset building: from domain records to the arrays the models learn from.

Nothing here knows about Django: the caller turns its rows into :class:`Interaction` tuples (or parallel
arrays) and plain dicts for :class:`ItemCatalogue`; this module turns them into a sparse users × items
matrix and an item table of numpy arrays, with a stable mapping between external ids and row indices.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp

SECONDS_PER_DAY = 86400.0

#: How much one interaction of each kind counts in the implicit-feedback matrix. ``dismiss`` is a negative
#: signal: it never enters the matrix (weight 0) but callers may use it to hide an item ("seen").
KIND_WEIGHTS: dict[str, float] = {
    "favourite": 4.0,
    "join_click": 5.0,
    "share": 3.0,
    "view": 1.0,
    "dismiss": 0.0,
}

#: Kinds that mean "do not show me this again".
NEGATIVE_KINDS = frozenset({"dismiss"})

#: Age groups, the same labels a device stores (``Device.AgeGroup``): (label, lowest age, highest age).
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("-12", 0, 12),
    ("13-15", 13, 15),
    ("16-17", 16, 17),
    ("18-", 18, 200),
)
_AGE_GROUP_BOUNDS = {label: (lo, hi) for label, lo, hi in AGE_GROUPS}

PRICE_KINDS = ("free", "paid", "unknown")


def age_group(age: int | None) -> str | None:
    """The age-group label for an age (``None`` stays ``None``)."""
    if age is None:
        return None
    for label, lo, hi in AGE_GROUPS:
        if lo <= age <= hi:
            return label
    return AGE_GROUPS[-1][0] if age > AGE_GROUPS[-1][1] else AGE_GROUPS[0][0]


def age_group_bounds(label: str) -> tuple[int, int]:
    """(lowest, highest) age of an age-group label; ``KeyError`` for an unknown label."""
    return _AGE_GROUP_BOUNDS[label]


# --- id mapping -----------------------------------------------------------------------------------------


class IdMap:
    """A stable two-way mapping between external ids (ints or strings) and row indices 0…n-1.

    The order is the order of first appearance in ``from_ids``; duplicates are ignored. ``to_list`` /
    ``from_list`` round-trip through JSON.
    """

    __slots__ = ("_ids", "_index")

    def __init__(self, ids: Iterable[Any] = ()):
        self._ids: list[Any] = []
        self._index: dict[Any, int] = {}
        for external in ids:
            external = _plain(external)
            if external not in self._index:
                self._index[external] = len(self._ids)
                self._ids.append(external)

    @classmethod
    def from_ids(cls, ids: Iterable[Any]) -> IdMap:
        return cls(ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, external: Any) -> bool:
        return _plain(external) in self._index

    def __iter__(self):
        return iter(self._ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdMap) and self._ids == other._ids

    def __repr__(self) -> str:
        return f"IdMap({len(self)} ids)"

    def index(self, external: Any) -> int:
        """The row of an id; ``KeyError`` when unknown."""
        return self._index[_plain(external)]

    def get(self, external: Any, default: int = -1) -> int:
        return self._index.get(_plain(external), default)

    def indices(self, ids: Iterable[Any], missing: str = "skip") -> np.ndarray:
        """Rows of several ids. ``missing="skip"`` drops unknown ids, ``"mark"`` gives -1 for them,
        ``"error"`` raises ``KeyError``."""
        if missing not in ("skip", "mark", "error"):
            raise ValueError(f"missing must be 'skip', 'mark' or 'error', not {missing!r}")
        rows = []
        for external in ids:
            row = self._index.get(_plain(external), -1)
            if row < 0:
                if missing == "error":
                    raise KeyError(external)
                if missing == "skip":
                    continue
            rows.append(row)
        return np.asarray(rows, dtype=np.int64)

    def id_of(self, row: int) -> Any:
        return self._ids[int(row)]

    @property
    def ids(self) -> np.ndarray:
        """The ids in row order: an int64 array when every id is an int, else a str array."""
        if all(isinstance(x, int) for x in self._ids):
            return np.asarray(self._ids, dtype=np.int64)
        return np.asarray([str(x) for x in self._ids], dtype=str)

    def to_list(self) -> list[Any]:
        return list(self._ids)

    @classmethod
    def from_list(cls, ids: Sequence[Any]) -> IdMap:
        return cls(ids)


def _plain(value: Any) -> Any:
    """numpy scalars → Python scalars so that ``np.int64(3)`` and ``3`` are the same key."""
    if isinstance(value, np.generic):
        return value.item()
    return value


# --- interactions → matrix ------------------------------------------------------------------------------


class Interaction(NamedTuple):
    """One thing a device did with a hobby; ``timestamp`` in seconds since the epoch."""

    user_id: Any
    item_id: Any
    kind: str
    timestamp: float


@dataclass
class InteractionArrays:
    """Interactions as parallel arrays of rows (already mapped through the id maps), for large data."""

    user_rows: np.ndarray
    item_rows: np.ndarray
    kinds: np.ndarray  # str array
    timestamps: np.ndarray  # float seconds

    def __post_init__(self):
        self.user_rows = np.asarray(self.user_rows, dtype=np.int64)
        self.item_rows = np.asarray(self.item_rows, dtype=np.int64)
        self.kinds = np.asarray(self.kinds, dtype=str)
        self.timestamps = np.asarray(self.timestamps, dtype=np.float64)
        n = len(self.user_rows)
        if not (len(self.item_rows) == len(self.kinds) == len(self.timestamps) == n):
            raise ValueError("InteractionArrays: arrays of different lengths")

    def __len__(self) -> int:
        return len(self.user_rows)

    @classmethod
    def from_interactions(cls, interactions: Iterable[Interaction], users: IdMap, items: IdMap) -> InteractionArrays:
        """Map ids to rows; interactions with an unknown user or item are dropped."""
        u, i, k, t = [], [], [], []
        for user_id, item_id, kind, timestamp in interactions:
            ur, ir = users.get(user_id), items.get(item_id)
            if ur < 0 or ir < 0:
                continue
            u.append(ur)
            i.append(ir)
            k.append(kind)
            t.append(timestamp)
        return cls(np.asarray(u, np.int64), np.asarray(i, np.int64), np.asarray(k, dtype=str), np.asarray(t))


def kind_weights(kinds: np.ndarray, weights: Mapping[str, float] = KIND_WEIGHTS) -> np.ndarray:
    """The weight of each kind; kinds missing from ``weights`` weigh 0 (ignored)."""
    kinds = np.asarray(kinds, dtype=str)
    out = np.zeros(len(kinds), dtype=np.float64)
    for kind, weight in weights.items():
        out[kinds == kind] = weight
    return out


def decay(timestamps: np.ndarray, now: float | None, half_life_days: float | None) -> np.ndarray:
    """Exponential recency decay ``0.5 ** (age_days / half_life_days)`` (ages below 0 count as 0)."""
    timestamps = np.asarray(timestamps, dtype=np.float64)
    if not half_life_days:
        return np.ones(len(timestamps))
    if now is None:
        now = float(timestamps.max()) if len(timestamps) else 0.0
    age_days = np.maximum(now - timestamps, 0.0) / SECONDS_PER_DAY
    return np.exp2(-age_days / float(half_life_days))


def build_matrix(
    interactions: Iterable[Interaction] | InteractionArrays,
    users: IdMap,
    items: IdMap,
    weights: Mapping[str, float] = KIND_WEIGHTS,
    now: float | None = None,
    half_life_days: float | None = None,
    transform: str = "log1p",
    return_timestamps: bool = False,
):
    """The users × items implicit-feedback matrix (``scipy.sparse.csr_matrix``, float32).

    Each interaction adds ``weights[kind]`` (times ``0.5 ** (age_days / half_life_days)`` when a half
    life is given; ``now`` defaults to the latest timestamp). Repeated interactions with the same item are
    summed, then ``transform`` caps the sum: ``"log1p"`` (default) keeps ten views of one item from
    outweighing a favourite of another (1 view → 0.69, favourite → 1.61, ten views → 2.40), ``"none"``
    keeps raw sums. Zero-weight kinds (``dismiss``) and unknown kinds never enter the matrix; interactions
    with unknown ids are dropped.

    With ``return_timestamps=True`` also returns a matrix of the same sparsity holding the latest
    timestamp of each user–item cell (for leave-last-out splits).
    """
    if transform not in ("log1p", "none"):
        raise ValueError(f"transform must be 'log1p' or 'none', not {transform!r}")
    arrays = (
        interactions
        if isinstance(interactions, InteractionArrays)
        else InteractionArrays.from_interactions(interactions, users, items)
    )
    values = kind_weights(arrays.kinds, weights) * decay(arrays.timestamps, now, half_life_days)
    keep = values > 0
    X, T = aggregate(
        arrays.user_rows[keep],
        arrays.item_rows[keep],
        values[keep],
        arrays.timestamps[keep],
        shape=(len(users), len(items)),
    )
    if transform == "log1p":
        np.log1p(X.data, out=X.data)
    return (X, T) if return_timestamps else X


def aggregate(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, timestamps: np.ndarray | None, shape: tuple[int, int]
) -> tuple[sp.csr_matrix, sp.csr_matrix | None]:
    """Sum duplicate (row, col) values into a csr matrix; also the latest timestamp per cell (same sparsity)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    n_rows, n_cols = shape
    if len(rows) and (rows.min() < 0 or rows.max() >= n_rows or cols.min() < 0 or cols.max() >= n_cols):
        raise ValueError("aggregate: a row or column index is out of range")
    key = rows * n_cols + cols
    if timestamps is not None:
        timestamps = np.asarray(timestamps, dtype=np.float64)
        order = np.lexsort((timestamps, key))
    else:
        order = np.argsort(key, kind="stable")
    key = key[order]
    if len(key):
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        ends = np.r_[starts[1:], len(key)]
        sums = np.add.reduceat(values[order], starts)
        unique = key[starts]
    else:
        starts = ends = unique = np.zeros(0, dtype=np.int64)
        sums = np.zeros(0)
    u_rows, u_cols = unique // n_cols, unique % n_cols
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(u_rows, minlength=n_rows), out=indptr[1:])
    X = sp.csr_matrix((sums.astype(np.float32), u_cols.astype(np.int32), indptr), shape=shape)
    T = None
    if timestamps is not None:
        last = timestamps[order][ends - 1] if len(key) else np.zeros(0)
        T = sp.csr_matrix((last, u_cols.astype(np.int32), indptr.copy()), shape=shape)
    return X, T


def build_seen(interactions: Iterable[Interaction] | InteractionArrays, users: IdMap, items: IdMap) -> sp.csr_matrix:
    """A binary users × items matrix of every interaction, dismissals included ("seen")."""
    arrays = (
        interactions
        if isinstance(interactions, InteractionArrays)
        else InteractionArrays.from_interactions(interactions, users, items)
    )
    X, _ = aggregate(arrays.user_rows, arrays.item_rows, np.ones(len(arrays)), None, (len(users), len(items)))
    X.data[:] = 1.0
    return X


# --- the item table -------------------------------------------------------------------------------------


@dataclass
class ItemCatalogue:
    """Everything the models know about the items, as parallel arrays in row order.

    ``categories[i]`` lists the item's category ids *including their parents* (the caller expands the tree);
    by convention the first is the most specific one and is the item's ``primary_category`` unless given.
    ``texts[i]`` is one string with every language joined (title and summary first: the content model reads
    only the first ``max_text_chars``). Missing values: ``age_min`` 0, ``age_max`` 200, ``price_amount`` /
    ``lat`` / ``lon`` NaN, ``area`` "". ``available`` means live *and* bookable (upcoming sessions or open
    use); the hybrid never suggests an unavailable item. ``created`` is seconds since the epoch.
    """

    ids: IdMap
    texts: list[str]
    categories: list[list[int]]
    age_min: np.ndarray
    age_max: np.ndarray
    price_kind: np.ndarray
    price_amount: np.ndarray
    trial: np.ndarray
    beginner: np.ndarray
    created: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    area: np.ndarray
    available: np.ndarray
    primary_category: np.ndarray = field(default=None)  # type: ignore[assignment]

    def __post_init__(self):
        if not isinstance(self.ids, IdMap):
            self.ids = IdMap(self.ids)
        n = len(self.ids)
        self.texts = [str(t or "") for t in self.texts]
        self.categories = [[int(c) for c in cats] for cats in self.categories]
        self.age_min = np.asarray(self.age_min, dtype=np.int64)
        self.age_max = np.asarray(self.age_max, dtype=np.int64)
        self.price_kind = np.asarray(self.price_kind, dtype="<U7")
        self.price_amount = np.asarray(self.price_amount, dtype=np.float64)
        self.trial = np.asarray(self.trial, dtype=bool)
        self.beginner = np.asarray(self.beginner, dtype=bool)
        self.created = np.asarray(self.created, dtype=np.float64)
        self.lat = np.asarray(self.lat, dtype=np.float64)
        self.lon = np.asarray(self.lon, dtype=np.float64)
        self.area = np.asarray(self.area, dtype=str) if n else np.zeros(0, dtype="<U1")
        self.available = np.asarray(self.available, dtype=bool)
        if self.primary_category is None:
            self.primary_category = np.asarray([cats[0] if cats else -1 for cats in self.categories], dtype=np.int64)
        else:
            self.primary_category = np.asarray(self.primary_category, dtype=np.int64)
        for f in fields(self):
            if f.name == "ids":
                continue
            if len(getattr(self, f.name)) != n:
                raise ValueError(f"ItemCatalogue.{f.name} has {len(getattr(self, f.name))} values for {n} items")
        unknown = set(np.unique(self.price_kind)) - set(PRICE_KINDS)
        if unknown:
            raise ValueError(f"ItemCatalogue.price_kind: unknown values {sorted(unknown)}")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def n_items(self) -> int:
        return len(self.ids)

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, Any]]) -> ItemCatalogue:
        """Build from dicts with the field names above (``id`` instead of ``ids``, ``text`` or ``texts``,
        ``category_ids`` or ``categories``); missing optional fields take their defaults."""
        nan = math.nan

        def col(name, default, *aliases):
            out = []
            for r in records:
                value = default
                for key in (name, *aliases):
                    if key in r and r[key] is not None:
                        value = r[key]
                        break
                out.append(value)
            return out

        primary = col("primary_category", None)
        return cls(
            ids=IdMap([r["id"] for r in records]),
            texts=col("text", "", "texts"),
            categories=col("categories", [], "category_ids"),
            age_min=col("age_min", 0),
            age_max=col("age_max", 200),
            price_kind=col("price_kind", "unknown"),
            price_amount=col("price_amount", nan),
            trial=col("trial", False),
            beginner=col("beginner", False),
            created=col("created", 0.0),
            lat=col("lat", nan),
            lon=col("lon", nan),
            area=col("area", ""),
            available=col("available", True),
            primary_category=None if all(p is None for p in primary) else [-1 if p is None else p for p in primary],
        )

    def category_ids(self) -> IdMap:
        """Every category id that occurs, sorted."""
        return IdMap(sorted({c for cats in self.categories for c in cats}))

    def category_matrix(self, categories: IdMap | None = None) -> sp.csr_matrix:
        """Binary items × categories matrix (categories not in the map are left out)."""
        categories = categories or self.category_ids()
        indptr, indices = [0], []
        for cats in self.categories:
            rows = sorted({categories.get(c) for c in cats} - {-1})
            indices.extend(rows)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sp.csr_matrix(
            (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(self), len(categories)),
        )

    def subset_rows(self, ids: Iterable[Any]) -> np.ndarray:
        """Rows of the given ids that exist here."""
        return self.ids.indices(ids, missing="skip")
