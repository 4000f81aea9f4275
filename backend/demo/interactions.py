"""Demo usage: SYNTHETIC anonymous devices and what they did, so the demo's suggestions have something to learn.

Generated from a fixed seed on the first load only (later loads leave them as they are): 150 devices, each with an
age group and a taste for two or three categories, and their views, saves and join clicks of demo hobbies — mostly
in the categories they like and fitting their age — spread over the last six weeks. Nothing here describes a
person; the devices' tokens are not known to anyone (``token_hash`` is not the hash of any token), so no client can
act as one of them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from backend.devices.models import Device, Favourite, Interaction
from backend.hobbies.models import Hobby

from .sync import Counts

DEVICES = 150
SEED = 2026
PREFIX = "demo-device-"  # token_hash values: never a SHA-256 hex digest, so never matched by a token
AGE_GROUPS = ((Device.AgeGroup.UNDER_13, 12), (Device.AgeGroup.AGE_13_15, 14), (Device.AgeGroup.AGE_16_17, 16))
KINDS = ((Interaction.Kind.VIEW, 0.78), (Interaction.Kind.FAVOURITE, 0.12), (Interaction.Kind.JOIN_CLICK, 0.1))


def load_demo_usage(hobbies: list[Hobby], counts: Counts) -> None:
    if Device.objects.filter(token_hash__startswith=PREFIX).exists():
        counts.unchanged = Device.objects.filter(token_hash__startswith=PREFIX).count()
        return
    rng = random.Random(SEED)
    by_category: dict[int, list[Hobby]] = {}
    for hobby in hobbies:
        for category in hobby.categories.all():
            by_category.setdefault(category.pk, []).append(hobby)
    categories = sorted(by_category)
    if not categories:
        return
    now = timezone.now()
    devices, interactions, favourites = [], [], []
    for n in range(DEVICES):
        group, age = rng.choice(AGE_GROUPS)
        device = Device(token_hash=f"{PREFIX}{n}", age_group=group, created_at=now - dt.timedelta(days=60))
        devices.append(device)
        liked = rng.sample(categories, k=min(len(categories), rng.choice((2, 2, 3))))
        fitting = [h for c in liked for h in by_category[c] if h.age_min <= age <= h.age_max] or by_category[liked[0]]
        saved: set[int] = set()
        for _ in range(rng.randint(4, 25)):
            hobby = rng.choice(fitting) if rng.random() < 0.8 else rng.choice(hobbies)
            kind = rng.choices([k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0]
            when = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 42))
            interactions.append(Interaction(device=device, hobby=hobby, kind=kind, created_at=when))
            if kind == Interaction.Kind.FAVOURITE and hobby.pk not in saved:
                saved.add(hobby.pk)
                favourites.append(Favourite(device=device, hobby=hobby, created_at=when))
    Device.objects.bulk_create(devices)
    Interaction.objects.bulk_create(interactions, batch_size=1000)
    Favourite.objects.bulk_create(favourites, batch_size=1000)
    counts.created = len(devices)
