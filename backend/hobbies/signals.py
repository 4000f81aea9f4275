"""Keep each hobby's next session current when its sessions change.

One change refreshes its hobby at once. Inside ``batched_session_changes()`` the hobbies touched are
collected and refreshed once at the end, so bulk edits (a deleted season, an import page) cost one
UPDATE instead of one per session. ``bulk_create``/``update`` send no signals: their callers call
``services.refresh_next_sessions`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Session
from .services import refresh_next_sessions

_pending: ContextVar[set[int] | None] = ContextVar("pending_next_session_refresh", default=None)


@contextmanager
def batched_session_changes() -> Iterator[None]:
    if _pending.get() is not None:  # already batching: the outermost block refreshes
        yield
        return
    token = _pending.set(set())
    try:
        yield
        touched = _pending.get()
    finally:
        _pending.reset(token)
    if touched:
        refresh_next_sessions(touched)


@receiver(post_save, sender=Session, dispatch_uid="session_saved_refresh_next")
@receiver(post_delete, sender=Session, dispatch_uid="session_deleted_refresh_next")
def _session_changed(sender, instance: Session, **kwargs) -> None:
    pending = _pending.get()
    if pending is not None:
        pending.add(instance.hobby_id)
    else:
        refresh_next_sessions([instance.hobby_id])
