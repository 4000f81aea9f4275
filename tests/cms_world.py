"""A small CMS world for permission and moderation tests: two municipalities, three organizations, roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from backend.benefits.models import Benefit
from backend.hobbies.models import Category, Hobby, Municipality, Organization, Venue
from cms.roles import make_moderator, make_provider_editor

PASSWORD = "a-long-test-password"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    hobbies: dict = field(default_factory=dict)
    benefits: dict = field(default_factory=dict)
    venues: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    category: Category | None = None


def build_world() -> World:
    w = World()
    User = get_user_model()
    helsinki = Municipality.objects.create(code="091", slug="helsinki", name_fi="Helsinki")
    espoo = Municipality.objects.create(code="049", slug="espoo", name_fi="Espoo")
    w.category = Category.objects.create(slug="sport", name_fi="Urheilu", name_sv="Idrott", name_en="Sports")
    w.orgs = {
        "a": Organization.objects.create(name="Seura A", slug="seura-a", kind="association", municipality=helsinki),
        "b": Organization.objects.create(name="Seura B", slug="seura-b", kind="association", municipality=helsinki),
        "e": Organization.objects.create(name="Seura E", slug="seura-e", kind="association", municipality=espoo),
    }
    w.users["operator"] = User.objects.create_superuser("operator", "op@example.invalid", PASSWORD)
    for name, municipality in (("mod_h", helsinki), ("mod_e", espoo)):
        w.users[name] = User.objects.create_user(name, f"{name}@example.invalid", PASSWORD)
        make_moderator(w.users[name], municipality)
    for name, org in (("prov_a", "a"), ("prov_b", "b")):
        w.users[name] = User.objects.create_user(name, f"{name}@example.invalid", PASSWORD)
        make_provider_editor(w.users[name], w.orgs[org])
    w.users["nobody"] = User.objects.create_user("nobody", "nobody@example.invalid", PASSWORD)
    for key, org in w.orgs.items():
        w.venues[key] = Venue.objects.create(name_fi=f"Halli {key.upper()}", organization=org, city="Helsinki")
        hobby = Hobby.objects.create(
            organization=org,
            title_fi=f"Harrastus-{key}-uniikki",
            venue=w.venues[key],
            live=True,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        hobby.categories.add(w.category)
        hobby.save_revision(clean=False).publish(skip_permission_checks=True)
        w.hobbies[key] = hobby
        now = timezone.now()
        w.benefits[key] = Benefit.objects.create(
            organization=org,
            kind="trial",
            title_fi=f"Etu-{key}-uniikki",
            valid_from=now,
            valid_until=now + dt.timedelta(days=30),
            live=True,
        )
    w.venues["public"] = Venue.objects.create(name_fi="Julkinen kenttä", city="Helsinki")
    return w


# who may see and change which organization's rows
ACCESS = {
    "operator": {"a", "b", "e"},
    "mod_h": {"a", "b"},
    "mod_e": {"e"},
    "prov_a": {"a"},
    "prov_b": {"b"},
    "nobody": set(),
}


def snippet_url(instance_or_model, view: str, *args) -> str:
    meta = instance_or_model._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{view}", args=args)


def hobby_form_data(hobby: Hobby, **changes) -> dict:
    data = {
        "title_fi": hobby.title_fi,
        "title_sv": "",
        "title_en": "",
        "summary_fi": "",
        "summary_sv": "",
        "summary_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "organization": hobby.organization_id,
        "venue": hobby.venue_id or "",
        "categories": [c.pk for c in hobby.categories.all()],
        "age_min": hobby.age_min,
        "age_max": hobby.age_max,
        "level": hobby.level,
        "instruction_languages": "fi",
        "price_kind": hobby.price_kind,
        "price_amount": "",
        "price_unit": "",
        "price_text_fi": "",
        "price_text_sv": "",
        "price_text_en": "",
        "registration_url": "",
        "enrolment_start": "",
        "enrolment_end": "",
        "what_to_bring_fi": "",
        "what_to_bring_sv": "",
        "what_to_bring_en": "",
        "image": "",
        "image_alt_fi": "",
        "image_alt_sv": "",
        "image_alt_en": "",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data
