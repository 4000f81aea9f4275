"""Sending push messages through Firebase Cloud Messaging (firebase-admin), and nothing about the database.

firebase-admin is initialised once, from the service-account key in ``FIREBASE_CREDENTIALS``, as a named app
of its own (not the default app), so that it can be re-created when the settings change (tests do). Messages
go out with ``messaging.send_each`` in batches of ``NOTIFICATIONS_BATCH_SIZE``; in this version of the SDK
``send_each`` makes one HTTP request per message, concurrently. A message that fails for a transient reason
(UNAVAILABLE, INTERNAL, quota, a timeout) is tried again with an exponential backoff, at most ``MAX_ATTEMPTS``
times in all; tokens that FCM says are dead (unregistered, another sender's, not a registration token) are
returned for deletion. Without credentials nothing is sent: ``send`` says "off" and logs that once.
Nothing here raises for a Firebase problem: the caller gets counts.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import warnings
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

APP_NAME = "harrastuspassi-notifications"
FCM_BASE = "https://fcm.googleapis.com"
HTTP_TIMEOUT_SECONDS = 15
MAX_ATTEMPTS = 3

TRANSIENT_CODES = frozenset({"UNAVAILABLE", "INTERNAL", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "UNKNOWN"})

_lock = threading.Lock()
_state: dict = {"app": None, "key": None, "told_off": False}


@dataclass(frozen=True)
class Outgoing:
    """One message for one registration token. ``data`` values are strings (FCM's rule)."""

    token: str
    title: str
    body: str
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What happened to a list of messages: indices into that list, and the tokens to delete."""

    status: str = "ok"  # "ok", "off" (no credentials) or "error" (firebase-admin could not start)
    delivered: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    dead_tokens: set[str] = field(default_factory=set)
    retried: int = 0


def is_configured() -> bool:
    return bool(settings.FIREBASE_CREDENTIALS)


def health() -> dict:
    """For the health check: configured or not and, when configured, whether the key loads (no network)."""
    if not is_configured():
        return {"configured": False, "ok": True}
    from firebase_admin import credentials

    try:
        credentials.Certificate(settings.FIREBASE_CREDENTIALS)
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        return {"configured": True, "ok": False, "credentials": "invalid", "error": type(exc).__name__}
    return {"configured": True, "ok": True, "credentials": "loaded"}


def reset() -> None:
    """Forget the initialised app (the next send starts a new one from the current settings)."""
    import firebase_admin

    with _lock:
        app, _state["app"], _state["key"] = _state["app"], None, None
        _state["told_off"] = False
        if app is not None:
            with contextlib.suppress(ValueError):  # already deleted
                firebase_admin.delete_app(app)


def _app():
    """The firebase-admin app for the current settings, initialised on first use."""
    import firebase_admin
    from firebase_admin import credentials

    key = (settings.FIREBASE_CREDENTIALS, settings.FIREBASE_FCM_ENDPOINT)
    with _lock:
        if _state["app"] is not None and _state["key"] == key:
            return _state["app"]
        if _state["app"] is not None:
            firebase_admin.delete_app(_state["app"])
            _state["app"] = None
        with contextlib.suppress(ValueError):  # left behind by an earlier initialisation in this process
            firebase_admin.delete_app(firebase_admin.get_app(APP_NAME))
        app = firebase_admin.initialize_app(
            credentials.Certificate(settings.FIREBASE_CREDENTIALS),
            {"httpTimeout": HTTP_TIMEOUT_SECONDS},
            name=APP_NAME,
        )
        _configure_messaging(app)
        _state.update(app=app, key=key)
        return app


def _configure_messaging(app) -> None:
    """The one place that reaches inside firebase-admin's messaging service (7.x).

    - ``FIREBASE_FCM_ENDPOINT`` replaces the base of the send URL (the service builds it once, from
      ``_MessagingService.FCM_URL``, into the instance attribute ``_fcm_url``).
    - The SDK's HTTP adapter retries 500/503 itself, up to four times with a backoff of seconds (and would
      sleep through a Retry-After). Our own per-message retry (``send``) is the one policy instead: the adapter
      mounted here retries only a failed connection, once, and hands every HTTP error back at once.
    """
    import requests.adapters
    from firebase_admin import messaging
    from urllib3.util.retry import Retry

    service = messaging._get_messaging_service(app)  # noqa: SLF001 - see the docstring
    base = (settings.FIREBASE_FCM_ENDPOINT or FCM_BASE).rstrip("/")
    service._fcm_url = f"{base}/v1/projects/{app.project_id}/messages:send"  # noqa: SLF001
    retry = Retry(
        total=1,
        connect=1,
        read=0,
        redirect=0,
        status=0,
        other=0,
        raise_on_status=False,
        respect_retry_after_header=False,
    )
    adapter = requests.adapters.HTTPAdapter(pool_connections=100, pool_maxsize=100, max_retries=retry)
    service._client.session.mount(base, adapter)  # noqa: SLF001


def log_off_once() -> None:
    with _lock:
        if _state["told_off"]:
            return
        _state["told_off"] = True
    logger.info("Push notifications are off: FIREBASE_CREDENTIALS is not set.")


def is_dead_token(error) -> bool:
    """FCM will never deliver to this token again: delete it."""
    from firebase_admin import exceptions, messaging

    if isinstance(error, messaging.UnregisteredError | messaging.SenderIdMismatchError):
        return True
    # INVALID_ARGUMENT is also what a malformed message gets; only the token's own fault removes the token.
    return isinstance(error, exceptions.InvalidArgumentError) and "registration token" in str(error).lower()


def is_transient(error) -> bool:
    return getattr(error, "code", None) in TRANSIENT_CODES


def _message(outgoing: Outgoing):
    from firebase_admin import messaging

    # firebase-admin 7.5+ prefers Firebase installation ids (``fid``) and warns about ``token``; the web SDK's
    # getToken() and the native SDKs still hand out registration tokens, which FCM v1 accepts as before.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Message.token is deprecated", DeprecationWarning)
        return messaging.Message(
            token=outgoing.token,
            notification=messaging.Notification(title=outgoing.title, body=outgoing.body),
            data=dict(outgoing.data),
        )


def send(messages: list[Outgoing], *, backoff: float | None = None) -> Outcome:
    """Send ``messages`` (any number; batched here). Never raises for a Firebase problem."""
    outcome = Outcome()
    if not messages:
        return outcome
    if not is_configured():
        log_off_once()
        outcome.status = "off"
        return outcome
    try:
        app = _app()
    except Exception:  # noqa: BLE001 - an unreadable key, a bad project: report, never raise
        logger.exception("firebase-admin could not be initialised; no notifications sent")
        outcome.status = "error"
        outcome.failed = list(range(len(messages)))
        return outcome
    if backoff is None:
        backoff = settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS  # doubled after each attempt
    batch_size = max(1, min(settings.NOTIFICATIONS_BATCH_SIZE, 500))
    pending = list(range(len(messages)))
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            outcome.retried += len(pending)
            if backoff:
                time.sleep(backoff * 2 ** (attempt - 1))
        if not _fresh_access_token(app):
            continue  # the token endpoint failed: everything pending waits for the next attempt
        again: list[int] = []
        for start in range(0, len(pending), batch_size):
            batch = pending[start : start + batch_size]
            _send_batch(app, messages, batch, outcome, again)
        pending = again
        if not pending:
            break
    if pending:
        logger.warning("%d notifications still failed after %d attempts", len(pending), MAX_ATTEMPTS)
        outcome.failed.extend(pending)
    return outcome


def _fresh_access_token(app) -> bool:
    """Fetch the OAuth2 access token once, before the concurrent sends: left to them, each of the (up to 500)
    threads of ``send_each`` would ask for its own."""
    from google.auth.transport.requests import Request

    credential = app.credential.get_credential()
    if credential.valid:
        return True
    try:
        credential.refresh(Request())
    except Exception:  # noqa: BLE001 - google-auth's RefreshError / TransportError: try again later
        logger.warning("Could not get an access token for FCM", exc_info=True)
        return False
    return True


def _send_batch(app, messages: list[Outgoing], batch: list[int], outcome: Outcome, again: list[int]) -> None:
    """One ``send_each`` call; sorts each message into delivered, dead token, try again or failed."""
    from firebase_admin import exceptions, messaging

    try:
        response = messaging.send_each([_message(messages[i]) for i in batch], app=app)
    except exceptions.FirebaseError:
        logger.warning("send_each failed as a whole; will try the batch again", exc_info=True)
        again.extend(batch)
        return
    except Exception:  # noqa: BLE001 - e.g. a message the SDK refuses to encode
        logger.exception("send_each refused a batch of %d notifications", len(batch))
        outcome.failed.extend(batch)
        return
    for index, result in zip(batch, response.responses, strict=True):
        if result.success:
            outcome.delivered.append(index)
        elif is_dead_token(result.exception):
            outcome.dead_tokens.add(messages[index].token)
        elif is_transient(result.exception):
            again.append(index)
        else:
            logger.warning("FCM refused a notification: %s", getattr(result.exception, "code", result.exception))
            outcome.failed.append(index)
