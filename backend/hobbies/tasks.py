"""Periodic work for hobbies, run by Celery beat (eagerly in-process without Redis)."""

from celery import shared_task

from .services import refresh_next_sessions as _refresh


@shared_task(name="backend.hobbies.tasks.refresh_next_sessions")
def refresh_next_sessions(hobby_ids: list[int] | None = None) -> int:
    """Move each hobby's "next session" past sessions that have started; returns hobbies updated."""
    return _refresh(hobby_ids)
