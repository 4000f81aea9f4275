"""Shared fixtures: small builders for the domain objects, so each test states only what matters."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from backend.hobbies.models import Category, Hobby, Municipality, Organization, Session, Venue

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The local-memory cache outlives each test's rolled-back transaction; Wagtail caches page-tree facts in it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db) -> Municipality:
    return Municipality.objects.create(code="091", slug="helsinki", name_fi="Helsinki", name_sv="Helsingfors")


@pytest.fixture
def organization(municipality) -> Organization:
    return make_organization(municipality)


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(slug="football", name_fi="Jalkapallo", name_sv="Fotboll", name_en="Football")


@pytest.fixture
def venue(municipality) -> Venue:
    return Venue.objects.create(
        name_fi="Kallion liikuntahalli",
        street_address_fi="Helsinginkatu 25",
        postal_code="00510",
        city="Helsinki",
        municipality=municipality,
        latitude=60.1841,
        longitude=24.9494,
    )


@pytest.fixture
def hobby(organization, venue, category) -> Hobby:
    return make_hobby(organization, venue=venue, categories=[category])


def make_organization(municipality: Municipality, **fields) -> Organization:
    n = next(_counter)
    values = {"name": f"Seura {n}", "slug": f"seura-{n}", "kind": Organization.Kind.ASSOCIATION}
    values.update(fields)
    return Organization.objects.create(municipality=municipality, **values)


def make_hobby(organization: Organization, *, categories=(), live: bool = True, **fields) -> Hobby:
    values = {"title_fi": "Jalkapallokerho", "summary_fi": "Pelataan jalkapalloa.", "age_min": 12, "age_max": 15}
    values.update(fields)
    hobby = Hobby.objects.create(organization=organization, live=live, **values)
    if categories:
        hobby.categories.set(categories)
    return hobby


def make_session(hobby: Hobby, *, starts_in: dt.timedelta, minutes: int = 90, **fields) -> Session:
    start = timezone.now() + starts_in
    return Session.objects.create(hobby=hobby, start=start, end=start + dt.timedelta(minutes=minutes), **fields)
