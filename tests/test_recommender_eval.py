"""Offline evaluation: splits, metrics, the baseline table, and the acceptance figures on a SYNTHETIC
population (hybrid ≥ 1.5× popularity's hit rate at 10; cold start with interests only ≥ 2× within their
interests). Fixed seeds; prints nothing."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from recommender.collaborative import EASE, ItemKNN
from recommender.content import ContentModel
from recommender.evaluation import (
    POPULARITY_BASELINE,
    RANDOM_BASELINE,
    Split,
    catalogue_coverage,
    cold_start_split,
    evaluate,
    evaluate_cold_start,
    hit_rate_at_k,
    items_in_categories,
    leave_last_out,
    ndcg_at_k,
    within_interests,
)
from recommender.hybrid import HybridAsRecommender, HybridRecommender, Request
from recommender.popularity import PopularityModel
from recommender.synthetic import make_population

# --- metrics --------------------------------------------------------------------------------------------


def test_hit_rate_ndcg_and_coverage_by_hand():
    recs = np.array([[1, 2, 3], [4, 5, 6], [7, 8, -1]])
    held = [np.array([3]), np.array([9]), np.array([7, 8])]
    assert hit_rate_at_k(recs, held, k=3) == pytest.approx(2 / 3)
    assert hit_rate_at_k(recs, held, k=2) == pytest.approx(1 / 3)
    first = (1 / np.log2(4)) / 1.0  # the hit at rank 3; ideal: one item at rank 1
    third = 1.0  # both held-out items at ranks 1 and 2
    assert ndcg_at_k(recs, held, k=3) == pytest.approx((first + 0 + third) / 3)
    assert catalogue_coverage(recs, n_items=16) == pytest.approx(8 / 16)  # -1 is an empty slot
    assert hit_rate_at_k(np.zeros((0, 3)), [], k=3) == 0.0


def test_leave_last_out_holds_out_the_latest():
    X = sp.csr_matrix(np.array([[1, 1, 1, 0], [1, 0, 0, 1], [0, 0, 1, 0]], dtype=np.float32))
    T = sp.csr_matrix(np.array([[5, 9, 1, 0], [3, 0, 0, 2], [0, 0, 7, 0]], dtype=np.float64))
    split = leave_last_out(X, T)
    assert split.test_users.tolist() == [0, 1]  # user 2 has a single item: training only
    assert [t.tolist() for t in split.test_items] == [[1], [0]]
    assert split.train.toarray().tolist() == [[1, 0, 1, 0], [0, 0, 0, 1], [0, 0, 1, 0]]
    two = leave_last_out((X, T), n_test=2)
    assert two.test_users.tolist() == [0] and two.test_items[0].tolist() == [0, 1]
    random_a = leave_last_out(X, random_state=1)
    random_b = leave_last_out(X, random_state=1)
    assert [t.tolist() for t in random_a.test_items] == [t.tolist() for t in random_b.test_items]


def test_cold_start_split_empties_the_chosen_users():
    X = sp.random(50, 30, density=0.2, format="csr", random_state=0, dtype=np.float32)
    split = cold_start_split(X, fraction=0.2, min_items=2, random_state=0)
    assert len(split.test_users) == round(0.2 * (np.diff(X.indptr) >= 2).sum())
    for u, items in zip(split.test_users, split.test_items, strict=True):
        assert split.train[u].nnz == 0
        assert items.tolist() == sorted(X[u].indices.tolist())
    others = np.setdiff1d(np.arange(50), split.test_users)
    assert (split.train[others] != X[others]).nnz == 0


def test_split_restriction_and_interest_filter():
    split = Split(sp.csr_matrix((3, 4)), np.array([0, 1, 2]), [np.array([0, 1]), np.array([2]), np.array([3])])
    item_categories = [[1, 10], [2, 20], [3, 10], [4]]
    assert items_in_categories(item_categories, [10]).tolist() == [True, False, True, False]
    restricted = within_interests(split, item_categories, [[10], [30], [4]])
    assert restricted.test_users.tolist() == [0, 2]
    assert [t.tolist() for t in restricted.test_items] == [[0], [3]]


def test_evaluate_always_adds_the_baselines_on_the_same_users():
    rng = np.random.default_rng(0)
    X = sp.csr_matrix((rng.random((60, 25)) < 0.3).astype(np.float32))
    split = leave_last_out(X, random_state=0)
    result = evaluate(
        {
            "itemknn": ItemKNN(n_neighbours=10),  # unfitted: fitted on the training matrix
            "ease (factory)": lambda train: EASE(l2=5.0).fit(train),
            "fitted": PopularityModel(half_life_days=None).fit(split.train),
        },
        split,
        k=5,
        max_users=30,
    )
    names = [r.name for r in result.rows]
    assert names == ["itemknn", "ease (factory)", "fitted", POPULARITY_BASELINE, RANDOM_BASELINE]
    assert {r.n_users for r in result.rows} == {30}
    assert result.row(POPULARITY_BASELINE).baseline and not result.row("itemknn").baseline
    assert all(0 <= r.hit_rate <= 1 and 0 <= r.ndcg <= r.hit_rate + 1e-12 for r in result.rows)
    table = result.format_table()
    assert "HR@5" in table and POPULARITY_BASELINE in table and RANDOM_BASELINE in table
    only_baselines = evaluate({}, split, k=5)
    assert [r.name for r in only_baselines.rows] == [POPULARITY_BASELINE, RANDOM_BASELINE]


# --- acceptance on a SYNTHETIC population ---------------------------------------------------------------


@pytest.fixture(scope="module")
def population():
    return make_population(n_items=1500, n_users=3000, n_interactions=60_000, random_state=2024)


def _context(population):
    users = population.users

    def request(u: int) -> Request:
        return Request(interests=users.interests[u], age=int(users.age[u]), area=str(users.area[u]), now=population.now)

    return request


@pytest.fixture(scope="module")
def warm_result(population):
    X, T = population.matrix()
    split = leave_last_out(X, T, random_state=0)
    groups = population.user_groups()
    hybrid = HybridRecommender().fit(population.catalogue, split.train, user_groups=groups, timestamps=T)
    return evaluate(
        {
            "hybrid": HybridAsRecommender(hybrid, _context(population)).fit(split.train),
            "itemknn": ItemKNN(),
            "content": lambda train: ContentModel().fit(population.catalogue, train),
        },
        split,
        k=10,
        user_groups=groups,
        timestamps=T,
        max_users=1000,
        random_state=0,
        title="SYNTHETIC population, leave-last-out",
    )


def test_hybrid_hit_rate_beats_popularity_by_half_again(warm_result):
    hybrid, popularity, random = (warm_result.row("hybrid"), warm_result.popularity, warm_result.random)
    assert popularity.hit_rate > 2 * random.hit_rate  # the baseline itself is meaningful
    assert hybrid.hit_rate >= 1.5 * popularity.hit_rate
    assert hybrid.ndcg >= 1.5 * popularity.ndcg
    assert hybrid.coverage > popularity.coverage
    assert warm_result.row("itemknn").hit_rate > popularity.hit_rate
    assert warm_result.row("content").hit_rate > popularity.hit_rate


@pytest.fixture(scope="module")
def cold_result(population):
    X, T = population.matrix()
    groups = population.user_groups()

    def hybrid(train):
        fitted = HybridRecommender().fit(population.catalogue, train, user_groups=groups, timestamps=T)
        return HybridAsRecommender(fitted, _context(population)).fit(train)

    return evaluate_cold_start(
        {"hybrid (interests, age, area)": hybrid},
        X,
        population.users.interests,
        population.catalogue.categories,
        fraction=0.2,
        user_groups=groups,
        timestamps=T,
        random_state=0,
    )


def test_cold_start_with_interests_doubles_popularity_within_their_interests(cold_result):
    hybrid, popularity = cold_result.row("hybrid (interests, age, area)"), cold_result.popularity
    assert hybrid.n_users >= 300
    assert popularity.hit_rate > cold_result.random.hit_rate
    assert hybrid.hit_rate >= 2 * popularity.hit_rate
    assert hybrid.ndcg >= 2 * popularity.ndcg
