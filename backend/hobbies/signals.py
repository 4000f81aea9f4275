"""Keep derived data current: each hobby's next session, its search document, the category counts.

Next session: one change refreshes its hobby at once. Inside ``batched_session_changes()`` the hobbies touched are
collected and refreshed once at the end, so bulk edits (a deleted season, an import page) cost one
UPDATE instead of one per session. ``bulk_create``/``update`` send no signals: their callers call
``services.refresh_next_sessions`` themselves.

Search documents (``search.py``) follow saves of hobbies, their categories, organizations and venues;
inside ``search.deferred_reindex()`` they are rebuilt once at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from backend.core.scoping import unscoped

from . import search
from .models import Category, Hobby, Organization, Session, Venue
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


# --- the search documents and the cached category counts follow the texts they are built from ----------

CATEGORY_COUNTS_CACHE_KEY = "hobbies:category-counts"


def _catalogue_changed() -> None:
    from django.core.cache import cache

    cache.delete(CATEGORY_COUNTS_CACHE_KEY)


def bulk_changes_done() -> None:
    """After bulk writes (which send no signals): forget the cached category tree and counts."""
    from django.core.cache import cache

    cache.delete_many([CATEGORY_COUNTS_CACHE_KEY, Category.TREE_CACHE_KEY])


@receiver(post_save, sender=Hobby, dispatch_uid="hobby_saved_reindex")
def _hobby_saved(sender, instance: Hobby, raw=False, **kwargs) -> None:
    if raw:
        return
    search.changed([instance.pk])
    _catalogue_changed()


@receiver(post_delete, sender=Hobby, dispatch_uid="hobby_deleted_reindex")
def _hobby_deleted(sender, instance: Hobby, **kwargs) -> None:
    search.remove([instance.pk])
    _catalogue_changed()


@receiver(m2m_changed, sender=Hobby.categories.through, dispatch_uid="hobby_categories_reindex")
def _hobby_categories_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # category.hobbies.add(...): the hobbies are in pk_set (None after a clear)
        ids = pk_set if pk_set else Hobby.objects.filter(categories=instance).values_list("pk", flat=True)
        search.changed(list(ids))
    else:
        search.changed([instance.pk])
    _catalogue_changed()


@receiver(post_delete, sender=Category, dispatch_uid="category_deleted_tree")
def _category_deleted(sender, instance: Category, **kwargs) -> None:
    from django.core.cache import cache

    cache.delete(Category.TREE_CACHE_KEY)
    _catalogue_changed()


@receiver(post_save, sender=Category, dispatch_uid="category_saved_reindex")
def _category_saved(sender, instance: Category, created: bool, raw=False, **kwargs) -> None:
    from django.core.cache import cache

    cache.delete(Category.TREE_CACHE_KEY)
    if raw or created:
        return
    subtree = Category.descendant_ids([instance.pk])
    search.changed(
        Hobby.categories.through.objects.filter(category_id__in=subtree).values_list("hobby_id", flat=True).distinct()
    )
    _catalogue_changed()


@receiver(post_save, sender=Organization, dispatch_uid="organization_saved_reindex")
@receiver(post_save, sender=Venue, dispatch_uid="venue_saved_reindex")
def _provider_saved(sender, instance, created: bool, raw=False, **kwargs) -> None:
    if raw or created:
        return
    field = "organization" if sender is Organization else "venue"
    with unscoped():
        search.changed(list(Hobby.objects.filter(**{field: instance}).values_list("pk", flat=True)))
