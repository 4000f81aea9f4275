"""Benchmark: the recommender's training time, peak memory, request latency and offline evaluation (issue 6).

Usage: .venv/bin/python bench/recommender.py [--scale 1] [--seed 2026] [--requests N] [--only inprocess,api]

Two parts, both on SYNTHETIC data (made up, never real devices or hobbies):

1. **inprocess** — the Django-free core (``recommender/``) on ``synthetic.make_population`` with 20,000 hobbies,
   100,000 devices and 1,000,000 interactions (× ``--scale``): the fit in a process of its own (wall time and that
   process's peak resident memory), the model saved with ``recommender.store`` (file sizes) and loaded back the
   way the web process loads it, then the latency of one ``HybridRecommender.recommend(Request(...))`` per device
   state (anonymous, interests only, interests + age + 5 km radius, a history of 10 items) and of
   ``similar_items``, and the evaluation table of ``recommender.experiments.run_experiment`` (warm devices and
   cold start, the popularity and random baselines beside).
2. **api** — the bench database of ``bench/api.py`` (built with its own functions when missing: 20,000 hobbies,
   20,000 devices ``bench-<i>``, 200,000 interactions), topped up once with SYNTHETIC devices ``rbench-<i>``
   (hidden tastes over categories, age groups, interests, a home) and their interactions, concentrated by
   category and distance, up to 100,000 devices and 1,000,000 interaction rows (× ``--scale``). Then the real
   ``backend.recommendations.training.train()`` in a process of its own (database extraction, fit, evaluation,
   save, each timed; peak memory), and gunicorn as ``bench/api.py`` starts it, with ``RECOMMENDER_MODEL_DIR``
   on the trained model, measuring ``recommendations(first: 10 …)`` (anonymous with age + near, with
   interests, with a device token of either kind) and ``hobby(id) { similarHobbies(first: 6) }``.

The database follows ``bench/api.py``: SQLite ``var/bench.sqlite3`` by default, or with
``DATABASE_URL=postgres://…/<name>`` the database ``<name>_bench``. Models go to ``var/bench-recommender-*``.
Ends with a summary against the issue's targets: training ≤ 60 s and ≤ 2 GB; p95 ≤ 10 ms in process and
≤ 40 ms through the API. Nothing fails on a slow result.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import multiprocessing
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, sys.path[0] is bench/, where this very file would shadow the ``recommender`` package.
if sys.path and Path(sys.path[0] or ".").resolve() == ROOT / "bench":
    sys.path.pop(0)
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench import api as bench_api  # noqa: E402

VAR = ROOT / "var"

# Sizes at --scale 1 (the issue's).
ITEMS = 20_000
DEVICES = 100_000
INTERACTIONS = 1_000_000

# Targets of the issue.
TRAIN_SECONDS_TARGET = 60.0
TRAIN_MB_TARGET = 2048.0
P95_INPROCESS_MS = 10.0
P95_API_MS = 40.0

SYNTHETIC_MARKER_SOURCE = "rbench-marker"
# The synthetic devices' ids share their first 48 bits ("rbench" in ASCII), so they can be found and removed.
DEVICE_ID_PREFIX = int.from_bytes(b"rbench", "big") << 80
KIND_PROBABILITIES = (("view", 0.80), ("favourite", 0.10), ("join_click", 0.04), ("share", 0.04), ("dismiss", 0.02))
TOPUP_VERSION = 2  # bump when the top-up's recipe changes: a different marker makes it regenerate
OVERFETCH = 2  # backend/recommendations/services.py asks the model for first × 2


# --- small helpers --------------------------------------------------------------------------------------------


def rss_mb(key: str = "VmHWM") -> float:
    """This process's peak (VmHWM) or current (VmRSS) resident memory in MB, from /proc/self/status
    (``ru_maxrss`` survives exec on Linux, so in a child it may be the parent's)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0: ``5`` to /proc/self/clear_refs); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def percentile(values: list[float], q: float) -> float:
    return bench_api.percentile(values, q)


def latency_line(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):7.2f} ms  p95 {percentile(values, 95):7.2f} ms  "
        f"max {max(values):7.2f} ms  ({len(values)} requests)"
    )


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


class Timings:
    """Wraps callables so that each call's wall time is added under a name (bench-side instrumentation only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peaks: dict[str, tuple[float, float]] = {}  # name → (RSS at the start, peak during it) in MB
        self.overall_peak_mb = 0.0
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner, attribute: str, name: str | None = None, memory: bool = False) -> None:
        """``memory``: also record the peak RSS during each call (VmHWM reset at its start; top-level calls only,
        the overall peak is kept in ``overall_peak_mb``)."""
        original = getattr(owner, attribute)
        label = name or attribute
        seconds, peaks = self.seconds, self.peaks

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if memory:
                self.overall_peak_mb = max(self.overall_peak_mb, rss_mb("VmHWM"))
                before = rss_mb("VmRSS")
                reset_peak()
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - started
                if memory:
                    peak = rss_mb("VmHWM")
                    self.overall_peak_mb = max(self.overall_peak_mb, peak)
                    peaks[label] = (before, max(peak, peaks.get(label, (0.0, 0.0))[1]))

        setattr(owner, attribute, timed)
        self._undo.append(lambda: setattr(owner, attribute, original))

    def wrap_fits(self) -> None:
        """The fit of each part of the hybrid."""
        from recommender.collaborative import ItemKNN
        from recommender.content import ContentModel
        from recommender.popularity import PopularityModel

        for cls, name in ((ContentModel, "content"), (ItemKNN, "item-kNN"), (PopularityModel, "popularity")):
            self.wrap(cls, "fit", f"fit {name}")

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()


def model_files(directory: Path, version: str) -> tuple[int, int]:
    return tuple((directory / f"model-{version}.{suffix}").stat().st_size for suffix in ("npz", "json"))  # type: ignore[return-value]


# --- part 1: in process, Django-free ---------------------------------------------------------------------------


def population_sizes(scale: float) -> tuple[int, int, int]:
    return max(200, round(ITEMS * scale)), max(200, round(DEVICES * scale)), max(2000, round(INTERACTIONS * scale))


def fit_in_child(scale: float, seed: int, directory: str) -> dict:
    """In a fresh process: generate the population, fit the hybrid, save it. Returns times and memory."""
    from recommender.hybrid import HybridRecommender
    from recommender.store import save_model
    from recommender.synthetic import make_population

    n_items, n_users, n_interactions = population_sizes(scale)
    out: dict = {"rss_start_mb": rss_mb("VmRSS")}
    started = time.perf_counter()
    population = make_population(n_items=n_items, n_users=n_users, n_interactions=n_interactions, random_state=seed)
    out["generate_s"] = time.perf_counter() - started
    out["rss_population_mb"] = rss_mb("VmRSS")
    out["peak_population_mb"] = rss_mb("VmHWM")
    out["peak_reset"] = reset_peak()

    timings = Timings()
    timings.wrap_fits()
    started = time.perf_counter()
    X, T = population.matrix()
    out["matrix_s"] = time.perf_counter() - started
    groups = population.user_groups()
    started = time.perf_counter()
    hybrid = HybridRecommender().fit(population.catalogue, X, user_groups=groups, timestamps=T, now=population.now)
    out["fit_s"] = time.perf_counter() - started
    out["parts_s"] = dict(timings.seconds)
    timings.restore()
    out["peak_fit_mb"] = rss_mb("VmHWM")
    out["rss_after_fit_mb"] = rss_mb("VmRSS")
    out["matrix"] = {"users": X.shape[0], "items": X.shape[1], "nnz": int(X.nnz)}
    knn = hybrid.collaborative_
    out["knn_nnz"] = int(knn.similarity_.nnz) if knn is not None else 0

    started = time.perf_counter()
    version = save_model(
        hybrid,
        directory,
        metrics={"fit_seconds": round(out["fit_s"], 2)},
        metadata={"SYNTHETIC": True, "generator": population.metadata},
    )
    out["save_s"] = time.perf_counter() - started
    out["version"] = version
    out["npz_bytes"], out["json_bytes"] = model_files(Path(directory), version)
    out["peak_total_mb"] = rss_mb("VmHWM")
    return out


def in_child(function, *args):
    """Run ``function(*args)`` in a fresh interpreter (multiprocessing 'spawn'): its memory is its own."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        return pool.apply(function, args)


def history_requests(population, rng: np.random.Generator, count: int, length: int = 10):
    """(user row, history) for users with at least ``length`` positive interactions: their latest ``length``."""
    from recommender.hybrid import make_history

    inter = population.interactions
    positive = inter.kinds != "dismiss"
    users, items, kinds, stamps = (
        inter.user_rows[positive],
        inter.item_rows[positive],
        inter.kinds[positive],
        inter.timestamps[positive],
    )
    order = np.lexsort((-stamps, users))  # by user, newest first
    users, items, kinds, stamps = users[order], items[order], kinds[order], stamps[order]
    starts = np.r_[0, np.flatnonzero(np.diff(users)) + 1]
    counts = np.diff(np.r_[starts, len(users)])
    eligible = starts[counts >= length]
    if not len(eligible):
        return []
    out = []
    for start in rng.choice(eligible, size=count, replace=len(eligible) < count):
        sl = slice(start, start + length)
        history = make_history(
            items[sl].tolist(), kinds[sl].tolist(), stamps[sl].tolist(), now=population.now, half_life_days=60.0
        )
        out.append((int(users[start]), history))
    return out


def inprocess_requests(population, model, seed: int, count: int, k: int) -> dict[str, list[Callable[[], object]]]:
    """Callables, one per request, per device state."""
    from recommender.hybrid import Request

    users = population.users
    rng = np.random.default_rng(seed + 1)
    now = population.now
    n_users = len(users)

    def anonymous() -> list[Callable]:
        return [functools.partial(model.recommend, Request(k=k, now=now)) for _ in range(count)]

    def interests_only() -> list[Callable]:
        rows = rng.integers(0, n_users, count)
        return [functools.partial(model.recommend, Request(interests=users.interests[u], k=k, now=now)) for u in rows]

    def interests_age_near() -> list[Callable]:
        rows = rng.integers(0, n_users, count)
        return [
            functools.partial(
                model.recommend,
                Request(
                    interests=users.interests[u],
                    age=int(users.age[u]),
                    near=(float(users.lat[u]), float(users.lon[u]), 5.0),
                    area=str(users.area[u]),
                    k=k,
                    now=now,
                ),
            )
            for u in rows
        ]

    def history() -> list[Callable]:
        return [
            functools.partial(
                model.recommend,
                Request(
                    interests=users.interests[u],
                    age=int(users.age[u]),
                    area=str(users.area[u]),
                    history=h,
                    k=k,
                    now=now,
                ),
            )
            for u, h in history_requests(population, rng, count)
        ]

    def similar() -> list[Callable]:
        rows = rng.integers(0, len(population.catalogue), count)
        return [functools.partial(model.similar_items, int(r), k=k, constraints=Request(k=k)) for r in rows]

    return {
        "anonymous (nothing known)": anonymous(),
        "interests only": interests_only(),
        "interests + age + 5 km": interests_age_near(),
        "history of 10 + interests, age": history(),
        f"similar_items (k={k})": similar(),
    }


def time_calls(calls: list[Callable], warmup: int) -> tuple[list[float], list[int]]:
    for call in calls[:warmup]:
        call()
    latencies, sizes = [], []
    for call in calls:
        started = time.perf_counter()
        result = call()
        latencies.append((time.perf_counter() - started) * 1000)
        sizes.append(len(result))
    return latencies, sizes


def run_inprocess(options) -> dict:
    from recommender.experiments import run_experiment
    from recommender.store import load_latest
    from recommender.synthetic import make_population

    n_items, n_users, n_interactions = population_sizes(options.scale)
    directory = VAR / "bench-recommender-synthetic"
    print(
        f"\n=== in process, Django-free: SYNTHETIC population of {n_items:,} hobbies, {n_users:,} devices, "
        f"{n_interactions:,} interactions (seed {options.seed}) ===",
        flush=True,
    )
    fitted = in_child(fit_in_child, options.scale, options.seed, str(directory))
    parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in fitted["parts_s"].items())
    train_s = fitted["matrix_s"] + fitted["fit_s"]
    print(
        f"training process (spawned, its own memory): generated the population in {fitted['generate_s']:.1f} s "
        f"(RSS {fitted['rss_population_mb']:.0f} MB, from {fitted['rss_start_mb']:.0f} MB at start)\n"
        f"  matrix {fitted['matrix']['users']:,} × {fitted['matrix']['items']:,}, {fitted['matrix']['nnz']:,} cells: "
        f"{fitted['matrix_s']:.2f} s\n"
        f"  HybridRecommender.fit: {fitted['fit_s']:.1f} s ({parts}); item-kNN similarities "
        f"{fitted['knn_nnz']:,} non-zeros\n"
        f"  training (matrix + fit): {train_s:.1f} s; peak RSS during it {fitted['peak_fit_mb']:.0f} MB "
        f"({'peak reset after generating' if fitted['peak_reset'] else 'peak NOT reset: includes generation'}; "
        f"{fitted['peak_fit_mb'] - fitted['rss_population_mb']:+.0f} MB over the population's "
        f"{fitted['rss_population_mb']:.0f} MB)\n"
        f"  saved version {fitted['version']} in {fitted['save_s']:.1f} s: model-{fitted['version']}.npz "
        f"{fitted['npz_bytes'] / 2**20:.1f} MB + .json {fitted['json_bytes'] / 2**20:.2f} MB ({directory})",
        flush=True,
    )

    started = time.perf_counter()
    population = make_population(
        n_items=n_items, n_users=n_users, n_interactions=n_interactions, random_state=options.seed
    )
    generate_s = time.perf_counter() - started
    rss_before_load = rss_mb("VmRSS")
    started = time.perf_counter()
    stored = load_latest(directory)
    load_s = time.perf_counter() - started
    model = stored.model
    print(
        f"this process: the same population again in {generate_s:.1f} s; load_latest() {load_s:.2f} s "
        f"(+{rss_mb('VmRSS') - rss_before_load:.0f} MB RSS) — latency below is on the loaded model, as served",
        flush=True,
    )

    k = 10 * OVERFETCH
    print(
        f"\nlatency of one call, one at a time ({options.requests} per state after {options.warmup} warm-up; "
        f"k={k} as the service asks, first 10 × overfetch {OVERFETCH}):"
    )
    latencies: dict[str, list[float]] = {}
    for name, calls in inprocess_requests(population, model, options.seed, options.requests, k).items():
        if not calls:
            print(f"  {name:<32} no such requests at this scale")
            continue
        values, sizes = time_calls(calls, options.warmup)
        latencies[name] = values
        short = sum(1 for s in sizes if s < k)
        print(f"  {name:<32} {latency_line(values)}" + (f"  [{short} returned fewer than {k}]" if short else ""))
    recommend_all = [v for name, values in latencies.items() if not name.startswith("similar") for v in values]
    print(f"  {'all recommend() states':<32} {latency_line(recommend_all)}", flush=True)

    print(f"\nevaluation: run_experiment(population, max_users={options.eval_users}, hybrid=<the loaded model>)")
    started = time.perf_counter()
    experiment = run_experiment(population, max_users=options.eval_users, random_state=options.seed, hybrid=model)
    eval_s = time.perf_counter() - started
    print(experiment.format())
    print(f"(run_experiment took {eval_s:.1f} s)", flush=True)

    def ratio(result, name_start: str) -> float | None:
        row = next((r for r in result.rows if r.name.startswith(name_start)), None)
        pop = result.popularity.hit_rate
        return row.hit_rate / pop if row is not None and pop > 0 else None

    return {
        "train_s": train_s,
        "fit_s": fitted["fit_s"],
        "peak_mb": fitted["peak_fit_mb"],
        "peak_total_mb": fitted["peak_total_mb"],
        "latencies": latencies,
        "recommend_all": recommend_all,
        "warm_ratio": ratio(experiment.warm, "hybrid"),
        "cold_ratio": ratio(experiment.cold, "hybrid"),
        "sizes": (n_items, n_users, n_interactions),
    }


# --- part 2: through the API ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Topup:
    devices: int
    interactions: int

    def marker(self, base: bench_api.Sizes, seed: int) -> str:
        return (
            f"v{TOPUP_VERSION};seed={seed};devices={self.devices};interactions={self.interactions};"
            f"base={base.marker(seed)}"
        )


def topup_sizes(base: bench_api.Sizes, scale: float) -> Topup:
    devices = max(0, round(DEVICES * scale) - base.devices)
    interactions = max(0, round(INTERACTIONS * scale) - base.interactions)
    return Topup(devices, interactions)


def device_id_range() -> tuple[uuid.UUID, uuid.UUID]:
    return uuid.UUID(int=DEVICE_ID_PREFIX), uuid.UUID(int=DEVICE_ID_PREFIX | (2**80 - 1))


def remove_synthetic_devices() -> None:
    from backend.devices.models import Device, Interaction
    from backend.hobbies.models import Organization

    lo, hi = device_id_range()
    Interaction.objects.filter(device_id__gte=lo, device_id__lte=hi).delete()  # foreign keys have no __range
    Device.interests.through.objects.filter(device_id__gte=lo, device_id__lte=hi).delete()
    Device.objects.filter(id__range=(lo, hi)).delete()
    Organization.objects.filter(data_source=SYNTHETIC_MARKER_SOURCE).delete()


def add_synthetic_devices(base: bench_api.Sizes, topup: Topup, seed: int) -> None:  # noqa: C901 - one recipe
    """SYNTHETIC devices rbench-<i> with a hidden taste over 1–3 leaf categories, an age, a home near a district and
    (70 %) interests; their interactions pick a category by taste (10 % anywhere), then 12 hobbies of it drawn by
    appeal (log-normal, so some are popular), of which the near one that fits the age wins, with noise. Done once:
    a marker organization records what was added."""
    from django.db import connection, transaction
    from django.utils import timezone

    from backend.devices.models import Device, Interaction, hash_token
    from backend.hobbies.models import Category, Hobby, Municipality, Organization
    from backend.hobbies.services import public_hobbies

    marker = topup.marker(base, seed)
    current = (
        Organization.objects.filter(data_source=SYNTHETIC_MARKER_SOURCE).values_list("origin_id", flat=True).first()
    )
    if current == marker:
        print(f"the SYNTHETIC top-up is already there ({topup.devices:,} devices rbench-<i>)")
        return
    if current is not None or Device.objects.filter(id__range=device_id_range()).exists():
        print("removing an earlier SYNTHETIC top-up of another size…", flush=True)
        started = time.perf_counter()
        remove_synthetic_devices()
        print(f"  removed in {time.perf_counter() - started:.1f} s", flush=True)
    if not topup.devices or not topup.interactions:
        return
    started = time.perf_counter()
    print(
        f"adding SYNTHETIC devices rbench-0 … rbench-{topup.devices - 1} and {topup.interactions:,} interactions…",
        flush=True,
    )
    rng = np.random.default_rng([seed, 6])
    now = timezone.now()

    rows = list(
        public_hobbies()
        .filter(data_source=bench_api.SOURCE)
        .order_by("pk")
        .values_list("pk", "age_min", "age_max", "venue__latitude", "venue__longitude")
    )
    hobby_ids = np.asarray([r[0] for r in rows], dtype=np.int64)
    age_min = np.asarray([r[1] for r in rows])
    age_max = np.asarray([r[2] for r in rows])
    lat = np.asarray([r[3] if r[3] is not None else np.nan for r in rows], dtype=np.float64)
    lon = np.asarray([r[4] if r[4] is not None else np.nan for r in rows], dtype=np.float64)
    leaves = list(Category.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True))
    leaf_index = {pk: i for i, pk in enumerate(leaves)}
    primary = np.full(len(rows), -1, dtype=np.int64)
    position = {pk: i for i, pk in enumerate(hobby_ids.tolist())}
    for hobby_id, category_id in (
        Hobby.categories.through.objects.filter(hobby_id__in=hobby_ids.tolist())
        .order_by("pk")
        .values_list("hobby_id", "category_id")
    ):
        i = position[hobby_id]
        if primary[i] < 0 and category_id in leaf_index:  # the first link is the hobby's leaf (bench/api.py)
            primary[i] = leaf_index[category_id]
    n_cat = len(leaves)
    by_cat = np.argsort(primary, kind="stable")
    counts = np.bincount(primary[primary >= 0], minlength=n_cat)
    first = np.searchsorted(primary[by_cat], np.arange(n_cat))
    has_items = np.flatnonzero(counts > 0)
    # some hobbies draw more interest than others (as in synthetic.make_population): candidates ∝ appeal
    appeal = rng.lognormal(0.0, 0.8, len(rows))
    cum_appeal = np.cumsum(appeal[by_cat])
    cum_before = np.r_[0.0, cum_appeal][first]
    cum_after = np.r_[0.0, cum_appeal][first + counts]

    # devices
    n = topup.devices
    taste_size = rng.integers(1, 4, n)
    taste_cats = has_items[rng.integers(0, len(has_items), (n, 3))]
    taste_w = rng.dirichlet(np.ones(3), n) * (np.arange(3)[None, :] < taste_size[:, None])
    taste_w /= taste_w.sum(axis=1, keepdims=True)
    ages = rng.integers(11, 19, n)
    district = rng.integers(0, len(bench_api.DISTRICTS), n)
    home_lat = np.asarray([bench_api.DISTRICTS[d][2] for d in district]) + rng.normal(0, 0.02, n)
    home_lon = np.asarray([bench_api.DISTRICTS[d][3] for d in district]) + rng.normal(0, 0.04, n)

    def group(age: int) -> str:
        return "-12" if age <= 12 else "13-15" if age <= 15 else "16-17" if age <= 17 else "18-"

    lo_id, _ = device_id_range()
    device_ids = [uuid.UUID(int=lo_id.int + i) for i in range(n)]
    created = now - dt.timedelta(days=120)
    with transaction.atomic():
        for chunk in bench_api._batched(list(range(n)), 5000):
            Device.objects.bulk_create(
                [
                    Device(
                        id=device_ids[i],
                        token_hash=hash_token(f"rbench-{i}"),
                        language="fi",
                        age_group=group(int(ages[i])),
                        created_at=created,
                        last_seen_on=now.date(),
                    )
                    for i in chunk
                ]
            )
        interests = []
        for i in np.flatnonzero(rng.random(n) < 0.7).tolist():
            for c in taste_cats[i, : taste_size[i]][taste_w[i, : taste_size[i]] >= 0.2]:
                interests.append(Device.interests.through(device_id=device_ids[i], category_id=leaves[int(c)]))
        Device.interests.through.objects.bulk_create(interests, batch_size=5000, ignore_conflicts=True)
        print(f"  {n:,} devices, {len(interests):,} interests: {time.perf_counter() - started:.1f} s", flush=True)

        # interactions, 100,000 at a time
        activity = rng.lognormal(0.0, 1.0, n)
        activity /= activity.sum()
        kinds = np.asarray([k for k, _ in KIND_PROBABILITIES])
        kind_p = np.asarray([p for _, p in KIND_PROBABILITIES])
        cum_w = np.cumsum(taste_w, axis=1)
        made = 0
        for start in range(0, topup.interactions, 100_000):
            m = min(100_000, topup.interactions - start)
            who = rng.choice(n, size=m, p=activity)
            slot = np.minimum((cum_w[who] < rng.random(m)[:, None]).sum(axis=1), 2)
            cat = taste_cats[who, slot]
            wander = rng.random(m) < 0.1
            cat[wander] = has_items[rng.integers(0, len(has_items), int(wander.sum()))]
            draw = cum_before[cat][:, None] + rng.random((m, 12)) * (cum_after[cat] - cum_before[cat])[:, None]
            pos = np.searchsorted(cum_appeal, draw, side="right")
            cand = by_cat[np.clip(pos, first[cat][:, None], (first + counts - 1)[cat][:, None])]
            dy = (lat[cand] - home_lat[who][:, None]) * 111.2
            dx = (lon[cand] - home_lon[who][:, None]) * 55.6
            dist = np.sqrt(dx * dx + dy * dy)
            dist[np.isnan(dist)] = 6.0
            fits = (ages[who][:, None] >= age_min[cand]) & (ages[who][:, None] <= age_max[cand])
            logw = -dist / 6.0 + np.log(np.where(fits, 1.0, 0.03)) + rng.gumbel(size=dist.shape)
            chosen = cand[np.arange(m), np.argmax(logw, axis=1)]
            kind = kinds[rng.choice(len(kinds), size=m, p=kind_p)]
            dismissed = kind == "dismiss"
            chosen[dismissed] = rng.integers(0, len(hobby_ids), int(dismissed.sum()))
            ago = rng.uniform(0, 90 * 86400, m)
            objects = [
                Interaction(
                    device_id=device_ids[w],
                    hobby_id=int(hobby_ids[h]),
                    kind=str(k),
                    created_at=now - dt.timedelta(seconds=float(s)),
                )
                for w, h, k, s in zip(who.tolist(), chosen.tolist(), kind.tolist(), ago.tolist(), strict=True)
            ]
            Interaction.objects.bulk_create(objects, batch_size=5000)
            made += m
            print(f"  {made:,} interactions: {time.perf_counter() - started:.1f} s", flush=True)
        Organization.objects.create(
            name="recommender bench top-up marker",
            slug="rbench-top-up-marker",
            municipality=Municipality.objects.order_by("pk").first(),
            kind=Organization.Kind.MUNICIPAL,
            data_source=SYNTHETIC_MARKER_SOURCE,
            origin_id=marker,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"added the SYNTHETIC top-up in {time.perf_counter() - started:.1f} s", flush=True)


def train_in_child(url: str, directory: str) -> dict:
    """In a fresh process: Django on the bench database, then ``training.train()`` with each phase timed."""
    bench_api.setup_django(url)
    from backend.recommendations import training

    timings = Timings()
    for name in ("build_catalogue", "training_data", "fit_hybrid", "evaluation", "save_model"):
        timings.wrap(training, name, memory=True)
    timings.wrap_fits()
    rss_start = rss_mb("VmRSS")
    started = time.perf_counter()
    result = training.train(directory=Path(directory))
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "seconds": result.seconds,
        "phases_s": dict(timings.seconds),
        "phase_peaks_mb": dict(timings.peaks),
        "peak_mb": max(timings.overall_peak_mb, rss_mb("VmHWM")),
        "rss_start_mb": rss_start,
        "version": result.version,
        "items": result.items,
        "users": result.users,
        "interactions": result.interactions,
        "fit_seconds_metric": result.metrics.get("fit_seconds"),
        "table": result.table,
        "files": model_files(Path(directory), result.version),
    }


RECOMMENDATIONS_QUERY = (
    """
query Recommendations($first: Int, $near: NearInput, $age: Int, $interests: [ID!]) {
  recommendations(first: $first, near: $near, age: $age, interests: $interests) {
    hobby { ...Listing }
    reason { code text category { id } hobby { id title { text } } }
  }
}
"""
    + bench_api.LISTING
)

SIMILAR_QUERY = """
query Similar($id: ID!) {
  hobby(id: $id) { id similarHobbies(first: 6) { id } }
}
"""


def api_scenarios(base: bench_api.Sizes, topup: Topup) -> list[bench_api.Scenario]:
    from backend.hobbies.models import Category, Hobby

    leaves = list(Category.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True))
    hobby_ids = list(
        Hobby.objects.filter(data_source=bench_api.SOURCE, live=True, taken_down_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    request = bench_api._request
    language = bench_api._language

    def near(rng: random.Random) -> dict:
        return {"lat": round(rng.uniform(60.15, 60.30), 5), "lon": round(rng.uniform(24.65, 25.20), 5), "radiusKm": 5}

    def anonymous(rng: random.Random) -> bench_api.Request:
        variables = {"first": 10, "age": rng.randint(11, 18), "near": near(rng)}
        return request(RECOMMENDATIONS_QUERY, variables, language=language(rng))

    def interests(rng: random.Random) -> bench_api.Request:
        chosen = [str(c) for c in rng.sample(leaves, rng.randint(1, 3))]
        variables = {"first": 10, "age": rng.randint(11, 18), "interests": chosen}
        return request(RECOMMENDATIONS_QUERY, variables, language=language(rng))

    def device(rng: random.Random) -> bench_api.Request:
        token = f"bench-{rng.randrange(base.devices)}"
        return request(RECOMMENDATIONS_QUERY, {"first": 10}, language=language(rng), device=token)

    def synthetic_device(rng: random.Random) -> bench_api.Request:
        token = f"rbench-{rng.randrange(topup.devices)}"
        return request(RECOMMENDATIONS_QUERY, {"first": 10}, language=language(rng), device=token)

    def similar(rng: random.Random) -> bench_api.Request:
        return request(SIMILAR_QUERY, {"id": str(rng.choice(hobby_ids))}, language=language(rng))

    scenarios = [
        bench_api.Scenario("anonymous", "recommendations(first 10, age, near 5 km), no device", anonymous),
        bench_api.Scenario("interests", "recommendations(first 10, age, interests 1–3), no device", interests),
        bench_api.Scenario("device", "recommendations(first 10) as device bench-<i> (random history)", device),
        bench_api.Scenario(
            "device-synth",
            "recommendations(first 10) as device rbench-<i> (SYNTHETIC taste: interests + history)",
            synthetic_device,
            skipped="" if topup.devices else "skipped: no SYNTHETIC devices at this scale",
        ),
        bench_api.Scenario("similar", "hobby(id) { similarHobbies(first 6) { id } }", similar),
    ]
    return scenarios


def explain_api(scenarios: list[bench_api.Scenario], directory: Path, seed: int, samples: int) -> None:
    """A few requests of each scenario in this process (Django's test client, no HTTP, one at a time): how much
    of a request is the model, the rest of the service (device history, database check of the suggestions,
    fill), SQL, and GraphQL around it."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from backend.recommendations import services, serving
    from recommender.hybrid import HybridRecommender

    settings.RECOMMENDER_MODEL_DIR = directory
    serving.holder.reset()
    client = DjangoClient()
    timings = Timings()
    timings.wrap(HybridRecommender, "recommend", "model")
    timings.wrap(HybridRecommender, "similar_items", "model")
    for attribute, name in (
        ("recommend", "service"),
        ("similar", "service"),  # similarHobbies before commit 80b8059
        ("similar_order", "service"),  # since: the database picks the candidates, the model orders them
        ("device_history", "history"),
        ("fill", "fill"),
    ):
        if hasattr(services, attribute):
            timings.wrap(services, attribute, name)
    print(
        f"\n--- where the time goes: {samples} requests per scenario in this process (test client, no HTTP), "
        "medians in ms ---"
    )
    print(
        f"  {'scenario':<14}{'total':>8}{'model':>8}{'service':>9}{'history':>9}{'fill':>7}{'SQL':>7}{'stmts':>7}"
        f"{'rest':>7}   (service: model, history, fill, the check and their SQL;"
        "\n  rest: GraphQL, reasons, middleware; SQL as Django records it, to the millisecond per statement)"
    )
    try:
        for scenario in scenarios:
            if scenario.skipped:
                continue
            rng = random.Random(f"{seed}-explain-{scenario.name}")
            rows: list[tuple[float, ...]] = []
            for i in range(samples + 3):
                request = scenario.make(rng)
                headers = {"HTTP_HOST": "127.0.0.1"}
                for name, value in request.headers.items():
                    if name != "Content-Type":
                        headers[f"HTTP_{name.upper().replace('-', '_')}"] = value
                timings.seconds.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.post("/graphql", request.body, content_type="application/json", **headers)
                    total = (time.perf_counter() - started) * 1000
                if i < 3:  # warm-up: loading the model, first queries
                    continue
                part = {name: seconds * 1000 for name, seconds in timings.seconds.items()}
                sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
                service = part.get("service", 0.0)
                rows.append(
                    (
                        total,
                        part.get("model", 0.0),
                        service,
                        part.get("history", 0.0),
                        part.get("fill", 0.0),
                        sql,
                        len(captured.captured_queries),
                        total - service,
                    )
                )
            medians = [statistics.median(column) for column in zip(*rows, strict=True)]
            print(
                f"  {scenario.name:<14}"
                + "".join(f"{v:>{w}.1f}" for v, w in zip(medians, (8, 8, 9, 9, 7, 7, 7, 7), strict=True))
            )
    finally:
        timings.restore()


def run_api(options) -> dict:
    url = bench_api.bench_database_url()
    postgres = bench_api.is_postgres(url)
    vendor = "PostgreSQL" if postgres else "SQLite"
    print(f"\n=== through the API: {vendor} bench database (bench/api.py's) ===", flush=True)
    base = bench_api.Sizes.at(options.scale)
    topup = topup_sizes(base, options.scale)
    bench_api.create_database(url)
    bench_api.migrate(url)
    bench_api.setup_django(url)
    from django.db import connection, connections

    state = bench_api.data_set_state(base, options.seed)
    if state == "ready":
        print("bench/api.py's data set is already built")
    else:
        if state == "other":
            print("the bench database holds another or an unfinished data set: building it again (bench/api.py)")
            connections.close_all()
            bench_api.drop_database(url)
            bench_api.create_database(url)
            bench_api.migrate(url)
        bench_api.build(base, options.seed)
    add_synthetic_devices(base, topup, options.seed)

    from backend.devices.models import Device, Favourite, Interaction
    from backend.hobbies.models import Hobby

    counts = {
        "hobbies": Hobby.objects.count(),
        "devices": Device.objects.count(),
        "interactions": Interaction.objects.count(),
        "favourites": Favourite.objects.count(),
    }
    db_version = connection.cursor().connection.info.server_version if postgres else None
    print("database: " + ", ".join(f"{value:,} {name}" for name, value in counts.items()) + " (SYNTHETIC)", flush=True)
    connections.close_all()

    directory = VAR / f"bench-recommender-{'postgres' if postgres else 'sqlite'}"
    trained = None
    if options.skip_training and (directory / "LATEST").exists():
        print(f"--skip-training: serving the newest model already in {directory}")
    else:
        print("training: backend.recommendations.training.train() in a spawned process…", flush=True)
        trained = in_child(train_in_child, url, str(directory))
        phases = trained["phases_s"]
        extraction = phases.get("build_catalogue", 0.0) + phases.get("training_data", 0.0)
        fit_parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items() if name.startswith("fit "))
        print(
            f"  train(): {trained['seconds']:.1f} s for {trained['items']:,} hobbies, {trained['users']:,} devices, "
            f"{trained['interactions']:,} events (interactions + favourites); version {trained['version']}\n"
            f"    database extraction {extraction:.1f} s (build_catalogue {phases.get('build_catalogue', 0):.1f} s, "
            f"training_data {phases.get('training_data', 0):.1f} s)\n"
            f"    fit_hybrid {phases.get('fit_hybrid', 0):.1f} s ({fit_parts})\n"
            f"    evaluation {phases.get('evaluation', 0):.1f} s, save_model {phases.get('save_model', 0):.1f} s; "
            f"metrics.fit_seconds (extraction + fit) {trained['fit_seconds_metric']}\n"
            f"  peak RSS of the training process {trained['peak_mb']:.0f} MB (from {trained['rss_start_mb']:.0f} MB "
            f"after Django setup); per phase (RSS at start → peak): "
            + ", ".join(
                f"{name} {before:.0f} → {peak:.0f} MB" for name, (before, peak) in trained["phase_peaks_mb"].items()
            )
            + "\n"
            f"  model-{trained['version']}.npz {trained['files'][0] / 2**20:.1f} MB + .json "
            f"{trained['files'][1] / 2**20:.2f} MB in {directory}",
            flush=True,
        )
        if trained["table"]:
            print(trained["table"])

    os.environ["RECOMMENDER_MODEL_DIR"] = str(directory)
    chosen = api_scenarios(base, topup)
    if options.api_only:
        wanted = {name.strip() for name in options.api_only.split(",")}
        chosen = [s for s in chosen if s.name in wanted]
    connections.close_all()
    load_before = os.getloadavg()[0]
    port = bench_api.free_port()
    server = bench_api.start_server(url, port, options.workers, options.server_threads)
    results: dict[str, bench_api.Result] = {}
    first_request_ms = None
    try:
        bench_api.wait_healthy(server, port)
        print(
            f"gunicorn: {options.workers} workers × {options.server_threads} threads, production settings, "
            f"RECOMMENDER_MODEL_DIR={directory}; {options.threads} client thread(s) measured, "
            f"{options.warmup} warm-up requests per scenario over {2 * options.workers + 2} fresh connections",
            flush=True,
        )
        for scenario in chosen:
            if scenario.skipped:
                print(f"\n{scenario.name}: {scenario.skipped}")
                continue
            rng = random.Random(f"{options.seed}-rbench-{scenario.name}")
            warmup = [scenario.make(rng) for _ in range(options.warmup)]
            measured = [scenario.make(rng) for _ in range(options.requests)]
            # warm-up on several connections, so that every worker has loaded the model before measuring
            warm = bench_api.run_requests(port, warmup, 2 * options.workers + 2)
            if first_request_ms is None and warm.latencies_ms:
                first_request_ms = max(warm.latencies_ms)
            result = bench_api.run_requests(port, measured, options.threads)
            results[scenario.name] = result
            bench_api.print_scenario(scenario, result)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except Exception:  # noqa: BLE001 - whatever happened, do not leave gunicorn behind
            server.kill()
    if options.explain:
        explain_api(chosen, directory, options.seed, options.explain)
    if first_request_ms is not None:
        print(f"\nslowest warm-up request (a worker loading the model): {first_request_ms:.0f} ms")
    print(
        f"machine: {os.cpu_count()} CPUs shared by gunicorn, the client and the database; load average (1 min) "
        f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    return {
        "vendor": vendor,
        "version": db_version,
        "counts": counts,
        "trained": trained,
        "results": results,
        "chosen": chosen,
    }


# --- summary ----------------------------------------------------------------------------------------------------


def print_summary(options, inprocess: dict | None, api: dict | None) -> None:
    print("\n=== summary (SYNTHETIC data; targets of issue 6) ===")
    if inprocess:
        n_items, n_users, n_interactions = inprocess["sizes"]
        p95 = percentile(inprocess["recommend_all"], 95)
        print(f"in process, {n_items:,} hobbies × {n_users:,} devices × {n_interactions:,} interactions:")
        print(
            f"  training (matrix + fit)        {inprocess['train_s']:8.1f} s     "
            f"target <= {TRAIN_SECONDS_TARGET:.0f} s   {verdict(inprocess['train_s'], TRAIN_SECONDS_TARGET)}"
        )
        print(
            f"  peak memory while training     {inprocess['peak_mb']:8.0f} MB    target <= {TRAIN_MB_TARGET:.0f} MB "
            f"{verdict(inprocess['peak_mb'], TRAIN_MB_TARGET)}  (whole process incl. generating: "
            f"{inprocess['peak_total_mb']:.0f} MB)"
        )
        print(
            f"  recommend() p95, all states    {p95:8.2f} ms    target <= {P95_INPROCESS_MS:.0f} ms   "
            f"{verdict(p95, P95_INPROCESS_MS)}"
        )
        for name, values in inprocess["latencies"].items():
            q = percentile(values, 95)
            print(f"    {name:<32} p95 {q:7.2f} ms  {verdict(q, P95_INPROCESS_MS)}")
        for label, value, target in (
            ("hybrid HR@10 / popularity, warm", inprocess["warm_ratio"], 1.5),
            ("hybrid HR@10 / popularity, cold start", inprocess["cold_ratio"], 2.0),
        ):
            if value is not None:
                ok = "ok" if value >= target else "MISSED"
                print(f"  {label:<38} {value:5.2f}×  (acceptance >= {target}×) {ok}")
    if api:
        version = api["version"]
        version_text = f" {version // 10000}.{version % 10000}" if version else ""
        counts = api["counts"]
        print(
            f"through the API, {api['vendor']}{version_text}: {counts['hobbies']:,} hobbies, {counts['devices']:,} "
            f"devices, {counts['interactions']:,} interactions + {counts['favourites']:,} favourites"
        )
        trained = api["trained"]
        if trained:
            phases = trained["phases_s"]
            extraction = phases.get("build_catalogue", 0.0) + phases.get("training_data", 0.0)
            without_eval = trained["seconds"] - phases.get("evaluation", 0.0)
            print(
                f"  train() total                  {trained['seconds']:8.1f} s     target <= "
                f"{TRAIN_SECONDS_TARGET:.0f} s   {verdict(trained['seconds'], TRAIN_SECONDS_TARGET)}  "
                f"(extraction {extraction:.1f} s, fit {phases.get('fit_hybrid', 0):.1f} s, evaluation "
                f"{phases.get('evaluation', 0):.1f} s, save {phases.get('save_model', 0):.1f} s; "
                f"without the evaluation {without_eval:.1f} s)"
            )
            print(
                f"  peak memory of train()         {trained['peak_mb']:8.0f} MB    target <= {TRAIN_MB_TARGET:.0f} MB "
                f"{verdict(trained['peak_mb'], TRAIN_MB_TARGET)}"
            )
        header = f"  {'scenario':<14}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        print(header + f"{'SQL med':>9}{'SQL max':>9}   target p95 <= {P95_API_MS:.0f} ms")
        for scenario in api["chosen"]:
            result = api["results"].get(scenario.name)
            if scenario.skipped or result is None or not result.latencies_ms:
                print(f"  {scenario.name:<14}{scenario.skipped or 'no answers'}")
                continue
            values = result.latencies_ms
            p95 = percentile(values, 95)
            sql = [q for q in result.queries if q >= 0] or [-1]
            print(
                f"  {scenario.name:<14}{len(values):>9}{len(result.errors):>7}{statistics.median(values):>9.1f}"
                f"{p95:>9.1f}{max(values):>9.1f}{statistics.median(sql):>9g}{max(sql):>9}   {verdict(p95, P95_API_MS)}"
            )
        print(
            f"  ({options.threads} client thread(s), {options.workers} gunicorn workers; "
            "latency measured by the client)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20,000 hobbies, 100,000 devices, 1M interactions")
    parser.add_argument("--seed", type=int, default=2026, help="the seed (bench/api.py's data set uses the same)")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per state/scenario (300)")
    parser.add_argument("--warmup", type=int, default=40, help="uncounted requests per state/scenario first (40)")
    parser.add_argument("--only", default="inprocess,api", help="parts to run: inprocess,api (default both)")
    parser.add_argument("--eval-users", type=int, default=1000, help="users evaluated by run_experiment (1000)")
    parser.add_argument("--threads", type=int, default=1, help="client threads for the API (1: one at a time)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--server-threads", type=int, default=4, help="threads per gunicorn worker (4)")
    parser.add_argument("--scenarios", dest="api_only", help="API scenarios, e.g. anonymous,similar (default all)")
    parser.add_argument(
        "--explain",
        type=int,
        nargs="?",
        const=20,
        default=0,
        help="API part: afterwards, N requests per scenario in this process, timed by layer (default N 20)",
    )
    parser.add_argument(
        "--skip-training", action="store_true", help="API part: serve the newest saved model instead of training"
    )
    options = parser.parse_args()
    parts = {p.strip() for p in options.only.split(",") if p.strip()}
    unknown = parts - {"inprocess", "api"}
    if unknown:
        parser.error(f"--only: unknown part(s) {', '.join(sorted(unknown))}")
    print(
        f"recommender bench (SYNTHETIC data), scale {options.scale:g}, seed {options.seed}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        flush=True,
    )
    inprocess = run_inprocess(options) if "inprocess" in parts else None
    api = run_api(options) if "api" in parts else None
    print_summary(options, inprocess, api)


if __name__ == "__main__":
    main()
