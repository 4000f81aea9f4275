"""Content-based model: item vectors from texts (every language), categories, ages, price and flags.

Character n-grams within word boundaries (``char_wb``, 3–5 characters) match inflected Finnish words
("jalkapallo", "jalkapalloa", "jalkapallokerhoon") and Swedish compounds without any stemmer.

The TF-IDF text block is projected onto ``text_components`` latent dimensions (truncated SVD, i.e. latent
semantic analysis) by default, which makes every item a short dense vector: scoring a profile against
20,000 items is then one small matrix-vector product (about a millisecond) instead of a sparse product whose
cost grows with how common the profile's n-grams are (tens of milliseconds). ``text_components=None``
keeps the exact sparse TF-IDF vectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .collaborative import RecommenderMixin, as_csr, history_vector, top_k
from .dataset import PRICE_KINDS, IdMap, ItemCatalogue

#: Age buckets: one feature per year from AGE_FIRST to AGE_LAST, one for everything above.
AGE_FIRST, AGE_LAST = 4, 20
BLOCKS = ("text", "category", "age", "price", "flags")


def _age_block(age_min: np.ndarray, age_max: np.ndarray) -> np.ndarray:
    years = np.arange(AGE_FIRST, AGE_LAST + 2)  # last column: older than AGE_LAST
    lo = np.asarray(age_min)[:, None]
    hi = np.asarray(age_max)[:, None]
    inside = (years[None, :] >= lo) & (years[None, :] <= hi)
    inside[:, -1] = np.asarray(age_max) > AGE_LAST
    return inside.astype(np.float32).reshape(len(lo), len(years))


def _dense(M) -> np.ndarray:
    return np.asarray(M.toarray() if sp.issparse(M) else M)


class ContentModel(RecommenderMixin, BaseEstimator):
    """Items as L2-normalised vectors; a profile is a weighted mix of interests and liked items.

    Each block (text, categories, ages, price kind, trial/beginner flags) is L2-normalised per row and scaled
    by the square root of its weight, so the cosine of two items is the weight-averaged cosine of their
    blocks. ``profile(interests, liked)`` = ``interest_weight · unit(Σ category one-hots)`` +
    ``history_weight · unit(Σ weight · item vector)``; ``score(profile)`` = dot products with every item.

    ``item_vectors_`` is a dense float32 array (with ``text_components``) or a sparse csr matrix (without).
    ``fit(catalogue, X=None)``: with ``X`` (users × items) it also supports ``score_users`` /
    ``recommend`` (each user's profile from their history), so it is evaluated like the other models.
    """

    def __init__(
        self,
        w_text: float = 1.0,
        w_category: float = 2.0,
        w_age: float = 0.5,
        w_price: float = 0.2,
        w_flags: float = 0.2,
        ngram_range: tuple[int, int] = (3, 5),
        min_df: int = 2,
        max_features: int | None = 200_000,
        max_text_chars: int = 600,
        text_components: int | None = 128,
        interest_weight: float = 1.0,
        history_weight: float = 1.0,
        random_state=0,
    ):
        self.w_text = w_text
        self.w_category = w_category
        self.w_age = w_age
        self.w_price = w_price
        self.w_flags = w_flags
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.max_text_chars = max_text_chars
        self.text_components = text_components
        self.interest_weight = interest_weight
        self.history_weight = history_weight
        self.random_state = random_state

    # --- fitting -----------------------------------------------------------------------------------------

    def fit(self, catalogue: ItemCatalogue, X=None, y=None):
        """Vectorise the catalogue's items (texts are cut to ``max_text_chars``: put titles and summaries
        of every language first). ``X`` (optional): users × items history for ``score_users``."""
        n = len(catalogue)
        dense = self.text_components is not None
        texts = [t[: int(self.max_text_chars)] for t in catalogue.texts]
        text_block = self._text_block(texts, n)
        categories = catalogue.category_ids()
        price = np.zeros((n, len(PRICE_KINDS)), dtype=np.float32)
        for j, kind in enumerate(PRICE_KINDS):
            price[catalogue.price_kind == kind, j] = 1.0
        flags = np.column_stack([catalogue.trial, catalogue.beginner]).astype(np.float32).reshape(n, 2)
        blocks = {
            "text": (text_block, self.w_text),
            "category": (catalogue.category_matrix(categories), self.w_category),
            "age": (_age_block(catalogue.age_min, catalogue.age_max), self.w_age),
            "price": (price, self.w_price),
            "flags": (flags, self.w_flags),
        }
        parts, layout, start = [], {}, 0
        for name in BLOCKS:
            block, weight = blocks[name]
            scale = np.float32(np.sqrt(max(float(weight), 0.0)))
            block = _dense(block).astype(np.float32) if dense else sp.csr_matrix(block, dtype=np.float32)
            if block.shape[0] and block.shape[1]:
                block = normalize(block) * scale
            parts.append(block)
            layout[name] = (start, start + block.shape[1])
            start += block.shape[1]
        if dense:
            V = np.hstack(parts)
            V = np.ascontiguousarray(normalize(V) if n else V, dtype=np.float32)
        else:
            V = sp.hstack(parts, format="csr", dtype=np.float32)
            V = normalize(V) if n else V
            V.eliminate_zeros()
        self._set_vectors(V, categories, layout)
        self.user_items_ = None if X is None else as_csr(X)
        return self

    def _text_block(self, texts: list[str], n: int):
        self.vectorizer_ = self.svd_ = None
        if not any(t.strip() for t in texts):
            return sp.csr_matrix((n, 0), dtype=np.float32)
        block = None
        for min_df in dict.fromkeys((self.min_df, 1)):  # a tiny catalogue may have no n-gram in 2 items
            vectorizer = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.ngram_range),
                sublinear_tf=True,
                min_df=min_df,
                max_features=self.max_features,
                dtype=np.float32,
            )
            try:
                block = vectorizer.fit_transform(texts)
            except ValueError:  # "no terms remain"
                continue
            self.vectorizer_ = vectorizer
            break
        if block is None:
            return sp.csr_matrix((n, 0), dtype=np.float32)
        components = self.text_components
        if components is not None and min(block.shape) > int(components) + 1:
            self.svd_ = TruncatedSVD(n_components=int(components), n_iter=4, random_state=self.random_state)
            return self.svd_.fit_transform(block).astype(np.float32)
        return block

    def _set_vectors(self, V, categories: IdMap, layout: dict) -> None:
        self.item_vectors_ = V
        self.categories_ = categories
        self.blocks_ = {k: (int(a), int(b)) for k, (a, b) in layout.items()}
        self.n_items_ = V.shape[0]
        self.n_features_ = V.shape[1]
        self._prepare()

    def _prepare(self) -> None:
        """Derived, unsaved helpers: the transposed sparse matrix and the dense category block."""
        V = self.item_vectors_
        self._sparse = sp.issparse(V)
        # features × items: for sparse vectors a profile touches only its postings; for dense ones p @ Vᵀ with
        # a contiguous Vᵀ is the fastest matrix-vector product
        self._VT = V.T.tocsr() if self._sparse else np.ascontiguousarray(V.T)
        a, b = self.blocks_["category"]
        self._category_dense = np.ascontiguousarray(_dense(V[:, a:b]), dtype=np.float32)

    def _category_columns(self, interest_categories: Iterable[int]) -> np.ndarray:
        return np.asarray(sorted({self.categories_.get(int(c)) for c in interest_categories} - {-1}), dtype=np.int64)

    # --- profiles and scores -----------------------------------------------------------------------------

    def interest_profile(self, interest_categories: Iterable[int]):
        """unit(Σ one-hot of the known interest categories) in the category block (zero when none known);
        a dense vector, or a 1 × n_features sparse row for sparse item vectors."""
        check_is_fitted(self)
        cols = self._category_columns(interest_categories) + self.blocks_["category"][0]
        value = np.float32(1.0 / np.sqrt(len(cols))) if len(cols) else np.float32(0.0)
        if self._sparse:
            return sp.csr_matrix(
                (np.full(len(cols), value, dtype=np.float32), cols.astype(np.int32), [0, len(cols)]),
                shape=(1, self.n_features_),
            )
        p = np.zeros(self.n_features_, dtype=np.float32)
        p[cols] = value
        return p

    def history_profile(self, liked_items: Sequence[tuple[int, float]] | sp.spmatrix):
        """unit(Σ weight · item vector) over (item_row, weight) pairs or a 1 × n_items weight vector."""
        check_is_fitted(self)
        x = history_vector(list(liked_items) if not sp.issparse(liked_items) else liked_items, self.n_items_)
        if self._sparse:
            p = sp.csr_matrix(x @ self.item_vectors_)
            norm = float(np.sqrt(np.dot(p.data, p.data)))
            if norm > 0:
                p.data /= norm
            return p
        rows = x.indices
        p = (x.data[:, None] * self.item_vectors_[rows]).sum(axis=0, dtype=np.float32)
        norm = float(np.linalg.norm(p))
        return p / norm if norm > 0 else p

    def profile(self, interest_categories: Iterable[int] = (), liked_items: Sequence[tuple[int, float]] = ()):
        """The combined profile vector."""
        return float(self.interest_weight) * self.interest_profile(interest_categories) + float(
            self.history_weight
        ) * self.history_profile(liked_items)

    def score(self, profile) -> np.ndarray:
        """Dot product of a profile (sparse 1 × n_features or dense) with every item vector."""
        check_is_fitted(self)
        if self._sparse:
            if sp.issparse(profile):
                return np.asarray((sp.csr_matrix(profile) @ self._VT).toarray(), dtype=np.float64).ravel()
            return np.asarray(self.item_vectors_ @ np.asarray(profile, dtype=np.float32).ravel(), dtype=np.float64)
        p = _dense(profile).astype(np.float32).ravel()
        # einsum, not BLAS: a multi-threaded BLAS matrix-vector product is slower here when the web
        # process's threads compete for the cores, and single-threaded einsum has no global state to set
        return np.einsum("f,fn->n", p, self._VT).astype(np.float64)

    def score_interests(self, interest_categories: Iterable[int]) -> np.ndarray:
        """``score(interest_profile(interests))``, read straight from the category block."""
        check_is_fitted(self)
        cols = self._category_columns(interest_categories)
        if not len(cols):
            return np.zeros(self.n_items_)
        return self._category_dense[:, cols].sum(axis=1, dtype=np.float64) / np.sqrt(len(cols))

    def score_liked(self, liked_items: Sequence[tuple[int, float]]) -> np.ndarray:
        return self.score(self.history_profile(liked_items))

    # --- the shared recommender interface ----------------------------------------------------------------

    def score_users(self, user_rows) -> np.ndarray:
        X = self._user_matrix()
        H = X[np.asarray(user_rows, dtype=np.int64)]
        if self._sparse:
            P = normalize(sp.csr_matrix(H @ self.item_vectors_))
            return np.asarray((P @ self._VT).toarray(), dtype=np.float64)
        P = normalize(np.asarray(H @ self.item_vectors_, dtype=np.float32))
        return (P @ self.item_vectors_.T).astype(np.float64)

    def score_history(self, x) -> np.ndarray:
        check_is_fitted(self)
        return self.score(self.history_profile(history_vector(x, self.n_items_)))

    # --- neighbours and explanations ---------------------------------------------------------------------

    def similarity_to(self, row: int) -> np.ndarray:
        """Cosine of every item with one item."""
        check_is_fitted(self)
        return self.score(self.item_vectors_[int(row)])

    def similar(self, row: int, k: int = 10) -> np.ndarray:
        """The k items closest to one item (itself excluded)."""
        sims = self.similarity_to(row)
        sims[int(row)] = -np.inf
        return top_k(sims, k)[0][: int((sims > 0).sum())]

    def top_contributor(self, item_row: int, liked_rows, weights=None) -> int:
        """The liked item most similar to ``item_row`` (weighted by ``weights``); -1 when none is similar."""
        return int(self.top_contributors([item_row], liked_rows, weights)[0])

    def top_contributors(self, item_rows, liked_rows, weights=None) -> np.ndarray:
        """``top_contributor`` for several items at once."""
        check_is_fitted(self)
        liked = np.asarray(liked_rows, dtype=np.int64).reshape(-1)
        items = np.asarray(item_rows, dtype=np.int64).reshape(-1)
        if not len(liked):
            return np.full(len(items), -1, dtype=np.int64)
        V = self.item_vectors_
        sims = _dense(V[liked] @ V[items].T).astype(np.float64)
        if weights is not None:
            sims = sims * np.asarray(weights, dtype=np.float64)[:, None]
        best = np.argmax(sims, axis=0)
        out = liked[best]
        out[sims[best, np.arange(len(items))] <= 0] = -1
        return out.astype(np.int64)

    def explain(
        self, item_row: int, interest_categories: Iterable[int] = (), liked_items: Sequence[tuple[int, float]] = ()
    ) -> tuple[str, int] | None:
        """What drove ``item_row``'s score under ``profile(interests, liked)``: ``("interest", category_id)``
        for the interest category with the largest share, ``("similar", liked_row)`` when the liked items'
        share is larger (the most similar liked item), or ``None`` when nothing contributed."""
        check_is_fitted(self)
        row = int(item_row)
        best: tuple[float, tuple[str, int] | None] = (0.0, None)
        known = [(int(c), self.categories_.get(int(c))) for c in interest_categories]
        known = [(c, col) for c, col in known if col >= 0]
        if known:
            share = self._category_dense[row, [col for _, col in known]] / np.sqrt(len(known))
            share = float(self.interest_weight) * share.astype(np.float64)
            i = int(np.argmax(share))
            if share[i] > 0:
                best = (float(share[i]), ("interest", known[i][0]))
        liked_items = list(liked_items)
        if liked_items:
            total = float(self.history_weight) * float(self.score_liked(liked_items)[row])
            source = self.top_contributor(row, [r for r, _ in liked_items], [w for _, w in liked_items])
            if source >= 0 and total > best[0]:
                best = (total, ("similar", source))
        return best[1]
