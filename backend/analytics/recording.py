"""Recording usage as it happens: searches (from the hobby search) and active device-weeks (from /graphql).

Both are cheap and can never break a request: a failure is logged and the answer goes out as usual. A device
that turned anonymous usage statistics off is not recorded; a search keeps no location (only that a "near"
filter was used) and its device link only serves to count distinct devices.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from backend.api.common import ApiError, device_from_request
from backend.devices.models import Device, hash_token

from .models import QUERY_MAX_LENGTH, Channel, DeviceWeek, SearchEvent
from .weeks import midnight, week_of

logger = logging.getLogger(__name__)

CLIENT_HEADER = "HTTP_X_CLIENT"  # X-Client: web | ios | android
# filter_data() keys that describe a place, never stored
LOCATION_KEYS = frozenset({"lat", "lon", "radius_km"})
MAX_LIST_ITEMS = 50


def channel_of(request) -> str:
    """The client's channel from its ``X-Client`` header; anything else (or nothing) is "other"."""
    value = (request.META.get(CLIENT_HEADER, "") if request is not None else "").strip().lower()
    return value if value in Channel.values and value != Channel.OTHER else Channel.OTHER


def normalise_query(text: str | None) -> str:
    """Lower case, surrounding space trimmed and inner runs of space made one, at most 200 characters."""
    return " ".join((text or "").split()).lower()[:QUERY_MAX_LENGTH].strip()


def _plain(value):
    """A filter value as JSON: numbers, booleans and short strings (lists capped)."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in list(value)[:MAX_LIST_ITEMS]]
    return str(getattr(value, "value", value))[:100]


def filters_summary(data: dict) -> dict:
    """The filters of a search (``backend.api.hobbies.filter_data``) without its text or any coordinates."""
    summary = {key: _plain(value) for key, value in data.items() if key != "text" and key not in LOCATION_KEYS}
    if data.get("lat") is not None:
        summary["near"] = True
    return dict(sorted(summary.items()))


def municipality_keys(ids) -> str:
    """ ",12,34," for the municipalities a search was limited to (only whole numbers are kept)."""
    numbers = sorted({int(text) for text in (str(i).strip() for i in ids or ()) if text.isdigit() and len(text) < 12})
    return "," + ",".join(str(n) for n in numbers) + "," if numbers else ""


def _request_device(request) -> Device | None:
    """The request's device (looked up once per request); None when anonymous, malformed or unknown."""
    try:
        return device_from_request(request)
    except ApiError:
        return None


def record_search(request, data: dict, result_count: int | Callable[[], int]) -> SearchEvent | None:
    """Store one search: its normalised text, filters (no coordinates), result count, channel and device.

    ``data`` is what the search was filtered by; ``result_count`` may be a callable, called only when the
    search is stored. Searches with neither text nor filters (plain listings) are not searches.
    """
    try:
        query = normalise_query(data.get("text"))
        summary = filters_summary(data)
        if not query and not summary:
            return None
        device = _request_device(request) if request is not None else None
        if device is not None and not device.analytics:
            return None
        count = result_count() if callable(result_count) else result_count
        # one INSERT, no savepoint: the API runs in autocommit mode, so a failure here cannot spoil a transaction
        return SearchEvent.objects.create(
            query=query,
            filters=summary,
            municipalities=municipality_keys(data.get("municipalities")),
            result_count=max(int(count), 0),
            channel=channel_of(request),
            device=device,
        )
    except Exception:  # noqa: BLE001 - statistics must never break a search
        logger.exception("Could not record a search")
        return None


def _seconds_until_next_week(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    next_monday = week_of(today) + dt.timedelta(days=7)
    return max(int((midnight(next_monday) - now).total_seconds()), 60)


def record_activity(request, *, now: dt.datetime | None = None) -> bool:
    """Note that the request's device was active this week through its channel; True when it was noted now.

    At most one row per device, week and channel: the cache remembers the devices already noted this week (by a
    hash, not the token), and the unique constraint catches the rest. Anonymous requests write nothing.
    """
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return False
    try:
        now = now or timezone.now()
        week, channel = week_of(now), channel_of(request)
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != "device" or not token.strip():
            return False
        key_source = f"{hash_token(token.strip())}:{week.isoformat()}:{channel}"
        key = "analytics:device-week:" + hashlib.sha256(key_source.encode()).hexdigest()[:40]
        if cache.get(key):
            return False
        device = _request_device(request)
        if device is None:
            return False
        if device.analytics:
            row = DeviceWeek(device=device, week=week, channel=channel)
            DeviceWeek.objects.bulk_create([row], ignore_conflicts=True)
        cache.set(key, True, timeout=_seconds_until_next_week(now))
        return bool(device.analytics)
    except DatabaseError:  # e.g. the device was forgotten by this very request
        logger.info("Could not record an active device-week", exc_info=True)
        return False
    except Exception:  # noqa: BLE001 - statistics must never break a request
        logger.exception("Could not record an active device-week")
        return False
