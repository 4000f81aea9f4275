"""Rate limits for mutations: fixed-window counters in Django's cache, per device and per client address.

Limits come from ``settings.API_RATE_LIMITS``::

    {"default": {"device": "120/minute", "ip": "300/minute"}, "registerDevice": {"ip": "100/hour"}}

An action (a mutation's name) uses its own entry for the scopes it names and "default" for the others;
each scope is counted under the name of the entry that set its limit, so all mutations share the default
budget while an action with its own limit has a counter of its own. Counters live in the cache (locmem in
development, Redis in production); keys hold a hash, never a raw address. If the cache is unavailable
the request is let through: a broken cache must not take the API down with it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import ngettext

from .common import ApiError, ErrorCode, FieldError, current_device, field_error

logger = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
SCOPES = ("ip", "device")  # the address first: it needs no database lookup
KEY_PREFIX = "hp:rl"


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(value: str | None) -> Rate | None:
    """``"120/minute"`` -> Rate(120, 60); empty -> None (no limit)."""
    if not value:
        return None
    count, _sep, period = str(value).partition("/")
    if not count.strip().isdigit() or int(count) <= 0 or period.strip() not in PERIODS:
        raise ImproperlyConfigured(f"API rate limits look like 120/minute, got {value!r}")
    return Rate(int(count), PERIODS[period.strip()])


def limits_for(action: str) -> dict[str, tuple[str, Rate]]:
    """scope -> (the counter's bucket name, its rate) for ``action``."""
    configured = getattr(settings, "API_RATE_LIMITS", {}) or {}
    own = configured.get(action) or {}
    default = configured.get("default") or {}
    limits = {}
    for scope in SCOPES:
        bucket, value = (action, own[scope]) if scope in own else ("default", default.get(scope))
        rate = parse_rate(value)
        if rate is not None:
            limits[scope] = (bucket, rate)
    return limits


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or from X-Forwarded-For when proxies are trusted.

    With ``API_TRUSTED_PROXY_COUNT = n`` the n-th address from the right of X-Forwarded-For is the one our
    outermost proxy saw; anything left of it was written by the client and is ignored. IPv6 clients are
    counted per /64, which is what one household or phone usually gets.
    """
    meta = getattr(request, "META", {}) or {}
    address = meta.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "API_TRUSTED_PROXY_COUNT", 0) or 0
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _key(bucket: str, scope: str, identity: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{bucket}:{scope}:{digest}:{window}"


def hit(bucket: str, scope: str, identity: str, rate: Rate, now: float | None = None) -> tuple[bool, int]:
    """Count one request; returns (allowed, seconds until the window ends)."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    retry_after = max(int((window + 1) * rate.seconds - now), 1)
    key = _key(bucket, scope, identity, window)
    try:
        cache.add(key, 0, timeout=rate.seconds + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=rate.seconds + 5)
            count = 1
    except Exception:  # a cache outage must not block the API
        logger.warning("Rate limit counter unavailable; letting the request through", exc_info=True)
        return True, 0
    return count <= rate.count, retry_after


def _limited(retry_after: int) -> FieldError:
    message = ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        retry_after,
    ) % {"seconds": retry_after}
    return field_error(None, ErrorCode.RATE_LIMITED, message)


def check_rate_limit(info, action: str) -> FieldError | None:
    """Count one call of ``action``; a RATE_LIMITED error when a limit is exceeded, else None.

    Call it first in a mutation and return the error in the payload, changing nothing. The device is
    the one from the Authorization header (a bad header counts only against the address; reporting it
    is the mutation's job).
    """
    request = getattr(info, "context", None)
    limits = limits_for(action)
    if not limits:
        return None
    if "ip" in limits:
        bucket, rate = limits["ip"]
        allowed, retry_after = hit(bucket, "ip", client_ip(request), rate)
        if not allowed:
            return _limited(retry_after)
    if "device" in limits:
        try:
            device = current_device(info)
        except ApiError:
            device = None
        if device is not None:
            bucket, rate = limits["device"]
            allowed, retry_after = hit(bucket, "device", str(device.pk), rate)
            if not allowed:
                return _limited(retry_after)
    return None


__all__ = ["Rate", "check_rate_limit", "client_ip", "limits_for", "parse_rate"]
