"""Recommendations for a request: the model's ranking, checked against the database as it is now.

``recommend()`` serves both the device (its interests, age group, favourites and interactions, unless it
turned personalisation off) and the stateless caller (interests, age and location in the query; nothing is
stored). The model ranks; then every suggested hobby is re-read from the database and must still be public,
bookable, fit the age and lie within the radius, so a stale model can never show a draft, a past-only hobby or
one outside the constraints. When the model has too few (a new hobby not yet in it, an empty model), the list
is filled from the database with hobbies that fit, newest first: never empty while any hobby fits.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from backend.hobbies.models import Hobby
from backend.hobbies.services import public_hobbies
from recommender.dataset import age_group_bounds
from recommender.hybrid import Reason, Request, make_history

from . import serving
from .data import area_near, bookable, device_history

HISTORY_HALF_LIFE_DAYS = 60.0
OVERFETCH = 2  # ask the model for more than needed: some may fail the database check
NEW_DAYS = 7
SIMILAR_POOL = 300  # how deep the model's list of similar hobbies is read
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float


@dataclass
class Suggested:
    hobby: Hobby
    reason: Reason


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def fits(hobby: Hobby, age: int | None, age_range: tuple[int, int] | None, near: Near | None) -> bool:
    if age is not None and not hobby.age_min <= age <= hobby.age_max:
        return False
    if age_range is not None and (hobby.age_max < age_range[0] or hobby.age_min > age_range[1]):
        return False
    if near is not None:
        venue = hobby.venue
        if venue is None or venue.latitude is None or venue.longitude is None:
            return False
        if distance_km(near.lat, near.lon, venue.latitude, venue.longitude) > near.radius_km:
            return False
    return True


def candidates_queryset(age: int | None, age_range: tuple[int, int] | None, near: Near | None):
    """Public, bookable hobbies fitting the age (and, roughly, the radius: ``fits`` checks it exactly)."""
    qs = public_hobbies().filter(bookable())
    if age is not None:
        qs = qs.filter(age_min__lte=age, age_max__gte=age)
    if age_range is not None:
        qs = qs.filter(age_max__gte=age_range[0], age_min__lte=age_range[1])
    if near is not None:
        dlat = near.radius_km / 111.2
        dlon = near.radius_km / (111.32 * max(math.cos(math.radians(near.lat)), 0.01))
        qs = qs.filter(
            venue__latitude__range=(near.lat - dlat, near.lat + dlat),
            venue__longitude__range=(near.lon - dlon, near.lon + dlon),
        )
    return qs


def recommend(
    *,
    device=None,
    interests: list[int] | None = None,
    age: int | None = None,
    near: Near | None = None,
    first: int = 10,
    listing=lambda qs: qs.select_related("venue"),
) -> list[Suggested]:
    """Up to ``first`` suggestions with their reasons. ``listing`` prepares the hobby queryset (the API passes
    one that fetches what the query selects)."""
    if first <= 0:
        return []
    model = serving.current()
    personal = device is not None and device.personalisation
    age_group = None
    if age is None and personal and device.age_group:
        age_group = device.age_group
    if interests is None:
        interests = list(device.interests.values_list("pk", flat=True)) if personal else []
    age_range = None
    if age_group:
        age_range = age_group_bounds(age_group)
    history = []
    exclude: list[int] = []
    if personal:
        events = device_history(device)
        if events:
            known = {hobby_id: model.catalogue_.ids.get(hobby_id) for hobby_id, _kind, _time in events}
            kept = [e for e in events if known[e[0]] >= 0]
            history = make_history(
                [known[e[0]] for e in kept],
                [e[1] for e in kept],
                [e[2] for e in kept],
                now=time.time(),
                half_life_days=HISTORY_HALF_LIFE_DAYS,
            )
    area = area_near(model.catalogue_, near.lat, near.lon) if near is not None else None
    request = Request(
        interests=interests,
        age=age,
        age_group=age_group,
        near=(near.lat, near.lon, near.radius_km) if near is not None else None,
        area=area,
        history=history,
        personalise=personal or device is None,
        k=first * OVERFETCH,
        exclude=exclude,
        now=time.time(),
    )
    suggestions = model.recommend(request)
    ids = [int(s.item_id) for s in suggestions]
    rows = {h.pk: h for h in listing(candidates_queryset(age, age_range, near).filter(pk__in=ids))}
    result: list[Suggested] = []
    for suggestion in suggestions:
        hobby = rows.get(int(suggestion.item_id))
        if hobby is not None and fits(hobby, age, age_range, near):
            result.append(Suggested(hobby, suggestion.reason))
            if len(result) == first:
                return result
    return result + fill(first - len(result), {s.hobby.pk for s in result}, age, age_range, near, listing)


def fill(missing: int, taken: set[int], age, age_range, near: Near | None, listing) -> list[Suggested]:
    """Hobbies that fit but the model did not offer (new since the training, or an empty model), newest first."""
    qs = candidates_queryset(age, age_range, near).exclude(pk__in=taken)
    qs = qs.order_by(F("first_published_at").desc(nulls_last=True), "pk")
    week_ago = timezone.now() - timezone.timedelta(days=NEW_DAYS)
    out = []
    # read a bounded window: the radius box is only approximate, ``fits`` drops the corners
    for hobby in listing(qs)[: missing * 4 + 20]:
        if fits(hobby, age, age_range, near):
            published = hobby.first_published_at
            if published and published >= week_ago:
                reason = Reason("new", {"days": (timezone.now() - published).days})
            elif hobby.trial_session and hobby.price_kind == Hobby.PriceKind.FREE:
                reason = Reason("free_trial", {})
            else:
                reason = Reason("explore", {})
            out.append(Suggested(hobby, reason))
            if len(out) == missing:
                break
    return out


def similar_order(hobby: Hobby, candidate_ids: list[int]) -> list[int]:
    """``candidate_ids`` (hobbies sharing a category with ``hobby``, see ``similar_hobbies``) ranked by the model:
    collaborative neighbours and content similarity first, the rest in their given order. Unchanged when the model
    does not know the hobby (newer than the training)."""
    model = serving.current()
    if hobby.pk not in model.catalogue_.ids or not candidate_ids:
        return candidate_ids
    row = model.catalogue_.ids.index(hobby.pk)
    wanted = set(candidate_ids)
    ranked = model.similar_items(row, k=min(len(model.catalogue_), SIMILAR_POOL), constraints=Request(k=SIMILAR_POOL))
    first = [pk for pk in (int(s.item_id) for s in ranked) if pk in wanted]
    chosen = set(first)
    return first + [pk for pk in candidate_ids if pk not in chosen]
