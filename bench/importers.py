"""Benchmark: the Linked Events and Lipas importers against generated feeds served from a local HTTP server.

Usage: .venv/bin/python bench/importers.py [--scale 1.0] [--seed 2026] [--only linkedevents,lipas]

The feeds are generated from ``random.Random(seed)`` in the real formats (``../shared/design/DATA-SOURCES.md``):
at --scale 1, 20,000 Linked Events events (1,000 recurring super events with 5–10 sub-events each, the rest
standalone courses and events) at 300 places given inline (``include=location``), paged by ``meta.next`` with
``page_size`` 100; and 10,000 Lipas sports places of the youth type codes, paged by HTTP 206 + ``Link: rel=next``.
The server (threads in this process) honours ``last_modified_since``/``show_deleted``/``super_event``/``event_type``
and ``modifiedAfter``/``typeCodes``/``cityCodes``/``fields``/``deleted-sports-places?since=``; the pages of a full
listing are serialised once before the runs, so the server is not what is measured.

Each source is imported three times with the real ``run_import`` (fetch, map, save, search reindexing) pointed at
the server: a first run into an empty database, a no-op re-run, and an incremental run (``since``) after 1 % of
the records got a new name and ``last_modified_time`` (and 0.1 % were deleted at the source). Every run happens
in a fresh worker process, so its peak memory (``VmHWM``, see ``rss_kb``) is the import's own and not the server's.

The database is the bench's own and is emptied at each start: with DATABASE_URL unset (or SQLite)
``var/bench-import.sqlite3``; with DATABASE_URL=postgres://…/<name> the database ``<name>_import_bench`` on the
same server (dropped and created again).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
SQLITE_PATH = VAR / "bench-import.sqlite3"
DB_SUFFIX = "_import_bench"
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC
SOURCES = ("linkedevents", "lipas")

# Sizes at --scale 1.
EVENTS = 20_000
SUPER_EVENTS = 1_000
SUB_EVENTS_PER_SUPER = (5, 10)
PLACES = 300
SPORTS_PLACES = 10_000

# Targets of the issue.
TARGET_RECORDS_PER_S = 1_000
TARGET_RERUN_SPEEDUP = 3.0
TARGET_PEAK_MB = 500

CHANGED_SUFFIX = {"fi": " (muutettu)", "sv": " (ändrad)", "en": " (changed)"}

# --- the bench database ---------------------------------------------------------------------------------------


def bench_database_url() -> str:
    """The bench's own database next to the configured one: never the configured one itself."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    scheme = urlsplit(configured).scheme.lower() if configured else "sqlite"
    if scheme == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    if scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"bench: unsupported DATABASE_URL scheme {scheme!r}")
    parts = urlsplit(configured)
    name = parts.path.lstrip("/")
    for suffix in (DB_SUFFIX, "_bench"):
        name = name.removesuffix(suffix)
    return parts._replace(path=f"/{name}{DB_SUFFIX}").geturl()


def is_postgres(url: str) -> bool:
    return not url.startswith("sqlite:")


def _postgres_admin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.endswith(DB_SUFFIX):
        sys.exit(f"bench: refusing to touch {name!r}: the bench database's name must end with {DB_SUFFIX}")
    return parts._replace(path="/postgres", scheme="postgresql").geturl(), name


def recreate_database(url: str) -> None:
    """Drop the bench database and create it empty, so the first run is really a first run."""
    if not is_postgres(url):
        VAR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    admin, name = _postgres_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _env(url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}  # Celery eager, local cache
    env.update(DATABASE_URL=url, LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"))
    return env


def migrate(url: str) -> float:
    started = time.perf_counter()
    env = {**_env(url), "DJANGO_SETTINGS_MODULE": "backend.settings.dev"}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def setup_django(url: str) -> None:
    os.environ.update(_env(url))
    os.environ.pop("REDIS_URL", None)
    # base settings: DEBUG off, so the queries are not kept in connection.queries (as in production)
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings.base"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed_reference_data() -> tuple[int, int]:
    """Municipalities, the category tree and the keyword/type-code mappings of the demo content (no load_demo)."""
    from backend.demo import content
    from backend.hobbies.models import Category, CategoryMapping, Municipality

    Municipality.objects.bulk_create(
        [
            Municipality(code=m.code, slug=m.slug, name_fi=m.name_fi, name_sv=m.name_sv, name_en=m.name_en)
            for m in content.MUNICIPALITIES
        ],
        ignore_conflicts=True,
    )

    def category(spec, parent_id, order):
        return Category(
            slug=spec.slug,
            parent_id=parent_id,
            name_fi=spec.name_fi,
            name_sv=spec.name_sv,
            name_en=spec.name_en,
            synonyms_fi=spec.synonyms_fi,
            synonyms_sv=spec.synonyms_sv,
            synonyms_en=spec.synonyms_en,
            icon=spec.icon,
            sort_order=order,
        )

    Category.objects.bulk_create(
        [category(spec, None, (i + 1) * 10) for i, spec in enumerate(content.CATEGORY_TREE)], ignore_conflicts=True
    )
    ids = dict(Category.objects.values_list("slug", "pk"))
    Category.objects.bulk_create(
        [
            category(child, ids[top.slug], (i + 1) * 10)
            for top in content.CATEGORY_TREE
            for i, child in enumerate(top.children)
        ],
        ignore_conflicts=True,
    )
    ids = dict(Category.objects.values_list("slug", "pk"))
    rows = [
        CategoryMapping(source=source, external_id=external_id, category_id=ids[slug], label=label)
        for source, mappings in (
            (CategoryMapping.Source.LINKED_EVENTS_KEYWORD, content.YSO_MAPPINGS),
            (CategoryMapping.Source.LIPAS_TYPE, content.LIPAS_MAPPINGS),
        )
        for external_id, slug, label in mappings
    ]
    CategoryMapping.objects.bulk_create(rows, ignore_conflicts=True)
    return Category.objects.count(), CategoryMapping.objects.count()


# --- sizes and word lists --------------------------------------------------------------------------------------


@dataclass
class Sizes:
    events: int
    supers: int
    places: int
    sports_places: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        events = max(20, round(EVENTS * scale))
        supers = max(1, round(SUPER_EVENTS * scale))
        supers = min(supers, events // (SUB_EVENTS_PER_SUPER[1] + 1 + 1))  # room for standalone events
        return cls(
            events=events,
            supers=max(1, supers),
            places=max(10, round(PLACES * scale)),
            sports_places=max(10, round(SPORTS_PLACES * scale)),
        )


# (fi, sv, Helsinki division slug, lat, lon)
DISTRICTS = [
    ("Kallio", "Berghäll", "helsinki", 60.184, 24.950),
    ("Kamppi", "Kampen", "helsinki", 60.168, 24.931),
    ("Pasila", "Böle", "helsinki", 60.199, 24.933),
    ("Lauttasaari", "Drumsö", "helsinki", 60.158, 24.875),
    ("Herttoniemi", "Hertonäs", "helsinki", 60.195, 25.030),
    ("Itäkeskus", "Östra centrum", "helsinki", 60.210, 25.080),
    ("Kontula", "Gårdsbacka", "helsinki", 60.236, 25.082),
    ("Vuosaari", "Nordsjö", "helsinki", 60.209, 25.142),
    ("Malmi", "Malm", "helsinki", 60.251, 25.010),
    ("Kannelmäki", "Gamlas", "helsinki", 60.240, 24.877),
    ("Tapiola", "Hagalund", "espoo", 60.175, 24.805),
    ("Leppävaara", "Alberga", "espoo", 60.219, 24.813),
    ("Matinkylä", "Mattby", "espoo", 60.160, 24.740),
    ("Tikkurila", "Dickursby", "vantaa", 60.292, 25.044),
    ("Myyrmäki", "Myrbacka", "vantaa", 60.261, 24.854),
]
MUNICIPALITY_NAMES = {
    "helsinki": ("Helsinki", "Helsingfors"),
    "espoo": ("Espoo", "Esbo"),
    "vantaa": ("Vantaa", "Vanda"),
}
PLACE_KINDS = [
    ("Nuorisotalo", "Ungdomsgården", "Youth centre"),
    ("Liikuntahalli", "Idrottshallen", "Sports hall"),
    ("Koulu", "Skolan", "School"),
    ("Kirjasto", "Biblioteket", "Library"),
    ("Kulttuuritalo", "Kulturhuset", "Culture house"),
    ("Työväenopisto", "Arbetarinstitutet", "Adult education centre"),
]
STREETS = ["Kirkkokatu", "Koulutie", "Puistotie", "Rantatie", "Asematie", "Urheilukatu", "Mäkitie", "Kauppakatu"]
AUDIENCES = [  # (fi, sv, en)
    ("Nuorten", "för unga", "Youth"),
    ("Aloittelijoiden", "för nybörjare", "Beginners'"),
    ("Tyttöjen", "för flickor", "Girls'"),
    ("Poikien", "för pojkar", "Boys'"),
    ("Teinien", "för tonåringar", "Teen"),
    ("Iltapäivän", "på eftermiddagen", "Afternoon"),
]
PROVIDERS = [f"{word} {n}" for n in range(1, 6) for word in ("Nuorisoseura", "Urheiluseura", "Taidekoulu", "Kerho")]
SENTENCES = [
    ("Tervetuloa mukaan, aiempaa kokemusta ei tarvita.", "Välkommen, ingen tidigare erfarenhet behövs."),
    ("Ryhmässä harjoitellaan perusasioita rennossa porukassa.", "Gruppen övar grunderna i ett avslappnat gäng."),
    ("Ohjaajina toimivat kokeneet nuoriso-ohjaajat.", "Ledarna är erfarna ungdomsledare."),
    ("Ota mukaan juomapullo ja mukavat vaatteet.", "Ta med en vattenflaska och bekväma kläder."),
    ("Kurssin lopuksi pidetään yhteinen esitys.", "Kursen avslutas med en gemensam uppvisning."),
    ("Tilat ovat esteettömät.", "Lokalerna är tillgängliga."),
]
PRICES = [  # fi, sv, en: amounts the mapper reads (with a unit), and texts it keeps as they are
    ("40 € / lukukausi", "40 € / termin", "€40 per term"),
    ("10 €/kerta", "10 €/gång", "€10 per session"),
    ("25 € / kk", "25 € / mån", "€25 per month"),
    ("5–15 €", "5–15 €", "€5–15"),
    ("Jäsenmaksu 30 €, kurssimaksu 60 €", "Medlemsavgift 30 €, kursavgift 60 €", "Membership €30, course €60"),
]


@functools.cache
def yso_activities() -> list[tuple[str, str, str, str]]:
    """(keyword, fi, sv, en) for each YSO keyword the project maps to a category (backend/demo/content.py)."""
    from backend.demo import content

    result = []
    for keyword, _slug, label in content.YSO_MAPPINGS:
        names = [part.split("(")[0].strip() for part in label.split(" / ")]
        fi, sv, en = (names + names[-1:] * 3)[:3]
        result.append((keyword, fi, sv, en))
    return result


def iso_z(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def lipas_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


# --- the generated feeds -----------------------------------------------------------------------------------


@dataclass
class LinkedEventsData:
    base: str  # https://…/linkedevents/v1/ as the API names itself in @id
    places: dict[str, dict] = field(default_factory=dict)
    events: dict[str, dict] = field(default_factory=dict)  # full form, "location" as a place id
    order: list[str] = field(default_factory=list)  # the listing's order
    modified: dict[str, dt.datetime] = field(default_factory=dict)
    subs: dict[str, list[str]] = field(default_factory=dict)  # super event id → its sub-event ids
    kind: dict[str, str] = field(default_factory=dict)  # id → standalone / super / sub
    deleted: set[str] = field(default_factory=set)


@dataclass
class LipasData:
    places: dict[int, dict] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)
    modified: dict[int, dt.datetime] = field(default_factory=dict)
    deleted: dict[int, dt.datetime] = field(default_factory=dict)  # gone from the listing, with the time


def _place(rng: random.Random, base: str, number: int) -> dict:
    district_fi, district_sv, muni, lat, lon = rng.choice(DISTRICTS)
    kind_fi, kind_sv, kind_en = rng.choice(PLACE_KINDS)
    street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
    place_id = f"tprek:{7000 + number}"
    muni_fi, muni_sv = MUNICIPALITY_NAMES[muni]
    return {
        "id": place_id,
        "divisions": [
            {
                "type": "muni",
                "ocd_id": f"ocd-division/country:fi/kunta:{muni}",
                "municipality": None,
                "name": {"fi": muni_fi, "sv": muni_sv},
            }
        ],
        "created_time": None,
        "last_modified_time": "2025-04-25T05:09:10.712132Z",
        "custom_data": None,
        "email": f"paikka{number}@example.fi",
        "contact_type": None,
        "address_region": None,
        "postal_code": f"00{rng.randint(100, 990)}",
        "post_office_box_num": None,
        "address_country": None,
        "deleted": False,
        "n_events": rng.randint(1, 500),
        "image": None,
        "data_source": "tprek",
        "publisher": "ahjo:u021600",
        "parent": None,
        "replaced_by": None,
        "position": {
            "type": "Point",
            "coordinates": [round(lon + rng.uniform(-0.02, 0.02), 5), round(lat + rng.uniform(-0.01, 0.01), 5)],
        },
        "telephone": {"fi": f"+358 9 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"},
        "street_address": {"fi": street, "sv": street, "en": street},
        "info_url": {"fi": f"https://www.hel.fi/paikka/{number}"},
        "name": {"fi": f"{district_fi}n {kind_fi.lower()}", "sv": f"{kind_sv} i {district_sv}", "en": kind_en},
        "address_locality": {"fi": muni_fi, "sv": muni_sv, "en": muni_fi},
        "description": None,
        "@id": f"{base}place/{place_id}/",
        "@context": "http://schema.org",
        "@type": "Place",
    }


def _texts(langs: list[str], fi: str, sv: str, en: str) -> dict[str, str]:
    return {lang: text for lang, text in (("fi", fi), ("sv", sv), ("en", en)) if lang in langs}


def _event(
    rng: random.Random,
    base: str,
    event_id: str,
    activity: tuple[str, str, str, str],
    place_id: str,
    start: dt.datetime,
    end: dt.datetime,
    modified: dt.datetime,
    type_id: str,
    number: int,
) -> dict:
    keyword, act_fi, act_sv, act_en = activity
    audience_fi, audience_sv, audience_en = rng.choice(AUDIENCES)
    langs = ["fi"] + (["sv"] if rng.random() < 0.5 else []) + (["en"] if rng.random() < 0.4 else [])
    names = _texts(
        langs,
        f"{audience_fi} {act_fi.lower()} – ryhmä {number}",
        f"{act_sv.capitalize()} {audience_sv} – grupp {number}",
        f"{audience_en} {act_en.lower()} – group {number}",
    )
    sentences = rng.sample(SENTENCES, 3)
    short = _texts(langs, sentences[0][0], sentences[0][1], f"Join the {act_en.lower()} group.")
    description = _texts(
        langs,
        "".join(f"<p>{s[0]} {act_fi} on hauskaa.</p>" for s in sentences),
        "".join(f"<p>{s[1]}</p>" for s in sentences),
        f"<p>{act_en.capitalize()} for young people.<br>No experience needed.</p>",
    )
    roll = rng.random()
    if roll < 0.4:
        offers = [{"is_free": True, "price": None, "info_url": None, "description": None}]
    elif roll < 0.85:
        fi, sv, en = rng.choice(PRICES)
        offers = [
            {
                "is_free": False,
                "price": _texts(langs, fi, sv, en),
                "info_url": {"fi": f"https://liput.example.fi/{number}"} if rng.random() < 0.5 else None,
                "description": {"fi": "Sisaralennus 20 %."} if rng.random() < 0.2 else None,
            }
        ]
    else:
        offers = []
    images = []
    if rng.random() < 0.7:
        image_id = 100_000 + number
        images.append(
            {
                "id": image_id,
                "license": rng.choice(["cc_by", "event_only"]),
                "created_time": iso_z(modified),
                "last_modified_time": iso_z(modified),
                "name": f"kuva-{image_id}.jpg",
                "url": f"https://api.hel.fi/linkedevents/media/images/bench-{image_id}.jpg",
                "cropping": "",
                "photographer_name": rng.choice(["", "Kuvaaja Kallio", None]),
                "alt_text": rng.choice([f"Nuoria harrastamassa: {act_fi.lower()}", None]),
                "data_source": "helsinki",
                "publisher": "ahjo:u48040030",
                "@id": f"{base}image/{image_id}/",
                "@context": "http://schema.org",
                "@type": "ImageObject",
            }
        )
    ages = rng.random()
    if ages < 0.7:
        age_min, age_max = rng.choice([(12, 17), (13, 17), (10, 15), (15, 19), (12, 29)])
    elif ages < 0.85:
        age_min, age_max = rng.choice([12, 13, 15]), None
    else:
        age_min, age_max = None, None
    keywords = [keyword] + ([rng.choice(yso_activities())[0]] if rng.random() < 0.3 else [])
    enrolment = type_id == "Course" and rng.random() < 0.3
    return {
        "id": event_id,
        "location": place_id,  # replaced by the place or a reference when served
        "keywords": [{"@id": f"{base}keyword/{k}/"} for k in dict.fromkeys(keywords)],
        "super_event": None,
        "event_status": "EventCancelled" if rng.random() < 0.02 else "EventScheduled",
        "type_id": type_id,
        "external_links": [],
        "offers": offers,
        "data_source": "helsinki",
        "publisher": "ahjo:u48040030",
        "sub_events": [],
        "images": images,
        "videos": [],
        "in_language": [{"@id": f"{base}language/{lang}/"} for lang in langs],
        "audience": [{"@id": f"{base}keyword/yso:p11617/"}],
        "created_time": iso_z(modified - dt.timedelta(days=3)),
        "last_modified_time": iso_z(modified),
        "date_published": iso_z(modified),
        "start_time": iso_z(start),
        "end_time": iso_z(end),
        "custom_data": None,
        "audience_min_age": age_min,
        "audience_max_age": age_max,
        "super_event_type": None,
        "deleted": False,
        "replaced_by": None,
        "enrolment_start_time": iso_z(modified) if enrolment else None,
        "enrolment_end_time": iso_z(start - dt.timedelta(days=1)) if enrolment else None,
        "maximum_attendee_capacity": rng.choice([None, 12, 20, 35]),
        "minimum_attendee_capacity": None,
        "short_description": short,
        "location_extra_info": None,
        "name": names,
        "info_url": {"fi": f"https://www.hel.fi/tapahtuma/{number}"},
        "provider": {"fi": rng.choice(PROVIDERS)} if rng.random() < 0.6 else None,
        "provider_contact_info": None,
        "description": description,
        "@id": f"{base}event/{event_id}/",
        "@context": "http://schema.org",
        "@type": "Event/LinkedEvent",
    }


def generate_linkedevents(sizes: Sizes, seed: int, base: str, today: dt.date) -> LinkedEventsData:
    rng = random.Random(f"{seed}-linkedevents")
    data = LinkedEventsData(base=base)
    for i in range(sizes.places):
        place = _place(rng, base, i)
        data.places[place["id"]] = place
    place_ids = list(data.places)
    activities = yso_activities()
    old = dt.datetime(2025, 6, 1, tzinfo=UTC)
    number = 0

    def local_start(day_offset: int) -> dt.datetime:
        day = today + dt.timedelta(days=day_offset)
        return dt.datetime.combine(day, dt.time(rng.choice([15, 16, 17, 18]), rng.choice([0, 30])), tzinfo=HELSINKI)

    def add(event: dict, kind: str) -> None:
        data.events[event["id"]] = event
        data.kind[event["id"]] = kind
        data.modified[event["id"]] = dt.datetime.fromisoformat(event["last_modified_time"])

    remaining = sizes.events
    for _ in range(sizes.supers):
        count = min(rng.randint(*SUB_EVENTS_PER_SUPER), remaining - 1)
        if count < 1:
            break
        number += 1
        super_id = f"helsinki:bench{number:06d}"
        activity, place_id = rng.choice(activities), rng.choice(place_ids)
        first = local_start(rng.randint(1, 60))
        starts = [first + dt.timedelta(weeks=k) for k in range(count)]
        modified = old - dt.timedelta(minutes=rng.randint(0, 500_000))
        series = _event(rng, base, super_id, activity, place_id, starts[0], starts[-1], modified, "Course", number)
        series["super_event_type"] = "recurring"
        sub_ids = []
        for start in starts:
            number += 1
            sub_id = f"helsinki:bench{number:06d}"
            sub = _event(
                rng,
                base,
                sub_id,
                activity,
                place_id,
                start,
                start + dt.timedelta(minutes=90),
                modified,
                "Course",
                number,
            )
            sub["name"] = series["name"]
            sub["super_event"] = {"@id": f"{base}event/{super_id}/"}
            add(sub, "sub")
            sub_ids.append(sub_id)
        series["sub_events"] = [{"@id": f"{base}event/{s}/"} for s in sub_ids]
        series["end_time"] = iso_z(starts[-1] + dt.timedelta(minutes=90))
        add(series, "super")
        data.subs[super_id] = sub_ids
        remaining -= count + 1
    while remaining > 0:
        number += 1
        event_id = f"helsinki:bench{number:06d}"
        start = local_start(rng.randint(1, 120))
        event = _event(
            rng,
            base,
            event_id,
            rng.choice(activities),
            rng.choice(place_ids),
            start,
            start + dt.timedelta(minutes=rng.choice([60, 90, 120])),
            old - dt.timedelta(minutes=rng.randint(0, 500_000)),
            "Course" if rng.random() < 0.65 else "General",
            number,
        )
        add(event, "standalone")
        remaining -= 1
    data.order = list(data.events)
    rng.shuffle(data.order)
    return data


def generate_lipas(sizes: Sizes, seed: int) -> LipasData:
    from importers import lipas

    rng = random.Random(f"{seed}-lipas")
    data = LipasData()
    codes = sorted(lipas.YOUTH_TYPES)
    old = dt.datetime(2025, 6, 1, tzinfo=HELSINKI)
    helsinki = [d for d in DISTRICTS if d[2] == "helsinki"]
    for i in range(sizes.sports_places):
        place_id = 600_000 + i
        code = rng.choice(codes)
        kind = lipas.youth_type(code)
        district_fi, district_sv, _muni, lat, lon = rng.choice(helsinki)
        lat, lon = lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.04, 0.04)
        modified = old - dt.timedelta(minutes=rng.randint(0, 1_000_000), milliseconds=rng.randint(0, 999))
        properties: dict = (
            {"infoFi": f"{kind.lipas_name}, {district_fi}. Avoinna kaikille."} if rng.random() < 0.6 else {}
        )
        if rng.random() < 0.5:
            properties.update(ligthing=rng.random() < 0.7, fieldsCount=float(rng.randint(1, 3)))
        if rng.random() < 0.2:
            properties["accessibilityInfo"] = f"https://www.esteettomyys.example.fi/{place_id}"
        if rng.random() < 0.05:
            properties["mayBeShownInHarrastuspassiFi"] = False
        place = {
            "properties": properties,
            "schoolUse": rng.random() < 0.5,
            "email": f"liikunta{i}@example.fi" if rng.random() < 0.4 else None,
            "admin": "Kunta / liikuntatoimi",
            "www": f"https://www.hel.fi/liikunta/{place_id}" if rng.random() < 0.6 else None,
            "name": f"{district_fi} {kind.lipas_name.lower()} {i}",
            "type": {"typeCode": code, "name": kind.lipas_name},
            "constructionYear": rng.randint(1960, 2024),
            "lastModified": lipas_stamp(modified),
            "sportsPlaceId": place_id,
            "phoneNumber": f"09 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if rng.random() < 0.4 else None,
            "freeUse": rng.choice([True, True, False, None]),
            "location": {
                "geometries": {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [lon, lat]},
                            "properties": {"pointId": 900_000 + i},
                        }
                    ],
                },
                "coordinates": {
                    "wgs84": {"lon": lon, "lat": lat},
                    "tm35fin": {"lon": 385000 + (lon - 24.9) * 55000, "lat": 6672000 + (lat - 60.17) * 111000},
                },
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                "postalCode": f"00{rng.randint(100, 990)}",
                "postalOffice": "Helsinki",
                "neighborhood": district_fi,
                "city": {"name": "Helsinki", "cityCode": 91},
                "locationId": 700_000 + i,
                "sportsPlaces": [place_id],
            },
            "owner": "Kunta",
        }
        if rng.random() < 0.5:
            place["nameLocalized"] = {
                "se": f"{district_sv} {kind.names['sv'].lower()} {i}",
                "en": f"{kind.names['en']} {i}",
            }
        place = {key: value for key, value in place.items() if value is not None}
        data.places[place_id] = place
        data.modified[place_id] = modified
        data.order.append(place_id)
    return data


# --- the server --------------------------------------------------------------------------------------------


def _parse_le_since(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=HELSINKI)


def _parse_lipas_time(text: str) -> dt.datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=HELSINKI)
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class Served:
    """What the server sent since the last reset (counted per record, so re-reads count again)."""

    requests: int = 0
    events: int = 0
    places: set[str] = field(default_factory=set)  # Linked Events places, inline or from place/<id>/
    sports_places: int = 0
    deleted_ids: int = 0
    bytes: int = 0


class Feeds:
    """The generated data of both sources and the answers to the API requests the importers send."""

    def __init__(self, le: LinkedEventsData, lipas: LipasData, url: str):
        self.le = le
        self.lipas = lipas
        self.url = url  # http://127.0.0.1:PORT
        self.lock = threading.Lock()
        self.cache: dict[tuple, tuple[int, dict, bytes, int, set, int]] = {}
        self.served = Served()

    # --- Linked Events ---

    def _le_ids(self, params: dict) -> list[str]:
        le = self.le
        ids = le.subs.get(params["super_event"], []) if params.get("super_event") else le.order
        types = set(params.get("event_type", "General").split(","))
        show_deleted = params.get("show_deleted", "").lower() == "true"
        since = _parse_le_since(params["last_modified_since"]) if params.get("last_modified_since") else None
        result = []
        for event_id in ids:
            if event_id in le.deleted:
                if show_deleted and (since is None or le.modified[event_id] >= since):
                    result.append(event_id)
                continue
            if le.events[event_id]["type_id"] not in types:
                continue
            if since is not None and le.modified[event_id] < since:
                continue
            result.append(event_id)
        return result

    def _le_event(self, event_id: str, inline: bool, places: set) -> dict:
        le = self.le
        event = le.events[event_id]
        if event_id in le.deleted:
            return {
                "id": event_id,
                "name": {"fi": "POISTETTU", "sv": "RADERAD", "en": "DELETED"},
                "last_modified_time": event["last_modified_time"],
                "deleted": True,
                "replaced_by": None,
            }
        place_id = event["location"]
        if inline:
            places.add(place_id)
            location = le.places[place_id]
        else:
            location = {"@id": f"{le.base}place/{place_id}/"}
        return {**event, "location": location}

    def le_list(self, path: str, params: dict) -> tuple[int, dict, bytes, int, set, int]:
        ids = self._le_ids(params)
        size = max(1, min(100, int(params.get("page_size") or 20)))
        page = max(1, int(params.get("page") or 1))
        chunk = ids[(page - 1) * size : page * size]
        inline = "location" in params.get("include", "").split(",")
        places: set[str] = set()
        data = [self._le_event(event_id, inline, places) for event_id in chunk]

        def link(number: int) -> str | None:
            if number < 1 or (number - 1) * size >= len(ids):
                return None
            return f"{self.url}{path}?{urlencode({**params, 'page': number}, safe=',:')}"

        meta = {"count": len(ids), "next": link(page + 1), "previous": link(page - 1)}
        body = json.dumps({"meta": meta, "data": data}, ensure_ascii=False).encode()
        return 200, {}, body, len(data), places, 0

    def le_one(self, kind: str, item_id: str, params: dict) -> tuple[int, dict, bytes, int, set, int]:
        le = self.le
        if kind == "place" and item_id in le.places:
            return 200, {}, json.dumps(le.places[item_id], ensure_ascii=False).encode(), 0, {item_id}, 0
        if kind == "event" and item_id in le.events:
            inline = "location" in params.get("include", "").split(",")
            places: set[str] = set()
            body = json.dumps(self._le_event(item_id, inline, places), ensure_ascii=False).encode()
            return 200, {}, body, 1, places, 0
        return 404, {}, b'{"detail": "Not found."}', 0, set(), 0

    # --- Lipas ---

    def lipas_list(self, path: str, params: dict) -> tuple[int, dict, bytes, int, set, int]:
        lipas = self.lipas
        types = {int(c) for c in params["typeCodes"].split(",")} if params.get("typeCodes") else None
        cities = {int(c) for c in params["cityCodes"].split(",")} if params.get("cityCodes") else None
        after = _parse_lipas_time(params["modifiedAfter"]) if params.get("modifiedAfter") else None
        ids = []
        for place_id in lipas.order:
            if place_id in lipas.deleted:
                continue
            place = lipas.places[place_id]
            if types is not None and place["type"]["typeCode"] not in types:
                continue
            if cities is not None and place["location"]["city"]["cityCode"] not in cities:
                continue
            if after is not None and lipas.modified[place_id] <= after:
                continue
            ids.append(place_id)
        size = max(1, min(100, int(params.get("pageSize") or 50)))
        page = max(1, int(params.get("page") or 1))
        chunk = ids[(page - 1) * size : page * size]
        wanted = {f.split(".")[0] for f in params.get("fields", "").split(",") if f} | {"sportsPlaceId"}
        if params.get("fields"):
            data = [{k: v for k, v in lipas.places[i].items() if k in wanted} for i in chunk]
        else:
            data = [{"sportsPlaceId": i} for i in chunk]
        body = json.dumps(data, ensure_ascii=False).encode()
        pages = max(1, -(-len(ids) // size))
        if pages == 1:
            return 200, {}, body, len(data), set(), 0

        def target(number: int) -> str:
            return f"<{path}?{urlencode({**params, 'page': number}, safe=',:')}>"

        links = []
        if page < pages:
            links.append(f'{target(page + 1)}; rel="next"')
        links += [f'{target(pages)}; rel="last"', f'{target(1)}; rel="first"']
        if page > 1:
            links.append(f'{target(page - 1)}; rel="prev"')
        return 206, {"X-total-count": str(len(ids)), "Link": ", ".join(links)}, body, len(data), set(), 0

    def lipas_deleted(self, params: dict) -> tuple[int, dict, bytes, int, set, int]:
        since = _parse_lipas_time(params["since"]) if params.get("since") else None
        data = [
            {"sportsPlaceId": place_id, "deletedAt": lipas_stamp(moment)}
            for place_id, moment in self.lipas.deleted.items()
            if since is None or moment >= since
        ]
        return 200, {}, json.dumps(data).encode(), 0, set(), len(data)

    # --- dispatch ---

    def answer(self, target: str) -> tuple[int, dict, bytes]:
        parts = urlsplit(target)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        key = (parts.path, tuple(sorted(params.items())))
        with self.lock:
            cached = self.cache.get(key)
            if cached is None:
                cached = self._route(parts.path, params)
                if cached[0] == 200 or cached[0] == 206:
                    self.cache[key] = cached
            status, headers, body, events, places, deleted = cached
            served = self.served
            served.requests += 1
            served.bytes += len(body)
            served.places |= places
            served.deleted_ids += deleted
            if parts.path.startswith("/lipas/"):
                served.sports_places += events
            else:
                served.events += events
        return status, headers, body

    def _route(self, path: str, params: dict) -> tuple[int, dict, bytes, int, set, int]:
        segments = [s for s in path.split("/") if s]
        if segments[:2] == ["linkedevents", "v1"]:
            rest = segments[2:]
            if rest == ["event"]:
                return self.le_list(path, params)
            if len(rest) == 2 and rest[0] in ("event", "place"):
                return self.le_one(rest[0], rest[1], params)
        if segments[:2] == ["lipas", "v1"]:
            if segments[2:] == ["sports-places"]:
                return self.lipas_list(path, params)
            if segments[2:] == ["deleted-sports-places"]:
                return self.lipas_deleted(params)
        return 404, {}, b'{"detail": "Not found."}', 0, set(), 0

    def reset_counters(self) -> Served:
        with self.lock:
            served, self.served = self.served, Served()
        return served

    def changed(self) -> None:
        with self.lock:
            self.cache.clear()


def start_server(feeds_factory) -> tuple[ThreadingHTTPServer, Feeds]:
    holder: dict[str, Feeds] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - the name http.server calls
            try:
                status, headers, body = holder["feeds"].answer(self.path)
            except Exception as exc:  # a bug of the bench: say it, answer 500
                print(f"bench server: {self.path}: {type(exc).__name__}: {exc}", file=sys.stderr)
                status, headers, body = 500, {}, b'{"detail": "bench server error"}'
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    feeds = feeds_factory(f"http://{host}:{port}")
    holder["feeds"] = feeds
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server, feeds


def warm_up(feeds: Feeds, source: str) -> tuple[int, float]:
    """Serialise every page of the full listing a first run asks for (the server then answers from its cache)."""
    from importers.fetch import HttpFetcher
    from importers.sources import KINDS, get_source

    started = time.perf_counter()
    src = get_source(source)
    fetcher = HttpFetcher(location(feeds, source), source=source)
    pages = KINDS[src.kind](src, fetcher)
    if src.kind == "lipas":
        count = sum(1 for _ in fetcher.pages_by_link("sports-places", pages._params()))
    else:
        count = sum(1 for _ in fetcher.pages_by_next("event/", pages._params()))
    feeds.reset_counters()
    return count, time.perf_counter() - started


def location(feeds: Feeds, source: str) -> str:
    return f"{feeds.url}/{source}/v1/"


# --- the changes of the incremental run ------------------------------------------------------------------------


@dataclass
class Changes:
    renamed: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    expected_updated: int = 0
    expected_deleted: int = 0
    notes: list[str] = field(default_factory=list)


def change_linkedevents(feeds: Feeds, share: float, delete_share: float, seed: int) -> Changes:
    rng = random.Random(f"{seed}-linkedevents-changes")
    le = feeds.le
    now = dt.datetime.now(UTC)
    candidates = [e for e in le.order if e not in le.deleted]
    renamed = rng.sample(candidates, max(1, round(len(candidates) * share)))
    left = [e for e in candidates if e not in set(renamed) and le.kind[e] != "super"]
    deleted = rng.sample(left, max(1, round(len(candidates) * delete_share))) if delete_share > 0 else []
    with feeds.lock:
        for event_id in renamed:
            event = le.events[event_id]
            event["name"] = {lang: text + CHANGED_SUFFIX[lang] for lang, text in event["name"].items()}
            event["last_modified_time"] = iso_z(now)
            le.modified[event_id] = now
        for event_id in deleted:
            le.deleted.add(event_id)
            le.events[event_id]["last_modified_time"] = iso_z(now)
            le.modified[event_id] = now
        feeds.cache.clear()
    # what the run should report: a renamed sub-event changes nothing of its series' hobby (its name is not
    # used); a deleted sub-event is listed without its super event (the API's deleted form) and removes its
    # session on the listing page, before any series is read again
    super_of = {sub: sup for sup, subs in le.subs.items() for sub in subs}
    touched = {super_of[e] for e in renamed if le.kind[e] == "sub"} | {e for e in renamed if le.kind[e] == "super"}
    hobbies = {e for e in renamed if le.kind[e] in ("standalone", "super")}
    changes = Changes(renamed=renamed, deleted=deleted)
    changes.expected_updated = len(hobbies)
    # a deleted standalone event hides its hobby; a deleted sub-event removes its session (both count deleted)
    changes.expected_deleted = sum(1 for e in deleted if le.kind[e] in ("standalone", "sub"))
    standalone = sum(1 for e in deleted if le.kind[e] == "standalone")
    kinds = {kind: sum(1 for e in renamed if le.kind[e] == kind) for kind in ("standalone", "super", "sub")}
    changes.notes.append(
        f"renamed {len(renamed)} events ({kinds['standalone']} standalone, {kinds['super']} super events, "
        f"{kinds['sub']} sub-events of {len(touched)} series), deleted {len(deleted)} "
        f"({standalone} standalone, {len(deleted) - standalone} sub-events)"
    )
    return changes


def change_lipas(feeds: Feeds, share: float, delete_share: float, seed: int, with_hobby: set[str]) -> Changes:
    rng = random.Random(f"{seed}-lipas-changes")
    lipas = feeds.lipas
    now = dt.datetime.now(HELSINKI)
    candidates = [p for p in lipas.order if p not in lipas.deleted]
    renamed = rng.sample(candidates, max(1, round(len(candidates) * share)))
    left = [p for p in candidates if p not in set(renamed)]
    deleted = rng.sample(left, max(1, round(len(candidates) * delete_share))) if delete_share > 0 else []
    with feeds.lock:
        for place_id in renamed:
            place = lipas.places[place_id]
            place["name"] += CHANGED_SUFFIX["fi"]
            place["lastModified"] = lipas_stamp(now)
            lipas.modified[place_id] = now
        for place_id in deleted:
            lipas.deleted[place_id] = now
        feeds.cache.clear()
    changes = Changes(renamed=renamed, deleted=deleted)
    changes.expected_updated = sum(2 if str(p) in with_hobby else 1 for p in renamed)
    changes.expected_deleted = sum(2 if str(p) in with_hobby else 1 for p in deleted)
    changes.notes.append(f"renamed {len(renamed)} sports places, deleted {len(deleted)}")
    return changes


# --- one import run in its own process ------------------------------------------------------------------------


def rss_kb(key: str = "VmHWM") -> int:
    """This process's peak (``VmHWM``) or current (``VmRSS``) resident set size in kB.

    The peak is read from /proc/self/status, not from ``getrusage().ru_maxrss``: on Linux ``ru_maxrss`` survives
    exec, so it includes the RSS the parent had when it started the worker (here: the generated feeds).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{key}:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Phases:
    """Wall time spent in each layer of the import, measured by wrapping a few functions (outermost call only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.rss_mb: list[int] = []  # resident memory after each saved page
        self._active: set[str] = set()

    def wrap(self, owner, name: str, phase: str) -> None:
        original = getattr(owner, name)
        phases = self

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if phase in phases._active:
                return original(*args, **kwargs)
            phases._active.add(phase)
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                phases.seconds[phase] = phases.seconds.get(phase, 0.0) + time.perf_counter() - started
                phases._active.discard(phase)
                if phase == "save":
                    phases.rss_mb.append(rss_kb("VmRSS") // 1024)

        setattr(owner, name, staticmethod(timed) if isinstance(owner.__dict__.get(name), staticmethod) else timed)

    def install(self) -> None:
        from backend.hobbies import search
        from importers import engine, fetch, linkedevents, lipas

        self.wrap(fetch.HttpFetcher, "get_json", "fetch")
        for module, names in ((linkedevents, ("map_event", "map_place", "map_sub_events")), (lipas, ("map_place",))):
            for name in names:
                self.wrap(module, name, "map")
        self.wrap(lipas, "map_open_use", "map")
        self.wrap(engine.SyncEngine, "_save_page", "save")
        self.wrap(engine, "_validate", "save: validate")
        self.wrap(engine.SyncEngine, "_write", "save: insert/update rows")
        self.wrap(engine.SyncEngine, "_save_sessions", "save: sessions")
        self.wrap(engine.SyncEngine, "_save_categories", "save: categories")
        self.wrap(engine, "refresh_next_sessions", "save: next sessions")
        self.wrap(search, "changed", "save: search reindex")
        self.wrap(engine.SyncEngine, "_delete_unseen", "delete unseen")


def worker(source: str, url: str, since: str | None, profile: str | None) -> None:
    """Run one import and print its figures as one JSON line (the parent reads the last line)."""
    setup_django(url)
    from importers.models import ImportRun
    from importers.sources import run_import

    baseline = rss_kb()
    phases = Phases()
    phases.install()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    cpu = time.process_time()
    run = run_import(source, location=os.environ["BENCH_LOCATION"], since=since)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    result = {
        "seconds": elapsed,
        "cpu": cpu,
        "baseline_kb": baseline,
        "peak_kb": rss_kb(),
        "status": run.status,
        "succeeded": run.status == ImportRun.Status.SUCCEEDED,
        "counts": {n: getattr(run, n) for n in ("created", "updated", "unchanged", "deleted", "skipped", "failed")},
        "errors": run.errors[:5],
        "message": run.message,
        "phases": phases.seconds,
        "rss_mb": phases.rss_mb,
    }
    print(json.dumps(result), flush=True)


@dataclass
class RunResult:
    label: str
    seconds: float
    cpu: float
    peak_mb: float
    baseline_mb: float
    status: str
    succeeded: bool
    counts: dict
    errors: list
    served: Served
    message: str
    phases: dict
    rss_mb: list


def run_worker(
    url: str, feeds: Feeds, source: str, label: str, since: dt.datetime | None = None, profile: bool = False
) -> RunResult:
    from django.db import connections

    connections.close_all()  # SQLite: no connection of this process in the way of the worker's writes
    feeds.reset_counters()
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", source]
    if since is not None:
        command += ["--since", since.isoformat()]
    if profile:
        command += ["--profile", str(VAR / f"bench-import-{source}-{label.replace(' ', '-')}.prof")]
    env = {**_env(url), "BENCH_LOCATION": location(feeds, source)}
    process = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False)
    served = feeds.reset_counters()
    lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        sys.exit(f"bench: the {source} {label} worker failed (exit {process.returncode}):\n{process.stdout}")
    data = json.loads(lines[-1])
    return RunResult(
        label=label,
        seconds=data["seconds"],
        cpu=data["cpu"],
        peak_mb=data["peak_kb"] / 1024,
        baseline_mb=data["baseline_kb"] / 1024,
        status=data["status"],
        succeeded=data["succeeded"],
        counts=data["counts"],
        errors=data["errors"],
        served=served,
        message=data["message"],
        phases=data["phases"],
        rss_mb=data["rss_mb"],
    )


# --- checks and output -----------------------------------------------------------------------------------------


def database_state(source: str) -> dict[str, int]:
    from backend.hobbies.models import Hobby, Session, Venue

    return {
        "venues": Venue.objects.filter(data_source=source, deleted=False).count(),
        "hobbies": Hobby.objects.filter(data_source=source, expired=False).count(),
        "live": Hobby.objects.filter(data_source=source, live=True).count(),
        "sessions": Session.objects.filter(data_source=source).count(),
        "categorised": Hobby.objects.filter(data_source=source, categories__isnull=False).distinct().count(),
        "indexed": _indexed(source),
    }


def _indexed(source: str) -> int:
    from django.db import connection

    from backend.hobbies import search
    from backend.hobbies.models import Hobby

    ids = set(Hobby.objects.filter(data_source=source).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT hobby_id FROM {search.PG_TABLE}")  # noqa: S608 - a constant table name
        else:
            cursor.execute(f"SELECT rowid FROM {search.SQLITE_TABLE}")  # noqa: S608
        return sum(1 for (pk,) in cursor.fetchall() if pk in ids)


def fmt_counts(counts: dict) -> str:
    return ", ".join(f"{name} {counts[name]:,}" for name in counts)


def check(problems: list[str], ok: bool, text: str) -> str:
    if not ok:
        problems.append(text)
    return "ok" if ok else "MISMATCH"


@dataclass
class SourceReport:
    source: str
    records: int = 0
    first: RunResult | None = None
    rerun: RunResult | None = None
    incremental: RunResult | None = None
    problems: list[str] = field(default_factory=list)


def print_run(run: RunResult, records: int | None = None) -> None:
    rate = f" → {records / run.seconds:,.0f} records/s" if records else ""
    served = run.served
    read = f"{served.events:,} events, {len(served.places):,} places" if served.events else ""
    if served.sports_places or served.deleted_ids or not read:
        read = f"{served.sports_places:,} sports places, {served.deleted_ids:,} deleted ids"
    print(
        f"  {run.label:<12} {run.seconds:7.2f} s (CPU {run.cpu:6.2f} s){rate}; peak RSS {run.peak_mb:5.0f} MB "
        f"(after Django setup {run.baseline_mb:.0f} MB); {served.requests:,} requests, "
        f"{served.bytes / 1e6:,.1f} MB read: {read}"
    )
    phases = run.phases
    save = phases.get("save", 0.0)
    rest = run.seconds - save - phases.get("fetch", 0.0) - phases.get("map", 0.0) - phases.get("delete unseen", 0.0)
    parts = [f"fetch {phases.get('fetch', 0):.2f}", f"map {phases.get('map', 0):.2f}", f"save {save:.2f} ("]
    inner = [f"{name[6:]} {value:.2f}" for name, value in sorted(phases.items()) if name.startswith("save: ")]
    inner.append(f"rest {save - sum(v for n, v in phases.items() if n.startswith('save: ')):.2f})")
    parts[-1] += ", ".join(inner)
    if "delete unseen" in phases:
        parts.append(f"delete unseen {phases['delete unseen']:.2f}")
    parts.append(f"other {rest:.2f}")
    print(f"               seconds: {', '.join(parts)}")
    if len(run.rss_mb) > 1:
        rss = run.rss_mb
        marks = sorted({0, len(rss) // 4, len(rss) // 2, 3 * len(rss) // 4, len(rss) - 2, len(rss) - 1})
        shown = ", ".join(f"{i + 1}: {rss[i]}" for i in marks if 0 <= i < len(rss))
        print(f"               RSS MB after page {shown} (of {len(rss)} pages)")
    print(f"               ImportRun {run.status}: {fmt_counts(run.counts)}")
    if run.errors:
        print(f"               first errors: {run.errors}")


def bench_source(source: str, url: str, feeds: Feeds, options) -> SourceReport:
    report = SourceReport(source)
    problems = report.problems
    print(f"\n== {source} ==", flush=True)
    pages, seconds = warm_up(feeds, source)
    print(f"  the server serialised the {pages} pages of the full listing in {seconds:.1f} s (not timed)")

    # first run
    first = report.first = run_worker(url, feeds, source, "first run", profile=bool(options.profile))
    if source == "linkedevents":
        le = feeds.le
        report.records = first.served.events + len(first.served.places)
        hobbies = sum(1 for k in le.kind.values() if k != "sub")
        sessions = sum(1 for k in le.kind.values() if k != "super")
        venues = len({event["location"] for event in le.events.values()})
        expected = {"venues": venues, "hobbies": hobbies, "sessions": sessions}
        print(
            f"  feed: {len(le.events):,} events ({sum(1 for k in le.kind.values() if k == 'super'):,} recurring "
            f"super events with {sum(1 for k in le.kind.values() if k == 'sub'):,} sub-events, "
            f"{sum(1 for k in le.kind.values() if k == 'standalone'):,} standalone) at {len(le.places):,} places"
        )
    else:
        from importers import lipas

        report.records = first.served.sports_places
        shown = [
            p
            for p in feeds.lipas.places.values()
            if lipas.may_be_shown(p) and p["type"]["typeCode"] in lipas.YOUTH_TYPES
        ]
        expected = {"venues": len(feeds.lipas.places), "hobbies": len(shown), "sessions": 0}
        print(f"  feed: {len(feeds.lipas.places):,} sports places ({len(shown):,} to become open-use hobbies)")
    print_run(first, report.records)
    state = database_state(source)
    want_created = expected["venues"] + expected["hobbies"]
    ok = (
        first.succeeded
        and first.counts["created"] == want_created
        and not first.counts["skipped"]
        and not first.counts["failed"]
    )
    print(
        f"               expected created {want_created:,} ({expected['venues']:,} venues + {expected['hobbies']:,} "
        f"hobbies): {check(problems, ok, f'{source} first run: counts or status')}"
    )
    ok = all(state[k] == expected[k] for k in ("venues", "hobbies", "sessions")) and state["live"] == state["hobbies"]
    print(
        f"               database: {state['venues']:,} venues, {state['hobbies']:,} hobbies ({state['live']:,} live, "
        f"{state['categorised']:,} with a category, {state['indexed']:,} in the search index), {state['sessions']:,} "
        f"sessions (expected {expected['sessions']:,}): {check(problems, ok, f'{source} first run: database rows')}"
    )
    check(problems, state["indexed"] == state["hobbies"], f"{source}: search index incomplete after the first run")

    # no-op re-run
    rerun = report.rerun = run_worker(url, feeds, source, "no-op re-run", profile=bool(options.profile))
    print_run(rerun)
    changed = rerun.counts["created"] + rerun.counts["updated"] + rerun.counts["deleted"]
    ok = rerun.succeeded and changed == 0 and rerun.counts["unchanged"] == first.counts["created"]
    print(
        f"               {first.seconds / rerun.seconds:.1f}× faster than the first run (target ≥ "
        f"{TARGET_RERUN_SPEEDUP:.0f}×); nothing created/updated/deleted: {check(problems, ok, f'{source} re-run')}"
    )

    # incremental run after 1 % of changes
    from django.utils import timezone

    since = timezone.now()
    time.sleep(0.05)
    if source == "linkedevents":
        changes = change_linkedevents(feeds, options.changes, options.deletions, options.seed)
    else:
        from backend.hobbies.models import Hobby

        with_hobby = {
            o.removesuffix("-open-use")
            for o in Hobby.objects.filter(data_source=source).values_list("origin_id", flat=True)
        }
        changes = change_lipas(feeds, options.changes, options.deletions, options.seed, with_hobby)
    incremental = report.incremental = run_worker(
        url, feeds, source, "incremental", since=since, profile=bool(options.profile)
    )
    print(f"  changes:     {'; '.join(changes.notes)}; since={since.isoformat(timespec='milliseconds')}")
    print_run(incremental)
    counts = incremental.counts
    ok = (
        incremental.succeeded
        and counts["updated"] == changes.expected_updated
        and counts["deleted"] == changes.expected_deleted
        and counts["created"] == 0
    )
    print(
        f"               expected updated {changes.expected_updated:,}, deleted {changes.expected_deleted:,}: "
        f"{check(problems, ok, f'{source} incremental: counts or status')}"
    )
    after_checks(source, feeds, changes, problems)
    return report


def after_checks(source: str, feeds: Feeds, changes: Changes, problems: list[str]) -> None:
    """Did the changes land: new titles (also in the search index), deleted hobbies gone, sessions of deleted
    sub-events gone?"""
    from backend.hobbies import search
    from backend.hobbies.models import Hobby, Session, Venue

    indent = " " * 15
    renamed_titles = Hobby.objects.filter(data_source=source, title_fi__endswith=CHANGED_SUFFIX["fi"])
    found, _ranked = search.search(Hobby.objects.filter(data_source=source), CHANGED_SUFFIX["fi"].strip(" ()"))
    verdict = check(problems, found.count() == renamed_titles.count(), f"{source}: search index not updated")
    print(f"{indent}search finds the new titles: {found.count():,}/{renamed_titles.count():,} {verdict}")
    if source == "linkedevents":
        le = feeds.le
        hobby_ids = [e for e in changes.renamed if le.kind[e] in ("standalone", "super")]
        titled = Hobby.objects.filter(
            data_source=source, origin_id__in=hobby_ids, title_fi__endswith=CHANGED_SUFFIX["fi"]
        ).count()
        gone = [e for e in changes.deleted if le.kind[e] == "standalone"]
        hidden = Hobby.objects.filter(data_source=source, origin_id__in=gone, live=False, expired=True).count()
        verdict = check(problems, titled == len(hobby_ids) and hidden == len(gone), f"{source}: changes not applied")
        print(
            f"{indent}renamed hobbies with the new title {titled:,}/{len(hobby_ids):,}; deleted hobbies hidden "
            f"{hidden:,}/{len(gone):,}: {verdict}"
        )
        deleted_subs = [e for e in changes.deleted if le.kind[e] == "sub"]
        if deleted_subs:
            kept = Session.objects.filter(data_source=source, origin_id__in=deleted_subs).count()
            verdict = check(
                problems,
                kept == 0,
                f"{source}: {kept} of the {len(deleted_subs)} sessions of deleted sub-events kept after the "
                "incremental run",
            )
            print(
                f"{indent}sessions of the {len(deleted_subs):,} deleted sub-events still in the database: {kept:,} "
                f"{verdict}"
            )
    else:
        renamed = [str(p) for p in changes.renamed]
        titled = Venue.objects.filter(
            data_source=source, origin_id__in=renamed, name_fi__endswith=CHANGED_SUFFIX["fi"]
        ).count()
        gone = [str(p) for p in changes.deleted]
        deleted = Venue.objects.filter(data_source=source, origin_id__in=gone, deleted=True).count()
        verdict = check(problems, titled == len(renamed) and deleted == len(gone), f"{source}: changes not applied")
        print(
            f"{indent}renamed venues with the new name {titled:,}/{len(renamed):,}; deleted venues "
            f"{deleted:,}/{len(gone):,}: {verdict}"
        )


def print_summary(reports: list[SourceReport], vendor: str, version: str) -> None:
    print(f"\n== summary ({vendor} {version}; {os.cpu_count()} CPUs shared by importer, server and database) ==")
    header = (
        f"{'source':<13}{'records':>9}{'first s':>9}{'rec/s':>8}{'re-run s':>10}{'speedup':>9}"
        f"{'incr. s':>9}{'peak MB':>9}"
    )
    print(header)
    for r in reports:
        peak = max(r.first.peak_mb, r.rerun.peak_mb, r.incremental.peak_mb)
        print(
            f"{r.source:<13}{r.records:>9,}{r.first.seconds:>9.1f}{r.records / r.first.seconds:>8,.0f}"
            f"{r.rerun.seconds:>10.1f}{r.first.seconds / r.rerun.seconds:>8.1f}×"
            f"{r.incremental.seconds:>9.1f}{peak:>9.0f}"
        )
    records = sum(r.records for r in reports)
    first = sum(r.first.seconds for r in reports)
    rerun = sum(r.rerun.seconds for r in reports)
    incremental = sum(r.incremental.seconds for r in reports)
    peak = max(max(r.first.peak_mb, r.rerun.peak_mb, r.incremental.peak_mb) for r in reports)
    print(
        f"{'total':<13}{records:>9,}{first:>9.1f}{records / first:>8,.0f}{rerun:>10.1f}{first / rerun:>8.1f}×"
        f"{incremental:>9.1f}{peak:>9.0f}"
    )
    verdict = [
        f"first run {records / first:,.0f} records/s (target ≥ {TARGET_RECORDS_PER_S:,}): "
        + ("met" if records / first >= TARGET_RECORDS_PER_S else "NOT met"),
        f"re-run {first / rerun:.1f}× faster (target ≥ {TARGET_RERUN_SPEEDUP:.0f}×): "
        + ("met" if first / rerun >= TARGET_RERUN_SPEEDUP else "NOT met"),
        f"peak memory {peak:.0f} MB (target < {TARGET_PEAK_MB}): " + ("met" if peak < TARGET_PEAK_MB else "NOT met"),
    ]
    for r in reports:
        if r.records / r.first.seconds < TARGET_RECORDS_PER_S or r.first.seconds / r.rerun.seconds < 3:
            verdict.append(
                f"{r.source}: {r.records / r.first.seconds:,.0f} records/s, "
                f"re-run {r.first.seconds / r.rerun.seconds:.1f}×"
            )
    print("targets: " + "; ".join(verdict))
    problems = [p for r in reports for p in r.problems]
    print("checks: " + ("all passed" if not problems else f"{len(problems)} failed: " + "; ".join(problems)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20,000 events and 10,000 places (default 1)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", help="comma-separated sources: linkedevents,lipas (default both)")
    parser.add_argument("--changes", type=float, default=0.01, help="share renamed before the incremental run")
    parser.add_argument("--deletions", type=float, default=0.001, help="share deleted before the incremental run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--since", help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile",
        nargs="?",
        const="yes",
        help="run each import under cProfile: var/bench-import-<source>-<run>.prof (slower; for finding hot spots)",
    )
    options = parser.parse_args()
    url = bench_database_url()
    if options.worker:
        worker(options.worker, url, options.since, options.profile)
        return
    chosen = [s.strip() for s in (options.only or ",".join(SOURCES)).split(",") if s.strip()]
    unknown = set(chosen) - set(SOURCES)
    if unknown:
        sys.exit(f"bench: unknown sources {sorted(unknown)}; choose from {', '.join(SOURCES)}")

    vendor = "PostgreSQL" if is_postgres(url) else "SQLite"
    parts = urlsplit(url)
    shown = parts._replace(netloc=f"{parts.hostname}:{parts.port or 5432}").geturl() if is_postgres(url) else url
    print(f"bench database: {vendor} {shown} (emptied now)", flush=True)
    recreate_database(url)
    print(f"migrated in {migrate(url):.1f} s", flush=True)
    setup_django(url)
    categories, mappings = seed_reference_data()
    from django.db import connection
    from django.utils import timezone

    if vendor == "PostgreSQL":
        number = connection.cursor().connection.info.server_version
        version = f"{number // 10000}.{number % 10000}"
    else:
        version = connection.Database.sqlite_version
    print(f"seeded 3 municipalities, {categories} categories and {mappings} category mappings")

    sizes = Sizes.at(options.scale)
    started = time.perf_counter()
    today = timezone.localdate(timezone=HELSINKI)
    le = generate_linkedevents(sizes, options.seed, "https://api.hel.fi/linkedevents/v1/", today)
    lipas_data = generate_lipas(sizes, options.seed)
    server, feeds = start_server(lambda server_url: Feeds(le, lipas_data, server_url))
    print(
        f"generated the feeds (seed {options.seed}, scale {options.scale}) in {time.perf_counter() - started:.1f} s; "
        f"serving them on {feeds.url}",
        flush=True,
    )
    load_before = os.getloadavg()[0]
    reports = []
    try:
        for source in chosen:
            reports.append(bench_source(source, url, feeds, options))
    finally:
        server.shutdown()
        server.server_close()
    print_summary(reports, vendor, str(version))
    print(
        f"machine: {os.cpu_count()} CPUs shared by the importer, the feed server and the database; load average "
        f"(1 min) {load_before:.2f} before the runs, {os.getloadavg()[0]:.2f} after them (other work on the machine "
        "shows as wall time above CPU time)"
    )


if __name__ == "__main__":
    main()
