"""The recommender's Django-free core: id maps, the interaction matrix, the item catalogue, the SYNTHETIC
population generator and the model store. Plain pytest, no database."""

from __future__ import annotations

import datetime as dt
import json
import math
import os

import numpy as np
import pytest
import scipy.sparse as sp

from recommender import store, synthetic
from recommender.collaborative import EASE, ItemKNN
from recommender.content import ContentModel
from recommender.dataset import (
    AGE_GROUPS,
    KIND_WEIGHTS,
    IdMap,
    Interaction,
    InteractionArrays,
    ItemCatalogue,
    age_group,
    build_matrix,
    build_seen,
)
from recommender.hybrid import HybridRecommender, Request
from recommender.popularity import PopularityModel
from recommender.synthetic import LAT_RANGE, LON_RANGE, SYNTHETIC, make_population

DAY = 86400.0
NOW = 1_750_000_000.0

# --- IdMap ----------------------------------------------------------------------------------------------


def test_id_map_is_stable_and_two_way():
    ids = IdMap.from_ids([30, 10, 20, 10])
    assert len(ids) == 3
    assert ids.index(30) == 0 and ids.index(10) == 1 and ids.index(20) == 2
    assert ids.id_of(2) == 20
    assert ids.index(np.int64(10)) == 1  # numpy scalars are the same key
    assert 10 in ids and 99 not in ids
    assert ids.ids.dtype == np.int64 and ids.ids.tolist() == [30, 10, 20]
    with pytest.raises(KeyError):
        ids.index(99)


def test_id_map_indices_skip_or_mark_unknown():
    ids = IdMap(["a", "b", "c"])
    assert ids.indices(["c", "x", "a"]).tolist() == [2, 0]
    assert ids.indices(["c", "x", "a"], missing="mark").tolist() == [2, -1, 0]
    with pytest.raises(KeyError):
        ids.indices(["x"], missing="error")
    assert ids.ids.dtype.kind == "U"


def test_id_map_json_round_trip():
    ids = IdMap([5, 3, 9])
    again = IdMap.from_list(json.loads(json.dumps(ids.to_list())))
    assert again == ids and again.index(9) == 2


def test_age_groups_match_the_device_labels():
    assert [label for label, _, _ in AGE_GROUPS] == ["-12", "13-15", "16-17", "18-"]
    assert age_group(None) is None
    assert [age_group(a) for a in (7, 12, 13, 15, 16, 17, 18, 40)] == [
        "-12", "-12", "13-15", "13-15", "16-17", "16-17", "18-", "18-",
    ]  # fmt: skip


# --- the interaction matrix -----------------------------------------------------------------------------


def _interactions():
    return [
        Interaction("u1", 10, "view", NOW - 2 * DAY),
        Interaction("u1", 10, "view", NOW - 1 * DAY),  # repeated: summed
        Interaction("u1", 20, "favourite", NOW - 3 * DAY),
        Interaction("u2", 20, "join_click", NOW),
        Interaction("u2", 30, "dismiss", NOW),  # negative: not in the matrix
        Interaction("u2", 99, "view", NOW),  # unknown item: dropped
        Interaction("u3", 30, "teleport", NOW),  # unknown kind: weight 0
    ]


def test_build_matrix_sums_weights_and_skips_dismissals():
    users, items = IdMap(["u1", "u2", "u3"]), IdMap([10, 20, 30])
    X = build_matrix(_interactions(), users, items, transform="none")
    assert sp.isspmatrix_csr(X) and X.dtype == np.float32 and X.shape == (3, 3)
    dense = X.toarray()
    assert dense[0].tolist() == [2.0, 4.0, 0.0]
    assert dense[1].tolist() == [0.0, 5.0, 0.0]
    assert dense[2].tolist() == [0.0, 0.0, 0.0]
    assert X.nnz == 3  # no explicit zeros for the dismissal


def test_build_matrix_log1p_caps_repeats():
    users, items = IdMap(["u1", "u2", "u3"]), IdMap([10, 20, 30])
    X = build_matrix(_interactions(), users, items)
    assert X[0, 0] == pytest.approx(math.log1p(2.0))
    assert X[0, 1] == pytest.approx(math.log1p(KIND_WEIGHTS["favourite"]))
    ten_views = [Interaction("u1", 10, "view", NOW)] * 10
    X10 = build_matrix(ten_views + [Interaction("u1", 20, "favourite", NOW)], users, items)
    assert X10[0, 0] < 1.5 * X10[0, 1]  # ten views are not worth ten favourites


def test_build_matrix_decays_by_age_and_returns_latest_timestamps():
    users, items = IdMap(["u1", "u2", "u3"]), IdMap([10, 20, 30])
    X, T = build_matrix(
        _interactions(), users, items, now=NOW, half_life_days=1.0, transform="none", return_timestamps=True
    )
    assert X[0, 0] == pytest.approx(0.25 + 0.5)  # views 2 days and 1 day old
    assert X[0, 1] == pytest.approx(4.0 * 0.125)
    assert X[1, 1] == pytest.approx(5.0)
    assert T[0, 0] == NOW - 1 * DAY  # the latest of the two views
    assert np.array_equal(T.indptr, X.indptr) and np.array_equal(T.indices, X.indices)


def test_build_matrix_from_arrays_matches_tuples():
    users, items = IdMap(["u1", "u2", "u3"]), IdMap([10, 20, 30])
    arrays = InteractionArrays.from_interactions(_interactions(), users, items)
    assert len(arrays) == 6  # the unknown item is dropped
    assert (build_matrix(arrays, users, items) != build_matrix(_interactions(), users, items)).nnz == 0


def test_build_seen_includes_dismissals():
    users, items = IdMap(["u1", "u2", "u3"]), IdMap([10, 20, 30])
    seen = build_seen(_interactions(), users, items)
    assert seen.toarray().tolist() == [[1, 1, 0], [0, 1, 1], [0, 0, 1]]


# --- the catalogue --------------------------------------------------------------------------------------


def test_catalogue_from_records_fills_defaults():
    catalogue = ItemCatalogue.from_records(
        [
            {"id": 7, "text": "Jalkapallo fotboll football", "categories": [2, 1], "age_min": 10, "age_max": 14},
            {"id": 8, "text": "Kitara gitarr guitar", "category_ids": [3], "price_kind": "paid", "price_amount": 50},
        ]
    )
    assert len(catalogue) == 2 and catalogue.ids.index(8) == 1
    assert catalogue.age_min.tolist() == [10, 0] and catalogue.age_max.tolist() == [14, 200]
    assert catalogue.price_kind.tolist() == ["unknown", "paid"]
    assert math.isnan(catalogue.price_amount[0]) and catalogue.price_amount[1] == 50
    assert math.isnan(catalogue.lat[0]) and catalogue.area.tolist() == ["", ""]
    assert catalogue.available.tolist() == [True, True]
    assert catalogue.primary_category.tolist() == [2, 3]  # the first (most specific) category
    assert catalogue.category_ids().to_list() == [1, 2, 3]
    assert catalogue.category_matrix().toarray().tolist() == [[1, 1, 0], [0, 0, 1]]


def test_catalogue_rejects_inconsistent_columns():
    with pytest.raises(ValueError, match="age_min"):
        ItemCatalogue(
            ids=IdMap([1, 2]),
            texts=["a", "b"],
            categories=[[1], [2]],
            age_min=[0],
            age_max=[9, 9],
            price_kind=["free", "free"],
            price_amount=[0, 0],
            trial=[False, False],
            beginner=[False, False],
            created=[0, 0],
            lat=[60, 60],
            lon=[25, 25],
            area=["", ""],
            available=[True, True],
        )
    with pytest.raises(ValueError, match="price_kind"):
        ItemCatalogue.from_records([{"id": 1, "price_kind": "cheap"}])


# --- the SYNTHETIC population ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def population():
    return make_population(n_items=400, n_users=800, n_interactions=12_000, random_state=3)


def test_population_is_labelled_synthetic(population):
    assert SYNTHETIC is True
    assert population.metadata["SYNTHETIC"] is True
    assert "SYNTHETIC" in synthetic.__doc__ and "SYNTHETIC" in make_population.__doc__


def test_population_shapes_and_ranges(population):
    cat, users, inter = population.catalogue, population.users, population.interactions
    assert len(cat) == 400 and len(users) == 800 and len(inter) == 12_000
    assert users.age.min() >= 12 and users.age.max() <= 17
    located = ~np.isnan(cat.lat)
    assert located.mean() > 0.9
    assert LAT_RANGE[0] <= cat.lat[located].min() and cat.lat[located].max() <= LAT_RANGE[1]
    assert LON_RANGE[0] <= cat.lon[located].min() and cat.lon[located].max() <= LON_RANGE[1]
    assert set(np.unique(users.area)) <= {a for row in synthetic.AREAS for a in row}
    assert inter.user_rows.max() < 800 and inter.item_rows.max() < 400
    assert (population.now - inter.timestamps).max() <= 90 * DAY + 1
    kinds, counts = np.unique(inter.kinds, return_counts=True)
    share = dict(zip(kinds.tolist(), (counts / counts.sum()).tolist(), strict=True))
    assert share["view"] > 0.7 and 0.05 < share["favourite"] < 0.15 and "join_click" in share
    # ~10 parents × 5 children, items list their parents too
    parents = [c for c, node in population.categories.items() if node["parent"] is None]
    assert len(parents) == 10 and len(population.categories) == 60
    assert all(population.categories[c[0]]["parent"] in c for c in cat.categories)
    # texts carry the category names in three languages
    first = cat.categories[0][0]
    fi, sv, en = population.categories[first]["names"]
    assert fi in cat.texts[0] and sv in cat.texts[0] and en in cat.texts[0]
    # declared interests: 1–3 per user, drawn from their hidden top categories (with noise)
    assert all(1 <= len(i) <= 3 for i in users.interests)
    exact = np.mean([bool(set(i) & set(t)) for i, t in zip(users.interests, users.top_categories, strict=True)])
    assert exact > 0.6


def test_population_interactions_follow_taste_age_and_distance(population):
    cat, users, inter = population.catalogue, population.users, population.interactions
    positive = inter.kinds != "dismiss"
    u, i = inter.user_rows[positive], inter.item_rows[positive]
    fits = (cat.age_min[i] <= users.age[u]) & (users.age[u] <= cat.age_max[i])
    rng = np.random.default_rng(0)
    j = rng.integers(0, len(cat), size=len(i))
    fits_random = (cat.age_min[j] <= users.age[u]) & (users.age[u] <= cat.age_max[j])
    assert fits.mean() > fits_random.mean() + 0.2
    child = {int(c): k for k, c in enumerate(population.child_categories)}
    taste_hit = users.taste[u, [child[cat.categories[x][0]] for x in i]]
    taste_random = users.taste[u, [child[cat.categories[x][0]] for x in j]]
    assert taste_hit.mean() > 3 * taste_random.mean()

    def km(rows):
        return np.nanmean(np.hypot((cat.lat[rows] - users.lat[u]) * 111, (cat.lon[rows] - users.lon[u]) * 55))

    assert km(i) < 0.8 * km(j)


def test_population_is_reproducible():
    a = make_population(n_items=50, n_users=60, n_interactions=500, random_state=11)
    b = make_population(n_items=50, n_users=60, n_interactions=500, random_state=11)
    c = make_population(n_items=50, n_users=60, n_interactions=500, random_state=12)
    assert a.catalogue.texts == b.catalogue.texts
    assert np.array_equal(a.interactions.item_rows, b.interactions.item_rows)
    assert not np.array_equal(a.interactions.item_rows, c.interactions.item_rows)


# --- the store ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fitted(population):
    X, T = population.matrix()
    hybrid = HybridRecommender().fit(
        population.catalogue, X, user_groups=population.user_groups(), timestamps=T, now=population.now
    )
    return population, X, hybrid


def _requests(population, X):
    users = population.users
    out = [Request(), Request(age=14, near=(60.2, 24.9, 8.0)), Request(interests=users.interests[0])]
    for u in range(1, 8):
        row = X[u]
        history = [(int(c), "favourite" if k % 3 == 0 else "view") for k, c in enumerate(row.indices)]
        out.append(
            Request(
                interests=users.interests[u],
                age=int(users.age[u]),
                area=str(users.area[u]),
                history=history,
                now=population.now,
            )
        )
    return out


def test_store_round_trip_gives_identical_recommendations(fitted, tmp_path):
    population, X, hybrid = fitted
    version = store.save_model(
        hybrid, tmp_path, metrics={"hit_rate@10": 0.2}, trained_at=dt.datetime(2025, 6, 1, 3, 0, tzinfo=dt.UTC)
    )
    loaded = store.load_latest(tmp_path)
    assert loaded.version == version == "000001"
    assert loaded.metrics == {"hit_rate@10": 0.2}
    assert loaded.trained_at == "2025-06-01T03:00:00+00:00"
    model = loaded.model
    assert isinstance(model, HybridRecommender)
    assert model.get_params()["max_per_category"] == hybrid.get_params()["max_per_category"]
    for request in _requests(population, X):
        assert model.recommend(request) == hybrid.recommend(request)
    for row in (0, 5, 17):
        assert model.similar_items(row, 5) == hybrid.similar_items(row, 5)
    history = X[3]
    assert np.allclose(model.collaborative_.score_history(history), hybrid.collaborative_.score_history(history))


def test_store_files_are_plain_arrays_and_json(fitted, tmp_path):
    _, _, hybrid = fitted
    version = store.save_model(hybrid, tmp_path, metrics={"ndcg@10": 0.1})
    with np.load(tmp_path / f"model-{version}.npz", allow_pickle=False) as npz:
        assert npz.files
        for key in npz.files:
            assert npz[key].dtype.kind in "biufU", key  # no object arrays anywhere
    doc = json.loads((tmp_path / f"model-{version}.json").read_text())
    assert doc["version"] == version
    assert dt.datetime.fromisoformat(doc["trained_at"]).tzinfo is not None
    assert doc["catalogue"]["ids"] == hybrid.catalogue_.ids.to_list()
    assert doc["parts"]["collaborative"]["class"] == "ItemKNN"
    assert doc["parts"]["collaborative"]["params"]["n_neighbours"] == hybrid.collaborative_.n_neighbours
    assert doc["parts"]["content"]["categories"] == hybrid.content_.categories_.to_list()
    assert doc["hybrid"]["cf_saturation"] == hybrid.cf_saturation
    assert not [p for p in os.listdir(tmp_path) if p.endswith((".tmp", ".claim"))]


def test_store_detects_newer_versions_and_prunes(fitted, tmp_path):
    _, _, hybrid = fitted
    assert store.latest_version(tmp_path) is None
    assert store.load_latest(tmp_path) is None
    first = store.save_model(hybrid, tmp_path, keep=2)
    assert store.latest_version(tmp_path) == first
    second = store.save_model(hybrid, tmp_path, keep=2)
    assert int(second) > int(first)
    assert store.latest_version(tmp_path) == second  # a web process polling this sees the change
    third = store.save_model(hybrid, tmp_path, keep=2)
    names = sorted(os.listdir(tmp_path))
    assert f"model-{first}.npz" not in names and f"model-{first}.json" not in names
    assert {f"model-{second}.npz", f"model-{third}.npz", "LATEST"} <= set(names)
    os.unlink(tmp_path / "LATEST")  # the pointer is an optimisation: a listing finds the newest too
    assert store.latest_version(tmp_path) == third


def test_store_round_trips_parts_ease_and_sparse_content(population, tmp_path):
    X, _ = population.matrix()
    content = ContentModel(text_components=None).fit(population.catalogue)
    ease = EASE(l2=50.0).fit(X)
    popularity = PopularityModel(half_life_days=None).fit(X, user_groups=population.user_groups())
    store.save_model({"content": content, "collaborative": ease, "popularity": popularity}, tmp_path)
    parts = store.load_latest(tmp_path).model
    assert sp.issparse(parts["content"].item_vectors_)
    assert np.allclose(parts["content"].score_liked([(1, 1.0), (2, 4.0)]), content.score_liked([(1, 1.0), (2, 4.0)]))
    assert np.allclose(parts["content"].score_interests([1, 12]), content.score_interests([1, 12]))
    assert np.allclose(parts["collaborative"].score_history(X[5]), ease.score_history(X[5]))
    assert parts["collaborative"].explain(X[5].indices, 3) == ease.explain(X[5].indices, 3)
    group = (14, str(population.users.area[0]))
    assert np.allclose(parts["popularity"].score(group), popularity.score(group))
    assert parts["popularity"].resolve_group(group) == popularity.resolve_group(group)


def test_loaded_models_refuse_training_user_queries(fitted, tmp_path):
    _, _, hybrid = fitted
    store.save_model(hybrid, tmp_path)
    knn = store.load_latest(tmp_path).model.collaborative_
    assert isinstance(knn, ItemKNN)
    with pytest.raises(ValueError, match="score_history"):
        knn.recommend([0], k=3)
