"""Row-level scoping of querysets for the duration of one request.

The CMS sets a scope for each request of a signed-in user who is not an operator (see
``cms.scope``); every queryset built through a ``ScopedManager`` — listings, edit and delete views,
revisions, previews, choosers, search, bulk actions, dashboards — then only contains rows that user
may see. Rows outside the scope do not exist for that request, so no view can leak or change them.
Outside such a request (the public API, commands, tasks, tests) there is no scope and managers
behave as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from django.db import models


class Scope(Protocol):
    def filter(self, queryset: models.QuerySet) -> models.QuerySet: ...


_current: ContextVar[Scope | None] = ContextVar("row_scope", default=None)


def current_scope() -> Scope | None:
    return _current.get()


@contextmanager
def scoped(scope: Scope | None) -> Iterator[None]:
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def unscoped() -> Iterator[None]:
    """For the rare internal lookup that must see every row (e.g. a uniqueness check)."""
    with scoped(None):
        yield


class ScopedManager(models.Manager):
    """The default manager of rows that belong to an organization or a municipality."""

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        scope = _current.get()
        return scope.filter(queryset) if scope is not None else queryset
