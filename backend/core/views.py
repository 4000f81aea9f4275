"""The health check and the landing page served at / until the PWA build exists."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from backend.notifications.fcm import health as firebase_health


def _check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy", reported, not raised
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"configured": False, "ok": True}
    import redis

    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception as exc:  # noqa: BLE001
        return {"configured": True, "ok": False, "error": type(exc).__name__}
    return {"configured": True, "ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": _check_database(),
        "redis": _check_redis(),
        "firebase": firebase_health(),  # configured? then: does the key load (no network)
    }
    # The service is down without its database or broker; without push (an optional feature) it is only degraded.
    healthy = checks["database"]["ok"] and checks["redis"]["ok"]
    status = ("ok" if checks["firebase"]["ok"] else "degraded") if healthy else "error"
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)


@require_GET
def home(request: HttpRequest, **route) -> HttpResponse:
    """The PWA's index.html (for / and every client route: the app routes itself) when it has been built,
    otherwise a small page that says where things are. Never cached, so a new build is picked up at once."""
    index = settings.PWA_DIST_DIR / "index.html"
    if index.is_file():
        response = FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "no-cache"
        return response
    requested = request.GET.get("lang")
    if requested in dict(settings.LANGUAGES):
        translation.activate(requested)
    return render(request, "core/home.html")
