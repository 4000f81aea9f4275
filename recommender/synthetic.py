"""SYNTHETIC population generator for the hobby domain — made-up data, never real devices or hobbies.

Everything this module returns is SYNTHETIC: random hobbies with texts drawn from small Finnish, Swedish and
English word lists per category, and random devices with a hidden taste over categories, an age and a home
area, whose interactions follow that taste, the distance to the hobby, whether the age fits and the hobby's
popularity. ``Population.metadata["SYNTHETIC"]`` is ``True`` and module-level ``SYNTHETIC = True`` says the
same; use it for tests and benchmarks only, and label every figure computed from it as synthetic.

Generation is vectorised (no Python loop per interaction): 20,000 hobbies, 100,000 devices and 1,000,000
interactions take a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .dataset import (
    SECONDS_PER_DAY,
    IdMap,
    InteractionArrays,
    ItemCatalogue,
    build_matrix,
)

SYNTHETIC = True

#: A fixed "now" (2025-06-15 12:00 UTC) so that populations are reproducible.
DEFAULT_NOW = 1_749_988_800.0

# (fi, sv, en) names: 10 parent categories, 5 children each.
CATEGORY_TREE: tuple[tuple[tuple[str, str, str], tuple[tuple[str, str, str], ...]], ...] = (
    (
        ("pallopelit", "bollspel", "ball games"),
        (
            ("jalkapallo", "fotboll", "football"),
            ("koripallo", "basket", "basketball"),
            ("salibandy", "innebandy", "floorball"),
            ("lentopallo", "volleyboll", "volleyball"),
            ("jääkiekko", "ishockey", "ice hockey"),
        ),
    ),
    (
        ("musiikki", "musik", "music"),
        (
            ("kitara", "gitarr", "guitar"),
            ("laulu", "sång", "singing"),
            ("rummut", "trummor", "drums"),
            ("piano", "piano", "piano"),
            ("bändi", "band", "band"),
        ),
    ),
    (
        ("kuvataide", "bildkonst", "visual arts"),
        (
            ("piirustus", "teckning", "drawing"),
            ("maalaus", "målning", "painting"),
            ("valokuvaus", "fotografering", "photography"),
            ("sarjakuva", "serieteckning", "comics"),
            ("keramiikka", "keramik", "ceramics"),
        ),
    ),
    (
        ("tanssi", "dans", "dance"),
        (
            ("hiphop", "hiphop", "hip hop"),
            ("baletti", "balett", "ballet"),
            ("katutanssi", "streetdans", "street dance"),
            ("nykytanssi", "modern dans", "contemporary dance"),
            ("kpop-tanssi", "k-pop-dans", "k-pop dance"),
        ),
    ),
    (
        ("ulkoilu", "friluftsliv", "outdoors"),
        (
            ("retkeily", "vandring", "hiking"),
            ("suunnistus", "orientering", "orienteering"),
            ("kiipeily", "klättring", "climbing"),
            ("pyöräily", "cykling", "cycling"),
            ("melonta", "paddling", "kayaking"),
        ),
    ),
    (
        ("pelit ja teknologia", "spel och teknik", "games and tech"),
        (
            ("e-urheilu", "e-sport", "esports"),
            ("ohjelmointi", "programmering", "coding"),
            ("robotiikka", "robotik", "robotics"),
            ("pelisuunnittelu", "spelutveckling", "game design"),
            ("shakki", "schack", "chess"),
        ),
    ),
    (
        ("käsityöt", "hantverk", "crafts"),
        (
            ("ompelu", "sömnad", "sewing"),
            ("puutyöt", "träslöjd", "woodwork"),
            ("neulonta", "stickning", "knitting"),
            ("korut", "smycken", "jewellery"),
            ("askartelu", "pyssel", "crafting"),
        ),
    ),
    (
        ("teatteri", "teater", "theatre"),
        (
            ("näytteleminen", "skådespeleri", "acting"),
            ("improvisaatio", "improvisation", "improv"),
            ("musikaali", "musikal", "musical theatre"),
            ("sirkus", "cirkus", "circus"),
            ("nukketeatteri", "dockteater", "puppetry"),
        ),
    ),
    (
        ("kamppailulajit", "kampsport", "martial arts"),
        (
            ("judo", "judo", "judo"),
            ("karate", "karate", "karate"),
            ("taekwondo", "taekwondo", "taekwondo"),
            ("nyrkkeily", "boxning", "boxing"),
            ("paini", "brottning", "wrestling"),
        ),
    ),
    (
        ("vesiliikunta", "vattensport", "water sports"),
        (
            ("uinti", "simning", "swimming"),
            ("vesipallo", "vattenpolo", "water polo"),
            ("sukellus", "dykning", "diving"),
            ("purjehdus", "segling", "sailing"),
            ("surffaus", "surfing", "surfing"),
        ),
    ),
)

FILLER = (
    ("harrastus", "ryhmä", "kerho", "nuorille", "tervetuloa", "aloittelijoille", "viikoittain", "kurssi", "ohjaaja"),
    ("hobby", "grupp", "klubb", "för unga", "välkommen", "nybörjare", "varje vecka", "kurs", "ledare"),
    ("hobby", "group", "club", "for young people", "welcome", "beginners", "weekly", "course", "instructor"),
)
FI_SUFFIXES = ("", "", "a", "n", "ssa", "kerho", "ryhmä", "kurssi", "leiri")

# Areas on a 4 × 3 grid over the box lat 60.10–60.35, lon 24.60–25.25 (west → east, south → north).
LAT_RANGE = (60.10, 60.35)
LON_RANGE = (24.60, 25.25)
AREAS = (
    ("Kivenlahti", "Tapiola", "Kamppi", "Vuosaari"),
    ("Espoon keskus", "Leppävaara", "Pasila", "Itäkeskus"),
    ("Kauklahti", "Myyrmäki", "Malmi", "Hakunila"),
)

KIND_PROBABILITIES = (("view", 0.80), ("favourite", 0.10), ("join_click", 0.04), ("share", 0.04), ("dismiss", 0.02))


def category_tree(n_parents: int = 10, n_children: int = 5) -> dict[int, dict]:
    """The SYNTHETIC category tree: id → {"parent": id | None, "names": (fi, sv, en)}.

    Parents get ids 1…n_parents, children n_parents + 1…; more parents/children than the word lists have
    get numbered names.
    """
    tree: dict[int, dict] = {}
    for p in range(n_parents):
        base_parent, children = CATEGORY_TREE[p % len(CATEGORY_TREE)]
        suffix = "" if p < len(CATEGORY_TREE) else f" {p // len(CATEGORY_TREE) + 1}"
        tree[p + 1] = {"parent": None, "names": tuple(name + suffix for name in base_parent)}
        for c in range(n_children):
            base_child = children[c % len(children)]
            child_suffix = suffix if c < len(children) else f"{suffix} {c // len(children) + 1}"
            tree[n_parents + 1 + p * n_children + c] = {
                "parent": p + 1,
                "names": tuple(name + child_suffix for name in base_child),
            }
    return tree


def area_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """The SYNTHETIC grid area of each coordinate ("" for NaN)."""
    lat, lon = np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    missing = np.isnan(lat) | np.isnan(lon)
    lat, lon = np.where(missing, LAT_RANGE[0], lat), np.where(missing, LON_RANGE[0], lon)
    rows, cols = len(AREAS), len(AREAS[0])
    r = np.clip(((lat - LAT_RANGE[0]) / (LAT_RANGE[1] - LAT_RANGE[0]) * rows).astype(np.int64), 0, rows - 1)
    c = np.clip(((lon - LON_RANGE[0]) / (LON_RANGE[1] - LON_RANGE[0]) * cols).astype(np.int64), 0, cols - 1)
    names = np.asarray([name for row in AREAS for name in row] + [""])
    return names[np.where(missing, len(names) - 1, r * cols + c)]


def _km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Equirectangular distance in km (accurate enough inside a city)."""
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * np.cos(np.radians(0.5 * (lat1 + lat2)))
    return np.sqrt(dx * dx + dy * dy)


@dataclass
class Users:
    """SYNTHETIC devices: hidden taste over child categories, age, home, declared interests."""

    ids: IdMap
    age: np.ndarray
    area: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    taste: np.ndarray  # users × child categories (rows sum to 1) — hidden, for evaluation only
    top_categories: list[list[int]]  # the hidden top 1–3 child categories
    interests: list[list[int]]  # declared at onboarding: top categories with noise (sometimes the parent)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Population:
    """A SYNTHETIC population: catalogue, users and their interactions (rows index the two id maps)."""

    catalogue: ItemCatalogue
    users: Users
    interactions: InteractionArrays
    categories: dict[int, dict]
    child_categories: np.ndarray
    now: float
    metadata: dict = field(default_factory=dict)

    def matrix(self, half_life_days: float | None = None, transform: str = "log1p"):
        """(X, T): users × items weights and the latest timestamp of each cell."""
        return build_matrix(
            self.interactions,
            self.users.ids,
            self.catalogue.ids,
            now=self.now,
            half_life_days=half_life_days,
            transform=transform,
            return_timestamps=True,
        )

    def user_groups(self) -> list[tuple[int, str]]:
        """(age, home area) per user row, for ``PopularityModel.fit(user_groups=...)``."""
        return list(zip(self.users.age.tolist(), self.users.area.tolist(), strict=True))


def make_population(
    n_items: int = 1500,
    n_users: int = 3000,
    n_interactions: int = 60_000,
    n_categories: int = 50,
    n_parents: int = 10,
    random_state=None,
    now: float = DEFAULT_NOW,
    days: float = 90.0,
    taste_concentration: float = 0.1,
    distance_km: float = 6.0,
    explore: float = 0.1,
    candidates: int = 16,
) -> Population:
    """Generate a SYNTHETIC population.

    Items: a child category (15 % also a second one), texts from the category's fi/sv/en words with Finnish
    inflections and filler, age ranges, prices, trial/beginner flags, creation times over the last year
    (some this week), coordinates in the Helsinki box (2 % without a venue), areas, 93 % available.
    Users: a Dirichlet taste over child categories, age 12–17, a home, declared interests = their top 1–3
    child categories with noise (15 % a random category, 25 % the parent instead). Interactions: a user by
    activity (log-normal), a child category by taste (``explore`` share uniform), then among ``candidates``
    items of that category drawn by popularity one is chosen ∝ exp(-distance / distance_km) × age fit
    (0.03 outside the range) × availability (0.2 for unavailable items); kinds mostly views, timestamps over
    the last ``days`` days. Dismissals go to random items.
    """
    rng = np.random.default_rng(random_state)
    n_children = max(1, n_categories // n_parents)
    tree = category_tree(n_parents, n_children)
    child_ids = np.asarray([cid for cid, node in tree.items() if node["parent"] is not None], dtype=np.int64)
    n_cat = len(child_ids)

    # --- items ---
    primary = rng.integers(0, n_cat, size=n_items)
    secondary = np.where(rng.random(n_items) < 0.15, rng.integers(0, n_cat, size=n_items), -1)
    age_min = rng.integers(6, 17, size=n_items)
    age_max = np.minimum(age_min + rng.integers(2, 9, size=n_items), 25)
    adult = rng.random(n_items) < 0.05
    age_min[adult], age_max[adult] = 18, 99
    price_draw = rng.random(n_items)
    price_kind = np.where(price_draw < 0.40, "free", np.where(price_draw < 0.95, "paid", "unknown"))
    price_amount = np.where(price_kind == "paid", np.round(rng.lognormal(4.2, 0.6, n_items), 0), np.nan)
    price_amount[price_kind == "free"] = 0.0
    trial = rng.random(n_items) < 0.25
    beginner = rng.random(n_items) < 0.6
    created = now - rng.uniform(0, 365, n_items) * SECONDS_PER_DAY
    fresh = rng.random(n_items) < 0.03
    created[fresh] = now - rng.uniform(0, 7, int(fresh.sum())) * SECONDS_PER_DAY
    item_lat = rng.uniform(*LAT_RANGE, n_items)
    item_lon = rng.uniform(*LON_RANGE, n_items)
    no_venue = rng.random(n_items) < 0.02
    item_lat[no_venue] = np.nan
    item_lon[no_venue] = np.nan
    available = rng.random(n_items) < 0.93
    quality = rng.lognormal(0.0, 0.8, n_items)

    texts, categories = [], []
    suffix = rng.integers(len(FI_SUFFIXES), size=(n_items, 2))
    parent_word = rng.random((n_items, 3, 2)) < 0.5
    filler = np.argsort(rng.random((n_items, 3, len(FILLER[0]))), axis=2)[:, :, :3]
    noise_word = rng.random((n_items, 3)) < 0.1
    noise_cat = rng.integers(0, n_cat, size=(n_items, 3))
    names = {cid: node["names"] for cid, node in tree.items()}
    parent_of = {cid: node["parent"] for cid, node in tree.items()}
    for i in range(n_items):
        cats = [int(child_ids[primary[i]])]
        if secondary[i] >= 0 and secondary[i] != primary[i]:
            cats.append(int(child_ids[secondary[i]]))
        words = []
        for lang in range(3):
            for j, cid in enumerate(cats):
                words.append(names[cid][lang] + (FI_SUFFIXES[suffix[i, j]] if lang == 0 else ""))
                if parent_word[i, lang, j]:
                    words.append(names[parent_of[cid]][lang])
            words.extend(FILLER[lang][f] for f in filler[i, lang])
            if noise_word[i, lang]:  # noise: a word from another category
                words.append(names[int(child_ids[noise_cat[i, lang]])][lang])
        texts.append(" ".join(words))
        with_parents = []
        for cid in cats:
            for c in (cid, parent_of[cid]):
                if c not in with_parents:
                    with_parents.append(c)
        categories.append(with_parents)
    catalogue = ItemCatalogue(
        ids=IdMap(range(1, n_items + 1)),
        texts=texts,
        categories=categories,
        age_min=age_min,
        age_max=age_max,
        price_kind=price_kind,
        price_amount=price_amount,
        trial=trial,
        beginner=beginner,
        created=created,
        lat=item_lat,
        lon=item_lon,
        area=area_of(item_lat, item_lon),
        available=available,
    )

    # --- users ---
    taste = rng.dirichlet(np.full(n_cat, taste_concentration), size=n_users).astype(np.float32)
    taste = np.maximum(taste, 0)
    taste /= taste.sum(axis=1, keepdims=True)
    user_age = rng.integers(12, 18, size=n_users)
    user_lat = rng.uniform(*LAT_RANGE, n_users)
    user_lon = rng.uniform(*LON_RANGE, n_users)
    n_top = rng.integers(1, 4, size=n_users)
    order = np.argsort(-taste, axis=1)[:, :3]
    top_categories, interests = [], []
    noise = rng.random((n_users, 3))
    random_cat = rng.integers(0, n_cat, size=(n_users, 3))
    for u in range(n_users):
        top = [int(child_ids[c]) for c in order[u, : n_top[u]]]
        declared = []
        for j, cid in enumerate(top):
            if noise[u, j] < 0.15:
                cid = int(child_ids[random_cat[u, j]])
            elif noise[u, j] < 0.40:
                cid = int(tree[cid]["parent"])
            if cid not in declared:
                declared.append(cid)
        top_categories.append(top)
        interests.append(declared)
    users = Users(
        ids=IdMap(range(n_users)),
        age=user_age,
        area=area_of(user_lat, user_lon),
        lat=user_lat,
        lon=user_lon,
        taste=taste,
        top_categories=top_categories,
        interests=interests,
    )

    # --- interactions ---
    activity = rng.lognormal(0.0, 1.0, n_users)
    user_of = rng.choice(n_users, size=n_interactions, p=activity / activity.sum())
    by_cat = np.argsort(primary, kind="stable")
    cat_counts = np.bincount(primary, minlength=n_cat)
    cat_start = np.r_[0, np.cumsum(cat_counts)[:-1]]
    cum_quality = np.cumsum(quality[by_cat])
    cum_before = np.r_[0.0, cum_quality][cat_start]
    cum_after = np.r_[0.0, cum_quality][cat_start + cat_counts]
    has_items = np.flatnonzero(cat_counts > 0)
    cum_taste = np.cumsum(taste, axis=1)
    item_rows = np.empty(n_interactions, dtype=np.int64)
    fit_factor = 0.03
    avail_factor = np.where(available, 1.0, 0.2)
    for start in range(0, n_interactions, 100_000):
        stop = min(start + 100_000, n_interactions)
        m = stop - start
        u = user_of[start:stop]
        cat = (cum_taste[u] < rng.random(m)[:, None] * cum_taste[u, -1:]).sum(axis=1)
        cat = np.minimum(cat, n_cat - 1)
        wander = rng.random(m) < explore
        cat[wander] = rng.integers(0, n_cat, size=int(wander.sum()))
        empty = cat_counts[cat] == 0
        cat[empty] = has_items[rng.integers(0, len(has_items), size=int(empty.sum()))]
        lo, hi = cum_before[cat], cum_after[cat]
        r = lo[:, None] + rng.random((m, candidates)) * (hi - lo)[:, None]
        pos = np.searchsorted(cum_quality, r, side="right")
        pos = np.clip(pos, cat_start[cat][:, None], (cat_start + cat_counts)[cat][:, None] - 1)
        cand = by_cat[pos]  # m × candidates item rows
        ilat, ilon = item_lat[cand], item_lon[cand]
        dist = _km(user_lat[u][:, None], user_lon[u][:, None], ilat, ilon)
        dist[np.isnan(dist)] = distance_km  # no venue: as if one decay length away
        age = user_age[u][:, None]
        fits = (age >= age_min[cand]) & (age <= age_max[cand])
        logw = -dist / distance_km + np.log(np.where(fits, 1.0, fit_factor)) + np.log(avail_factor[cand])
        choice = np.argmax(logw + rng.gumbel(size=logw.shape), axis=1)
        item_rows[start:stop] = cand[np.arange(m), choice]

    probs = np.asarray([p for _, p in KIND_PROBABILITIES])
    kinds = np.asarray([k for k, _ in KIND_PROBABILITIES])[rng.choice(len(probs), size=n_interactions, p=probs)]
    dismissed = kinds == "dismiss"
    item_rows[dismissed] = rng.integers(0, n_items, size=int(dismissed.sum()))
    timestamps = now - rng.uniform(0, days, n_interactions) * SECONDS_PER_DAY
    timestamps = np.maximum(timestamps, created[item_rows] + 60.0)
    timestamps = np.minimum(timestamps, now)
    interactions = InteractionArrays(user_of.astype(np.int64), item_rows, kinds, timestamps)

    metadata = {
        "SYNTHETIC": True,
        "generator": "recommender.synthetic.make_population",
        "random_state": random_state if isinstance(random_state, int | None) else "generator",
        "n_items": n_items,
        "n_users": n_users,
        "n_interactions": n_interactions,
        "n_categories": len(tree),
        "now": now,
    }
    return Population(
        catalogue=catalogue,
        users=users,
        interactions=interactions,
        categories=tree,
        child_categories=child_ids,
        now=now,
        metadata=metadata,
    )
