"""Turn the hand-written templates into concrete hobbies, sessions and benefits (no database).

Deterministic: the hobbies come from one ``random.Random(SEED)`` whose use does not depend on the
date, so a hobby keeps its text, price and weekly schedule from week to week. Dates are anchored
to the Monday of the given week in Helsinki time, and a session's cancellation is decided by
its own seed, so two runs in the same week give identical rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from .content_benefits import BENEFITS
from .content_hobbies import (
    FREE_PRICE_TEXTS,
    GIRLS_SENTENCE,
    GIRLS_SUFFIX,
    LANGUAGE_SENTENCES,
    LEVEL_SENTENCES,
    LEVEL_SUFFIXES,
    NO_SIGNUP_SENTENCE,
    PRICE_EXTRAS,
    PRICE_UNIT_TEXTS,
    SIGNUP_SENTENCE,
    SWEDISH_GROUP_SENTENCE,
    TRIAL_SENTENCE,
    HobbyTemplate,
)
from .content_hobbies_active import ACTIVE_TEMPLATES
from .content_hobbies_culture import CULTURE_TEMPLATES
from .content_providers import OPEN_USE, ORGANIZATIONS, VENUE_KINDS, OrganizationSpec

SEED = 20260
HELSINKI = ZoneInfo("Europe/Helsinki")
WEEKS = 13  # about three months of sessions
LANGS = ("fi", "sv", "en")
TEMPLATES: dict[str, HobbyTemplate] = {t.key: t for t in ACTIVE_TEMPLATES + CULTURE_TEMPLATES}
GIRLS_VARIANT_TEMPLATES = {"koris", "sahly", "salivuoro", "skeittikoulu", "koodikerho", "bandi", "esports", "peli-ilta"}
# the kinds of venue a hobby of a category prefers, best first; other categories prefer rooms
CATEGORY_PLACES = {
    "football": ("field", "hall"),
    "basketball": ("hall",),
    "floorball": ("hall",),
    "martial-arts": ("hall", "room"),
    "fitness": ("hall", "room"),
    "swimming": ("pool",),
    "esports": ("gaming", "room"),
    "board-games": ("gaming", "room"),
    "chess": ("gaming", "room"),
    "cooking-club": ("kitchen", "room"),
    "baking": ("kitchen", "room"),
}
START_TIMES = {
    "afternoon": (dt.time(14, 30), dt.time(15, 0), dt.time(15, 30), dt.time(16, 0)),
    "evening": (dt.time(17, 0), dt.time(17, 30), dt.time(18, 0), dt.time(18, 30), dt.time(19, 0)),
    "saturday": (dt.time(10, 0), dt.time(10, 0), dt.time(11, 0), dt.time(12, 0)),
}


@dataclass
class SessionRow:
    origin_id: str
    start: dt.datetime
    end: dt.datetime
    cancelled: bool


@dataclass
class HobbyRow:
    origin_id: str
    organization: str  # slug
    venue: int  # venue number
    categories: tuple[str, ...]
    template: str | None
    values: dict  # model fields without foreign keys
    sessions: list[SessionRow] = field(default_factory=list)


@dataclass
class BenefitRow:
    origin_id: str
    organization: str
    hobby: str | None  # hobby origin id
    values: dict


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=HELSINKI)


def _texts(name: str, triple, langs: set[str]) -> dict[str, str]:
    return {f"{name}_{lang}": (text if lang in langs else "") for lang, text in zip(LANGS, triple, strict=True)}


def _join(*parts) -> tuple[str, str, str]:
    """Join (fi, sv, en) sentence triples language by language."""
    return tuple(" ".join(p[i] for p in parts if p and p[i]) for i in range(3))


def _price(rng: random.Random, template: HobbyTemplate) -> tuple[dict, bool]:
    choice = rng.choice(template.prices)
    if choice == "free":
        return {
            "price_kind": "free",
            "price_amount": None,
            "price_unit": "",
            "price_text": rng.choice(FREE_PRICE_TEXTS),
        }, False
    amount, unit = choice.split("/")
    unit_texts = PRICE_UNIT_TEXTS[unit]
    extra = rng.choice(PRICE_EXTRAS) if unit != "once" else None
    text = _join(
        (f"{amount} € / {unit_texts[0]}.", f"{amount} € per {unit_texts[1]}.", f"€{amount} per {unit_texts[2]}."), extra
    )
    return {"price_kind": "paid", "price_amount": Decimal(amount), "price_unit": unit, "price_text": text}, True


def _schedule(rng: random.Random, template: HobbyTemplate) -> list[tuple[int, dt.time, int]]:
    """Weekly slots as (weekday, start time, minutes)."""
    slots, used_days = [], set()
    for _ in range(rng.choice(template.per_week)):
        kind = rng.choice(template.slots)
        if kind == "saturday" and 5 in used_days:
            kind = "evening"
        weekday = 5 if kind == "saturday" else rng.choice([d for d in range(5) if d not in used_days])
        used_days.add(weekday)
        slots.append((weekday, rng.choice(START_TIMES[kind]), rng.choice(template.minutes)))
    return sorted(slots)


def _title(rng, template, level, ages, girls) -> tuple[str, str, str]:
    base = template.title
    if girls:
        return tuple(f"{b} – {s}" for b, s in zip(base, GIRLS_SUFFIX, strict=True))
    if len(template.levels) > 1 and level in LEVEL_SUFFIXES and rng.random() < 0.5:
        return tuple(f"{b} – {s}" for b, s in zip(base, LEVEL_SUFFIXES[level], strict=True))
    if len(template.ages) > 1:
        a, b = ages
        return (f"{base[0]} ({a}–{b} v.)", f"{base[1]} ({a}–{b} år)", f"{base[2]} (ages {a}–{b})")
    return base


def _venues_for(org: OrganizationSpec, places: tuple[str, ...]) -> list[int]:
    for place in places:
        venues = [v for v in org.venues if VENUE_KINDS.get(v, "room") == place]
        if venues:
            return venues
    return list(org.venues)


def _hobby(rng: random.Random, number: int, org: OrganizationSpec, template: HobbyTemplate) -> tuple[HobbyRow, dict]:
    origin_id = f"hobby-{number}"
    primary = org.languages[0]
    langs = {"fi"}
    if primary == "sv" or rng.random() < (0.75 if "sv" in org.languages else 0.4):
        langs.add("sv")
    if rng.random() < (0.8 if "en" in org.languages else 0.5):
        langs.add("en")
    instruction = list(org.languages)
    if "en" not in instruction and rng.random() < 0.1:
        instruction.append("en")

    ages = rng.choice(template.ages)
    level = rng.choice(template.levels)
    girls = template.key in GIRLS_VARIANT_TEMPLATES and rng.random() < 0.12
    price, paid = _price(rng, template)
    trial = paid and rng.random() < template.trial_share
    course = template.course_weeks is not None
    registration = rng.random() < (0.85 if paid or course else 0.2)
    plan = {
        "schedule": _schedule(rng, template),
        "first_week": rng.choice((1, 2, 3)) if course else 0,
        "weeks": template.course_weeks or WEEKS,
        "enrolment": None,
    }
    if registration and (course or rng.random() < 0.5):
        opens = rng.choice((-21, -14, -7, 3, 7)) if course else rng.choice((-28, -14))
        closes = plan["first_week"] * 7 + 12 if course else rng.choice((21, 42))
        plan["enrolment"] = (opens, closes)

    description = _join(
        template.description,
        LEVEL_SENTENCES[level],
        GIRLS_SENTENCE if girls else None,
        TRIAL_SENTENCE if trial else None,
        SIGNUP_SENTENCE if registration else NO_SIGNUP_SENTENCE,
        *(LANGUAGE_SENTENCES[code] for code in instruction if code in LANGUAGE_SENTENCES and code != primary),
        SWEDISH_GROUP_SENTENCE if primary == "sv" else None,
    )
    values = {
        **_texts("title", _title(rng, template, level, ages, girls), langs),
        **_texts("summary", template.summary, langs),
        **_texts("description", description, langs),
        **_texts("what_to_bring", template.bring, langs),
        **_texts("price_text", price.pop("price_text"), langs),
        **price,
        "age_min": ages[0],
        "age_max": ages[1],
        "level": level,
        "trial_session": trial,
        "instruction_language_list": instruction,
        "registration_url": f"https://www.{org.host}/ilmoittaudu/{origin_id}" if registration else "",
        "open_use": False,
    }
    places = CATEGORY_PLACES.get(template.categories[0], ("room",))
    row = HobbyRow(origin_id, org.slug, rng.choice(_venues_for(org, places)), template.categories, template.key, values)
    return row, plan


def _sessions(origin_id: str, plan: dict, monday: dt.date) -> list[SessionRow]:
    rows = []
    for week in range(plan["first_week"], plan["first_week"] + plan["weeks"]):
        for weekday, start_time, minutes in plan["schedule"]:
            start = local(monday + dt.timedelta(weeks=week, days=weekday), start_time)
            key = f"{origin_id}/{start:%Y-%m-%dT%H:%M}"
            cancelled = random.Random(f"{SEED}:{key}").random() < 0.03
            rows.append(SessionRow(key, start, start + dt.timedelta(minutes=minutes), cancelled))
    return rows


def _enrolment(window, monday: dt.date) -> dict:
    if window is None:
        return {"enrolment_start": None, "enrolment_end": None}
    opens, closes = window
    return {
        "enrolment_start": local(monday + dt.timedelta(days=opens), dt.time(9, 0)),
        "enrolment_end": local(monday + dt.timedelta(days=closes), dt.time(23, 59)),
    }


def _open_use_rows() -> list[HobbyRow]:
    rows = []
    for number, spec in enumerate(OPEN_USE, start=1):
        langs = {lang for lang, text in zip(LANGS, spec.title, strict=True) if text}
        values = {
            **_texts("title", spec.title, langs),
            **_texts("summary", spec.summary, langs),
            **_texts("description", _join(spec.summary, NO_SIGNUP_SENTENCE), langs),
            **_texts("what_to_bring", ("", "", ""), langs),
            **_texts("price_text", FREE_PRICE_TEXTS[0], langs),
            "price_kind": "free",
            "price_amount": None,
            "price_unit": "",
            "age_min": spec.age_min,
            "age_max": spec.age_max,
            "level": "all",
            "trial_session": False,
            "instruction_language_list": [],
            "registration_url": "",
            "open_use": True,
            "enrolment_start": None,
            "enrolment_end": None,
        }
        rows.append(HobbyRow(f"hobby-open-{number}", spec.organization, spec.venue, (spec.category,), None, values))
    return rows


def generate_hobbies(monday: dt.date) -> list[HobbyRow]:
    """All demo hobbies with their sessions for the 13 weeks from ``monday``."""
    rng = random.Random(SEED)
    rows, number = [], 0
    for org in ORGANIZATIONS:
        offered = rng.sample(org.templates, len(org.templates))
        for i in range(org.hobby_count):
            number += 1
            template = TEMPLATES[offered[i % len(offered)]]
            row, plan = _hobby(rng, number, org, template)
            row.values.update(_enrolment(plan["enrolment"], monday))
            row.sessions = _sessions(row.origin_id, plan, monday)
            rows.append(row)
    return rows + _open_use_rows()


def generate_benefits(monday: dt.date, hobbies: list[HobbyRow]) -> list[BenefitRow]:
    first_by_template: dict[tuple[str, str], str] = {}
    for hobby in hobbies:
        if hobby.template:
            first_by_template.setdefault((hobby.organization, hobby.template), hobby.origin_id)
    rows = []
    for number, spec in enumerate(BENEFITS, start=1):
        hobby = None
        if spec.hobby_template:
            hobby = first_by_template.get((spec.organization, spec.hobby_template))
            if hobby is None:
                raise ValueError(f"benefit-{number}: {spec.organization} has no hobby from {spec.hobby_template!r}")
        start, end = spec.valid_days
        values = {
            "kind": spec.kind,
            **_texts("title", spec.title, set(LANGS)),
            **_texts("description", spec.description, set(LANGS)),
            **_texts("terms", spec.terms, set(LANGS)),
            "valid_from": local(monday + dt.timedelta(days=start), dt.time(0, 0)),
            "valid_until": local(monday + dt.timedelta(days=end), dt.time(23, 59)),
            "total_quantity": spec.total_quantity,
            "per_device_limit": 1,
        }
        rows.append(BenefitRow(f"benefit-{number}", spec.organization, hobby, values))
    return rows
