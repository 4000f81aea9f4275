"""Collaborative filtering on any sparse users × items implicit-feedback matrix.

Every model here (and the baselines in ``popularity.py``, and ``ContentModel``) shares one interface:

- ``fit(X)`` with ``X`` a ``scipy.sparse`` users × items matrix of non-negative weights;
- ``score_users(user_rows)`` → dense ``(len(user_rows), n_items)`` scores for training users;
- ``score_history(x)`` → scores for a user *not* in the training data (fold-in) from a 1 × n_items
  vector of their weights (sparse or dense);
- ``recommend(user_rows, k, exclude_seen=True)`` → ``(len(user_rows), k)`` item rows, best first.

Nothing here is specific to hobbies: the models run as well on MovieLens-like data.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted


def as_csr(X) -> sp.csr_matrix:
    """A float32 csr matrix with summed duplicates and no explicit zeros (``ValueError`` for negatives)."""
    if sp.issparse(X):
        X = sp.csr_matrix(X, dtype=np.float32, copy=True)
    else:
        X = sp.csr_matrix(np.asarray(X, dtype=np.float32))
    X.sum_duplicates()
    X.eliminate_zeros()
    if X.nnz and X.data.min() < 0:
        raise ValueError("the interaction matrix must not contain negative values")
    return X


def history_vector(x, n_items: int) -> sp.csr_matrix:
    """A 1 × n_items csr row from a sparse row, a dense vector or a list of (item_row, weight) pairs."""
    if sp.issparse(x):
        x = sp.csr_matrix(x, dtype=np.float32)
        if x.shape != (1, n_items):
            raise ValueError(f"history must be 1 × {n_items}, not {x.shape}")
        return x
    if isinstance(x, list | tuple) and (not x or isinstance(x[0], tuple | list)):
        rows = np.asarray([int(r) for r, _ in x], dtype=np.int32)
        weights = np.asarray([float(w) for _, w in x], dtype=np.float32)
        v = sp.csr_matrix((weights, rows, [0, len(rows)]), shape=(1, n_items))
        v.sum_duplicates()
        return v
    x = np.asarray(x, dtype=np.float32).reshape(1, -1)
    if x.shape[1] != n_items:
        raise ValueError(f"history must have {n_items} values, not {x.shape[1]}")
    return sp.csr_matrix(x)


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest scores per row, best first (ties → lower index first)."""
    scores = np.atleast_2d(scores)
    n = scores.shape[1]
    k = min(k, n)
    if k <= 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (scores.shape[0], 1))
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -part_scores), axis=1)
    return np.take_along_axis(part, order, axis=1).astype(np.int64)


class RecommenderMixin:
    """``recommend`` on top of ``score_users``; needs the fitted ``user_items_`` (the training matrix)."""

    def _user_matrix(self) -> sp.csr_matrix:
        check_is_fitted(self)
        X = getattr(self, "user_items_", None)
        if X is None:
            raise ValueError(
                f"{type(self).__name__} was loaded without its training users: use score_history() instead"
            )
        return X

    def recommend(self, user_rows, k: int = 10, exclude_seen: bool = True) -> np.ndarray:
        user_rows = np.asarray(user_rows, dtype=np.int64).reshape(-1)
        out = []
        for start in range(0, len(user_rows), 1024):
            chunk = user_rows[start : start + 1024]
            scores = np.asarray(self.score_users(chunk), dtype=np.float64)
            if exclude_seen:
                seen = self._user_matrix()[chunk]
                r, c = seen.nonzero()
                scores[r, c] = -np.inf
            out.append(top_k(scores, k))
        if not out:
            return np.zeros((0, min(k, self.n_items_)), dtype=np.int64)
        return np.vstack(out)


class ItemKNN(RecommenderMixin, BaseEstimator):
    """Item-based k-nearest neighbours with cosine similarity.

    ``sim(i, j) = (x_i · x_j) / (‖x_i‖ ‖x_j‖ + shrinkage)`` over the item columns of ``X``; for each item
    only its ``n_neighbours`` most similar items are kept (computed block by block so the dense
    items × items matrix never exists), and a user's scores are ``x @ S``. ``shrinkage`` damps
    similarities resting on few co-occurrences.
    """

    def __init__(self, n_neighbours: int = 100, shrinkage: float = 10.0, block_elements: int = 4_000_000):
        self.n_neighbours = n_neighbours
        self.shrinkage = shrinkage
        self.block_elements = block_elements

    def fit(self, X, y=None):
        X = as_csr(X)
        n_items = X.shape[1]
        k = max(0, min(int(self.n_neighbours), n_items - 1))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=0), dtype=np.float64).ravel())
        XT = X.T.tocsr()  # items × users
        block = max(1, int(self.block_elements) // max(n_items, 1))
        rows, cols, vals = [], [], []
        for start in range(0, n_items, block):
            stop = min(start + block, n_items)
            G = (XT[start:stop] @ X).toarray()  # (block × items) co-occurrence
            denom = norms[start:stop, None] * norms[None, :] + float(self.shrinkage)
            denom[denom == 0] = 1.0
            G /= denom
            G[np.arange(stop - start), np.arange(start, stop)] = 0.0  # an item is not its own neighbour
            if k == 0:
                continue
            if k < n_items:
                nb = np.argpartition(-G, k - 1, axis=1)[:, :k]
            else:
                nb = np.tile(np.arange(n_items), (stop - start, 1))
            sims = np.take_along_axis(G, nb, axis=1)
            keep = sims > 0
            rows.append(np.repeat(np.arange(start, stop), keep.sum(axis=1)))
            cols.append(nb[keep])
            vals.append(sims[keep])
        if rows:
            rows, cols, vals = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
        else:
            rows = cols = np.zeros(0, dtype=np.int64)
            vals = np.zeros(0)
        # neighbours_[j] = j's nearest items; similarity_ = its transpose so that scores = x @ similarity_
        self.neighbours_ = sp.csr_matrix((vals.astype(np.float32), (rows, cols)), shape=(n_items, n_items))
        self.similarity_ = self.neighbours_.T.tocsr()
        self.similarity_.sort_indices()
        self.user_items_ = X
        self.n_items_ = n_items
        return self

    def score_users(self, user_rows) -> np.ndarray:
        X = self._user_matrix()
        return np.asarray((X[np.asarray(user_rows, dtype=np.int64)] @ self.similarity_).toarray())

    def score_history(self, x) -> np.ndarray:
        check_is_fitted(self)
        v = history_vector(x, self.n_items_)
        return np.asarray((v @ self.similarity_).toarray()).ravel()

    def similar(self, row: int, k: int = 10) -> np.ndarray:
        """The items most similar to one item (itself excluded)."""
        sims = self.similarity_to(row)
        sims[int(row)] = -np.inf
        return top_k(sims, k)[0][: int((sims > 0).sum())]

    def similarity_to(self, row: int) -> np.ndarray:
        """Dense similarities of one item's kept nearest neighbours (0 elsewhere)."""
        check_is_fitted(self)
        out = np.zeros(self.n_items_, dtype=np.float64)
        r = self.neighbours_.getrow(int(row))
        out[r.indices] = r.data
        return out

    def explain(self, user_history_rows, item_row: int, weights=None) -> int:
        """The history item that contributed most to ``item_row``'s score (-1 when none did)."""
        return int(self.explain_many(user_history_rows, [item_row], weights)[0])

    def explain_many(self, user_history_rows, item_rows, weights=None) -> np.ndarray:
        """``explain`` for several items at once: one history row per item (-1 where none contributed)."""
        check_is_fitted(self)
        hist = np.asarray(user_history_rows, dtype=np.int64).reshape(-1)
        items = np.asarray(item_rows, dtype=np.int64).reshape(-1)
        if not len(hist):
            return np.full(len(items), -1, dtype=np.int64)
        contrib = np.asarray(self.similarity_[hist][:, items].toarray(), dtype=np.float64)
        return _best_sources(contrib, hist, weights)


def _best_sources(contrib: np.ndarray, hist: np.ndarray, weights) -> np.ndarray:
    """Per column of a (history × items) contribution matrix: the history row with the largest positive
    weighted contribution, or -1."""
    if weights is not None:
        contrib = contrib * np.asarray(weights, dtype=np.float64)[:, None]
    best = np.argmax(contrib, axis=0)
    out = hist[best]
    out[contrib[best, np.arange(contrib.shape[1])] <= 0] = -1
    return out.astype(np.int64)


class EASE(RecommenderMixin, BaseEstimator):
    """A closed-form linear item-item model ("embarrassingly shallow autoencoder").

    ``B = I - P · diag(1 / diag(P))`` with ``P = (XᵀX + l2·I)⁻¹``, so each item is predicted from every other
    item with the diagonal forced to zero. Needs a dense items × items inverse: refused above ``max_items``.
    """

    def __init__(self, l2: float = 200.0, max_items: int = 6000):
        self.l2 = l2
        self.max_items = max_items

    def fit(self, X, y=None):
        X = as_csr(X)
        n_items = X.shape[1]
        if n_items > self.max_items:
            raise ValueError(
                f"EASE needs a dense {n_items} × {n_items} inverse; refusing above max_items={self.max_items} "
                "(use ItemKNN for large catalogues)"
            )
        G = (X.T @ X).toarray().astype(np.float64)
        G[np.diag_indices(n_items)] += float(self.l2)
        P = np.linalg.inv(G)
        B = -P / np.diag(P)[None, :]
        B[np.diag_indices(n_items)] = 0.0
        self.coefficients_ = B.astype(np.float32)
        self.user_items_ = X
        self.n_items_ = n_items
        return self

    def score_users(self, user_rows) -> np.ndarray:
        X = self._user_matrix()
        return np.asarray(X[np.asarray(user_rows, dtype=np.int64)] @ self.coefficients_)

    def score_history(self, x) -> np.ndarray:
        check_is_fitted(self)
        v = history_vector(x, self.n_items_)
        return np.asarray(v @ self.coefficients_).ravel()

    def similar(self, row: int, k: int = 10) -> np.ndarray:
        check_is_fitted(self)
        sims = self.similarity_to(row)
        sims[int(row)] = -np.inf
        return top_k(sims, k)[0][: int((sims > 0).sum())]

    def similarity_to(self, row: int) -> np.ndarray:
        check_is_fitted(self)
        return self.coefficients_[int(row)].astype(np.float64)

    def explain(self, user_history_rows, item_row: int, weights=None) -> int:
        """The history item that contributed most to ``item_row``'s score (-1 when none did)."""
        return int(self.explain_many(user_history_rows, [item_row], weights)[0])

    def explain_many(self, user_history_rows, item_rows, weights=None) -> np.ndarray:
        check_is_fitted(self)
        hist = np.asarray(user_history_rows, dtype=np.int64).reshape(-1)
        items = np.asarray(item_rows, dtype=np.int64).reshape(-1)
        if not len(hist):
            return np.full(len(items), -1, dtype=np.int64)
        contrib = self.coefficients_[np.ix_(hist, items)].astype(np.float64)
        return _best_sources(contrib, hist, weights)
