"""Benchmark: the usage reports, the "Usage statistics" page and retention (issue 8) at a city's scale.

Usage: .venv/bin/python bench/analytics.py [--scale 1] [--seed 2026] [--runs 5] [--only reports,page,retention]
       [--rebuild] [--explain]

The data set (× ``--scale``; everything from ``random.Random(seed)``, all of it invented): 20,000 devices (age
groups, channels, 8 % with anonymous usage statistics off, a home municipality), 5,000 public hobbies (plus 250
drafts and taken-down ones) over 3 municipalities, 43 categories, 150 organizations and 600 venues in 44 postal
code areas; 1,000,000 interactions over the last 15 months (active devices and popular hobbies weighted, three
quarters in the device's home municipality), 200,000 searches (about 14 % found nothing), 60,000 active
device-weeks (drawn from the weeks in which the devices interacted), 250 benefits with 5,000 redemptions and
3,000 feedback rows. Written with ``bulk_create`` in batches; the build's time is printed on its own.

The database is the bench's own: SQLite ``var/bench-analytics.sqlite3`` by default, or with
``DATABASE_URL=postgres://…/<name>`` the database ``<name>_analytics_bench`` on the same server (created when
missing; only a name ending in ``_analytics_bench`` is ever dropped). It is built once and reused on the same
day with the same ``--seed``/``--scale``; ``--rebuild`` builds it again.

Then, in this process:

1. **reports**: every figure of ``backend/analytics/queries/reports.py`` (the eight of the "Usage statistics"
   page, the providers' ``provider_hobbies`` and ``average_rating``) and the feedback's ``weekly_ratings``
   (``backend/feedback/reports.py``), each ``--runs`` times (default 5) for the operator (everything), a
   moderator (the largest municipality) and a provider (the organization with the most hobbies), over the last
   12 and 52 weeks: the median wall time and the SQL statements per call;
2. **page**: ``/cms/statistics/`` (12 weeks, the default, and ``?weeks=52``) through Django's test client as a
   signed-in operator, ``--runs`` times: the median, the SQL statements and the size of the page;
3. **retention**: ``apply_retention`` on the 15-month data set in a fresh process (its peak memory is its own):
   its time, the raw rows it summed up and deleted, the rollup rows it wrote, the peak resident memory, and a
   second (no-op) run's time. Both runs happen inside one transaction that is rolled back at the end, so the
   data set stays reusable (the nightly task commits each table instead; that costs one commit more).

``--explain`` prints, for every figure and scope over 52 weeks, its slowest SQL statement and that statement's
plan (``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite). Nothing fails on a
slow result.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import math
import os
import random
import statistics
import sys
import time
import uuid
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import api as bench_api  # noqa: E402
from bench.recommender import in_child, reset_peak, rss_mb  # noqa: E402

VAR = ROOT / "var"
SQLITE_PATH = VAR / "bench-analytics.sqlite3"
DB_SUFFIX = "_analytics_bench"
SOURCE = "abench"
MARKER_SOURCE = "abench-marker"
RECIPE_VERSION = 1  # bump when the data set's recipe changes: a different marker makes it rebuild
OPERATOR_USERNAME = "abench-operator"

# Sizes at --scale 1.
DEVICES = 20_000
HOBBIES = 5_000
HIDDEN_HOBBIES = 250
ORGANIZATIONS = 150
VENUES = 600
INTERACTIONS = 1_000_000
SEARCHES = 200_000
DEVICE_WEEKS = 60_000
BENEFITS = 250
REDEMPTIONS = 5_000
FEEDBACK = 3_000
MONTHS = 15
DAYS = round(MONTHS * 30.44)
ANALYTICS_OFF_SHARE = 0.08
CHILDREN_PER_ROOT = 4  # 9 main categories with up to 4 subcategories each: 43 categories
# the fields of bench/api.py's CATEGORY_TREE entries, in order
CATEGORY_FIELDS = ("slug", "name_fi", "name_sv", "name_en", "synonyms_fi", "synonyms_sv", "synonyms_en")
MUNICIPALITIES = (  # slug, code, fi, sv, en
    ("helsinki", "091", "Helsinki", "Helsingfors", "Helsinki"),
    ("espoo", "049", "Espoo", "Esbo", "Espoo"),
    ("vantaa", "092", "Vantaa", "Vanda", "Vantaa"),
)

PERIOD_WEEKS = (12, 52)
PROVIDER_ONLY = {"provider_hobbies"}  # measured for the provider scope only
BATCH = 5_000
CHUNK = 50_000

AGE_GROUPS = (("-12", 15), ("13-15", 35), ("16-17", 25), ("18-", 10), ("", 15))
CHANNELS = (("web", 65), ("android", 20), ("ios", 12), ("other", 3))
KINDS = (("view", 75), ("favourite", 10), ("share", 3), ("join_click", 8), ("dismiss", 4))
HOME_MUNICIPALITIES = (("helsinki", 60), ("espoo", 25), ("vantaa", 15))
LOCAL_SHARE = 0.75  # interactions with hobbies of the device's home municipality
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
# What teenagers may look for and this data set does not offer (found nothing).
MISSING_WORDS = [
    "ratsastus", "padel", "jousiammunta", "purjehdus", "golf", "tennis", "sulkapallo", "miekkailu",
    "cheerleading", "lentopallo", "sukellus", "surffaus", "lumilautailu", "laskettelu", "taitoluistelu",
    "curling", "keilailu", "biljardi", "mopokerho", "ampumaurheilu", "ridning", "segling", "dykning",
    "konståkning", "horse riding", "archery", "volleyball", "snowboarding", "figure skating", "bowling",
    "drone racing", "lacrosse", "frisbeegolf", "pesäpallo", "sähkökitarakurssi", "cosplay", "anime piirtäminen",
    "ratsastusleiri", "moottoripyöräily", "kuvis",
]  # fmt: skip


def weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


# --- the bench database -------------------------------------------------------------------------------------


def bench_database_url(sqlite_path: Path, suffix: str) -> str:
    """The bench's own database next to the configured one: a SQLite file, or ``<name><suffix>``."""
    url = bench_api.bench_database_url()  # checks the scheme; "<name>_bench" on PostgreSQL
    if not bench_api.is_postgres(url):
        return f"sqlite:///{sqlite_path}"
    parts = urlsplit(url)
    stem = suffix.removesuffix("_bench")  # e.g. "_analytics"
    name = parts.path.lstrip("/").removesuffix("_bench").removesuffix(stem)
    return parts._replace(path=f"/{name}{suffix}").geturl()


def drop_database(url: str, sqlite_path: Path, suffix: str) -> None:
    """Remove the bench database entirely; only ever a SQLite file under var/ or a name ending in ``suffix``."""
    from django.conf import settings
    from django.db import connections

    if settings.configured:
        connections.close_all()
    if not bench_api.is_postgres(url):
        for extension in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path}{extension}").unlink(missing_ok=True)
        return
    import psycopg

    admin, name = bench_api._postgres_admin(url)  # noqa: SLF001 - the bench's own helper
    if not name.endswith(suffix):
        sys.exit(f"bench: refusing to drop {name!r}: its name does not end with {suffix}")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shown_url(url: str) -> str:
    parts = urlsplit(url)
    if not bench_api.is_postgres(url):
        return url
    return parts._replace(netloc=f"{parts.hostname}:{parts.port or 5432}").geturl()


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics on both databases


class Clock:
    """Prints the time of each step of a build."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()

    def step(self, label: str) -> None:
        now = time.perf_counter()
        print(f"  {label}: {now - self.last:.1f} s", flush=True)
        self.last = now

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started


def batched(items, size: int):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- the catalogue (also used by bench/notifications.py) -----------------------------------------------------


@dataclass
class Catalogue:
    municipalities: dict  # slug → Municipality
    roots: list
    leaves: list
    organizations: list
    venues: list
    hobbies: list  # the public ones first
    public: int
    postal_codes: dict  # postal code → Municipality slug

    @property
    def public_hobbies(self) -> list:
        return self.hobbies[: self.public]

    @property
    def categories(self) -> list:
        return self.roots + self.leaves


def municipality_at(lat: float, lon: float) -> str:
    if lon < 24.84:
        return "espoo"
    if lat > 60.255 or (lat > 60.24 and lon > 25.09):
        return "vantaa"
    return "helsinki"


def district_areas() -> list[tuple[str, str, float, float, list[str]]]:
    """The districts of ``bench/api.py`` with their municipality and two postal codes each."""
    prefixes = {"helsinki": ("00", 100), "espoo": ("02", 100), "vantaa": ("01", 200)}
    seen: dict[str, int] = defaultdict(int)
    areas = []
    for name, _sv, lat, lon in bench_api.DISTRICTS:
        slug = municipality_at(lat, lon)
        prefix, start = prefixes[slug]
        number = seen[slug]
        seen[slug] += 1
        codes = [f"{prefix}{start + 40 * number + 10 * j:03d}" for j in range(2)]
        areas.append((name, slug, lat, lon, codes))
    return areas


def build_catalogue(
    rng: random.Random, *, hobbies: int, hidden: int, organizations: int, venues: int, now, source: str
):  # noqa: C901, PLR0913 - one recipe
    """Municipalities, 43 categories, organizations, venues and hobbies (public first), with ``bulk_create``."""
    from django.db import transaction

    from backend.hobbies.models import Category, Hobby, Municipality, Organization, Venue

    with transaction.atomic():
        municipalities = {
            slug: Municipality.objects.create(slug=slug, code=code, name_fi=fi, name_sv=sv, name_en=en)
            for slug, code, fi, sv, en in MUNICIPALITIES
        }
        roots, leaves = [], []
        for order, (*names, children) in enumerate(bench_api.CATEGORY_TREE):
            root = Category.objects.create(
                **dict(zip(CATEGORY_FIELDS, names, strict=True)), icon=names[0], sort_order=order
            )
            roots.append(root)
            for child_order, child in enumerate(children[:CHILDREN_PER_ROOT]):
                fields = dict(zip(CATEGORY_FIELDS, child, strict=True))
                leaves.append(Category(parent=root, **fields, icon=child[0], sort_order=child_order))
        Category.objects.bulk_create(leaves)

        areas = district_areas()
        postal_codes = {code: slug for _name, slug, _lat, _lon, codes in areas for code in codes}
        orgs = []
        for i in range(organizations):
            name, slug, _lat, _lon, _codes = rng.choice(areas)
            orgs.append(
                Organization(
                    name=f"{rng.choice(bench_api.ORGANIZATION_WORDS)} {name} {i + 1}",
                    slug=f"{source}-org-{i}",
                    municipality=municipalities[slug],
                    kind=rng.choice(Organization.Kind.values),
                    data_source=source,
                    origin_id=f"o{i}",
                )
            )
        Organization.objects.bulk_create(orgs, batch_size=BATCH)

        places = []
        for i in range(venues):
            name, slug, lat, lon, codes = rng.choice(areas)
            kind = rng.choice(bench_api.VENUE_KINDS)
            places.append(
                Venue(
                    name_fi=f"{kind[0]} {name}",
                    name_en=f"{name} {kind[2]}",
                    street_address_fi=f"{name}ntie {rng.randrange(1, 80)}",
                    postal_code=rng.choice(codes),
                    city=municipalities[slug].name_fi,
                    municipality=municipalities[slug],
                    latitude=round(min(60.35, max(60.10, rng.gauss(lat, 0.01))), 6),
                    longitude=round(min(25.25, max(24.60, rng.gauss(lon, 0.02))), 6),
                    data_source=source,
                    origin_id=f"v{i}",
                )
            )
        Venue.objects.bulk_create(places, batch_size=BATCH)

        rows, chosen_categories = [], []
        for i in range(hobbies + hidden):
            leaf = rng.choice(leaves)
            chosen = [leaf]
            if rng.random() < 0.25:
                extra = rng.choice(leaves if rng.random() < 0.7 else roots)
                if extra not in chosen:
                    chosen.append(extra)
            audience, group = rng.choice(bench_api.AUDIENCE), rng.choice(bench_api.GROUP_WORDS)
            organization = rng.choice(orgs)
            venue = rng.choice(places) if rng.random() < 0.97 else None
            age_min = rng.randint(7, 16)
            public = i < hobbies
            published = now - dt.timedelta(days=rng.uniform(2, 500)) if public or i % 2 == 0 else None
            enrolment = rng.random() < 0.25
            rows.append(
                Hobby(
                    title_fi=f"{audience[0]} {leaf.name_fi.lower()} {group[0]}",
                    title_sv=f"{leaf.name_sv}{group[1]} för {audience[1]}" if rng.random() < 0.6 else "",
                    title_en=f"{audience[2]} {leaf.name_en.lower()} {group[2]}" if rng.random() < 0.5 else "",
                    summary_fi=f"{leaf.name_fi} nuorille.",
                    organization=organization,
                    municipality=venue.municipality if venue else organization.municipality,
                    venue=venue,
                    age_min=age_min,
                    age_max=min(25, age_min + rng.choice([2, 3, 5, 8])),
                    price_kind=Hobby.PriceKind.FREE,
                    open_use=rng.random() < 0.05,
                    next_session_start=now + dt.timedelta(hours=rng.uniform(1, 14 * 24))
                    if rng.random() < 0.85
                    else None,
                    enrolment_start=now - dt.timedelta(days=rng.uniform(10, 90)) if enrolment else None,
                    enrolment_end=now + dt.timedelta(days=rng.uniform(5, 60)) if enrolment else None,
                    live=published is not None,
                    first_published_at=published,
                    last_published_at=published,
                    taken_down_at=now - dt.timedelta(days=3) if not public and published else None,
                    taken_down_reason="Bench: taken down." if not public and published else "",
                    data_source=source,
                    origin_id=f"h{i}",
                )
            )
            chosen_categories.append(chosen)
        Hobby.objects.bulk_create(rows, batch_size=BATCH // 5)
        links = [
            Hobby.categories.through(hobby_id=hobby.pk, category_id=category.pk)
            for hobby, chosen in zip(rows, chosen_categories, strict=True)
            for category in chosen
        ]
        Hobby.categories.through.objects.bulk_create(links, batch_size=BATCH)
    return Catalogue(municipalities, roots, leaves, orgs, places, rows, hobbies, postal_codes)


# --- the analytics data set -----------------------------------------------------------------------------------


@dataclass
class Sizes:
    devices: int
    hobbies: int
    hidden: int
    organizations: int
    venues: int
    interactions: int
    searches: int
    device_weeks: int
    benefits: int
    redemptions: int
    feedback: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def n(value: int, minimum: int) -> int:
            return max(minimum, round(value * scale))

        return cls(
            devices=n(DEVICES, 200),
            hobbies=n(HOBBIES, 100),
            hidden=n(HIDDEN_HOBBIES, 4),
            organizations=n(ORGANIZATIONS, 6),
            venues=n(VENUES, 30),
            interactions=n(INTERACTIONS, 5_000),
            searches=n(SEARCHES, 1_000),
            device_weeks=n(DEVICE_WEEKS, 500),
            benefits=n(BENEFITS, 10),
            redemptions=n(REDEMPTIONS, 100),
            feedback=n(FEEDBACK, 100),
        )

    def marker(self, seed: int, day: dt.date) -> str:
        return f"v{RECIPE_VERSION};seed={seed};day={day.isoformat()};" + ";".join(
            f"{name}={value}" for name, value in vars(self).items()
        )


def data_set_state(sizes: Sizes, seed: int, day: dt.date) -> str:
    """'ready' when the database holds this data set (built today), 'empty' when it holds no hobbies, else 'other'."""
    from backend.hobbies.models import Hobby, Organization

    marker = Organization.objects.filter(data_source=MARKER_SOURCE).values_list("origin_id", flat=True).first()
    if marker == sizes.marker(seed, day):
        return "ready"
    return "empty" if not Hobby.objects.exists() else "other"


class Picker:
    """Fast weighted choices from a fixed population (cumulative weights, bisect)."""

    def __init__(self, items: list, weights: list[float]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def search_vocabulary(catalogue: Catalogue) -> list[str]:
    """What people type and find: category names and synonyms in three languages, prefixes, district names."""
    words: list[str] = []
    for category in catalogue.categories:
        for text in (category.name_fi, category.name_sv, category.name_en):
            words.append(text.lower())
        for text in (category.synonyms_fi, category.synonyms_sv, category.synonyms_en):
            words += [word.strip().lower() for word in text.split(",") if word.strip()]
        words.append(category.name_fi.lower()[:4])
    words += [name.lower() for name, *_rest in district_areas()]
    return list(dict.fromkeys(words))


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word + "x"
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :] + "q"


def build(sizes: Sizes, seed: int) -> float:  # noqa: C901, PLR0915 - one linear recipe, easier to read in one place
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from backend.analytics.models import DeviceWeek, SearchEvent
    from backend.analytics.weeks import week_of
    from backend.benefits.models import Benefit, Redemption
    from backend.devices.models import Device, Interaction, hash_token
    from backend.feedback.models import Feedback
    from backend.hobbies.models import Organization

    rng = random.Random(seed)
    clock = Clock()
    now = timezone.now()
    span = dt.timedelta(days=DAYS)
    print(f"building the data set (seed {seed}, {MONTHS} months back from now)…", flush=True)
    catalogue = build_catalogue(
        rng,
        hobbies=sizes.hobbies,
        hidden=sizes.hidden,
        organizations=sizes.organizations,
        venues=sizes.venues,
        now=now,
        source=SOURCE,
    )
    clock.step(
        f"catalogue: 3 municipalities, {len(catalogue.categories)} categories, {len(catalogue.organizations)} "
        f"organizations, {len(catalogue.venues)} venues, {len(catalogue.hobbies)} hobbies "
        f"({catalogue.public} public)"
    )

    with transaction.atomic():
        devices = []
        homes, channels, activity = [], [], []
        codes: dict[str, list[str]] = defaultdict(list)
        for code, slug in catalogue.postal_codes.items():
            codes[slug].append(code)
        for i in range(sizes.devices):
            home = weighted(rng, HOME_MUNICIPALITIES)
            devices.append(
                Device(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    token_hash=hash_token(f"abench-{i}"),
                    language=rng.choice(["fi"] * 7 + ["sv"] * 2 + ["en"]),
                    age_group=weighted(rng, AGE_GROUPS),
                    home_area=rng.choice(codes[home]) if rng.random() < 0.5 else "",
                    analytics=rng.random() >= ANALYTICS_OFF_SHARE,
                    created_at=now - dt.timedelta(days=rng.uniform(0, DAYS)),
                    last_seen_on=timezone.localdate(now) - dt.timedelta(days=rng.randrange(0, 60)),
                )
            )
            homes.append(home)
            channels.append(weighted(rng, CHANNELS))
            activity.append(rng.lognormvariate(0, 1.2))
        Device.objects.bulk_create(devices, batch_size=BATCH)
    clock.step(f"{len(devices)} devices ({sum(not d.analytics for d in devices)} with statistics off)")

    # interactions: an active device, then mostly a hobby of its home municipality, by appeal
    pick_device = Picker(list(range(len(devices))), activity)
    public = catalogue.public_hobbies
    appeal = [rng.lognormvariate(0, 1.0) for _ in public]
    pick_any_hobby = Picker(public, appeal)
    by_home: dict[str, Picker] = {}
    for slug in catalogue.municipalities:
        local = [
            (hobby, weight) for hobby, weight in zip(public, appeal, strict=True) if hobby.municipality.slug == slug
        ]
        by_home[slug] = Picker([h for h, _w in local], [w for _h, w in local]) if local else pick_any_hobby
    kinds = Picker([k for k, _w in KINDS], [w for _k, w in KINDS])
    week_share = min(1.0, 2.5 * sizes.device_weeks / sizes.interactions)
    active_weeks: set[tuple[int, dt.date]] = set()
    with transaction.atomic():
        for start in range(0, sizes.interactions, CHUNK):
            rows = []
            for _ in range(min(CHUNK, sizes.interactions - start)):
                d = pick_device(rng)
                hobby = by_home[homes[d]](rng) if rng.random() < LOCAL_SHARE else pick_any_hobby(rng)
                created = now - span * rng.random()
                rows.append(
                    Interaction(device_id=devices[d].pk, hobby_id=hobby.pk, kind=kinds(rng), created_at=created)
                )
                if devices[d].analytics and rng.random() < week_share:
                    active_weeks.add((d, week_of(created)))
            Interaction.objects.bulk_create(rows, batch_size=BATCH)
    clock.step(f"{sizes.interactions} interactions")

    with transaction.atomic():
        chosen_weeks = rng.sample(sorted(active_weeks), min(sizes.device_weeks, len(active_weeks)))
        rows = []
        for d, week in chosen_weeks:
            channel = channels[d] if rng.random() < 0.9 else weighted(rng, CHANNELS)
            rows.append(DeviceWeek(device_id=devices[d].pk, week=week, channel=channel))
        DeviceWeek.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    clock.step(f"{len(rows)} active device-weeks")

    found = search_vocabulary(catalogue)
    rng.shuffle(found)
    pick_found = Picker(found, [1 / (rank + 1) ** 0.9 for rank in range(len(found))])
    missing = MISSING_WORDS + [typo(rng, rng.choice(found)) for _ in range(60)]
    rng.shuffle(missing)
    pick_missing = Picker(missing, [1 / (rank + 1) ** 0.8 for rank in range(len(missing))])
    counted = [i for i, device in enumerate(devices) if device.analytics]
    pick_searcher = Picker(counted, [activity[i] for i in counted])
    category_ids = [c.pk for c in catalogue.categories]
    zero = 0
    with transaction.atomic():
        for start in range(0, sizes.searches, CHUNK):
            rows = []
            for _ in range(min(CHUNK, sizes.searches - start)):
                d = pick_searcher(rng) if rng.random() < 0.85 else None
                filters = {}
                if rng.random() < 0.35:
                    filters["age"] = rng.randint(10, 18)
                if rng.random() < 0.25:
                    filters["categories"] = [str(rng.choice(category_ids))]
                if rng.random() < 0.15:
                    filters["free_only"] = True
                if rng.random() < 0.2:
                    filters["near"] = True
                if rng.random() < 0.1:
                    filters["weekdays"] = sorted(rng.sample(WEEKDAYS, rng.randint(1, 3)))
                if rng.random() < 0.7:
                    nothing = rng.random() < 0.18
                    query = pick_missing(rng) if nothing else pick_found(rng)
                else:
                    query, nothing = "", rng.random() < 0.04
                    filters = filters or {"age": rng.randint(10, 18)}
                home = homes[d] if d is not None else weighted(rng, HOME_MUNICIPALITIES)
                zero += nothing
                rows.append(
                    SearchEvent(
                        created_at=now - span * rng.random(),
                        query=query,
                        filters=dict(sorted(filters.items())),
                        municipalities=f",{catalogue.municipalities[home].pk}," if rng.random() < 0.3 else "",
                        result_count=0 if nothing else max(1, round(rng.lognormvariate(3, 1.2))),
                        channel=channels[d] if d is not None else weighted(rng, CHANNELS),
                        device_id=devices[d].pk if d is not None else None,
                    )
                )
            SearchEvent.objects.bulk_create(rows, batch_size=BATCH)
    clock.step(f"{sizes.searches} searches ({zero} found nothing)")

    with transaction.atomic():
        benefits = []
        for i in range(sizes.benefits):
            hobby = rng.choice(public) if rng.random() < 0.7 else None
            organization = hobby.organization if hobby else rng.choice(catalogue.organizations)
            starts = now - dt.timedelta(days=rng.uniform(0, DAYS))
            benefits.append(
                Benefit(
                    organization=organization,
                    hobby=hobby,
                    kind=rng.choice(Benefit.Kind.values),
                    title_fi=f"Etu {i + 1}: {rng.choice(['ilmainen kokeilu', '-20 %', 'vapaa pääsy'])}",
                    valid_from=starts,
                    valid_until=starts + dt.timedelta(days=rng.uniform(30, 120)),
                    live=True,
                    first_published_at=starts,
                    data_source=SOURCE,
                    origin_id=f"b{i}",
                )
            )
        Benefit.objects.bulk_create(benefits, batch_size=BATCH)
        pick_benefit = Picker(benefits, [rng.lognormvariate(0, 1.0) for _ in benefits])
        redemptions, used = [], defaultdict(int)
        for _ in range(sizes.redemptions):
            benefit = pick_benefit(rng)
            used[benefit.pk] += 1
            ends = min(benefit.valid_until, now)
            redemptions.append(
                Redemption(
                    benefit=benefit,
                    device_id=devices[pick_device(rng)].pk if rng.random() < 0.97 else None,
                    code=f"A{used[benefit.pk]:07d}",
                    redeemed_at=benefit.valid_from + (ends - benefit.valid_from) * rng.random(),
                )
            )
        Redemption.objects.bulk_create(redemptions, batch_size=BATCH)
        for benefit in benefits:
            benefit.redeemed_count = used[benefit.pk]
        Benefit.objects.bulk_update(benefits, ["redeemed_count"], batch_size=BATCH)
    clock.step(f"{len(benefits)} benefits, {len(redemptions)} redemptions")

    with transaction.atomic():
        feedback, moments = [], []
        texts = ["Kiva harrastus!", "Ohjaaja oli mahtava.", "Liian kallis.", "Bra app.", "Easy to find things."]
        for _ in range(sizes.feedback):
            hobby = rng.choice(public) if rng.random() < 0.5 else None
            rated = rng.random() < 0.85
            feedback.append(
                Feedback(
                    rating=weighted(rng, ((5, 40), (4, 30), (3, 15), (2, 8), (1, 7))) if rated else None,
                    text=rng.choice(texts) if not rated or rng.random() < 0.4 else "",
                    hobby=hobby,
                    municipality=hobby.municipality
                    if hobby
                    else catalogue.municipalities[weighted(rng, HOME_MUNICIPALITIES)]
                    if rng.random() < 0.8
                    else None,
                    channel=weighted(rng, CHANNELS),
                    language=rng.choice(["fi"] * 7 + ["sv"] * 2 + ["en"]),
                    handled=rng.random() < 0.5,
                )
            )
            moments.append(now - span * rng.random())
        created = Feedback.objects.bulk_create(feedback, batch_size=BATCH)
        for row, moment in zip(created, moments, strict=True):  # created_at is "now" on insert; move it
            row.created_at = moment
        Feedback.objects.bulk_update(created, ["created_at"], batch_size=1000)
    clock.step(f"{len(feedback)} feedback rows")

    get_user_model().objects.create_superuser(OPERATOR_USERNAME, "operator@example.invalid", password=None)
    Organization.objects.create(
        name="analytics bench data set marker",
        slug="abench-data-set-marker",
        municipality=catalogue.municipalities["helsinki"],
        kind=Organization.Kind.MUNICIPAL,
        data_source=MARKER_SOURCE,
        origin_id=sizes.marker(seed, timezone.localdate(now)),
    )
    analyze()
    clock.step("operator account, marker, ANALYZE")
    print(f"built the data set in {clock.total:.1f} s", flush=True)
    return clock.total


# --- measuring ----------------------------------------------------------------------------------------------


class SqlCounter:
    """Counts the SQL statements run through Django (an execute wrapper), the time in the driver's execute
    (on SQLite the rows after the first are fetched later, outside it) and, with ``record``, the statements."""

    def __init__(self, record: bool = False) -> None:
        self.count = 0
        self.seconds = 0.0
        self.statements: list[tuple[str, object]] | None = [] if record else None

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1
            if self.statements is not None and not many:
                self.statements.append((sql, params))


@dataclass
class Measured:
    ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    rows: int = 0
    statements: list[tuple[str, object]] = field(default_factory=list)  # of the last run, when recorded

    @property
    def median_ms(self) -> float:
        return statistics.median(self.ms)

    @property
    def median_queries(self) -> float:
        return statistics.median(self.queries)


def measure(call, runs: int, record: bool = False) -> Measured:
    from django.db import connection

    measured = Measured()
    for _ in range(runs):
        counter = SqlCounter(record)
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = call()
            measured.ms.append((time.perf_counter() - started) * 1000)
        measured.queries.append(counter.count)
        measured.sql_ms.append(counter.seconds * 1000)
        measured.statements = counter.statements or []
        measured.rows = len(result.rows) if hasattr(result, "rows") else len(result) if isinstance(result, list) else 1
    return measured


def explain_figure(title: str, statements: list[tuple[str, object]]) -> None:
    """Run a figure's statements again, each with all its rows fetched; list them and explain the slowest."""
    from django.db import connection

    timed = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            started = time.perf_counter()
            cursor.execute(sql, params)
            rows = len(cursor.fetchall()) if cursor.description else cursor.rowcount
            timed.append(((time.perf_counter() - started) * 1000, rows, sql, params))
    timed.sort(key=lambda item: -item[0])
    print(f"\n--- {title}: its {len(timed)} statements again, all rows fetched (ms, rows, statement) ---")
    for ms, rows, sql, _params in timed[:4]:
        print(f"  {ms:9.1f} {rows:>8} " + " ".join(sql.split())[:300])
    ms, _rows, sql, params = timed[0]
    print(f"  the slowest ({ms:.1f} ms) in full:\n    " + " ".join(sql.split())[:3000] + f"\n    params: {params}")
    print("  plan:")
    for line in explain_statement(sql, params):
        print("    " + line)


def explain_statement(sql: str, params) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [" | ".join(str(column) for column in row) for row in cursor.fetchall()]


@dataclass
class Scopes:
    named: list[tuple[str, object]]  # (label, reports.Scope)
    notes: list[str]


def scopes() -> Scopes:
    from django.db.models import Count

    from backend.analytics.queries.reports import Scope
    from backend.hobbies.models import Municipality, Organization
    from backend.hobbies.services import public_hobbies

    counts = public_hobbies().values("municipality_id").annotate(n=Count("id")).order_by("-n", "municipality_id")
    largest = counts.first()
    municipality = Municipality.objects.get(pk=largest["municipality_id"])
    per_org = public_hobbies().values("organization_id").annotate(n=Count("id")).order_by("-n", "organization_id")
    biggest = per_org.first()
    organization = Organization.objects.get(pk=biggest["organization_id"])
    notes = [
        f"moderator: {municipality.name_fi} ({largest['n']} public hobbies, the largest municipality)",
        f"provider: {organization.name} ({biggest['n']} public hobbies, the organization with the most)",
    ]
    return Scopes(
        named=[
            ("operator", Scope.everything()),
            ("moderator", Scope.of_municipalities({municipality.pk})),
            ("provider", Scope.of_organizations({organization.pk})),
        ],
        notes=notes,
    )


def figure_calls():
    """(name, callable(scope, period)) for every report function measured."""
    from backend.analytics.queries import reports
    from backend.feedback.models import Feedback
    from backend.feedback.reports import weekly_ratings
    from backend.feedback.views import concerning

    def feedback_in(scope):
        if scope.municipalities is not None:
            return Feedback.objects.filter(concerning(scope.municipalities))
        if scope.organizations is not None:
            return Feedback.objects.filter(hobby__organization_id__in=scope.organizations)
        return Feedback.objects.all()

    calls = [(figure.__name__, figure) for figure in reports.USAGE_FIGURES]
    calls.append(("provider_hobbies", reports.provider_hobbies))
    calls.append(("average_rating", reports.average_rating))
    calls.append(("weekly_ratings", lambda scope, period: weekly_ratings(feedback_in(scope), weeks=period.weeks)))
    return calls


def run_reports(runs: int, explain: bool) -> tuple[dict, Scopes]:
    from django.utils import translation

    from backend.analytics.queries.reports import Period
    from backend.core.scoping import unscoped

    chosen = scopes()
    results: dict[tuple[str, str, int], Measured] = {}
    print(f"\nreport figures: {runs} runs each; " + "; ".join(chosen.notes), flush=True)
    for name, figure in figure_calls():
        for label, scope in chosen.named:
            if name in PROVIDER_ONLY and label != "provider":
                continue  # a view of providers only
            for weeks in PERIOD_WEEKS:
                period = Period.last(weeks)

                def call(figure=figure, scope=scope, period=period):
                    with translation.override("fi"), unscoped():
                        return figure(scope, period)

                measured = measure(call, runs, record=explain and weeks == max(PERIOD_WEEKS))
                results[name, label, weeks] = measured
                print(
                    f"  {name:<24}{label:<10}{weeks:>3} weeks: median {measured.median_ms:9.1f} ms (SQL "
                    f"{statistics.median(measured.sql_ms):.1f} ms), {measured.median_queries:g} SQL statements, "
                    f"{measured.rows} rows",
                    flush=True,
                )
    if explain:
        for (name, label, weeks), measured in results.items():
            if measured.statements:
                explain_figure(f"{name}, {label}, {weeks} weeks", measured.statements)
    return results, chosen


def run_page(runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    user = get_user_model().objects.get(username=OPERATOR_USERNAME)
    results = {}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise warns that the collected static files (var/static) are missing: the page does not need them
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    from django.core.cache import cache

    pages = (("12 weeks", "/cms/statistics/"), ("52 weeks", "/cms/statistics/?weeks=52"))
    # computed: the figures' cache off (what the first visitor of a period waits for); cached: a visit within
    # ANALYTICS_CACHE_SECONDS of another (and each CSV link of the page)
    modes = (("computed", 0), ("cached", 600))
    for (label, path), (mode, seconds) in ((page, mode) for mode in modes for page in pages):
        with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages, ANALYTICS_CACHE_SECONDS=seconds):
            client = Client()
            client.force_login(user)
            label = f"{label}, {mode}"
            cache.clear()
            if seconds:
                client.get(path)  # the visit that fills the cache
            measured, sizes, statuses = Measured(), [], set()
            for _ in range(runs):
                counter = SqlCounter()
                with connection.execute_wrapper(counter):
                    started = time.perf_counter()
                    response = client.get(path)
                    measured.ms.append((time.perf_counter() - started) * 1000)
                measured.queries.append(counter.count)
                measured.sql_ms.append(counter.seconds * 1000)
                statuses.add(response.status_code)
                sizes.append(len(response.content))
            results[label] = (measured, statuses, statistics.median(sizes))
            print(
                f"  page {path}: median {measured.median_ms:.1f} ms (min {min(measured.ms):.1f}, max "
                f"{max(measured.ms):.1f}), {measured.median_queries:g} SQL, HTTP {sorted(statuses)}, "
                f"{statistics.median(sizes) / 1024:.0f} KB",
                flush=True,
            )
    return results


def retention_in_child(url: str) -> dict:
    """In a fresh process: ``apply_retention`` twice inside one transaction that is rolled back."""
    bench_api.setup_django(url)
    from django.db import connection, transaction
    from django.db.models import Sum

    from backend.analytics import retention
    from backend.analytics.models import DeviceWeek, DeviceWeekRollup, InteractionRollup, SearchEvent, SearchRollup
    from backend.analytics.weeks import midnight
    from backend.devices.models import Interaction

    cut = retention.cutoff_week()
    before = {
        "device-weeks": DeviceWeek.objects.filter(week__lt=cut).count(),
        "interactions": Interaction.objects.filter(created_at__lt=midnight(cut)).count(),
        "searches": SearchEvent.objects.filter(created_at__lt=midnight(cut)).count(),
    }
    counted_interactions = Interaction.objects.filter(created_at__lt=midnight(cut), device__analytics=True).count()
    rollups = (DeviceWeekRollup, InteractionRollup, SearchRollup)
    rollups_before = {model.__name__: model.objects.count() for model in rollups}
    out: dict = {"cutoff": cut.isoformat(), "raw_before": before}
    with transaction.atomic():
        rss_start = rss_mb("VmRSS")
        reset_ok = reset_peak()
        counter = SqlCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            first = retention.apply_retention()
            out["first_s"] = time.perf_counter() - started
        out["peak_mb"], out["rss_start_mb"], out["peak_reset"] = rss_mb("VmHWM"), rss_start, reset_ok
        out["first_queries"], out["first_sql_s"] = counter.count, counter.seconds
        out["deleted"] = {
            "device-weeks": first.device_weeks,
            "interactions": first.interactions,
            "searches": first.searches,
        }
        out["rollups_written"] = {
            model.__name__: model.objects.count() - rollups_before[model.__name__] for model in rollups
        }
        kept = InteractionRollup.objects.aggregate(n=Sum("events"))["n"] or 0
        out["events_kept"] = (kept, counted_interactions)
        counter = SqlCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            second = retention.apply_retention()
            out["second_s"] = time.perf_counter() - started
        out["second_queries"] = counter.count
        out["second_deleted"] = second.device_weeks + second.interactions + second.searches
        transaction.set_rollback(True)  # keep the data set for the next run
    return out


# --- output ----------------------------------------------------------------------------------------------------


def print_summary(vendor: str, sizes: Sizes, build_s: float | None, runs: int, reports, page, kept) -> None:  # noqa: C901, PLR0913
    print(f"\n=== summary: {vendor}, scale {sizes.devices / DEVICES:g}, {os.cpu_count()} CPUs ===")
    print(
        f"data: {sizes.devices:,} devices, {sizes.hobbies:,} public hobbies, {sizes.interactions:,} interactions "
        f"over {MONTHS} months, {sizes.searches:,} searches, {sizes.device_weeks:,} device-weeks, "
        f"{sizes.redemptions:,} redemptions, {sizes.feedback:,} feedback rows"
    )
    print("data build: " + (f"{build_s:.1f} s" if build_s is not None else "reused (built earlier today)"))
    if reports:
        results, chosen = reports
        print(
            f"\nreport figures: median of {runs} runs — wall time (ms), of which in the database's execute (ms), "
            "SQL statements per call"
        )
        print(
            f"{'figure':<24}{'scope':<11}{'12 wk ms':>10}{'in SQL':>8}{'SQL':>5}{'52 wk ms':>10}{'in SQL':>8}{'SQL':>5}"
        )
        totals: dict[tuple[str, int], float] = defaultdict(float)
        for name, _call in figure_calls():
            for label, _scope in chosen.named:
                if (name, label, PERIOD_WEEKS[0]) not in results:
                    continue
                cells = ""
                for weeks in PERIOD_WEEKS:
                    measured = results[name, label, weeks]
                    cells += (
                        f"{measured.median_ms:>10.1f}{statistics.median(measured.sql_ms):>8.1f}"
                        f"{measured.median_queries:>5g}"
                    )
                    if name not in {*PROVIDER_ONLY, "weekly_ratings"}:
                        totals[label, weeks] += measured.median_ms
                print(f"{name:<24}{label:<11}{cells}")
        for label, _scope in chosen.named:
            cells = "".join(f"{totals[label, weeks]:>10.1f}{'':>13}" for weeks in PERIOD_WEEKS)
            print(f"{'page figures, sum':<24}{label:<11}{cells}")
        print(
            "(page figures, sum: the eight figures of the usage page and average_rating added up; provider_hobbies "
            "is the providers' own page, measured for the provider only)"
        )
        for note in chosen.notes:
            print(f"  {note}")
    if page:
        print(f"\n'Usage statistics' page as a signed-in operator (Django test client, median of {runs})")
        print(f"{'period':<20}{'median ms':>10}{'min':>9}{'max':>9}{'in SQL':>9}{'SQL':>6}{'KB':>7}  HTTP")
        for label, (measured, statuses, size) in page.items():
            print(
                f"{label:<20}{measured.median_ms:>10.1f}{min(measured.ms):>9.1f}{max(measured.ms):>9.1f}"
                f"{statistics.median(measured.sql_ms):>9.1f}{measured.median_queries:>6g}{size / 1024:>7.0f}  "
                f"{','.join(map(str, sorted(statuses)))}"
            )
    if kept:
        raw, deleted, written = kept["raw_before"], kept["deleted"], kept["rollups_written"]
        print(f"\napply_retention on the {MONTHS}-month data set (cutoff week {kept['cutoff']}; rolled back after)")
        print(
            f"first run:  {kept['first_s']:.2f} s, {kept['first_queries']:,} SQL statements "
            f"({kept['first_sql_s']:.2f} s in the database's execute); peak memory "
            f"{kept['peak_mb']:.0f} MB ({kept['peak_mb'] - kept['rss_start_mb']:+.0f} MB over the "
            f"{kept['rss_start_mb']:.0f} MB before it{'' if kept['peak_reset'] else ', peak not reset'})"
        )
        for table in ("device-weeks", "interactions", "searches"):
            print(f"  {table:<13} raw rows older than the cutoff {raw[table]:>9,}  deleted {deleted[table]:>9,}")
        print("  rollup rows written: " + ", ".join(f"{name} {count:,}" for name, count in written.items()))
        events, expected = kept["events_kept"]
        print(
            f"  interaction events kept in the rollups {events:,} of {expected:,} counted "
            f"({'ok' if events == expected else 'MISMATCH'})"
        )
        print(
            f"second run: {kept['second_s']:.3f} s, {kept['second_queries']} SQL statements, "
            f"{kept['second_deleted']} rows deleted (no-op)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="data set size, 1 = 20,000 devices (default 1)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is printed (5)")
    parser.add_argument("--only", default="reports,page,retention", help="comma-separated: reports,page,retention")
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it again")
    parser.add_argument("--explain", action="store_true", help="the slowest statement and its plan per figure")
    options = parser.parse_args()
    parts = {part.strip() for part in options.only.split(",") if part.strip()}

    url = bench_database_url(SQLITE_PATH, DB_SUFFIX)
    sizes = Sizes.at(options.scale)
    if options.rebuild:
        drop_database(url, SQLITE_PATH, DB_SUFFIX)
    bench_api.create_database(url)
    bench_api.migrate(url)
    bench_api.setup_django(url)
    from django.utils import timezone

    vendor = database_version()
    print(f"bench database: {vendor} {shown_url(url)}", flush=True)
    state = data_set_state(sizes, options.seed, timezone.localdate())
    build_s = None
    if state == "ready":
        print("the data set is already built today (use --rebuild to build it again)", flush=True)
    else:
        if state == "other":
            print("the bench database holds another or an unfinished data set: building it again", flush=True)
            drop_database(url, SQLITE_PATH, DB_SUFFIX)
            bench_api.create_database(url)
            bench_api.migrate(url)
        build_s = build(sizes, options.seed)

    load_before = os.getloadavg()[0]
    reports = run_reports(options.runs, options.explain) if "reports" in parts else None
    page = None
    if "page" in parts:
        print("\nthe 'Usage statistics' page:", flush=True)
        page = run_page(options.runs)
    kept = None
    if "retention" in parts:
        from django.db import connections

        connections.close_all()
        print("\napply_retention in a fresh process…", flush=True)
        kept = in_child(retention_in_child, url)
    print_summary(vendor, sizes, build_s, options.runs, reports, page, kept)
    print(
        f"machine: {os.cpu_count()} CPUs shared with the database and any other work; load average (1 min) "
        f"{load_before:.2f} before the measurements, {os.getloadavg()[0]:.2f} after"
    )
    if math.isnan(rss_mb()):
        print("(no /proc/self/status here: memory figures are not available)")


if __name__ == "__main__":
    main()
