"""The save layer of the importers: pages of mapped records in, an ``ImportRun`` out.

The importer fetches and maps; the engine saves. Each page (a ``Page`` of ``VenueRecord``/``HobbyRecord`` and the
records the mapper skipped) is written in one transaction with a fixed number of queries, whatever its size:

- rows are keyed on ``(data_source, origin_id)``; the rows of a page are loaded in one query, compared field by
  field, and only changed fields are written (``bulk_update``) — new rows come in with ``bulk_create``;
- venues first, then hobbies: ``hobby.venue`` from ``venue_origin_id`` (same source), the organization found or
  created by its name (``origin_id`` = slug of the name), the municipality from the venue, else the engine's
  default municipality, else the organization's; categories through ``CategoryMapping``; the hobby's sessions of
  this source replaced by the ones listed (``origin_id`` of each session);
- a hobby edited in the CMS (``edited_in_cms``) is never touched: counted unchanged, and noted;
- imported hobbies are published (``live``) unless ``publish=False``; a hobby a moderator took down stays down;
- a record whose values do not validate (field validators, ``clean()``, check constraints — all in Python, before
  anything is written) is skipped with its reason; the page goes on;
- a page that fails part-way (a database error…) is rolled back whole; the run stops as failed, earlier pages
  stay saved;
- ``complete=True`` (a full, successful fetch): rows of the source not seen in any page are soft-deleted —
  a venue gets ``deleted=True``, a hobby ``live=False`` and ``expired=True`` (Wagtail's "expired": removed at the
  source; it is published again if the source lists it again, unless taken down). Refused — status "refused",
  nothing deleted — when that would remove more than ``delete_threshold`` of the source's venues or hobbies,
  unless ``force``. Explicit deletions (``record.deleted``) are applied in every run.
- ``dry_run``: everything happens inside a transaction that is rolled back; the counts are still reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backend.core.scoping import unscoped
from backend.hobbies import search
from backend.hobbies.models import CategoryMapping, Hobby, Municipality, Organization, Session, Venue
from backend.hobbies.models.hobby import LanguageListField
from backend.hobbies.services import refresh_next_sessions
from backend.hobbies.signals import bulk_changes_done

from .models import ImportRun
from .records import HobbyRecord, SessionRecord, SkipRecord, Unchanged, VenueRecord

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# The special value key of a VenueRecord naming its municipality: a code ("091", 91) or a slug/name.
MUNICIPALITY_KEY = "municipality_code"
KEYWORD_PREFIXES = ("yso:", "helfi:")
MAX_UPDATE_GROUPS = 4  # more distinct sets of changed fields on one page are written as one UPDATE of their union


@dataclass
class Page:
    """One page of mapped records; ``skipped`` holds ``(record id, reason)`` of what the mapper could not use."""

    records: list = field(default_factory=list)
    skipped: list[tuple[str | None, str]] = field(default_factory=list)

    @classmethod
    def coerce(cls, page: Page | Iterable) -> Page:
        """A ``Page``, or a plain list mixing records and ``SkipRecord`` instances."""
        if isinstance(page, Page):
            return page
        result = cls()
        for item in page:
            if isinstance(item, SkipRecord):
                result.skipped.append((item.record_id, item.reason))
            else:
                result.records.append(item)
        return result


class InvalidRecord(Exception):  # noqa: N818 - a reason to skip, like SkipRecord
    pass


# --- which fields a mapper may set --------------------------------------------------------------------


@cache
def _writable_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """Plain (non-relation) fields a mapper may give in ``values``: content, not bookkeeping."""
    bookkeeping = {"id", "data_source", "origin_id", "created_at", "updated_at", "deleted"}
    bookkeeping |= {"first_published_at", "go_live_at", "expire_at"}  # Wagtail's, set by publishing
    return {
        f.name: f for f in model._meta.concrete_fields if not f.is_relation and f.editable and f.name not in bookkeeping
    }


def _coerced_values(model: type[models.Model], values: dict, source_hash: str, unknown_message: str) -> dict:
    """A mapper's ``values`` checked against the model's writable fields and coerced to their types.

    Raises ``InvalidRecord`` naming unknown fields (``unknown_message`` takes ``%(names)s``) or invalid values."""
    fields = _writable_fields(model)
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise InvalidRecord(unknown_message % {"names": ", ".join(unknown)})
    try:
        coerced = {name: _coerce(fields[name], value) for name, value in values.items()}
    except ValidationError as exc:
        raise InvalidRecord(_describe(exc)) from None
    if source_hash:
        coerced["source_hash"] = source_hash
    return coerced


def _coerce(model_field: models.Field, value):
    if isinstance(model_field, LanguageListField) and isinstance(value, list | tuple | set):
        return LanguageListField.pack(value)
    if value is None and not model_field.null and isinstance(model_field, models.CharField | models.TextField):
        return ""
    value = model_field.to_python(value)
    if isinstance(model_field, models.DateTimeField) and value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, ZoneInfo(settings.TIME_ZONE))
    return value


def _organization_origin(name: str) -> str:
    """The origin id of an organization known only by its name: the slug of the name."""
    return slugify(name)[:150] or "org-" + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:12]


def _describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())
    return " ".join(exc.messages)


# --- check constraints evaluated in Python (Django's own check runs one query per row) ------------------

_COMPARE = {
    "exact": lambda a, b: a == b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def _attr(obj: models.Model, name: str):
    if name == "pk":
        return obj.pk
    return getattr(obj, obj._meta.get_field(name).attname)


def _holds(node, obj: models.Model) -> bool | None:
    """SQL's three-valued truth of a check condition for ``obj``: ``None`` (unknown) passes a CHECK."""
    if isinstance(node, Q):
        results = [_holds(child, obj) for child in node.children]
        if node.connector == Q.AND:
            result = False if False in results else (None if None in results else True)
        else:
            result = True if True in results else (None if None in results else False)
        return result if result is None or not node.negated else not result
    lookup, expected = node
    name, _sep, op = lookup.partition("__")
    op = op or "exact"
    try:
        value = _attr(obj, name)
        if isinstance(expected, F):
            expected = _attr(obj, expected.name)
        elif hasattr(expected, "resolve_expression"):
            return None
    except (FieldDoesNotExist, AttributeError):
        return None
    if op == "isnull":
        return (value is None) == bool(expected)
    if op not in _COMPARE or value is None or expected is None:
        return None
    try:
        return bool(_COMPARE[op](value, expected))
    except TypeError:
        return None


def _check_constraints(obj: models.Model) -> None:
    errors = []
    for constraint in obj._meta.constraints:
        condition = getattr(constraint, "condition", None) if isinstance(constraint, models.CheckConstraint) else None
        if condition is not None and _holds(condition, obj) is False:
            errors.append(str(constraint.get_violation_error_message()))
    if errors:
        raise ValidationError(errors)


def _validate(obj: models.Model, changed: set[str] | None) -> None:
    """Field validators (all fields of a new row, the changed ones of an existing row), ``clean()`` and checks.

    Relations are left out: their validation is a query per row, and the engine sets them from rows it loaded.
    """
    names = {f.name for f in obj._meta.concrete_fields}
    writable = set(_writable_fields(type(obj)))
    keep = writable if changed is None else {obj._meta.get_field(f).name for f in changed} & writable
    try:
        obj.clean_fields(exclude=names - keep)
        obj.clean()
        _check_constraints(obj)
    except ValidationError as exc:
        raise InvalidRecord(_describe(exc)) from None


def _apply(obj: models.Model, values: dict) -> set[str]:
    """Set the values that differ; return their attribute names."""
    changed = set()
    for attname, value in values.items():
        if getattr(obj, attname) != value:
            setattr(obj, attname, value)
            changed.add(attname)
    return changed


# --- the counts of a page, applied to the run when its transaction commits ------------------------------


@dataclass
class _PageResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0
    protected: int = 0  # hobbies edited in the CMS, left alone
    errors: list[tuple[str, str]] = field(default_factory=list)
    seen_venues: set[str] = field(default_factory=set)
    seen_hobbies: set[str] = field(default_factory=set)
    organizations: dict[str, tuple[int, int]] = field(default_factory=dict)

    def skip(self, record_id, reason: str) -> None:
        self.skipped += 1
        self.errors.append((str(record_id or "?"), reason))


class SyncEngine:
    """Saves pages of mapped records of one source; ``run()`` returns the finished ``ImportRun``."""

    def __init__(
        self,
        source: str,
        *,
        dry_run: bool = False,
        force: bool = False,
        delete_threshold: float = 0.2,
        publish: bool = True,
        now: dt.datetime | None = None,
        mapping_source: str | None = None,
        default_municipality: str | None = None,
        default_organization: str | None = None,
        organization_kind: str = Organization.Kind.MUNICIPAL,
        options: dict | None = None,
        on_page: Callable[[ImportRun], None] | None = None,
    ):
        self.source = source
        self.dry_run = dry_run
        self.force = force
        self.delete_threshold = delete_threshold
        self.publish = publish
        self.now = now or timezone.now()
        self.mapping_source = mapping_source or CategoryMapping.Source.LINKED_EVENTS_KEYWORD
        self.default_municipality = (
            default_municipality
            if default_municipality is not None
            else getattr(settings, "IMPORT_DEFAULT_MUNICIPALITY", None)
        )
        self.default_organization = default_organization
        self.organization_kind = organization_kind
        self.options = dict(options or {})
        self.on_page = on_page
        self.run_record: ImportRun | None = None
        self.protected = 0
        self.notes: list[str] = []
        self._seen_venues: set[str] = set()
        self._seen_hobbies: set[str] = set()
        self._organizations: dict[str, tuple[int, int]] = {}  # name → (pk, municipality id)
        self._municipalities: tuple[dict[str, int], dict[str, int]] | None = None
        self._mappings: dict[tuple[str, str], int] | None = None
        self._started = 0.0
        self._elapsed = 0.0

    # --- the run ------------------------------------------------------------------------------------------

    def run(self, pages: Iterable, *, complete: bool) -> ImportRun:
        """Save every page; delete what the feed no longer has when ``complete``; return the run record."""
        self._started = time.monotonic()
        options = {
            "dry_run": self.dry_run,
            "force": self.force,
            "delete_threshold": self.delete_threshold,
            "publish": self.publish,
            "complete": complete,
            **self.options,
        }
        run = self.run_record = ImportRun.objects.create(
            source=self.source, dry_run=self.dry_run, options=options, started_at=self.now
        )
        try:
            with unscoped():
                if self.dry_run:
                    with transaction.atomic():
                        self._run(pages, complete)
                        transaction.set_rollback(True)
                else:
                    self._run(pages, complete)
        except BaseException as exc:  # interrupted (Ctrl-C) or a bug: the run record still says so
            run.status = ImportRun.Status.FAILED
            run.add_error("run", str(exc) or type(exc).__name__)
            self._finish()
            raise
        self._finish()
        return run

    def _run(self, pages: Iterable, complete: bool) -> None:
        run = self.run_record
        iterator = iter(pages)
        number = 0
        while True:
            try:
                page = next(iterator)
            except StopIteration:
                break
            except Exception as exc:  # the fetch or the mapping of the next page failed
                logger.warning("%s: reading page %d failed: %s", self.source, number + 1, exc)
                run.status = ImportRun.Status.FAILED
                run.add_error(_("page %(number)d") % {"number": number + 1}, str(exc))
                return
            number += 1
            page = Page.coerce(page)
            result = _PageResult()
            try:
                with transaction.atomic():
                    self._save_page(page, result)
            except Exception as exc:
                logger.exception("%s: page %d failed and was rolled back", self.source, number)
                run.failed += len(page.records)
                run.skipped += len(page.skipped)
                run.status = ImportRun.Status.FAILED
                run.add_error(
                    _("page %(number)d") % {"number": number},
                    _("not saved: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"},
                )
                return
            self._commit(result)
            if not self.dry_run:
                run.save()
            if self.on_page:
                self.on_page(run)
        if complete:
            self._delete_unseen()
        if run.status == ImportRun.Status.RUNNING:
            run.status = ImportRun.Status.SUCCEEDED

    def _commit(self, result: _PageResult) -> None:
        run = self.run_record
        for name in ("created", "updated", "unchanged", "deleted", "skipped"):
            setattr(run, name, getattr(run, name) + getattr(result, name))
        for record_id, reason in result.errors:
            run.add_error(record_id, reason)
        self.protected += result.protected
        self._seen_venues |= result.seen_venues
        self._seen_hobbies |= result.seen_hobbies
        self._organizations.update(result.organizations)

    def _finish(self) -> None:
        run = self.run_record
        self._elapsed = time.monotonic() - self._started
        if run.status == ImportRun.Status.RUNNING:
            run.status = ImportRun.Status.FAILED
        run.finished_at = max(timezone.now(), run.started_at)
        if self.protected:
            self.notes.append(
                ngettext(
                    "%(count)d hobby edited in the CMS was left as it is.",
                    "%(count)d hobbies edited in the CMS were left as they are.",
                    self.protected,
                )
                % {"count": self.protected}
            )
        run.message = " ".join([self.summary(), *self.notes])
        run.save()
        if not self.dry_run and (run.created or run.updated or run.deleted):
            bulk_changes_done()

    def summary(self) -> str:
        """One line: ``lipas: succeeded — 3 created, 1 updated, 20 unchanged, 0 deleted, 1 skipped, 0 failed…``."""
        run = self.run_record
        if run is None:
            return _("%(source)s: not run") % {"source": self.source}
        line = _(
            "%(source)s: %(status)s — %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(deleted)d deleted, %(skipped)d skipped, %(failed)d failed in %(seconds).1f s"
        ) % {
            "source": self.source,
            "status": ImportRun.Status(run.status).label,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "deleted": run.deleted,
            "skipped": run.skipped,
            "failed": run.failed,
            "seconds": self._elapsed,
        }
        if self.dry_run:
            line += " " + _("(dry run: nothing was saved)")
        return line

    # --- lookups cached for the run ---------------------------------------------------------------------

    def _municipality_maps(self) -> tuple[dict[str, int], dict[str, int]]:
        if self._municipalities is None:
            by_code, by_name = {}, {}
            for pk, code, slug, *names in Municipality.objects.values_list(
                "pk", "code", "slug", "name_fi", "name_sv", "name_en"
            ):
                by_code[code] = pk
                for name in (slug, *names):
                    if name:
                        by_name.setdefault(search.fold(name).strip(), pk)
            self._municipalities = by_code, by_name
        return self._municipalities

    def municipality_id(self, code=None, city: str | None = None) -> int | None:
        """A municipality by its code (``91``, ``"091"``) or slug/name, else by the city's name."""
        by_code, by_name = self._municipality_maps()
        if code not in (None, ""):
            text = str(code).strip()
            if text.isdigit():
                return by_code.get(text.zfill(3))
            found = by_name.get(search.fold(text).strip())
            if found:
                return found
        if city:
            return by_name.get(search.fold(city).strip())
        return None

    def _default_municipality_id(self) -> int | None:
        if not self.default_municipality:
            return None
        return self.municipality_id(self.default_municipality)

    def category_ids(self, keys: Iterable) -> set[int]:
        """The categories of a record's keywords or type codes; unknown keys are ignored."""
        if self._mappings is None:
            self._mappings = {
                (source, external_id): category_id
                for source, external_id, category_id in CategoryMapping.objects.values_list(
                    "source", "external_id", "category_id"
                )
            }
        found = set()
        for key in keys or ():
            key = str(key).strip()
            source = (
                CategoryMapping.Source.LINKED_EVENTS_KEYWORD
                if key.startswith(KEYWORD_PREFIXES)
                else self.mapping_source
            )
            category_id = self._mappings.get((source, key))
            if category_id is not None:
                found.add(category_id)
        return found

    # --- one page -----------------------------------------------------------------------------------------

    def _save_page(self, page: Page, result: _PageResult) -> None:
        for record_id, reason in page.skipped:
            result.skip(record_id, reason)
        venues: dict[str, VenueRecord] = {}
        hobbies: dict[str, HobbyRecord] = {}
        for record in page.records:
            if isinstance(record, Unchanged):
                result.unchanged += 1
                (result.seen_venues if record.kind == "venue" else result.seen_hobbies).add(record.origin_id)
                continue
            if isinstance(record, SkipRecord):
                result.skip(record.record_id, record.reason)
                continue
            if not isinstance(record, VenueRecord | HobbyRecord):
                result.skip(getattr(record, "origin_id", None), _("not a venue or a hobby record"))
                continue
            origin_id = str(record.origin_id or "").strip()
            if not origin_id:
                result.skip(None, _("the record has no id"))
                continue
            bucket = venues if isinstance(record, VenueRecord) else hobbies
            if origin_id in bucket:
                result.skip(origin_id, _("listed twice on one page; the last one was used"))
            bucket[origin_id] = record
        renamed_venues = self._save_venues(venues, result) if venues else set()
        changed_hobbies, session_changes = self._save_hobbies(hobbies, result) if hobbies else (set(), set())
        if session_changes:
            refresh_next_sessions(session_changes, now=self.now)
        reindex = set(changed_hobbies)
        if renamed_venues:
            reindex |= set(Hobby.objects.filter(venue_id__in=renamed_venues).values_list("pk", flat=True))
        if reindex:
            search.changed(reindex)

    @staticmethod
    def _write(model, to_create: list, groups: dict[frozenset, list], now: dt.datetime) -> None:
        """Insert the new rows; write the changed fields of the others, a few statements for the whole page.

        A field that has one value across a group (``updated_at``, ``live``…) is written with a plain UPDATE;
        the others with ``bulk_update`` (its CASE expressions cost time in proportion to rows × fields).
        """
        if to_create:
            model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if len(groups) > MAX_UPDATE_GROUPS:  # keep the number of statements fixed: one UPDATE of the union
            union = frozenset().union(*groups)
            groups = {union: [obj for objs in groups.values() for obj in objs]}
        for fields, objs in groups.items():
            for obj in objs:
                obj.updated_at = now
            names = {model._meta.get_field(f).name for f in fields} | {"updated_at"}
            uniform, varying = {}, []
            for name in sorted(names):
                attname = model._meta.get_field(name).attname
                first = getattr(objs[0], attname)
                if all(getattr(obj, attname) == first for obj in objs):
                    uniform[attname] = first
                else:
                    varying.append(name)
            if varying:
                model.objects.bulk_update(objs, varying, batch_size=BATCH_SIZE)
            pks = [obj.pk for obj in objs]
            for i in range(0, len(pks), BATCH_SIZE):
                model.objects.filter(pk__in=pks[i : i + BATCH_SIZE]).update(**uniform)

    # --- venues -----------------------------------------------------------------------------------------

    def _venue_values(self, record: VenueRecord) -> dict:
        values = dict(record.values or {})
        code = values.pop(MUNICIPALITY_KEY, None)
        coerced = _coerced_values(Venue, values, record.source_hash, _("unknown venue fields: %(names)s"))
        municipality = self.municipality_id(code, coerced.get("city"))
        if municipality is not None:
            coerced["municipality_id"] = municipality
        return coerced

    def _save_venues(self, records: dict[str, VenueRecord], result: _PageResult) -> set[int]:
        """Upsert the venues of a page; return the ids of existing venues whose names changed."""
        existing = {v.origin_id: v for v in Venue.objects.filter(data_source=self.source, origin_id__in=list(records))}
        to_create, groups, renamed = [], defaultdict(list), set()
        rehashed: list[Venue] = []  # only the source fingerprint changed
        for origin_id, record in records.items():
            obj = existing.get(origin_id)
            if record.deleted:
                if obj is not None and not obj.deleted:
                    obj.deleted = True
                    groups[frozenset({"deleted"})].append(obj)
                    result.deleted += 1
                else:
                    result.unchanged += 1
                continue
            try:
                values = self._venue_values(record)
                if obj is None:
                    obj = Venue(data_source=self.source, origin_id=origin_id, **values)
                    _validate(obj, None)
                    to_create.append(obj)
                    result.created += 1
                else:
                    changed = _apply(obj, values)
                    if obj.deleted:  # back in the feed
                        obj.deleted = False
                        changed.add("deleted")
                    if changed == {"source_hash"}:  # the source record changed, our values did not
                        rehashed.append(obj)
                        changed = set()
                    if changed:
                        _validate(obj, changed)
                        groups[frozenset(changed)].append(obj)
                        result.updated += 1
                        if any(f.startswith("name_") for f in changed):
                            renamed.add(obj.pk)
                    else:
                        result.unchanged += 1
            except InvalidRecord as exc:
                result.skip(origin_id, str(exc))
            result.seen_venues.add(origin_id)  # still listed, even if invalid now: not deleted at the end
        self._write(Venue, to_create, groups, self.now)
        if rehashed:
            Venue.objects.bulk_update(rehashed, ["source_hash"], batch_size=BATCH_SIZE)
        return renamed

    # --- hobbies ------------------------------------------------------------------------------------------

    def _hobby_values(self, record: HobbyRecord) -> dict:
        return _coerced_values(Hobby, record.values or {}, record.source_hash, _("unknown hobby fields: %(names)s"))

    def _organizations_for(self, wanted: dict[str, int | None], result: _PageResult) -> dict[str, tuple[int, int]]:
        """Organizations of this source by name, found or created (``wanted``: name → municipality for a new one).

        Returns name → (pk, municipality id); a name with no municipality and no existing row is left out.
        """
        known = {name: self._organizations[name] for name in wanted if name in self._organizations}
        missing = {name: _organization_origin(name) for name in wanted if name not in known}
        if missing:
            rows = Organization.objects.filter(data_source=self.source, origin_id__in=set(missing.values()))
            by_origin = {o: (pk, m) for pk, o, m in rows.values_list("pk", "origin_id", "municipality_id")}
            new: dict[str, str] = {}  # origin id → name
            for name, origin_id in missing.items():
                if origin_id not in by_origin and wanted[name] is not None:
                    new.setdefault(origin_id, name)
            if new:
                slugs = {origin_id: f"{self.source}-{origin_id}"[:200] for origin_id in new}
                taken = set(Organization.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
                created = []
                for origin_id, name in new.items():
                    slug = slugs[origin_id]
                    if slug in taken:
                        digest = hashlib.sha1(f"{self.source}/{origin_id}".encode(), usedforsecurity=False).hexdigest()[
                            :12
                        ]
                        slug = f"{slug[:187]}-{digest}"
                    created.append(
                        Organization(
                            data_source=self.source,
                            origin_id=origin_id,
                            name=name[:200],
                            slug=slug,
                            kind=self.organization_kind,
                            municipality_id=wanted[name],
                        )
                    )
                Organization.objects.bulk_create(created, batch_size=BATCH_SIZE)
                by_origin.update({org.origin_id: (org.pk, org.municipality_id) for org in created})
            known.update({name: by_origin[o] for name, o in missing.items() if o in by_origin})
        result.organizations.update(known)
        return known

    def _session_values(self, record: SessionRecord) -> tuple[dt.datetime, dt.datetime | None, bool]:
        zone = ZoneInfo(settings.TIME_ZONE)
        start, end = record.start, record.end
        if not isinstance(start, dt.datetime) or (end is not None and not isinstance(end, dt.datetime)):
            raise InvalidRecord(_("a session needs a start time"))
        if timezone.is_naive(start):
            start = timezone.make_aware(start, zone)
        if end is not None and timezone.is_naive(end):
            end = timezone.make_aware(end, zone)
        if end is not None and end <= start:
            raise InvalidRecord(_("A session must end after it starts."))
        return start, end, bool(record.cancelled)

    def _save_hobbies(self, records: dict[str, HobbyRecord], result: _PageResult) -> tuple[set[int], set[int]]:
        """Upsert the hobbies of a page with their categories and sessions.

        Returns the ids of hobbies created or changed, and of those whose sessions changed.
        """
        venue_origins = {r.venue_origin_id for r in records.values() if r.venue_origin_id and not r.deleted}
        venues: dict[str, tuple[int, int | None]] = {}
        if venue_origins:
            rows = Venue.objects.filter(data_source=self.source, origin_id__in=venue_origins)
            venues = {o: (pk, m) for o, pk, m in rows.values_list("origin_id", "pk", "municipality_id")}
        existing = {h.origin_id: h for h in Hobby.objects.filter(data_source=self.source, origin_id__in=list(records))}
        default_municipality = self._default_municipality_id()

        # organizations (found or created), each with the municipality of its first hobby
        wanted_orgs: dict[str, int | None] = {}
        for record in records.values():
            obj = existing.get(record.origin_id)
            if record.deleted or (obj is not None and obj.edited_in_cms):
                continue
            name = (record.organization_name or self.default_organization or "").strip()
            if name:
                venue = venues.get(record.venue_origin_id or "")
                municipality = (venue[1] if venue else None) or default_municipality
                if wanted_orgs.get(name) is None:
                    wanted_orgs[name] = municipality
        organizations = self._organizations_for(wanted_orgs, result) if wanted_orgs else {}

        to_create, groups = [], defaultdict(list)
        states: dict[str, str] = {}  # origin id → created / updated / unchanged
        links: dict[str, set[int]] = {}  # origin id → category ids
        sessions: dict[str, list] = {}  # origin id → [(session origin id, start, end, cancelled)]
        orphans: list[str] = []  # deleted records that are no hobby of ours
        rehashed: list[Hobby] = []  # only the source fingerprint changed
        for origin_id, record in records.items():
            obj = existing.get(origin_id)
            if obj is not None and obj.edited_in_cms:
                result.unchanged += 1
                result.protected += 1
                result.seen_hobbies.add(origin_id)
                continue
            if record.deleted:
                if obj is not None and not obj.expired:
                    obj.live, obj.expired = False, True
                    groups[frozenset({"live", "expired"})].append(obj)
                    result.deleted += 1
                elif obj is None:
                    orphans.append(origin_id)  # perhaps a sub-event: its session goes (below)
                else:
                    result.unchanged += 1
                continue
            try:
                values = self._hobby_values(record)
                name = (record.organization_name or self.default_organization or "").strip()
                if not name:
                    raise InvalidRecord(_("the record names no organization"))
                venue = venues.get(record.venue_origin_id or "")
                organization = organizations.get(name)
                municipality = (venue[1] if venue else None) or default_municipality
                if municipality is None and organization is not None:
                    municipality = organization[1]
                if municipality is None or organization is None:
                    raise InvalidRecord(_("no municipality found: give the venue's or a default municipality"))
                values.update(
                    venue_id=venue[0] if venue else None, organization_id=organization[0], municipality_id=municipality
                )
                session_rows = []
                for session in record.sessions:
                    try:
                        session_rows.append((str(session.origin_id), *self._session_values(session)))
                    except InvalidRecord as exc:
                        result.errors.append((f"{origin_id}/{session.origin_id}", str(exc)))
                if obj is None:
                    obj = Hobby(data_source=self.source, origin_id=origin_id, **values)
                    if self.publish:
                        obj.live = True
                        obj.first_published_at = obj.last_published_at = self.now
                    _validate(obj, None)
                    to_create.append(obj)
                    states[origin_id] = "created"
                else:
                    packed = obj.instruction_languages
                    changed = _apply(obj, values)
                    if obj.expired:  # removed earlier, listed again
                        obj.expired = False
                        changed.add("expired")
                    if changed == {"source_hash"}:  # the source record changed, our values did not
                        rehashed.append(obj)
                        changed = set()
                    if changed:
                        _validate(obj, changed)
                        if "instruction_languages" in changed and obj.instruction_languages == packed:
                            changed.discard("instruction_languages")  # the same list, written differently
                    changed |= self._publish(obj, changed)
                    if changed:
                        groups[frozenset(changed)].append(obj)
                    states[origin_id] = "updated" if changed else "unchanged"
            except InvalidRecord as exc:
                result.skip(origin_id, str(exc))
                result.seen_hobbies.add(origin_id)  # still listed, even if invalid now: not deleted at the end
                continue
            result.seen_hobbies.add(origin_id)
            links[origin_id] = self.category_ids(record.category_keys)
            sessions[origin_id] = session_rows
        self._write(Hobby, to_create, groups, self.now)
        if rehashed:
            Hobby.objects.bulk_update(rehashed, ["source_hash"], batch_size=BATCH_SIZE)
        pks = {origin_id: existing[origin_id].pk for origin_id in states if origin_id in existing}
        pks.update({obj.origin_id: obj.pk for obj in to_create})
        if any(pk is None for pk in pks.values()):  # a database that returns no ids from bulk inserts
            pks.update(
                Hobby.objects.filter(data_source=self.source, origin_id__in=list(states)).values_list("origin_id", "pk")
            )

        relinked = self._save_categories({pks[o]: ids for o, ids in links.items()})
        rescheduled = self._save_sessions({pks[o]: rows for o, rows in sessions.items()})
        changed_ids, touched = set(), []
        for origin_id, state in states.items():
            pk = pks[origin_id]
            if state == "unchanged" and (pk in relinked or pk in rescheduled):
                state = "updated"
                touched.append(existing[origin_id])
            setattr(result, state, getattr(result, state) + 1)
            if state != "unchanged":
                changed_ids.add(pk)
        if touched:  # only their categories or sessions changed: the row still records when
            fields: set[str] = set()
            for obj in touched:
                fields |= self._publish(obj, {"categories"})
            self._write(Hobby, [], {frozenset(fields): touched}, self.now)
        if orphans:
            rescheduled = rescheduled | self._delete_sessions(orphans, result)
        return changed_ids, rescheduled

    def _delete_sessions(self, origin_ids: list[str], result: _PageResult) -> set[int]:
        """Deleted records that are no hobby: a deleted sub-event of a series (``show_deleted`` sends it without
        its ``super_event``) removes its session. Returns the hobbies whose sessions changed."""
        sessions = dict(
            Session.objects.filter(data_source=self.source, origin_id__in=origin_ids).values_list(
                "origin_id", "hobby_id"
            )
        )
        if sessions:
            Session.objects.filter(data_source=self.source, origin_id__in=list(sessions)).delete()
        result.deleted += len(sessions)
        result.unchanged += len(origin_ids) - len(sessions)
        return set(sessions.values())

    def _publish(self, obj: Hobby, changed: set[str]) -> set[str]:
        """Publish an existing hobby as the import changes it; return the fields this set.

        With ``publish``: a hobby never published, or removed at the source and now listed again, goes live;
        a live one records the time of the change. A hobby taken down by a moderator, or unpublished by one,
        is not made live again.
        """
        if not self.publish or obj.is_taken_down:
            return set()
        if not obj.live and (obj.first_published_at is None or "expired" in changed):
            obj.live = True
            obj.first_published_at = obj.first_published_at or self.now
            obj.last_published_at = self.now
            return {"live", "first_published_at", "last_published_at"}
        if obj.live and changed:
            obj.last_published_at = self.now
            return {"last_published_at"}
        return set()

    @staticmethod
    def _save_categories(wanted: dict[int, set[int]]) -> set[int]:
        """Make each hobby's categories the mapped ones; return the hobbies whose categories changed."""
        if not wanted:
            return set()
        through = Hobby.categories.through
        current: dict[int, set[int]] = defaultdict(set)
        stale = []
        for pk, hobby_id, category_id in through.objects.filter(hobby_id__in=list(wanted)).values_list(
            "pk", "hobby_id", "category_id"
        ):
            current[hobby_id].add(category_id)
            if category_id not in wanted[hobby_id]:
                stale.append(pk)
        new = [
            through(hobby_id=hobby_id, category_id=category_id)
            for hobby_id, ids in wanted.items()
            for category_id in sorted(ids - current[hobby_id])
        ]
        if stale:
            through.objects.filter(pk__in=stale).delete()
        if new:
            through.objects.bulk_create(new, batch_size=BATCH_SIZE)
        return {hobby_id for hobby_id, ids in wanted.items() if ids != current[hobby_id]}

    def _save_sessions(self, wanted: dict[int, list]) -> set[int]:
        """Replace the sessions of this source of each hobby; return the hobbies whose sessions changed."""
        if not wanted:
            return set()
        listed: dict[str, tuple] = {}
        for hobby_id, rows in wanted.items():
            for origin_id, start, end, cancelled in rows:
                listed[origin_id] = (hobby_id, start, end, cancelled)
        # two indexed lookups (an OR of both makes SQLite, and PostgreSQL before ANALYZE, scan the whole source)
        sessions = Session.objects.filter(data_source=self.source)
        existing = {s.origin_id: s for s in sessions.filter(hobby_id__in=list(wanted))}
        missing = [origin_id for origin_id in listed if origin_id not in existing]
        for chunk in range(0, len(missing), BATCH_SIZE):
            existing.update(
                (s.origin_id, s) for s in sessions.filter(origin_id__in=missing[chunk : chunk + BATCH_SIZE])
            )
        changed: set[int] = set()
        to_create, to_update, to_delete = [], [], []
        for origin_id, session in existing.items():
            if origin_id not in listed and session.hobby_id in wanted:
                to_delete.append(session.pk)
                changed.add(session.hobby_id)
        for origin_id, (hobby_id, start, end, cancelled) in listed.items():
            session = existing.get(origin_id)
            if session is None:
                to_create.append(
                    Session(
                        data_source=self.source,
                        origin_id=origin_id,
                        hobby_id=hobby_id,
                        start=start,
                        end=end,
                        cancelled=cancelled,
                    ).derive()
                )
                changed.add(hobby_id)
            elif (session.hobby_id, session.start, session.end, session.cancelled) != (hobby_id, start, end, cancelled):
                changed |= {session.hobby_id, hobby_id}
                session.hobby_id, session.start, session.end, session.cancelled = hobby_id, start, end, cancelled
                to_update.append(session.derive())
        # A changed session is written again under its own id: a DELETE and an INSERT are much cheaper than
        # bulk_update's CASE expressions, and nothing refers to a session row. The raw delete sends no signal
        # per row (each would recompute its hobby's next session): that is done once for the page.
        to_delete += [s.pk for s in to_update]
        for i in range(0, len(to_delete), BATCH_SIZE):
            Session.objects.filter(pk__in=to_delete[i : i + BATCH_SIZE])._raw_delete(Session.objects.db)
        if to_update or to_create:
            Session.objects.bulk_create(to_update + to_create, batch_size=BATCH_SIZE)
        return changed  # with the hobbies a moved session left

    # --- deleting what the feed no longer lists -------------------------------------------------------------

    def _delete_unseen(self) -> None:
        run = self.run_record
        venues = list(Venue.objects.filter(data_source=self.source, deleted=False).values_list("pk", "origin_id"))
        hobbies = list(
            Hobby.objects.filter(data_source=self.source, expired=False).values_list("pk", "origin_id", "edited_in_cms")
        )
        gone_venues = [pk for pk, origin_id in venues if origin_id not in self._seen_venues]
        gone_hobbies = [pk for pk, origin_id, edited in hobbies if origin_id not in self._seen_hobbies and not edited]
        too_many = []
        for label, gone, total in (
            (_("venues"), gone_venues, len(venues)),
            (_("hobbies"), gone_hobbies, len(hobbies)),
        ):
            if total and len(gone) / total > self.delete_threshold:
                too_many.append(
                    _("%(gone)d of %(total)d %(things)s (%(share)d%%)")
                    % {"gone": len(gone), "total": total, "things": label, "share": round(100 * len(gone) / total)}
                )
        if too_many and not self.force:
            run.status = ImportRun.Status.REFUSED
            self.notes.append(
                _(
                    "Deletion refused: the feed no longer lists %(what)s, more than %(limit)d%% of this source's "
                    "rows. Nothing was deleted; check the feed, then run again with --force if this is right."
                )
                % {"what": _(" and ").join(too_many), "limit": round(100 * self.delete_threshold)}
            )
            return
        with transaction.atomic():
            for i in range(0, len(gone_venues), BATCH_SIZE):
                Venue.objects.filter(pk__in=gone_venues[i : i + BATCH_SIZE]).update(deleted=True, updated_at=self.now)
            for i in range(0, len(gone_hobbies), BATCH_SIZE):
                Hobby.objects.filter(pk__in=gone_hobbies[i : i + BATCH_SIZE]).update(
                    live=False, expired=True, updated_at=self.now
                )
        run.deleted += len(gone_venues) + len(gone_hobbies)


def run_import(source: str, pages: Iterable, *, complete: bool, **options) -> ImportRun:
    """Shortcut: ``SyncEngine(source, **options).run(pages, complete=complete)``."""
    return SyncEngine(source, **options).run(pages, complete=complete)
