"""Push notifications as the API, the tasks and the CMS use them: opting in and out, the switches, the sender.

``send_due`` is the hourly run: nothing without credentials ("off"), nothing in quiet hours (what is due waits
for the morning), otherwise every registered device in chunks — what the rules say is due, at most
``NOTIFICATIONS_DAILY_CAP`` a day per device — sent through ``fcm.send``; delivered messages are logged,
dead tokens deleted, and the counts recorded in a ``NotificationRun``. It never raises.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from backend.devices.models import hash_token

from . import fcm, rules
from .models import SENT_LOG_DAYS, NotificationPreferences, NotificationRun, PushRegistration, SentNotification

logger = logging.getLogger(__name__)

RUN_LOCK_KEY = "notifications:send-due:running"
RUN_LOCK_SECONDS = 50 * 60  # less than the hourly schedule: a crashed run does not block the next hour's
RUN_HISTORY_DAYS = 90

PREFERENCE_NAMES = ("new_hobbies", "enrolment_opening", "benefit_expiring")


# --- opting in and out ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PushSettings:
    available: bool
    web_config: dict | None
    vapid_key: str | None
    registered: bool
    new_hobbies: bool
    enrolment_opening: bool
    benefit_expiring: bool


def web_config() -> dict | None:
    """``FIREBASE_WEB_CONFIG`` as an object; None when unset or not a JSON object."""
    text = settings.FIREBASE_WEB_CONFIG.strip()
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        logger.warning("FIREBASE_WEB_CONFIG is not JSON; the app is offered no notifications")
        return None
    return value if isinstance(value, dict) else None


def preferences_for(device) -> NotificationPreferences:
    """The device's switches (all on, unsaved, when it never changed them)."""
    if device is None:
        return NotificationPreferences()
    found = NotificationPreferences.objects.filter(device=device).first()
    return found or NotificationPreferences(device=device)


def push_settings(device) -> PushSettings:
    """What the app needs to offer notifications; ``device`` may be None (an anonymous request)."""
    available = fcm.is_configured()
    preferences = preferences_for(device)
    return PushSettings(
        available=available,
        web_config=web_config() if available else None,
        vapid_key=(settings.FIREBASE_VAPID_KEY or None) if available else None,
        registered=device is not None and PushRegistration.objects.filter(device=device).exists(),
        **{name: getattr(preferences, name) for name in PREFERENCE_NAMES},
    )


def register_token(device, token: str, platform: str) -> PushRegistration:
    """Store ``token`` for ``device``, replacing its earlier one; a token registered by another device moves."""
    token_hash = hash_token(token)
    with transaction.atomic():
        PushRegistration.objects.filter(token_hash=token_hash).exclude(device=device).delete()
        registration, _created = PushRegistration.objects.update_or_create(
            device=device, defaults={"token": token, "token_hash": token_hash, "platform": platform}
        )
    return registration


def unregister(device) -> bool:
    """Opt out: delete the device's token. True when there was one."""
    deleted, _per_model = PushRegistration.objects.filter(device=device).delete()
    return bool(deleted)


def update_preferences(device, **switches: bool | None) -> NotificationPreferences:
    """Set the given switches (None: leave as it is)."""
    changes = {name: bool(value) for name, value in switches.items() if name in PREFERENCE_NAMES and value is not None}
    preferences, _created = NotificationPreferences.objects.get_or_create(device=device)
    if changes:
        for name, value in changes.items():
            setattr(preferences, name, value)
        preferences.save(update_fields=list(changes))
    return preferences


def export(device) -> dict:
    """What is stored about the device's notifications, for "my data"."""
    registration = PushRegistration.objects.filter(device=device).first()
    preferences = preferences_for(device)
    return {
        "registration": {
            "token": registration.token,
            "platform": registration.platform,
            "createdAt": registration.created_at.isoformat(),
            "updatedAt": registration.updated_at.isoformat(),
        }
        if registration
        else None,
        "preferences": {
            "newHobbies": preferences.new_hobbies,
            "enrolmentOpening": preferences.enrolment_opening,
            "benefitExpiring": preferences.benefit_expiring,
        },
        "sent": [
            {"kind": kind, "objectId": str(object_id) if object_id else None, "sentAt": sent_at.isoformat()}
            for kind, object_id, sent_at in device.sent_notifications.order_by("-sent_at", "-pk").values_list(
                "kind", "object_id", "sent_at"
            )
        ],
    }


# --- sending ----------------------------------------------------------------------------------------


@dataclass
class RunCounts:
    """``deferred``: devices held back by quiet hours; ``capped``: messages held back by the daily cap."""

    status: str = NotificationRun.Status.OK
    devices: int = 0
    sent: int = 0
    failed: int = 0
    pruned: int = 0
    deferred: int = 0
    capped: int = 0

    def as_dict(self) -> dict:
        return {**asdict(self), "status": str(self.status)}


def send_due(now: dt.datetime | None = None, *, device_ids=None) -> RunCounts:
    """Send what is due to every registered device (or only to ``device_ids``). Never raises.

    A full run is recorded as a ``NotificationRun``; a run for chosen devices only returns its counts.
    """
    now = now or timezone.now()
    counts = RunCounts()
    whole = device_ids is None
    locked = whole and not _take_lock()
    if locked:
        logger.info("The previous notification run is still going; skipping this one")
        counts.status = "busy"
        return counts
    try:
        _run(now, device_ids, counts)
    except Exception:  # noqa: BLE001 - a database or Firebase surprise must not crash the beat task
        logger.exception("The notification run failed")
        counts.status = NotificationRun.Status.ERROR
    finally:
        if whole:
            cache.delete(RUN_LOCK_KEY)
    if whole:
        _record(now, counts)
    return counts


def _take_lock() -> bool:
    try:
        return bool(cache.add(RUN_LOCK_KEY, 1, timeout=RUN_LOCK_SECONDS))
    except Exception:  # noqa: BLE001 - without a cache, run unlocked rather than not at all
        logger.warning("Cache unavailable: the notification run is not locked", exc_info=True)
        return True


def _run(now: dt.datetime, device_ids, counts: RunCounts) -> None:
    registrations = PushRegistration.objects.select_related("device").order_by("pk")
    if device_ids is not None:
        registrations = registrations.filter(device_id__in=list(device_ids))
    if not fcm.is_configured():
        fcm.log_off_once()
        counts.status = NotificationRun.Status.OFF
        return
    if rules.is_quiet(now):
        counts.status = NotificationRun.Status.QUIET
        counts.deferred = registrations.count()
        return
    places: dict = {}  # home areas placed once per run
    chunk_size = settings.NOTIFICATIONS_BATCH_SIZE
    last_pk = 0
    while True:
        chunk = list(registrations.filter(pk__gt=last_pk)[:chunk_size])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        _send_chunk(chunk, now, counts, places)
        if counts.status == NotificationRun.Status.ERROR:  # firebase-admin cannot start: stop here
            break
    SentNotification.objects.filter(sent_at__lt=now - dt.timedelta(days=SENT_LOG_DAYS)).delete()


def _send_chunk(chunk: list[PushRegistration], now: dt.datetime, counts: RunCounts, places: dict) -> None:
    preferences = {p.device_id: p for p in NotificationPreferences.objects.filter(device__in=[r.device for r in chunk])}
    cap = settings.NOTIFICATIONS_DAILY_CAP
    plan: list[tuple[PushRegistration, rules.Due]] = []
    for registration in chunk:
        device = registration.device
        counts.devices += 1
        switches = preferences.get(device.pk) or NotificationPreferences(device=device)
        due = rules.due_for(device, now, switches, places=places)
        if not due:
            continue
        room = max(cap - rules.sent_today(device, now), 0)
        counts.capped += max(len(due) - room, 0)
        plan += [(registration, item) for item in due[:room]]
    if not plan:
        return
    outgoing = [
        fcm.Outgoing(registration.token, item.title, item.body, {"path": item.path, "kind": str(item.kind)})
        for registration, item in plan
    ]
    outcome = fcm.send(outgoing)
    if outcome.status == "error":
        counts.status = NotificationRun.Status.ERROR
    SentNotification.objects.bulk_create(
        SentNotification(
            device_id=plan[i][0].device_id, kind=plan[i][1].kind, object_id=plan[i][1].object_id, sent_at=now
        )
        for i in outcome.delivered
    )
    counts.sent += len(outcome.delivered)
    counts.failed += len(outcome.failed)
    if outcome.dead_tokens:
        hashes = [hash_token(token) for token in outcome.dead_tokens]
        counts.pruned += PushRegistration.objects.filter(token_hash__in=hashes).delete()[0]


def _record(now: dt.datetime, counts: RunCounts) -> None:
    try:
        NotificationRun.objects.create(
            started_at=now,
            finished_at=timezone.now(),
            status=counts.status,
            **{name: getattr(counts, name) for name in ("devices", "sent", "failed", "pruned", "deferred", "capped")},
        )
        NotificationRun.objects.filter(started_at__lt=now - dt.timedelta(days=RUN_HISTORY_DAYS)).delete()
    except Exception:  # noqa: BLE001
        logger.exception("Could not record the notification run")


def last_run() -> NotificationRun | None:
    return NotificationRun.objects.order_by("-started_at", "-pk").first()
