"""Demo usage statistics: SYNTHETIC searches, active device-weeks and redemptions of the demo devices.

Written once, after ``interactions.py`` made the demo devices and their interactions (later loads leave them as
they are), from a fixed seed, so that the CMS reports (``backend/analytics``) have something to show after
``make run``: each demo device is active in the weeks it interacted, through one channel (mostly the web app);
it searches a few times, sometimes for hobbies the demo does not have; and some of them redeemed an unlimited
benefit. Nothing here describes a person.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from backend.analytics.models import DeviceWeek, SearchEvent
from backend.analytics.weeks import as_week
from backend.benefits.models import Benefit
from backend.benefits.services import RedemptionError, redeem
from backend.devices.models import Device, Interaction
from backend.hobbies.models import Hobby

from .interactions import PREFIX

SEED = 2027
CHANNELS = (("web", 0.7), ("android", 0.17), ("ios", 0.1), ("other", 0.03))
# texts teenagers might type; the first ones match demo hobbies, the last ones nothing in the demo
FOUND = ("jalkapallo", "tanssi", "kitara", "koodaus", "kiipeily", "skeittaus", "teatteri", "piirtäminen")
NOT_FOUND = ("jousiammunta", "laskettelu", "cheerleading", "sulkapallo", "lumilautailu")
REDEMPTIONS = 4  # benefits redeemed by demo devices
REDEEMERS = (6, 14)  # devices per benefit


def _result_count(text: str) -> int:
    """Roughly what the search would find (the search index is built only at the end of the demo load)."""
    matches = Q(title_fi__icontains=text) | Q(summary_fi__icontains=text)
    for category in ("categories__", "categories__parent__"):
        matches |= Q(**{f"{category}name_fi__icontains": text}) | Q(**{f"{category}synonyms_fi__icontains": text})
    return Hobby.objects.filter(matches, live=True).distinct().count()


def load_demo_analytics() -> int:
    """Create the demo's usage rows once; returns the number of searches created (0 when already there)."""
    devices = list(Device.objects.filter(token_hash__startswith=PREFIX).order_by("token_hash"))
    if not devices or DeviceWeek.objects.filter(device__in=devices).exists():
        return 0
    rng = random.Random(SEED)
    weeks: dict = {}
    active = (
        Interaction.objects.filter(device__in=devices)
        .order_by()
        .annotate(w=TruncWeek("created_at"))
        .values_list("device_id", "w")
        .distinct()
    )
    for device_id, week in active:
        weeks.setdefault(device_id, set()).add(as_week(week))
    counts = {text: _result_count(text) for text in FOUND}
    counts.update({text: 0 for text in NOT_FOUND})
    device_weeks, searches = [], []
    now = timezone.now()
    for device in devices:
        channel = rng.choices([c for c, _w in CHANNELS], weights=[w for _c, w in CHANNELS])[0]
        for week in sorted(weeks.get(device.pk, ())):
            device_weeks.append(DeviceWeek(device=device, week=week, channel=channel))
        for _ in range(rng.randint(1, 4)):
            text = rng.choice(NOT_FOUND) if rng.random() < 0.3 else rng.choice(FOUND)
            when = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 42))
            searches.append(
                SearchEvent(
                    device=device,
                    query=text,
                    filters={"age": rng.choice((12, 13, 14, 15, 16))} if rng.random() < 0.4 else {},
                    result_count=counts[text],
                    channel=channel,
                    created_at=when,
                )
            )
    DeviceWeek.objects.bulk_create(device_weeks, batch_size=1000, ignore_conflicts=True)
    SearchEvent.objects.bulk_create(searches, batch_size=1000)
    unlimited = Benefit.objects.filter(data_source="demo", live=True, total_quantity__isnull=True).order_by("pk")
    benefits = [benefit for benefit in unlimited if benefit.is_valid_at(now)]
    for benefit in rng.sample(benefits, k=min(REDEMPTIONS, len(benefits))):
        for device in rng.sample(devices, k=rng.randint(*REDEEMERS)):
            try:
                redeem(benefit.pk, device, now=now)
            except RedemptionError:
                continue
    return len(searches)
