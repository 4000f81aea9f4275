"""Write desired rows with as few statements as possible, touching only what differs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils import timezone


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class Upserted:
    objects: dict  # key → instance (created or existing)
    created: list
    updated: list


def upsert(
    model: type[models.Model],
    desired: Mapping[Hashable, dict],
    existing: Mapping[Hashable, models.Model],
    counts: Counts,
    *,
    batch_size: int = 500,
) -> Upserted:
    """Create the missing rows and update the fields that differ; count what happened.

    ``desired`` maps a key to field values by attribute name (``municipality_id``, not
    ``municipality``); ``existing`` maps the same keys to rows already in the database.
    Rows are grouped by the set of fields that changed so each UPDATE writes only those.
    """
    has_updated_at = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    objects, to_create = {}, []
    changed_groups: dict[tuple[str, ...], list] = defaultdict(list)
    for key, values in desired.items():
        obj = existing.get(key)
        if obj is None:
            obj = model(**values)
            to_create.append(obj)
        else:
            changed = tuple(sorted(name for name, value in values.items() if getattr(obj, name) != value))
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                changed_groups[changed].append(obj)
            else:
                counts.unchanged += 1
        objects[key] = obj

    if to_create:
        model.objects.bulk_create(to_create, batch_size=batch_size)
    updated = []
    now = timezone.now()
    for fields, objs in changed_groups.items():
        if has_updated_at:
            for obj in objs:
                obj.updated_at = now
            fields = (*fields, "updated_at")
        model.objects.bulk_update(objs, fields, batch_size=batch_size)
        updated.extend(objs)
    counts.created += len(to_create)
    counts.updated += len(updated)
    return Upserted(objects, to_create, updated)


def sync_links(
    through: type[models.Model],
    left: str,
    right: str,
    desired: Mapping[int, Iterable[int]],
    *,
    remove_others: bool = True,
) -> set[int]:
    """Make the many-to-many links of each left id in ``desired`` equal to (or include) its set.

    ``left``/``right`` are the attribute names on the through model (``hobby_id``,
    ``category_id``). Returns the left ids whose links changed.
    """
    wanted = {pk: set(ids) for pk, ids in desired.items()}
    current: dict[int, set[int]] = defaultdict(set)
    rows = through.objects.filter(**{f"{left}__in": list(wanted)}).values_list("pk", left, right)
    stale = []
    for pk, left_id, right_id in rows:
        current[left_id].add(right_id)
        if remove_others and right_id not in wanted[left_id]:
            stale.append(pk)
    new = [
        through(**{left: left_id, right: right_id})
        for left_id, ids in wanted.items()
        for right_id in sorted(ids - current[left_id])
    ]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    if new:
        through.objects.bulk_create(new, batch_size=500)
    changed = {getattr(link, left) for link in new}
    if stale:
        changed |= {left_id for left_id, ids in current.items() if ids - wanted[left_id]}
    return changed
