"""Contract tests for every recommender model (known answers on small data), scikit-learn conventions, and
the hybrid's promises: constraints, never empty, reasons, blend weights, diversity, opt-out. No database."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)
from sklearn.utils.validation import check_is_fitted

from recommender.collaborative import EASE, ItemKNN
from recommender.content import ContentModel
from recommender.dataset import IdMap, ItemCatalogue
from recommender.hybrid import REASON_CODES, HybridAsRecommender, HybridRecommender, Request, blend_weights
from recommender.hybrid import haversine_km as km
from recommender.popularity import PopularityModel, RandomModel
from recommender.synthetic import make_population

DAY = 86400.0
NOW = 1_750_000_000.0

# --- two disjoint worlds: users 0–7 only touch items 0–9 (football), users 8–15 only items 10–19 (guitar) ---

N_USERS, N_ITEMS = 16, 20


def _group_of_user(u: int) -> int:
    return 0 if u < 8 else 1


def _items_of_group(g: int) -> np.ndarray:
    return np.arange(10) if g == 0 else np.arange(10, 20)


@pytest.fixture(scope="module")
def two_groups():
    rng = np.random.default_rng(7)
    rows, cols, vals = [], [], []
    for u in range(N_USERS):
        items = rng.choice(_items_of_group(_group_of_user(u)), size=5, replace=False)
        rows += [u] * 5
        cols += items.tolist()
        vals += rng.choice([1.0, 2.0, 4.0], size=5).tolist()
    X = sp.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(N_USERS, N_ITEMS))
    texts = [
        f"jalkapallo{s} fotboll football seura" if i < 10 else f"kitara{s} gitarr guitar bändi"
        for i, s in zip(range(N_ITEMS), ["", "a", "kerho", "n", "ssa"] * 4, strict=True)
    ]
    catalogue = ItemCatalogue.from_records(
        [
            {
                "id": 100 + i,
                "text": texts[i],
                "categories": [11, 1] if i < 10 else [21, 2],
                "age_min": 10,
                "age_max": 17,
            }
            for i in range(N_ITEMS)
        ]
    )
    groups = [(14, "Kallio") if _group_of_user(u) == 0 else (16, "Malmi") for u in range(N_USERS)]
    return X, catalogue, groups


def _fit(name, X, catalogue, groups):
    if name == "itemknn":
        return ItemKNN(n_neighbours=5).fit(X)
    if name == "ease":
        return EASE(l2=10.0).fit(X)
    if name == "popularity":
        return PopularityModel(half_life_days=None, shrinkage=1.0).fit(X, user_groups=groups)
    if name == "content":
        return ContentModel(min_df=1).fit(catalogue, X)
    if name == "random":
        return RandomModel(random_state=0).fit(X)
    raise AssertionError(name)


ALL_MODELS = ["itemknn", "ease", "popularity", "content", "random"]
GROUP_AWARE = ["itemknn", "ease", "popularity", "content"]


@pytest.mark.parametrize("name", ALL_MODELS)
def test_contract_shapes_and_seen_items(name, two_groups):
    X, catalogue, groups = two_groups
    model = _fit(name, X, catalogue, groups)
    users = np.arange(N_USERS)
    scores = model.score_users(users)
    assert scores.shape == (N_USERS, N_ITEMS)
    recs = model.recommend(users, k=4)
    assert recs.shape == (N_USERS, 4) and recs.dtype.kind == "i"
    for u in users:
        assert len(set(recs[u])) == 4
        assert not set(recs[u]) & set(X[u].indices)  # seen items excluded
    with_seen = model.recommend(users, k=4, exclude_seen=False)
    assert with_seen.shape == (N_USERS, 4)
    assert model.score_history(X[0]).shape == (N_ITEMS,)
    assert model.recommend([], k=3).shape[0] == 0


@pytest.mark.parametrize("name", GROUP_AWARE)
def test_contract_recommendations_stay_in_the_users_group(name, two_groups):
    X, catalogue, groups = two_groups
    model = _fit(name, X, catalogue, groups)
    recs = model.recommend(np.arange(N_USERS), k=3)
    for u in range(N_USERS):
        assert set(recs[u]) <= set(_items_of_group(_group_of_user(u))), (name, u, recs[u])


@pytest.mark.parametrize("name", ["itemknn", "ease", "content"])
def test_contract_fold_in_for_a_new_user(name, two_groups):
    X, catalogue, groups = two_groups
    model = _fit(name, X, catalogue, groups)
    for history, group in (([(1, 4.0), (2, 1.0)], 0), ([(15, 1.0)], 1)):
        x = sp.csr_matrix(([w for _, w in history], ([0] * len(history), [r for r, _ in history])), shape=(1, N_ITEMS))
        scores = model.score_history(x)
        scores[[r for r, _ in history]] = -np.inf
        assert set(np.argsort(-scores)[:3]) <= set(_items_of_group(group))
        assert np.allclose(model.score_history(history), model.score_history(x))  # (row, weight) pairs too


def test_random_model_is_reproducible_and_unbiased(two_groups):
    X, _, _ = two_groups
    a = RandomModel(random_state=1).fit(X).recommend(np.arange(N_USERS), k=5)
    b = RandomModel(random_state=1).fit(X).recommend(np.arange(N_USERS), k=5)
    c = RandomModel(random_state=2).fit(X).recommend(np.arange(N_USERS), k=5)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert len(np.unique(a)) > 12  # spread over both groups


def test_popularity_known_order_decay_and_smoothing():
    # item 2 is touched by 3 users, item 0 by 2, item 1 by 1, item 3 by none
    X = sp.csr_matrix(np.array([[1, 0, 1, 0], [1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]], dtype=np.float32))
    model = PopularityModel(half_life_days=None, shrinkage=0.0).fit(X)
    assert np.argsort(-model.score()).tolist()[:3] == [2, 0, 1]
    assert model.score().sum() == pytest.approx(1.0)
    assert model.recommend([3], k=3).tolist() == [[2, 0, 1]]
    assert model.recommend([0], k=2).tolist() == [[1, 3]]  # seen items excluded
    # recency: item 0's interactions are a year old, item 1's today → item 1 wins with a 30-day half life
    T = sp.csr_matrix(np.array([[NOW - 365 * DAY, 0, NOW, 0]] * 2 + [[0, NOW, NOW, 0], [0, 0, 0, 0]]))
    decayed = PopularityModel(half_life_days=30.0, shrinkage=0.0).fit(X, timestamps=T, now=NOW)
    assert decayed.score()[1] > decayed.score()[0]
    # a group leans on the global popularity in proportion to its size (shrinkage)
    groups = [(14, "A"), (14, "A"), (16, "B"), (16, "B")]
    small = PopularityModel(half_life_days=None, shrinkage=1000.0).fit(X, user_groups=groups)
    exact = PopularityModel(half_life_days=None, shrinkage=0.0).fit(X, user_groups=groups)
    assert np.allclose(small.score((14, "A")), small.score(), atol=0.01)
    assert exact.score((14, "A"))[1] == 0 and exact.score((16, "B"))[1] > 0
    assert exact.resolve_group((14, "A")) == ("13-15", "A")
    assert exact.resolve_group((14, "Nowhere")) == ("13-15", None)  # unknown area: the age group alone
    assert exact.resolve_group(("16-17", None)) == ("16-17", None)
    assert exact.resolve_group((40, "Nowhere")) == (None, None)


def test_popularity_fit_interactions_matches_fit():
    rows, cols = np.array([0, 0, 1, 2, 2]), np.array([0, 1, 1, 1, 2])
    weights, times = np.ones(5), np.full(5, NOW)
    a = PopularityModel(half_life_days=10.0).fit_interactions(rows, cols, weights, times, (3, 3), now=NOW)
    X = sp.csr_matrix((weights, (rows, cols)), shape=(3, 3))
    b = PopularityModel(half_life_days=None).fit(X)
    assert np.allclose(a.score(), b.score())


def test_itemknn_blocks_neighbours_and_shrinkage(two_groups):
    X, _, _ = two_groups
    whole = ItemKNN(n_neighbours=4, block_elements=10**9).fit(X)
    blocks = ItemKNN(n_neighbours=4, block_elements=N_ITEMS * 3).fit(X)  # 3 items per block
    assert abs(whole.similarity_ - blocks.similarity_).max() < 1e-6
    assert np.diff(whole.neighbours_.indptr).max() <= 4
    assert whole.similarity_.max() <= 1.0 + 1e-6 and whole.similarity_.diagonal().max() == 0
    damped = ItemKNN(n_neighbours=4, shrinkage=100.0).fit(X)
    assert damped.similarity_.max() < whole.similarity_.max()
    similar = whole.similar(0, 3)
    assert 0 not in similar and set(similar) <= set(range(10))
    user = X[0].indices
    item = whole.recommend([0], k=1)[0, 0]
    assert whole.explain(user, item) in set(user)
    assert whole.explain([], item) == -1


def test_ease_refuses_large_catalogues_with_a_clear_error(two_groups):
    X, _, _ = two_groups
    with pytest.raises(ValueError, match="max_items"):
        EASE(max_items=10).fit(X)
    model = EASE().fit(X)
    assert np.allclose(np.diag(model.coefficients_), 0.0)
    item = model.recommend([8], k=1)[0, 0]
    assert model.explain(X[8].indices, item) in set(X[8].indices)


def test_content_char_ngrams_match_finnish_inflections():
    catalogue = ItemCatalogue.from_records(
        [
            {"id": 1, "text": "Jalkapallokerho nuorille", "categories": [5]},
            {"id": 2, "text": "Pelataan jalkapalloa", "categories": [6]},
            {"id": 3, "text": "Kitaransoiton alkeet", "categories": [7]},
            {"id": 4, "text": "Kitarakurssi", "categories": [8]},
        ]
    )
    model = ContentModel(min_df=1, w_category=0.0, w_age=0.0, w_price=0.0, w_flags=0.0).fit(catalogue)
    assert model.similar(0, 1).tolist() == [1]
    assert model.similar(2, 1).tolist() == [3]


def test_content_interests_profile_and_explanations(two_groups):
    _, catalogue, _ = two_groups
    model = ContentModel(min_df=1).fit(catalogue)
    scores = model.score_interests([21])
    assert scores[10:].min() > scores[:10].max()
    assert np.allclose(scores, model.score(model.interest_profile([21])), atol=1e-6)
    assert model.explain(12, interest_categories=[21]) == ("interest", 21)
    assert model.explain(3, liked_items=[(1, 1.0), (15, 1.0)]) == ("similar", 1)
    assert model.explain(3, interest_categories=[999]) is None
    assert model.top_contributors([3, 14], [1, 15]).tolist() == [1, 15]
    combined = model.score(model.profile([2], [(1, 1.0)]))
    assert combined.shape == (N_ITEMS,)


# --- scikit-learn conventions ---------------------------------------------------------------------------

ESTIMATORS = [ItemKNN(), EASE(), PopularityModel(), RandomModel(random_state=0), ContentModel(), HybridRecommender()]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_parameter_conventions(estimator):
    name = type(estimator).__name__
    check_no_attributes_set_in_init(name, estimator)
    check_parameters_default_constructible(name, estimator)
    check_get_params_invariance(name, estimator)
    check_set_params(name, estimator)
    params = estimator.get_params()
    twin = clone(estimator)
    assert twin is not estimator and twin.get_params().keys() == params.keys()
    first = next(k for k, v in params.items() if isinstance(v, int | float) and not isinstance(v, bool))
    twin.set_params(**{first: params[first] + 1})
    assert twin.get_params()[first] == params[first] + 1
    assert estimator.get_params()[first] == params[first]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_not_fitted_error_before_fit(estimator):
    model = clone(estimator)
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    if hasattr(model, "score_users"):
        with pytest.raises(NotFittedError):
            model.recommend([0], k=1)
    else:
        with pytest.raises(NotFittedError):
            model.recommend(Request())


@pytest.mark.parametrize("name", ALL_MODELS)
def test_fit_returns_self_and_clone_is_unfitted(name, two_groups):
    X, catalogue, groups = two_groups
    model = _fit(name, X, catalogue, groups)
    check_is_fitted(model)
    fresh = clone(model)
    with pytest.raises(NotFittedError):
        check_is_fitted(fresh)
    refit = fresh.fit(catalogue, X) if name == "content" else fresh.fit(X)
    assert refit is fresh


# --- the hybrid -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world():
    population = make_population(n_items=400, n_users=800, n_interactions=12_000, random_state=5)
    X, T = population.matrix()
    hybrid = HybridRecommender().fit(
        population.catalogue, X, user_groups=population.user_groups(), timestamps=T, now=population.now
    )
    return population, X, hybrid


def _history(X, u, kind="view"):
    return [(int(c), kind) for c in X[u].indices]


def _random_requests(population, X, n=60, seed=0):
    rng = np.random.default_rng(seed)
    users = population.users
    out = []
    for _ in range(n):
        u = int(rng.integers(len(users)))
        out.append(
            Request(
                interests=users.interests[u] if rng.random() < 0.7 else (),
                age=int(rng.integers(6, 20)) if rng.random() < 0.8 else None,
                near=(float(users.lat[u]), float(users.lon[u]), float(rng.choice([2.0, 5.0, 15.0])))
                if rng.random() < 0.6
                else None,
                area=str(users.area[u]),
                history=_history(X, u) if rng.random() < 0.7 else (),
                personalise=bool(rng.random() < 0.8),
                k=int(rng.choice([5, 10, 20])),
                now=population.now,
            )
        )
    return out


def test_hybrid_never_breaks_the_hard_constraints(world):
    population, X, hybrid = world
    cat = population.catalogue
    for request in _random_requests(population, X):
        for s in hybrid.recommend(request):
            assert cat.available[s.row]
            if request.age is not None:
                assert cat.age_min[s.row] <= request.age <= cat.age_max[s.row]
            if request.near is not None:
                lat, lon, radius = request.near
                assert km(lat, lon, cat.lat[s.row], cat.lon[s.row]) <= radius + 1e-9


def test_hybrid_is_never_empty_while_something_fits(world):
    population, X, hybrid = world
    cat = population.catalogue
    for request in _random_requests(population, X, seed=1):
        mask = hybrid.constraint_mask(request)
        fitting = int(mask.sum())
        seen = [h[0] for h in request.history] if request.personalise else []
        fresh = fitting - int(mask[seen].sum())
        result = hybrid.recommend(request)
        # items already in the history are skipped while others fit, and come back only when nothing else does
        assert len(result) == min(request.k, fresh if fresh else fitting)
        assert len({s.row for s in result}) == len(result)
    # exactly one item fits: it is returned, even when it is already in the history
    row = int(np.flatnonzero(cat.available & ~np.isnan(cat.lat))[0])
    near = (float(cat.lat[row]), float(cat.lon[row]), 0.001)
    age = int(cat.age_min[row])
    assert hybrid.constraint_mask(Request(near=near, age=age)).sum() == 1
    assert [s.row for s in hybrid.recommend(Request(near=near, age=age))] == [row]
    again = hybrid.recommend(Request(near=near, age=age, history=[(row, "favourite")]))
    assert [s.row for s in again] == [row]
    assert again[0].reason.params.get("item_row") != row  # never "similar to itself"
    # nothing fits → nothing (explicitly excluded or dismissed items are constraints too)
    assert hybrid.recommend(Request(near=near, age=age, exclude=[row])) == []
    assert hybrid.recommend(Request(near=near, age=age, history=[(row, "dismiss")])) == []
    assert hybrid.recommend(Request(near=(0.0, 0.0, 5.0))) == []


def test_hybrid_hides_unavailable_items_and_refreshes_availability(world):
    population, X, hybrid = world
    cat = population.catalogue
    before = hybrid.catalogue_
    try:
        top = [s.row for s in hybrid.recommend(Request(k=10))]
        keep = [i for r, i in enumerate(cat.ids) if r not in top[:5] and cat.available[r]]
        hybrid.set_available(keep + [10**9])  # an id the model does not know is ignored
        after = [s.row for s in hybrid.recommend(Request(k=10))]
        assert not set(after) & set(top[:5])
        assert all(hybrid.catalogue_.available[r] for r in after)
        assert cat.available[top[:5]].all()  # the caller's catalogue is not modified
        assert hybrid.rows_of([cat.ids.id_of(3), "unknown"]).tolist() == [3]
    finally:
        hybrid.catalogue_ = before


def test_hybrid_age_group_only_means_overlapping_ranges(world):
    population, X, hybrid = world
    cat = population.catalogue
    for s in hybrid.recommend(Request(age_group="13-15", k=30)):
        assert cat.age_min[s.row] <= 15 and cat.age_max[s.row] >= 13


def test_hybrid_every_result_has_a_truthful_reason(world):
    population, X, hybrid = world
    cat = population.catalogue
    for request in _random_requests(population, X, seed=2):
        history_rows = {h[0] for h in request.history} if request.personalise else set()
        for s in hybrid.recommend(request):
            assert s.reason.code in REASON_CODES and s.reasons[0] == s.reason
            assert all(r.code in REASON_CODES for r in s.reasons)
            assert len({r.code for r in s.reasons}) == len(s.reasons)
            if s.reason.code == "interest":
                c = s.reason.params["category_id"]
                assert c in request.interests and c in cat.categories[s.row]
            elif s.reason.code == "similar":
                assert s.reason.params["item_row"] in history_rows
                assert s.reason.params["item_id"] == cat.ids.id_of(s.reason.params["item_row"])
                assert s.reason.params["kind"] == "view"
            elif s.reason.code == "popular":
                assert s.reason.params["age_group"] or s.reason.params["area"]
            for r in s.reasons:
                if r.code == "new":
                    assert request.now - cat.created[s.row] <= 7 * DAY
                if r.code == "free_trial":
                    assert cat.trial[s.row]


def test_hybrid_reasons_by_state(world):
    population, X, hybrid = world
    users = population.users
    # no device at all, nothing known: popularity overall (or new / free trial)
    anonymous = hybrid.recommend(Request(now=population.now))
    assert len(anonymous) == 10
    assert {s.reason.code for s in anonymous} <= {"popular_overall", "new", "free_trial"}
    # age and area only: "popular with 13–15-year-olds near you"
    grouped = hybrid.recommend(Request(age=14, area=str(users.area[0]), now=population.now))
    popular = [s.reason for s in grouped if s.reason.code == "popular"]
    assert popular and all(r.params == {"age_group": "13-15", "area": str(users.area[0])} for r in popular)
    # interests only: the interests explain the top
    interests = [int(population.child_categories[3])]
    by_interest = hybrid.recommend(Request(interests=interests, now=population.now))
    assert sum(s.reason.code == "interest" for s in by_interest) >= 3
    # a long history with favourites: "similar to X that you saved"
    u = int(np.argmax(np.diff(X.indptr)))
    long = hybrid.recommend(Request(history=_history(X, u, "favourite"), now=population.now))
    similar = [s.reason for s in long if s.reason.code == "similar"]
    assert len(similar) >= 5 and all(r.params["kind"] == "favourite" for r in similar)
    # a fresh device with nothing marked works like an anonymous one
    assert [s.row for s in hybrid.recommend(Request(personalise=True, now=population.now))] == [
        s.row for s in anonymous
    ]


def test_hybrid_new_items_are_labelled(world):
    population, X, hybrid = world
    cat = population.catalogue
    new_rows = np.flatnonzero((population.now - cat.created <= 7 * DAY) & cat.available)
    assert len(new_rows)
    results = hybrid.recommend(Request(k=len(cat), now=population.now))
    for s in results:
        assert any(r.code == "new" for r in s.reasons) == (s.row in set(new_rows.tolist()))


def test_hybrid_blend_shifts_to_collaborative_as_history_grows(world):
    population, X, hybrid = world
    weights = [blend_weights(n, True, True)["cf"] for n in (0, 1, 3, 10, 50)]
    assert weights[0] == 0.0 and all(a < b for a, b in zip(weights, weights[1:], strict=False))
    assert blend_weights(5, True, True, cf_saturation=5.0)["cf"] == pytest.approx(0.5)
    assert sum(blend_weights(4, True, True).values()) == pytest.approx(1.0)
    assert blend_weights(0, False, False) == {"cf": 0.0, "content": 0.0, "popularity": 1.0}
    u = int(np.argmax(np.diff(X.indptr)))
    history = _history(X, u)
    assert len(history) >= 10
    seen = []
    for n in (0, 1, 3, len(history)):
        request = Request(interests=population.users.interests[u], history=history[:n], now=population.now)
        _, _, used, _ = hybrid.score(request)
        seen.append(used.get("cf", 0.0))
        assert sum(used.values()) == pytest.approx(1.0)
    assert seen[0] == 0.0 and seen[1] < seen[2] < seen[3]


def test_hybrid_diversity_caps_a_category_in_the_top_ten(world):
    population, X, hybrid = world
    cat = population.catalogue
    for child in population.child_categories[:10]:
        result = hybrid.recommend(Request(interests=[int(child)], k=10, now=population.now))
        assert len(result) == 10
        counts = np.bincount([cat.primary_category[s.row] for s in result])
        assert counts.max() <= hybrid.max_per_category
    for request in _random_requests(population, X, seed=3):
        result = hybrid.recommend(request)[:10]
        if not result:
            continue
        counts = np.bincount([cat.primary_category[s.row] for s in result])
        mask = hybrid.constraint_mask(request)
        if request.personalise:
            mask[[h[0] for h in request.history]] = False
        per_category = np.bincount(cat.primary_category[mask])
        cap = hybrid.max_per_category
        if np.minimum(per_category, cap).sum() >= len(result):  # enough alternatives exist
            assert counts.max() <= cap


def test_hybrid_without_diversity_would_repeat_the_category(world):
    population, X, hybrid = world
    cat = population.catalogue
    plain = clone(hybrid).set_params(max_per_category=0).fit(population.catalogue, X)
    child = int(population.child_categories[0])
    result = plain.recommend(Request(interests=[child], k=10, now=population.now))
    # the cap above is doing work
    assert np.bincount([cat.primary_category[s.row] for s in result]).max() > hybrid.max_per_category


def test_hybrid_opt_out_ignores_history(world):
    population, X, hybrid = world
    users = population.users
    for u in range(5):
        base = Request(interests=users.interests[u], age=int(users.age[u]), area=str(users.area[u]), k=10)
        with_history = Request(**{**base.__dict__, "history": _history(X, u, "favourite"), "personalise": False})
        a, b = hybrid.recommend(base), hybrid.recommend(with_history)
        assert a == b
        assert all(r.code != "similar" for s in b for r in s.reasons)
        personal = Request(**{**base.__dict__, "history": _history(X, u, "favourite")})
        assert [s.row for s in hybrid.recommend(personal)] != [s.row for s in a]


def test_hybrid_skips_seen_and_dismissed_items(world):
    population, X, hybrid = world
    u = 3
    history = _history(X, u) + [(int(r), "dismiss") for r in range(0, 400, 7)]
    result = hybrid.recommend(Request(history=history, k=50))
    rows = {s.row for s in result}
    assert not rows & {h[0] for h in history}


def test_hybrid_similar_items(world):
    population, X, hybrid = world
    cat = population.catalogue
    row = int(np.argmax(np.diff(X.tocsc().indptr)))  # a well-known item
    result = hybrid.similar_items(row, k=8)
    assert len(result) == 8 and row not in {s.row for s in result}
    assert all(cat.available[s.row] for s in result)
    assert all(s.reason.code == "similar" and s.reason.params["item_row"] == row for s in result)
    share = np.mean([bool(set(cat.categories[s.row]) & set(cat.categories[row])) for s in result])
    assert share >= 0.5
    constrained = hybrid.similar_items(row, k=8, constraints=Request(age=13))
    assert all(cat.age_min[s.row] <= 13 <= cat.age_max[s.row] for s in constrained)


def test_hybrid_without_interactions_is_content_and_newest(world):
    population, _, _ = world
    cold = HybridRecommender().fit(population.catalogue)
    assert cold.collaborative_ is None
    result = cold.recommend(Request(now=population.now, k=40))
    assert len(result) == 40
    created = population.catalogue.created[[s.row for s in result]]
    assert np.all(np.diff(created) <= 0)  # nothing popular yet: newest first
    assert all(r.code in {"explore", "new", "free_trial"} for s in result for r in s.reasons)  # never "popular"
    assert {s.reason.code for s in result} >= {"explore", "new"}
    interests = [int(population.child_categories[0])]
    assert all(s.reason.code == "interest" for s in cold.recommend(Request(interests=interests, k=3)))
    history = [(0, "favourite"), (1, "view")]
    assert any(s.reason.code == "similar" for s in cold.recommend(Request(history=history)))


def test_hybrid_as_recommender_adapter(world):
    population, X, hybrid = world
    adapter = HybridAsRecommender(hybrid, lambda u: Request(age=int(population.users.age[u]))).fit(X)
    recs = adapter.recommend(np.arange(5), k=10)
    assert recs.shape == (5, 10)
    for u in range(5):
        assert not set(recs[u]) & set(X[u].indices)


def test_hybrid_rejects_parts_of_another_size(world):
    population, X, _ = world
    other = ItemCatalogue.from_records([{"id": 1, "text": "a"}, {"id": 2, "text": "b"}])
    content = ContentModel(min_df=1).fit(other)
    popularity = PopularityModel().fit(X)
    with pytest.raises(ValueError, match="items"):
        HybridRecommender.from_parts(population.catalogue, content, popularity)
    assert IdMap([1]).index(1) == 0
