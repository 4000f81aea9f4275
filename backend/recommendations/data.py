"""From the database to the recommender's arrays: the item catalogue, the interactions, the device groups.

``recommender/`` knows nothing about Django; this module is the only place that reads the models for it.
Nothing personal leaves here: devices are anonymous UUIDs, and the training data is what devices that allowed
it recorded (``Interaction`` rows exist only for those, see ``backend/api/devices.py``) plus favourites.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from django.utils import timezone

from backend.devices.models import Device, Favourite, Interaction
from backend.hobbies.models import Category, Hobby
from backend.hobbies.services import public_hobbies
from recommender.dataset import IdMap, InteractionArrays, ItemCatalogue

TEXT_FIELDS = ("title", "summary")
DESCRIPTION_CHARS = 400  # the start of each description: enough words, bounded cost


def category_ancestors() -> dict[int, list[int]]:
    """Each category id → itself followed by its parents (from the cached tree)."""
    parents = {c.pk: c.parent_id for c in Category.cached_tree()}
    chains = {}
    for pk in parents:
        chain, node = [], pk
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
        chains[pk] = chain
    return chains


def bookable() -> Q:
    """A public hobby is bookable when it has an upcoming session or is open use."""
    return Q(next_session_start__isnull=False) | Q(open_use=True)


def available_ids() -> list[int]:
    """Ids of the hobbies that may be suggested right now: public and bookable."""
    return list(public_hobbies().filter(bookable()).order_by().values_list("pk", flat=True))


def build_catalogue() -> ItemCatalogue:
    """Every public hobby (bookable or not: history on past hobbies still teaches the models) as arrays."""
    chains = category_ancestors()
    links: dict[int, list[int]] = {}
    for hobby_id, category_id in Hobby.categories.through.objects.filter(hobby__in=public_hobbies()).values_list(
        "hobby_id", "category_id"
    ):
        links.setdefault(hobby_id, []).append(category_id)
    text_columns = [f"{name}_{lang}" for name in TEXT_FIELDS for lang in ("fi", "sv", "en")]
    rows = (
        public_hobbies()
        .order_by("pk")
        .values_list(
            "pk",
            *text_columns,
            "description_fi",
            "description_sv",
            "description_en",
            "age_min",
            "age_max",
            "price_kind",
            "price_amount",
            "trial_session",
            "level",
            "first_published_at",
            "venue__latitude",
            "venue__longitude",
            "municipality__code",
            "next_session_start",
            "open_use",
        )
    )
    records = []
    for row in rows:
        pk, *texts = row[: 1 + len(text_columns) + 3]
        (age_min, age_max, price_kind, amount, trial, level, published, lat, lon, area, next_start, open_use) = row[
            1 + len(text_columns) + 3 :
        ]
        descriptions = [t[:DESCRIPTION_CHARS] for t in texts[len(text_columns) :]]
        own = links.get(pk, [])
        categories = list(dict.fromkeys(c for category in own for c in chains.get(category, [category])))
        records.append(
            {
                "id": pk,
                "text": " ".join(filter(None, [*texts[: len(text_columns)], *descriptions])),
                "categories": categories,
                "primary_category": own[0] if own else -1,
                "age_min": age_min,
                "age_max": age_max,
                "price_kind": price_kind if price_kind in ("free", "paid") else "unknown",
                "price_amount": float(amount) if amount is not None else math.nan,
                "trial": trial,
                "beginner": level == Hobby.Level.BEGINNER,
                "created": published.timestamp() if published else 0.0,
                "lat": lat if lat is not None else math.nan,
                "lon": lon if lon is not None else math.nan,
                "area": area or "",
                "available": next_start is not None or open_use,
            }
        )
    return ItemCatalogue.from_records(records)


@dataclass
class TrainingData:
    users: IdMap  # device UUIDs
    interactions: InteractionArrays
    user_groups: list[tuple[str | None, str | None]]  # (age group, area) per user row


def training_data(items: IdMap) -> TrainingData:
    """The interactions of every device on the catalogue's items, favourites included, with each device's
    group for popularity: its age group and the area (municipality) where most of its hobbies are."""
    rows = Interaction.objects.values_list("device_id", "hobby_id", "kind", "created_at").order_by()
    events: list[tuple] = [
        (device, hobby, kind, created.timestamp()) for device, hobby, kind, created in rows.iterator(20000)
    ]
    events += [
        (device, hobby, "favourite", created.timestamp())
        for device, hobby, created in Favourite.objects.values_list("device_id", "hobby_id", "created_at")
        .order_by()
        .iterator(chunk_size=20000)
    ]
    users = IdMap(sorted({e[0] for e in events}))
    arrays = InteractionArrays.from_interactions(events, users, items)
    ages = dict(Device.objects.exclude(age_group="").values_list("pk", "age_group").iterator(20000))
    areas_of_items = None
    groups: list[tuple[str | None, str | None]] = []
    if len(users):
        areas_of_items = _item_areas(items)
        per_user: dict[int, Counter] = {}
        for user_row, item_row in zip(arrays.user_rows.tolist(), arrays.item_rows.tolist(), strict=True):
            area = areas_of_items[item_row]
            if area:
                per_user.setdefault(user_row, Counter())[area] += 1
        for row, device in enumerate(users):
            counter = per_user.get(row)
            groups.append((ages.get(device) or None, counter.most_common(1)[0][0] if counter else None))
    return TrainingData(users=users, interactions=arrays, user_groups=groups)


def _item_areas(items: IdMap) -> list[str]:
    codes = dict(Hobby.objects.filter(pk__in=list(items)).values_list("pk", "municipality__code"))
    return [codes.get(pk) or "" for pk in items]


def device_history(device: Device, *, limit: int = 200) -> list[tuple[int, str, float]]:
    """The device's recent interactions and favourites as (hobby id, kind, timestamp), newest first."""
    since = timezone.now() - timezone.timedelta(days=365)
    events = list(
        Interaction.objects.filter(device=device, created_at__gte=since)
        .order_by("-created_at")
        .values_list("hobby_id", "kind", "created_at")[:limit]
    )
    events += list(Favourite.objects.filter(device=device).values_list("hobby_id", "created_at").order_by()[:limit])
    out = []
    for event in events:
        if len(event) == 3:
            out.append((event[0], event[1], event[2].timestamp()))
        else:
            out.append((event[0], "favourite", event[1].timestamp()))
    return out


def area_near(catalogue: ItemCatalogue, lat: float, lon: float) -> str | None:
    """The area (municipality code) of the catalogue item nearest to a point: where "near you" is."""
    known = ~np.isnan(catalogue.lat)
    if not known.any():
        return None
    dy = catalogue.lat[known] - lat
    dx = (catalogue.lon[known] - lon) * math.cos(math.radians(lat))
    nearest = int(np.argmin(dx * dx + dy * dy))
    area = str(catalogue.area[known][nearest])
    return area or None
