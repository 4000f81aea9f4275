"""Benchmark: the PWA's GraphQL queries over HTTP against gunicorn, on a large generated data set.

Usage: .venv/bin/python bench/api.py [--requests N] [--threads N] [--workers N] [--rebuild] [--explain]

The data set lives in a database of its own, never the developer's: with DATABASE_URL unset (or SQLite)
it is var/bench.sqlite3, with DATABASE_URL=postgres://.../<name> it is the database <name>_bench on the
same server (created when missing). It is built once (20,000 live hobbies, 200,000 sessions, 2,000 venues,
20,000 devices with favourites and interactions…) and reused until --rebuild or a different --seed/--scale.

The run starts gunicorn with the production settings and the repository's gunicorn.conf.py (gthread
workers) on a free local port, with SQL_QUERY_COUNT_HEADER=1 so every response says how many SQL
statements it ran, then sends each scenario's requests from N keep-alive client threads after a warm-up
that is not counted. It prints per scenario: p50/p95/max latency, SQL statements per request and the
throughput, then a summary with the targets of the issue (which are for PostgreSQL).

--explain also runs a few requests of each scenario in this process, lists the SQL they ran with the
time of each, and prints the database's plan (EXPLAIN ANALYZE on PostgreSQL) of the slowest statement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import math
import os
import queue
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
SQLITE_PATH = VAR / "bench.sqlite3"
MEDIA_ROOT = VAR / "bench-media"
SERVER_LOG = VAR / "bench-gunicorn.log"
SOURCE = "bench"
MARKER_SOURCE = "bench-marker"
HELSINKI = ZoneInfo("Europe/Helsinki")

# Sizes at --scale 1.
HOBBIES = 20_000
HIDDEN_HOBBIES = 1_000  # drafts and taken-down hobbies, which the API must never return
SESSIONS = 200_000
VENUES = 2_000
ORGANIZATIONS = 300
DEVICES = 20_000
INTERACTIONS = 200_000
IMAGES = 40

# Targets of the issue (PostgreSQL): p95 in ms per scenario, and SQL statements per request.
P95_TARGETS_MS = {"home": 30, "search": 30, "detail": 15}
MAX_QUERIES_TARGET = 6

# --- word lists -----------------------------------------------------------------------------------------------

# (slug, fi, sv, en, synonyms fi, sv, en, children[(slug, fi, sv, en, syn fi, syn sv, syn en)])
# fmt: off
CATEGORY_TREE = [
    ("sports", "Urheilu", "Idrott", "Sports", "liikunta", "motion", "sport", [
        ("football", "Jalkapallo", "Fotboll", "Football", "futis, fudis", "fotis", "soccer"),
        ("floorball", "Salibandy", "Innebandy", "Floorball", "sähly", "", "unihockey"),
        ("basketball", "Koripallo", "Basket", "Basketball", "koris", "korgboll", "hoops"),
        ("swimming", "Uinti", "Simning", "Swimming", "uimakoulu", "simskola", "swim"),
        ("athletics", "Yleisurheilu", "Friidrott", "Athletics", "juoksu", "löpning", "running"),
        ("ice-hockey", "Jääkiekko", "Ishockey", "Ice hockey", "lätkä, kiekko", "hockey", "hockey"),
        ("skateboarding", "Skeittaus", "Skateboard", "Skateboarding", "skeitti, rullalauta", "skejt", "skate"),
        ("parkour", "Parkour", "Parkour", "Parkour", "freerunning", "", "freerunning"),
    ]),
    ("dance", "Tanssi", "Dans", "Dance", "tanssiminen", "dansa", "dancing", [
        ("hip-hop", "Hiphop-tanssi", "Hiphopdans", "Hip hop dance", "hiphop", "hiphop", "hiphop"),
        ("ballet", "Baletti", "Balett", "Ballet", "", "", ""),
        ("street-dance", "Katutanssi", "Streetdance", "Street dance", "breikki", "breaking", "breaking"),
        ("k-pop", "K-pop-tanssi", "K-pop-dans", "K-pop dance", "kpop", "kpop", "kpop"),
        ("contemporary", "Nykytanssi", "Modern dans", "Contemporary dance", "", "", ""),
    ]),
    ("music", "Musiikki", "Musik", "Music", "soittaminen", "spela", "playing", [
        ("band", "Bändi", "Band", "Band", "bändikoulu", "bandskola", "rock"),
        ("guitar", "Kitara", "Gitarr", "Guitar", "kitaransoitto", "", ""),
        ("singing", "Laulu", "Sång", "Singing", "kuoro", "kör", "choir"),
        ("drums", "Rummut", "Trummor", "Drums", "rumpali", "", "drummer"),
        ("piano", "Piano", "Piano", "Piano", "", "", "keyboard"),
        ("music-production", "Musiikkiteknologia", "Musikproduktion", "Music production", "beatit", "beats", "beats"),
    ]),
    ("arts", "Kuvataide ja käsityö", "Bildkonst och hantverk", "Arts and crafts", "taide", "konst", "art", [
        ("drawing", "Piirustus", "Teckning", "Drawing", "piirtäminen", "rita", "sketching"),
        ("painting", "Maalaus", "Målning", "Painting", "", "", ""),
        ("comics", "Sarjakuva", "Serier", "Comics", "manga", "manga", "manga"),
        ("ceramics", "Keramiikka", "Keramik", "Ceramics", "savityö", "lera", "pottery"),
        ("sewing", "Ompelu", "Sömnad", "Sewing", "käsityö", "slöjd", "crafts"),
        ("photography", "Valokuvaus", "Fotografering", "Photography", "kuvaus", "foto", "photo"),
    ]),
    ("stage", "Teatteri ja sirkus", "Teater och cirkus", "Theatre and circus", "esittävä taide", "scen", "stage", [
        ("theatre", "Teatteri", "Teater", "Theatre", "draama", "drama", "drama"),
        ("circus", "Sirkus", "Cirkus", "Circus", "jonglööraus", "jonglering", "juggling"),
        ("improv", "Improvisaatio", "Improvisation", "Improv", "impro", "impro", "improvisation"),
        ("stand-up", "Stand up", "Stå upp-komik", "Stand-up comedy", "komiikka", "komik", "comedy"),
    ]),
    ("tech", "Pelit ja teknologia", "Spel och teknik", "Games and technology", "tekniikka", "teknik", "tech", [
        ("esports", "E-urheilu", "E-sport", "Esports", "pelaaminen", "gaming", "gaming"),
        ("coding", "Koodaus", "Programmering", "Coding", "ohjelmointi", "kodning", "programming"),
        ("robotics", "Robotiikka", "Robotik", "Robotics", "robotit", "robotar", "robots"),
        ("board-games", "Lautapelit", "Brädspel", "Board games", "roolipelit", "rollspel", "tabletop"),
        ("chess", "Shakki", "Schack", "Chess", "", "", ""),
    ]),
    ("outdoors", "Luonto ja ulkoilu", "Natur och friluftsliv", "Nature and outdoors", "retki", "utflykt", "nature", [
        ("scouts", "Partio", "Scouting", "Scouts", "partiolaiset", "scouter", "scouting"),
        ("hiking", "Retkeily", "Vandring", "Hiking", "vaellus", "fjällvandring", "trekking"),
        ("fishing", "Kalastus", "Fiske", "Fishing", "onginta", "metning", "angling"),
        ("paddling", "Melonta", "Paddling", "Paddling", "kajakki", "kajak", "kayak"),
        ("climbing", "Kiipeily", "Klättring", "Climbing", "boulderointi", "bouldering", "bouldering"),
    ]),
    ("martial-arts", "Kamppailulajit", "Kampsport", "Martial arts", "kamppailu", "kamp", "fighting", [
        ("judo", "Judo", "Judo", "Judo", "", "", ""),
        ("karate", "Karate", "Karate", "Karate", "", "", ""),
        ("taekwondo", "Taekwondo", "Taekwondo", "Taekwondo", "", "", ""),
        ("boxing", "Nyrkkeily", "Boxning", "Boxing", "potkunyrkkeily", "kickboxning", "kickboxing"),
    ]),
    ("food", "Ruoka ja kokkaus", "Mat och matlagning", "Food and cooking", "ruoanlaitto", "matlagning", "cooking", [
        ("baking", "Leivonta", "Bakning", "Baking", "leipominen", "baka", "cakes"),
        ("cooking-club", "Kokkikerho", "Matlagningsklubb", "Cooking club", "kokkaus", "kock", "chef"),
    ]),
]
# fmt: on

# (fi, sv) names of districts of Helsinki, Espoo and Vantaa, with a point near each.
DISTRICTS = [
    ("Kallio", "Berghäll", 60.184, 24.950),
    ("Kamppi", "Kampen", 60.168, 24.931),
    ("Pasila", "Böle", 60.199, 24.933),
    ("Lauttasaari", "Drumsö", 60.158, 24.875),
    ("Munkkiniemi", "Munksnäs", 60.198, 24.876),
    ("Herttoniemi", "Hertonäs", 60.195, 25.030),
    ("Itäkeskus", "Östra centrum", 60.210, 25.080),
    ("Kontula", "Gårdsbacka", 60.236, 25.082),
    ("Vuosaari", "Nordsjö", 60.209, 25.142),
    ("Malmi", "Malm", 60.251, 25.010),
    ("Kannelmäki", "Gamlas", 60.240, 24.877),
    ("Tapiola", "Hagalund", 60.175, 24.805),
    ("Otaniemi", "Otnäs", 60.185, 24.829),
    ("Leppävaara", "Alberga", 60.219, 24.813),
    ("Matinkylä", "Mattby", 60.160, 24.740),
    ("Espoonlahti", "Esboviken", 60.148, 24.660),
    ("Espoon keskus", "Esbo centrum", 60.205, 24.656),
    ("Tikkurila", "Dickursby", 60.292, 25.044),
    ("Myyrmäki", "Myrbacka", 60.261, 24.854),
    ("Koivukylä", "Björkby", 60.323, 25.060),
    ("Hakunila", "Håkansböle", 60.276, 25.110),
    ("Kivistö", "Kivistö", 60.316, 24.943),
]
VENUE_KINDS = [
    ("Nuorisotalo", "Ungdomsgården", "Youth centre"),
    ("Liikuntahalli", "Idrottshallen", "Sports hall"),
    ("Koulu", "Skolan", "School"),
    ("Kirjasto", "Biblioteket", "Library"),
    ("Uimahalli", "Simhallen", "Swimming hall"),
    ("Kulttuuritalo", "Kulturhuset", "Culture house"),
    ("Palloiluhalli", "Bollhallen", "Ball hall"),
    ("Studio", "Studion", "Studio"),
    ("Skeittipuisto", "Skateparken", "Skate park"),
    ("Urheilukenttä", "Idrottsplanen", "Sports field"),
]
ORGANIZATION_WORDS = [
    "Urheiluseura",
    "Nuorisoseura",
    "Tanssikoulu",
    "Musiikkiopisto",
    "Taidekoulu",
    "Sirkuskoulu",
    "Partiolippukunta",
    "Kamppailuseura",
    "Pelikerho",
    "Teatteriyhdistys",
    "Kuvataidekoulu",
    "Nuorisopalvelut",
]
AUDIENCE = [  # fi prefix, sv "för ...", en prefix
    ("Nuorten", "unga", "Youth"),
    ("Aloittelijoiden", "nybörjare", "Beginners'"),
    ("Tyttöjen", "flickor", "Girls'"),
    ("Poikien", "pojkar", "Boys'"),
    ("Kaikkien", "alla", "Open"),
    ("Teinien", "tonåringar", "Teen"),
    ("Iltapäivän", "eftermiddagen", "Afternoon"),
    ("Viikonlopun", "veckoslutet", "Weekend"),
    ("Edistyneiden", "avancerade", "Advanced"),
]
GROUP_WORDS = [
    ("kerho", "klubb", "club"),
    ("ryhmä", "grupp", "group"),
    ("kurssi", "kurs", "course"),
    ("treenit", "träning", "training"),
    ("paja", "verkstad", "workshop"),
    ("koulu", "skola", "school"),
    ("leiri", "läger", "camp"),
    ("tunti", "lektion", "class"),
]
EXTRAS = [
    ("Ei aiempaa kokemusta tarvita.", "Ingen tidigare erfarenhet behövs.", "No experience needed."),
    ("Tule kokeilemaan!", "Kom och prova!", "Come and try!"),
    ("Ryhmässä on vielä tilaa.", "Det finns plats i gruppen.", "There is still room in the group."),
    ("Ohjaajina kokeneet valmentajat.", "Erfarna ledare.", "Led by experienced coaches."),
    ("Välineet saa lainaksi.", "Utrustning kan lånas.", "Equipment can be borrowed."),
    ("Harjoitellaan rennossa porukassa.", "Vi tränar i ett avslappnat gäng.", "We practise in a relaxed group."),
    ("Kauden lopuksi esitys.", "Uppvisning i slutet av säsongen.", "A show at the end of the season."),
    ("Tiloihin pääsee pyörätuolilla.", "Lokalerna är tillgängliga.", "The premises are wheelchair accessible."),
]
BRING = [
    ("Sisäpelikengät ja juomapullo.", "Inneskor och vattenflaska.", "Indoor shoes and a water bottle."),
    ("Mukavat vaatteet.", "Bekväma kläder.", "Comfortable clothes."),
    ("Ulkoiluvaatteet säänmukaisesti.", "Kläder efter väder.", "Outdoor clothes for the weather."),
    ("Ei mitään, kaikki välineet löytyvät.", "Ingenting, all utrustning finns.", "Nothing, we have everything."),
]
LANGUAGE_SETS = [",fi,"] * 10 + [",sv,"] * 2 + [",en,"] + [",fi,en,"] * 3 + [",fi,sv,"] * 2 + [",fi,sv,en,"]


# --- the bench database ---------------------------------------------------------------------------------------


def bench_database_url() -> str:
    """The bench's own database, next to the configured one (never the configured one itself)."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    scheme = urlsplit(configured).scheme.lower() if configured else "sqlite"
    if scheme == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"  # an absolute path: sqlite:////work/…
    if scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"bench: unsupported DATABASE_URL scheme {scheme!r}")
    parts = urlsplit(configured)
    name = parts.path.lstrip("/")
    bench_name = name if name.endswith("_bench") else f"{name}_bench"
    return parts._replace(path=f"/{bench_name}").geturl()


def is_postgres(url: str) -> bool:
    return not url.startswith("sqlite:")


def _postgres_admin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.endswith("_bench"):
        sys.exit(f"bench: refusing to touch {name!r}: the bench database's name must end with _bench")
    admin = parts._replace(path="/postgres", scheme="postgresql").geturl()
    return admin, name


def create_database(url: str) -> None:
    if not is_postgres(url):
        VAR.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    admin, name = _postgres_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created the database {name}")


def drop_database(url: str) -> None:
    """Remove the bench database (and its media) entirely; only ever the bench's own."""
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    if not is_postgres(url):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    admin, name = _postgres_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(url: str) -> None:
    started = time.perf_counter()
    env = {**_base_env(url), "DJANGO_SETTINGS_MODULE": "backend.settings.dev"}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"migrated the bench database in {time.perf_counter() - started:.1f} s", flush=True)


def _base_env(url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}  # keep the dev cache/broker out
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(MEDIA_ROOT))
    return env


def setup_django(url: str) -> None:
    os.environ.update(_base_env(url))
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # Wagtail's task log lines would drown the build's progress
    # base settings: DEBUG off, so bulk inserts are not kept in connection.queries
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings.base"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- building the data set ------------------------------------------------------------------------------------


@dataclass
class Sizes:
    hobbies: int
    hidden: int
    sessions: int
    venues: int
    organizations: int
    devices: int
    interactions: int
    images: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def n(value: int, minimum: int = 1) -> int:
            return max(minimum, round(value * scale))

        return cls(
            hobbies=n(HOBBIES, 50),
            hidden=n(HIDDEN_HOBBIES),
            sessions=n(SESSIONS, 200),
            venues=n(VENUES, 20),
            organizations=n(ORGANIZATIONS, 5),
            devices=n(DEVICES, 20),
            interactions=n(INTERACTIONS, 100),
            images=min(IMAGES, n(IMAGES, 3)),
        )

    def marker(self, seed: int) -> str:
        return (
            f"seed={seed};hobbies={self.hobbies};hidden={self.hidden};sessions={self.sessions};venues={self.venues};"
            f"organizations={self.organizations};devices={self.devices};interactions={self.interactions}"
        )


def data_set_state(sizes: Sizes, seed: int) -> str:
    """'ready' when the bench database holds this data set, 'empty' when it holds no hobbies, else 'other'."""
    from backend.hobbies.models import Hobby, Organization

    marker = Organization.objects.filter(data_source=MARKER_SOURCE).values_list("origin_id", flat=True).first()
    if (
        marker == sizes.marker(seed)
        and Hobby.objects.filter(data_source=SOURCE).count() == sizes.hobbies + sizes.hidden
    ):
        return "ready"
    return "empty" if not Hobby.objects.exists() else "other"


def _batched(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _png(rng: random.Random, width: int = 800, height: int = 600) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), tuple(rng.randrange(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(40, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def build(sizes: Sizes, seed: int) -> None:  # noqa: C901 - one linear recipe, easier to read in one place
    from django.core.files.images import ImageFile
    from django.db import transaction
    from django.utils import timezone
    from wagtail.images import get_image_model

    from backend.api.hobbies import RENDITIONS
    from backend.devices.models import Device, Favourite, Interaction, hash_token
    from backend.hobbies import search
    from backend.hobbies.models import Category, Hobby, Municipality, Organization, Session, Venue
    from backend.hobbies.services import refresh_next_sessions

    rng = random.Random(seed)
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate(now, timezone=HELSINKI)
    monday = today - dt.timedelta(days=today.weekday())

    def step(label: str, since: list[float] = [started]) -> None:  # noqa: B006 - a running clock
        elapsed = time.perf_counter()
        print(f"  {label}: {elapsed - since[0]:.1f} s", flush=True)
        since[0] = elapsed

    print(f"building the data set (seed {seed})…", flush=True)
    with transaction.atomic():
        municipalities = {
            "helsinki": Municipality.objects.create(
                code="091", slug="helsinki", name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki"
            ),
            "espoo": Municipality.objects.create(
                code="049", slug="espoo", name_fi="Espoo", name_sv="Esbo", name_en="Espoo"
            ),
            "vantaa": Municipality.objects.create(
                code="092", slug="vantaa", name_fi="Vantaa", name_sv="Vanda", name_en="Vantaa"
            ),
        }

        def municipality_at(lat: float, lon: float) -> Municipality:
            if lon < 24.84:
                return municipalities["espoo"]
            if lat > 60.255 or (lat > 60.24 and lon > 25.09):
                return municipalities["vantaa"]
            return municipalities["helsinki"]

        # categories: roots, then their children
        leaves: list[Category] = []
        roots: list[Category] = []
        for order, (slug, fi, sv, en, sfi, ssv, sen, children) in enumerate(CATEGORY_TREE):
            root = Category.objects.create(
                slug=slug,
                name_fi=fi,
                name_sv=sv,
                name_en=en,
                synonyms_fi=sfi,
                synonyms_sv=ssv,
                synonyms_en=sen,
                icon=slug,
                sort_order=order,
            )
            roots.append(root)
            for child_order, (cslug, cfi, csv, cen, csfi, cssv, csen) in enumerate(children):
                leaves.append(
                    Category(
                        parent=root,
                        slug=cslug,
                        name_fi=cfi,
                        name_sv=csv,
                        name_en=cen,
                        synonyms_fi=csfi,
                        synonyms_sv=cssv,
                        synonyms_en=csen,
                        icon=cslug,
                        sort_order=child_order,
                    )
                )
        Category.objects.bulk_create(leaves)
        step(f"{len(roots) + len(leaves)} categories, 3 municipalities")

        organizations = []
        for i in range(sizes.organizations):
            district = rng.choice(DISTRICTS)
            municipality = municipality_at(district[2], district[3])
            organizations.append(
                Organization(
                    name=f"{rng.choice(ORGANIZATION_WORDS)} {district[0]} {i + 1}",
                    slug=f"bench-org-{i}",
                    municipality=municipality,
                    kind=rng.choice(Organization.Kind.values),
                    description_fi=" ".join(e[0] for e in rng.sample(EXTRAS, 3)),
                    description_sv=" ".join(e[1] for e in rng.sample(EXTRAS, 2)),
                    description_en=" ".join(e[2] for e in rng.sample(EXTRAS, 2)),
                    website=f"https://org{i}.example.fi/",
                    email=f"info@org{i}.example.fi",
                    phone=f"+358 40 {rng.randrange(1000000, 9999999)}",
                    verified=rng.random() < 0.7,
                    data_source=SOURCE,
                    origin_id=f"o{i}",
                )
            )
        Organization.objects.bulk_create(organizations, batch_size=1000)

        venues = []
        for i in range(sizes.venues):
            district = rng.choice(DISTRICTS)
            # mostly near a district centre, some anywhere in the area
            if rng.random() < 0.8:
                lat = min(60.35, max(60.10, rng.gauss(district[2], 0.015)))
                lon = min(25.25, max(24.60, rng.gauss(district[3], 0.03)))
            else:
                lat, lon = rng.uniform(60.10, 60.35), rng.uniform(24.60, 25.25)
            kind = rng.choice(VENUE_KINDS)
            municipality = municipality_at(lat, lon)
            known = [None, True, False]
            venues.append(
                Venue(
                    name_fi=f"{kind[0]} {district[0]}",
                    name_sv=f"{kind[1]} {district[1]}" if rng.random() < 0.7 else "",
                    name_en=f"{district[0]} {kind[2]}" if rng.random() < 0.5 else "",
                    street_address_fi=f"{district[0]}ntie {rng.randrange(1, 80)}",
                    postal_code=f"{rng.randrange(0, 2000):05d}",
                    city=municipality.name_fi,
                    municipality=municipality,
                    organization=rng.choice(organizations) if rng.random() < 0.3 else None,
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    wheelchair_accessible=rng.choice(known),
                    accessible_toilet=rng.choice(known),
                    induction_loop=rng.choice(known),
                    step_free_entrance=rng.choice(known),
                    accessibility_info_fi="Esteetön sisäänkäynti pihan puolelta." if rng.random() < 0.3 else "",
                    data_source=SOURCE,
                    origin_id=f"v{i}",
                )
            )
        Venue.objects.bulk_create(venues, batch_size=1000)
        step(f"{len(organizations)} organizations, {len(venues)} venues")

    # images and their renditions (files under var/bench-media), so listings read prepared renditions
    Image = get_image_model()  # noqa: N806
    images = []
    for i in range(sizes.images):
        image = Image(title=f"Bench image {i}", file=ImageFile(io.BytesIO(_png(rng)), name=f"bench-{i}.jpg"))
        image.save()
        image.get_renditions(*RENDITIONS.values())
        images.append(image)
    step(f"{len(images)} images with {len(RENDITIONS)} renditions each")

    with transaction.atomic():
        hobbies = []
        hobby_categories: list[list[Category]] = []
        total = sizes.hobbies + sizes.hidden
        for i in range(total):
            leaf = rng.choice(leaves)
            chosen = [leaf]
            while len(chosen) < 3 and rng.random() < 0.35:
                extra = rng.choice(leaves if rng.random() < 0.8 else roots)
                if extra not in chosen:
                    chosen.append(extra)
            audience = rng.choice(AUDIENCE)
            group = rng.choice(GROUP_WORDS)
            district = rng.choice(DISTRICTS) if rng.random() < 0.5 else None
            name_fi = leaf.name_fi.lower()
            title_fi = (
                f"{audience[0]} {name_fi}{group[0]}" if " " not in name_fi else f"{audience[0]} {name_fi} {group[0]}"
            )
            title_sv = f"{leaf.name_sv}{group[1]} för {audience[1]}"
            title_en = f"{audience[2]} {leaf.name_en.lower()} {group[2]}"
            if district:
                title_fi += f" – {district[0]}"
                title_sv += f" – {district[1]}"
                title_en += f" – {district[0]}"
            age_min = rng.randint(7, 16)
            age_max = min(29, age_min + rng.choice([2, 3, 5, 8, 12]))
            extras = rng.sample(EXTRAS, 4)
            paid = rng.random() < 0.6
            has_sv, has_en = rng.random() < 0.6, rng.random() < 0.5
            organization = rng.choice(organizations)
            venue = rng.choice(venues) if rng.random() < 0.95 else None
            published = now - dt.timedelta(days=rng.uniform(0, 365))
            hidden = i >= sizes.hobbies
            image_choice = rng.random()
            hobby = Hobby(
                title_fi=title_fi,
                title_sv=title_sv if has_sv else "",
                title_en=title_en if has_en else "",
                summary_fi=f"{leaf.name_fi} {age_min}–{age_max}-vuotiaille. {extras[0][0]}",
                summary_sv=f"{leaf.name_sv} för {age_min}–{age_max}-åringar. {extras[0][1]}" if has_sv else "",
                summary_en=f"{leaf.name_en} for ages {age_min}–{age_max}. {extras[0][2]}" if has_en else "",
                description_fi=" ".join(e[0] for e in extras),
                description_sv=" ".join(e[1] for e in extras) if has_sv else "",
                description_en=" ".join(e[2] for e in extras) if has_en else "",
                organization=organization,
                municipality=venue.municipality if venue else organization.municipality,
                venue=venue,
                age_min=age_min,
                age_max=age_max,
                level=rng.choice(Hobby.Level.values),
                instruction_languages=rng.choice(LANGUAGE_SETS),
                price_kind=Hobby.PriceKind.PAID if paid else Hobby.PriceKind.FREE,
                price_amount=round(rng.uniform(5, 400), 0) if paid and rng.random() < 0.9 else None,
                price_unit=rng.choice(Hobby.PriceUnit.values) if paid else "",
                price_text_fi="Sisaralennus 20 %." if paid and rng.random() < 0.2 else "",
                trial_session=rng.random() < 0.4,
                what_to_bring_fi=rng.choice(BRING)[0],
                what_to_bring_sv=rng.choice(BRING)[1] if has_sv else "",
                what_to_bring_en=rng.choice(BRING)[2] if has_en else "",
                registration_url=f"{organization.website}ilmoittaudu/{i}" if rng.random() < 0.7 else "",
                enrolment_start=now - dt.timedelta(days=30) if rng.random() < 0.3 else None,
                enrolment_end=now + dt.timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.3 else None,
                open_use=rng.random() < 0.05,
                image=rng.choice(images) if images and image_choice < 0.5 else None,
                image_url=f"https://images.example.fi/hobby/{i}.jpg" if 0.5 <= image_choice < 0.7 else "",
                image_alt_fi="Nuoria harrastuksen parissa." if image_choice < 0.7 else "",
                live=not hidden or i % 2 == 0,
                first_published_at=published if not hidden or i % 2 == 0 else None,
                last_published_at=published if not hidden or i % 2 == 0 else None,
                taken_down_at=now - dt.timedelta(days=3) if hidden and i % 2 == 0 else None,
                taken_down_reason="Bench: taken down." if hidden and i % 2 == 0 else "",
                data_source=SOURCE,
                origin_id=f"h{i}",
            )
            hobbies.append(hobby)
            hobby_categories.append(chosen)
        Hobby.objects.bulk_create(hobbies, batch_size=1000)
        links = [
            Hobby.categories.through(hobby_id=hobby.pk, category_id=category.pk)
            for hobby, chosen in zip(hobbies, hobby_categories, strict=True)
            for category in chosen
        ]
        Hobby.categories.through.objects.bulk_create(links, batch_size=5000)
        step(f"{total} hobbies ({sizes.hobbies} live, {sizes.hidden} drafts or taken down), {len(links)} links")

        # sessions: each hobby with sessions gets a weekly slot or two, from a few weeks back to 12 weeks ahead
        with_sessions = [h for h in hobbies if not h.open_use]
        base = sizes.sessions // len(with_sessions)
        counts = [base] * len(with_sessions)
        for i in range(sizes.sessions - base * len(with_sessions)):
            counts[i] += 1
        for _ in range(len(counts)):  # move sessions between hobbies, keeping the total
            a, b = rng.randrange(len(counts)), rng.randrange(len(counts))
            shift = rng.randint(0, min(counts[a] - 1, 8)) if counts[a] > 1 else 0
            counts[a] -= shift
            counts[b] += shift
        sessions = []
        for hobby, count in zip(with_sessions, counts, strict=True):
            slots = []
            for _ in range(1 if count < 10 else rng.choice([1, 2])):
                weekday = rng.randrange(7)
                hour = rng.choice([10, 11, 12, 13, 14]) if weekday >= 5 else rng.choice([15, 16, 17, 18, 19])
                slots.append((weekday, hour, rng.choice([0, 15, 30, 45]), rng.choice([45, 60, 90, 120])))
            weeks = math.ceil(count / len(slots))
            first_week = rng.randint(-3, max(-3, 12 - weeks))
            made = 0
            week = first_week
            while made < count:
                for weekday, hour, minute, minutes in slots:
                    if made == count:
                        break
                    day = monday + dt.timedelta(weeks=week, days=weekday)
                    start = dt.datetime.combine(day, dt.time(hour, minute), HELSINKI)
                    sessions.append(
                        Session(
                            hobby_id=hobby.pk,
                            start=start,
                            end=start + dt.timedelta(minutes=minutes),
                            cancelled=rng.random() < 0.03,
                            data_source=SOURCE,
                        ).derive()
                    )
                    made += 1
                week += 1
        for chunk in _batched(sessions, 5000):
            Session.objects.bulk_create(chunk, batch_size=2500)
        step(f"{len(sessions)} sessions")

        # devices know their tokens "bench-<i>"; favourites mostly of live hobbies, a few of hidden ones
        live_ids = [h.pk for h in hobbies[: sizes.hobbies]]
        hidden_ids = [h.pk for h in hobbies[sizes.hobbies :]]
        devices = [
            Device(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                token_hash=hash_token(f"bench-{i}"),
                language=rng.choice(["fi"] * 7 + ["sv"] * 2 + ["en"]),
                age_group=rng.choice(Device.AgeGroup.values + [""]),
                created_at=now - dt.timedelta(days=rng.uniform(0, 200)),
                last_seen_on=today - dt.timedelta(days=rng.randrange(0, 30)),
            )
            for i in range(sizes.devices)
        ]
        Device.objects.bulk_create(devices, batch_size=2000)
        favourites = []
        for device in devices:
            chosen = rng.sample(live_ids, rng.randint(0, 10))
            if hidden_ids and rng.random() < 0.05:
                chosen.append(rng.choice(hidden_ids))
            favourites += [
                Favourite(device=device, hobby_id=pk, created_at=now - dt.timedelta(days=rng.uniform(0, 100)))
                for pk in chosen
            ]
        Favourite.objects.bulk_create(favourites, batch_size=5000)
        kinds = ["view"] * 12 + ["favourite"] * 2 + ["share", "join_click", "dismiss"]
        interactions = [
            Interaction(
                device=rng.choice(devices),
                hobby_id=rng.choice(live_ids),
                kind=rng.choice(kinds),
                created_at=now - dt.timedelta(days=rng.uniform(0, 90)),
            )
            for _ in range(sizes.interactions)
        ]
        for chunk in _batched(interactions, 10000):
            Interaction.objects.bulk_create(chunk, batch_size=5000)
        step(f"{len(devices)} devices, {len(favourites)} favourites, {len(interactions)} interactions")

    all_ids = [h.pk for h in hobbies]
    with transaction.atomic():
        for chunk in _batched(all_ids, 5000):
            refresh_next_sessions(chunk)
    step("next sessions")
    with transaction.atomic():
        indexed = search.reindex()
    step(f"search index ({indexed} documents)")
    Organization.objects.create(
        name="bench data set marker",
        slug="bench-data-set-marker",
        municipality=municipalities["helsinki"],
        kind=Organization.Kind.MUNICIPAL,
        data_source=MARKER_SOURCE,
        origin_id=sizes.marker(seed),
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics on both databases
    step("ANALYZE")
    print(f"built the data set in {time.perf_counter() - started:.1f} s", flush=True)


# --- the PWA's queries ----------------------------------------------------------------------------------------

LISTING = """
fragment Listing on Hobby {
  id
  title { text language }
  summary { text }
  distanceKm
  nextSessionStart
  price { kind amount }
  venue { name { text } latitude longitude }
  organization { name }
  categories { id name { text } }
  image { url alt { text } renditions { size url } }
}
"""

HOBBIES_QUERY = (
    """
query Hobbies($text: String, $near: NearInput, $filter: HobbyFilterInput, $orderBy: HobbyOrder, $first: Int) {
  hobbies(text: $text, near: $near, filter: $filter, orderBy: $orderBy, first: $first) {
    totalCount
    edges { cursor node { ...Listing } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
    + LISTING
)

# The category page: one request with both root fields (the first page of the category and the tree).
CATEGORY_QUERY = (
    """
query Category($filter: HobbyFilterInput, $first: Int) {
  hobbies(filter: $filter, orderBy: NEXT_SESSION, first: $first) {
    totalCount
    edges { cursor node { ...Listing } }
    pageInfo { hasNextPage endCursor }
  }
  categories(rootsOnly: true) { id name { text } hobbyCount children { id hobbyCount } }
}
"""
    + LISTING
)

DETAIL_QUERY = """
query Hobby($id: ID!) {
  hobby(id: $id) {
    id
    title { text language }
    summary { text }
    description { text }
    whatToBring { text }
    categories { id name { text } }
    ageMin
    ageMax
    level
    beginnerFriendly
    instructionLanguages
    price { kind amount unit details { text } }
    trialSession
    openUse
    nextSessionStart
    registrationUrl
    enrolmentOpen
    calendarUrl
    venue {
      id name { text } streetAddress { text } postalCode city latitude longitude directionsUrl
      accessibility { wheelchairAccessible accessibleToilet inductionLoop stepFreeEntrance details { text } }
    }
    organization { id name kind website email phone verified }
    municipality { id name { text } }
    image { url alt { text } credit license renditions { size url width height } }
    sessions(first: 10) { id start end weekday cancelled }
    similarHobbies(first: 6) { id title { text } }
  }
}
"""

FAVOURITES_QUERY = (
    """
query Favourites($first: Int) {
  favourites(first: $first) {
    totalCount
    edges { cursor node { ...Listing } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
    + LISTING
)

WEEKDAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]


@dataclass
class Request:
    body: bytes
    headers: dict[str, str]


@dataclass
class Scenario:
    name: str
    description: str
    make: Callable[[random.Random], Request]
    skipped: str = ""


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    slowest: tuple[float, int, bytes] = (0.0, 0, b"")  # latency, SQL statements, request body


def _request(query: str, variables: dict, *, language: str = "fi", device: str | None = None) -> Request:
    headers = {"Content-Type": "application/json", "Accept-Language": language}
    if device:
        headers["Authorization"] = f"Device {device}"
    return Request(json.dumps({"query": query, "variables": variables}).encode(), headers)


def _language(rng: random.Random) -> str:
    return rng.choice(["fi"] * 7 + ["sv"] * 2 + ["en"])


def search_words() -> list[str]:
    """Words a teenager might type: category names and synonyms in fi/sv/en, districts, group words."""
    from backend.hobbies.search import words

    texts = []
    for root in CATEGORY_TREE:
        texts += list(root[1:7])
        for child in root[7]:
            texts += list(child[1:7])
    texts += [d[0] for d in DISTRICTS] + [d[1] for d in DISTRICTS]
    texts += [w for group in GROUP_WORDS for w in group]
    return sorted({w for text in texts for w in words(text) if len(w) >= 3})


def scenarios(sizes: Sizes) -> list[Scenario]:
    from backend.hobbies.models import Category, Hobby

    category_ids = list(Category.objects.order_by("pk").values_list("pk", flat=True))
    hobby_ids = list(
        Hobby.objects.filter(data_source=SOURCE, live=True, taken_down_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    vocabulary = search_words()

    def prefix(rng: random.Random) -> str:
        word = rng.choice(vocabulary)
        return word[: rng.randint(3, len(word))]

    def home(rng: random.Random) -> Request:
        near = {"lat": round(rng.uniform(60.15, 60.30), 5), "lon": round(rng.uniform(24.65, 25.20), 5), "radiusKm": 5}
        return _request(
            HOBBIES_QUERY,
            {"near": near, "filter": {"age": rng.randint(11, 18)}, "first": 20},
            language=_language(rng),
        )

    def search(rng: random.Random) -> Request:
        text = prefix(rng) if rng.random() < 0.7 else f"{prefix(rng)} {prefix(rng)}"
        extra = rng.choice(["freeOnly", "categories", "weekdays"])
        filters: dict = {"age": rng.randint(11, 18)}
        if extra == "freeOnly":
            filters["freeOnly"] = True
        elif extra == "categories":
            filters["categories"] = [str(rng.choice(category_ids))]
        else:
            filters["weekdays"] = rng.sample(WEEKDAYS, rng.randint(1, 3))
        return _request(HOBBIES_QUERY, {"text": text, "filter": filters, "first": 20}, language=_language(rng))

    def category(rng: random.Random) -> Request:
        variables = {"filter": {"categories": [str(rng.choice(category_ids))]}, "first": 20}
        return _request(CATEGORY_QUERY, variables, language=_language(rng))

    def detail(rng: random.Random) -> Request:
        return _request(DETAIL_QUERY, {"id": str(rng.choice(hobby_ids))}, language=_language(rng))

    def favourites(rng: random.Random) -> Request:
        device = f"bench-{rng.randrange(sizes.devices)}"
        return _request(FAVOURITES_QUERY, {"first": 20}, language=_language(rng), device=device)

    from backend.api.schema import schema

    has_favourites = "favourites" in schema.graphql_schema.query_type.fields
    return [
        Scenario("home", "hobbies(near 5 km, filter {age}, first 20) + totalCount", home),
        Scenario("search", "hobbies(text, filter {age, freeOnly|categories|weekdays}, first 20) + totalCount", search),
        Scenario(
            "category", "hobbies(filter {categories}, NEXT_SESSION) + categories(rootsOnly) tree, 1 request", category
        ),
        Scenario("detail", "hobby(id) with sessions(10), venue, similarHobbies(6), calendarUrl", detail),
        Scenario(
            "favourites",
            "favourites(first 20) with Authorization: Device bench-<i>",
            favourites,
            skipped="" if has_favourites else "skipped: favourites query missing",
        ),
    ]


# --- the server and the clients -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {
        **_base_env(url),
        "DJANGO_SETTINGS_MODULE": "backend.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SQL_QUERY_COUNT_HEADER": "1",
        "GUNICORN_MAX_REQUESTS": "0",  # no worker replacement in the middle of a measurement
        "GUNICORN_THREADS": str(threads),
        "LOG_LEVEL": "WARNING",
    }
    VAR.mkdir(parents=True, exist_ok=True)
    log = SERVER_LOG.open("w")
    command = [
        sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "backend.wsgi:application",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}; see {SERVER_LOG}:\n{SERVER_LOG.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"gunicorn did not answer /healthz within {timeout:.0f} s; see {SERVER_LOG}")


class Client:
    """One keep-alive connection; reconnects once when the server has closed it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def post(self, request: Request) -> tuple[float, int, dict | None, str]:
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                started = time.perf_counter()
                self.connection.request("POST", "/graphql", body=request.body, headers=request.headers)
                response = self.connection.getresponse()
                payload = response.read()
                elapsed = (time.perf_counter() - started) * 1000
            except (http.client.HTTPException, ConnectionError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
                continue
            queries = int(response.getheader("X-SQL-Queries", "-1"))
            try:
                data = json.loads(payload)
            except ValueError:
                data = None
            return elapsed, queries, data, f"HTTP {response.status}" if response.status != 200 else ""
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def run_requests(port: int, requests: list[Request], threads: int) -> Result:
    result = Result()
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    for request in requests:
        jobs.put(request)
    lock = threading.Lock()

    def worker() -> None:
        client = Client(port)
        try:
            while True:
                try:
                    request = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    elapsed, queries, data, error = client.post(request)
                except OSError as exc:
                    with lock:
                        result.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                if not error and (data is None or data.get("errors")):
                    error = json.dumps(data.get("errors") if data else "not JSON")[:300]
                with lock:
                    result.latencies_ms.append(elapsed)
                    result.queries.append(queries)
                    if elapsed > result.slowest[0]:
                        result.slowest = (elapsed, queries, request.body)
                    if error:
                        result.errors.append(error)
        finally:
            client.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.wall_s = time.perf_counter() - started
    return result


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


# --- explaining where the time goes ---------------------------------------------------------------------------


def explain(scenario: Scenario, seed: int, samples: int = 5) -> None:
    """Run a few requests of the scenario in this process; list their SQL and the plan of the slowest."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    rng = random.Random(f"{seed}-explain-{scenario.name}")
    client = DjangoClient()
    per_statement: dict[str, list[float]] = {}
    slowest: tuple[float, str] = (0.0, "")
    totals, sql_totals = [], []
    for _ in range(samples):
        request = scenario.make(rng)
        headers = {"HTTP_HOST": "127.0.0.1"}
        for name, value in request.headers.items():
            if name != "Content-Type":
                headers[f"HTTP_{name.upper().replace('-', '_')}"] = value
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.post("/graphql", request.body, content_type="application/json", **headers)
            totals.append((time.perf_counter() - started) * 1000)
        sql_totals.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        for query in captured.captured_queries:
            seconds = float(query["time"])
            key = " ".join(query["sql"].split())[:150]
            per_statement.setdefault(key, []).append(seconds * 1000)
            if seconds * 1000 > slowest[0]:
                slowest = (seconds * 1000, query["sql"])
    print(f"\n--- {scenario.name}: SQL of {samples} in-process requests (statement start: calls, mean ms) ---")
    print(
        f"  one request in-process, one at a time: median {statistics.median(totals):.1f} ms, "
        f"of which SQL {statistics.median(sql_totals):.1f} ms (the rest is Python: GraphQL, Django, serialising)"
    )
    for key, times in sorted(per_statement.items(), key=lambda item: -sum(item[1])):
        print(f"  {len(times):3d}× {statistics.mean(times):7.2f} ms  {key}")
    if not slowest[1]:
        return
    # a server-side cursor (QuerySet.iterator) shows up as DECLARE … FOR SELECT; explain the SELECT
    sql = re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH HOLD FOR ', "", slowest[1])
    print(f"  slowest statement ({slowest[0]:.1f} ms):\n    {sql[:2000]}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = cursor.fetchall()
    print("  plan:")
    for row in plan:
        print("    " + " | ".join(str(column) for column in row))


# --- main -----------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="measured requests per scenario (default 300)")
    parser.add_argument("--warmup", type=int, default=40, help="uncounted requests per scenario first (default 40)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--server-threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=float, default=1.0, help="data set size, 1 = 20,000 hobbies (default 1)")
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it again")
    parser.add_argument("--only", help="comma-separated scenarios to run (home,search,category,detail,favourites)")
    parser.add_argument("--explain", action="store_true", help="also print each scenario's SQL and query plan")
    options = parser.parse_args()

    url = bench_database_url()
    vendor = "PostgreSQL" if is_postgres(url) else "SQLite"
    parts = urlsplit(url)
    shown_url = parts._replace(netloc=f"{parts.hostname}:{parts.port or 5432}").geturl() if is_postgres(url) else url
    print(f"bench database: {vendor} {shown_url}", flush=True)
    sizes = Sizes.at(options.scale)
    if options.rebuild:
        drop_database(url)
    create_database(url)
    migrate(url)
    setup_django(url)
    state = data_set_state(sizes, options.seed)
    if state == "ready":
        print("the data set is already built (use --rebuild to build it again)")
    else:
        if state == "other":
            print("the bench database holds another or an unfinished data set: building it again")
            from django.db import connections

            connections.close_all()
            drop_database(url)
            create_database(url)
            migrate(url)
        build(sizes, options.seed)

    from django.db import connection

    db_version = connection.cursor().connection.info.server_version if vendor == "PostgreSQL" else None
    chosen = scenarios(sizes)
    if options.only:
        wanted = {name.strip() for name in options.only.split(",")}
        chosen = [s for s in chosen if s.name in wanted]

    load_before = os.getloadavg()[0]
    port = free_port()
    server = start_server(url, port, options.workers, options.server_threads)
    try:
        wait_healthy(server, port)
        print(
            f"gunicorn: {options.workers} workers × {options.server_threads} threads (gthread) on 127.0.0.1:{port}, "
            f"production settings; {options.threads} client threads, keep-alive; "
            f"{options.warmup} warm-up + {options.requests} measured requests per scenario; "
            f"{os.cpu_count()} CPUs",
            flush=True,
        )
        results: dict[str, Result] = {}
        for scenario in chosen:
            if scenario.skipped:
                print(f"\n{scenario.name}: {scenario.skipped}")
                continue
            rng = random.Random(f"{options.seed}-{scenario.name}")
            warmup = [scenario.make(rng) for _ in range(options.warmup)]
            measured = [scenario.make(rng) for _ in range(options.requests)]
            run_requests(port, warmup, options.threads)
            result = run_requests(port, measured, options.threads)
            results[scenario.name] = result
            print_scenario(scenario, result)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print_summary(chosen, results, vendor, db_version, options)
    print(
        f"machine: {os.cpu_count()} CPUs shared by the server, the clients and the database; load average (1 min) "
        f"{load_before:.2f} before the run, {os.getloadavg()[0]:.2f} after it"
    )
    if options.explain:
        for scenario in chosen:
            if not scenario.skipped:
                explain(scenario, options.seed)


def print_scenario(scenario: Scenario, result: Result) -> None:
    ok = len(result.latencies_ms)
    print(f"\n{scenario.name}: {scenario.description}")
    if not ok:
        print(f"  no answers; {len(result.errors)} errors, first: {result.errors[:1]}")
        return
    counted = [q for q in result.queries if q >= 0]
    print(
        f"  {ok} requests in {result.wall_s:.2f} s = {ok / result.wall_s:.1f} req/s; "
        f"latency p50 {statistics.median(result.latencies_ms):.1f} ms, "
        f"p95 {percentile(result.latencies_ms, 95):.1f} ms, "
        f"max {max(result.latencies_ms):.1f} ms"
    )
    if counted:
        print(f"  SQL statements per request: median {statistics.median(counted):g}, max {max(counted)}")
    else:
        print("  SQL statements per request: unknown (no X-SQL-Queries header)")
    slowest_ms, slowest_queries, body = result.slowest
    variables = json.dumps(json.loads(body)["variables"], ensure_ascii=False) if body else ""
    print(f"  slowest: {slowest_ms:.1f} ms, {slowest_queries} SQL statements, variables {variables}")
    if result.errors:
        print(f"  {len(result.errors)} errors, first: {result.errors[0]}")


def print_summary(chosen: list[Scenario], results: dict[str, Result], vendor: str, version, options) -> None:
    version_text = f" {version // 10000}.{version % 10000}" if version else ""
    print(
        f"\n=== summary: {vendor}{version_text}, {options.workers} gunicorn workers, "
        f"{options.threads} client threads ==="
    )
    header = f"{'scenario':<11}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    header += f"{'SQL med':>9}{'SQL max':>9}{'req/s':>8}   target (PostgreSQL)"
    print(header)
    for scenario in chosen:
        if scenario.skipped:
            print(f"{scenario.name:<11}{scenario.skipped}")
            continue
        result = results.get(scenario.name)
        if result is None or not result.latencies_ms:
            print(f"{scenario.name:<11}no answers")
            continue
        p50, p95 = statistics.median(result.latencies_ms), percentile(result.latencies_ms, 95)
        counted = [q for q in result.queries if q >= 0] or [-1]
        target_p95 = P95_TARGETS_MS.get(scenario.name)
        verdicts = []
        if target_p95 is not None:
            verdicts.append(f"p95 <= {target_p95} ms {'ok' if p95 <= target_p95 else 'MISSED'}")
        verdicts.append(f"SQL <= {MAX_QUERIES_TARGET} {'ok' if max(counted) <= MAX_QUERIES_TARGET else 'MISSED'}")
        print(
            f"{scenario.name:<11}{len(result.latencies_ms):>9}{len(result.errors):>7}{p50:>9.1f}{p95:>9.1f}"
            f"{max(result.latencies_ms):>9.1f}{statistics.median(counted):>9g}{max(counted):>9}"
            f"{len(result.latencies_ms) / result.wall_s:>8.1f}   {', '.join(verdicts)}"
        )
    print(
        f"targets (issue, on PostgreSQL): p95 <= {P95_TARGETS_MS['home']} ms for home and search, "
        f"<= {P95_TARGETS_MS['detail']} ms for detail; SQL statements per request <= {MAX_QUERIES_TARGET}."
    )
    if vendor != "PostgreSQL":
        print("(this run used SQLite: the latency targets are stated for PostgreSQL and only indicative here)")


if __name__ == "__main__":
    main()
