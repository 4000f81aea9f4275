"""The import sources: where each one is read from, how its pages are fetched and mapped, and ``run_import``.

A source is an entry of ``settings.IMPORT_SOURCES`` (name → options) on top of ``DEFAULT_SOURCES``; any Linked
Events instance is a source of kind ``linkedevents`` with its own name and URL. Options:

- ``kind``: ``linkedevents`` or ``lipas``; ``url``: the API base; ``organization``: the organization of a record
  that names none (the source's display name); ``municipality``: the default municipality code ("091");
- ``params``: extra query parameters of the list request (the youth and type filters);
- ``page_size``: records per page (Linked Events ``page_size``, Lipas ``pageSize``, at most 100);
- ``publish``: imported hobbies go live without moderation (default ``True``: trusted open sources). With
  ``False`` they arrive as drafts that a moderator publishes in the CMS. Either way a moderator can take one
  down, and the importer never brings it back.

``run_import(name, since=…, dry_run=…, force=…, location=…)`` fetches (``location`` — a URL, a folder or a file —
replaces the base URL), maps and hands the pages to ``SyncEngine``. Only a full run that read every page is
``complete`` (may delete what the feed no longer lists); ``since`` makes an incremental run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from backend.hobbies.models import CategoryMapping, Hobby, Venue

from . import linkedevents, lipas
from .engine import Page, SyncEngine
from .fetch import FetchError, FileFetcher, fetcher_for
from .models import ImportRun
from .records import HobbyRecord, SkipRecord, Unchanged, VenueRecord

MAX_PAGE_SIZE = 100

DEFAULT_SOURCES: dict[str, dict] = {
    "linkedevents": {
        "kind": "linkedevents",
        "url": "https://api.hel.fi/linkedevents/v1/",
        "organization": "Helsingin kaupunki",
        "municipality": "091",
        # courses are type Course: without event_type only General events come back (DATA-SOURCES.md §1)
        "params": {"event_type": "General,Course", "start": "today", "audience_max_age_gt": "11"},
    },
    "linkedcourses": {
        "kind": "linkedevents",
        "url": "https://api.hel.fi/linkedcourses/v1/",
        "organization": "Helsingin kaupunki",
        "municipality": "091",
        "params": {"event_type": "General,Course", "start": "today", "audience_max_age_gt": "11"},
    },
    "lipas": {
        "kind": "lipas",
        "url": "https://api.lipas.fi/v1/",
        "organization": "Lipas",
        "municipality": "091",
        # only the youth-relevant types of the configured cities (Helsinki is 91 in Lipas)
        "params": {"cityCodes": "91", "typeCodes": ",".join(str(code) for code in lipas.YOUTH_TYPES)},
    },
}


class UnknownSource(KeyError):  # noqa: N818 - a lookup miss, like KeyError
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return _("Unknown import source %(name)r; the sources are: %(names)s.") % {
            "name": self.name,
            "names": ", ".join(sorted(sources())),
        }


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str
    organization: str
    municipality: str | None = None
    params: dict = field(default_factory=dict)
    page_size: int = MAX_PAGE_SIZE
    publish: bool = True


def sources() -> dict[str, Source]:
    """Every configured source by name: ``DEFAULT_SOURCES`` updated with ``settings.IMPORT_SOURCES``."""
    configured: dict[str, dict] = {name: dict(options) for name, options in DEFAULT_SOURCES.items()}
    for name, options in (getattr(settings, "IMPORT_SOURCES", None) or {}).items():
        configured[name] = {**configured.get(name, {}), **(options or {})}
    result = {}
    for name, options in configured.items():
        kind = options.get("kind", "linkedevents")
        result[name] = Source(
            name=name,
            kind=kind,
            url=options["url"],
            organization=options.get("organization") or name,
            municipality=options.get("municipality"),
            params=dict(options.get("params") or {}),
            page_size=max(1, min(MAX_PAGE_SIZE, int(options.get("page_size") or MAX_PAGE_SIZE))),
            publish=bool(options.get("publish", True)),
        )
    return result


def get_source(name: str) -> Source:
    try:
        return sources()[name]
    except KeyError:
        raise UnknownSource(name) from None


def parse_since(value: str | dt.datetime | dt.date | None) -> dt.datetime | None:
    """``--since``: a date (``2025-09-01``, midnight in the current time zone) or an ISO datetime; ValueError else."""
    if value is None or isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        text = str(value).strip()
        moment = None
        try:
            moment = parse_datetime(text)
            if moment is None and (day := parse_date(text)) is not None:
                moment = dt.datetime.combine(day, dt.time())
        except ValueError:
            moment = None
        if moment is None:
            raise ValueError(
                _("%(value)r is not a date or a time; write for example 2025-09-01 or 2025-09-01T12:00+03:00.")
                % {"value": text}
            )
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _is_file_source(fetcher) -> bool:
    return isinstance(fetcher, FileFetcher)


def _has_local(fetcher: FileFetcher, endpoint: str) -> bool:
    """Does a local folder hold its own data for ``endpoint`` (``place.json`` or a ``place/`` folder)?"""
    path = fetcher.path
    return path.is_dir() and ((path / endpoint).is_dir() or (path / f"{endpoint}.json").is_file())


# --- skipping what did not change -----------------------------------------------------------------------------

# Bump when a mapper gives other values for the same source record: every record is then mapped again once.
MAPPER_VERSION = 1


class Fingerprints:
    """The fingerprint of each source record, and the ones stored with this source's rows at their last import.

    A fingerprint hashes the record's JSON together with everything else its mapped values depend on (the mapper
    version, the source's options, the category mappings). When it equals the stored one, the record is sent to
    the engine as ``Unchanged``: not mapped, not compared, only counted and kept from deletion. Rows removed at the
    source, taken off the feed or edited in the CMS have no usable fingerprint and go the full way.
    """

    def __init__(self, source: Source):
        mapped = CategoryMapping.objects.filter(source=MAPPING_SOURCES[source.kind])
        mappings = sorted(mapped.values_list("external_id", "category_id"))
        context = [MAPPER_VERSION, source.kind, source.municipality, source.organization, source.publish]
        context += [sorted((str(k), str(v)) for k, v in source.params.items()), mappings]
        self._context = json.dumps(context, default=str).encode()
        venues = Venue.objects.filter(data_source=source.name, deleted=False).exclude(source_hash="")
        self.venues = dict(venues.values_list("origin_id", "source_hash"))
        hobbies = Hobby.objects.filter(data_source=source.name, expired=False, edited_in_cms=False)
        self.hobbies = dict(hobbies.exclude(source_hash="").values_list("origin_id", "source_hash"))

    def of(self, *records) -> str:
        digest = hashlib.sha1(self._context, usedforsecurity=False)
        for record in records:
            digest.update(json.dumps(record, separators=(",", ":"), ensure_ascii=False, default=str).encode())
        return digest.hexdigest()


# --- Linked Events -------------------------------------------------------------------------------------------


class LinkedEventsPages:
    """Pages of records for the engine from a Linked Events instance.

    Events come with ``include=location``; a location given only as a reference is fetched from ``place/<id>/``
    once (from a local folder: from its ``place`` listing). Events of a recurring series are held back until the
    listing is read, then each super event is sent with its sub-events as sessions (``map_sub_events``); in an
    incremental run a series of which only a part changed is read whole from the API (``super_event=<id>``).
    """

    def __init__(self, source: Source, fetcher, *, since: dt.datetime | None = None):
        self.source = source
        self.fetcher = fetcher
        self.since = since
        self.places: dict[str, VenueRecord | None] = {}  # None: could not be read or mapped
        self.sent_places: set[str] = set()
        self.skipped_places: dict[str, str] = {}
        self.fetched_all = False
        self.fingerprints: Fingerprints | None = None  # read when the run starts

    def _params(self) -> dict:
        params = {**self.source.params, "include": "location", "page_size": self.source.page_size}
        if self.since is not None:
            params["last_modified_since"] = self.since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            params["show_deleted"] = "true"
        return params

    def _load_local_places(self) -> None:
        if _is_file_source(self.fetcher) and _has_local(self.fetcher, "place"):
            for payload in self.fetcher.pages_by_next("place/"):
                for place in payload["data"]:
                    self._add_place(place)

    def _add_place(self, place: dict) -> None:
        place_id = linkedevents.reference_id(place, "place")
        fingerprint = self.fingerprints.of(place)
        if place_id and self.fingerprints.venues.get(place_id) == fingerprint:
            self.places[place_id] = Unchanged("venue", place_id)
            return
        try:
            record = linkedevents.map_place(place, source=self.source.name)
        except SkipRecord as exc:
            if exc.record_id:
                self.places[exc.record_id] = None
                self.skipped_places[exc.record_id] = exc.reason
            return
        record.source_hash = fingerprint
        self.places[record.origin_id] = record

    def _inline_place(self, location) -> None:
        """A place the API inlined (``include=location``), mapped once per run."""
        if isinstance(location, dict) and "name" in location:
            place_id = linkedevents.reference_id(location, "place")
            if place_id and place_id not in self.places:
                self._add_place(location)
                if self.places.get(place_id) is None:  # not usable inline: ``_place`` may fetch it
                    self.places.pop(place_id, None)
                    self.skipped_places.pop(place_id, None)

    def _place(self, place_id: str) -> VenueRecord | None:
        if place_id not in self.places:
            self.places[place_id] = None
            if not _is_file_source(self.fetcher):
                try:
                    payload, _headers, _status = self.fetcher.get_json(f"place/{place_id}/")
                except FetchError as exc:
                    if exc.status != 404:  # a place the API does not know is left out; any other error stops
                        raise
                    self.skipped_places[place_id] = exc.reason
                else:
                    if isinstance(payload, dict):
                        self._add_place(payload)
        return self.places.get(place_id)

    def _page(self, hobbies: list, skipped: list) -> Page:
        page = Page(skipped=list(skipped))
        for hobby in hobbies:
            place_id = hobby.venue_origin_id if isinstance(hobby, HobbyRecord | Unchanged) else None
            if place_id and place_id not in self.sent_places:
                self.sent_places.add(place_id)
                venue = self._place(place_id)
                if venue is not None:
                    page.records.append(venue)
                elif place_id in self.skipped_places:
                    page.skipped.append((place_id, self.skipped_places[place_id]))
        page.records.extend(hobbies)
        return page

    def _unchanged(self, event: dict, *parts: dict) -> tuple[str, Unchanged | None]:
        """The event's fingerprint (with its sub-events ``parts``), and an ``Unchanged`` when it is as imported."""
        fingerprint = self.fingerprints.of(event, *parts)
        origin_id = linkedevents.reference_id(event, "event")
        if origin_id and event.get("deleted") is not True and self.fingerprints.hobbies.get(origin_id) == fingerprint:
            location = event.get("location")
            return fingerprint, Unchanged("hobby", origin_id, linkedevents.reference_id(location, "place"))
        return fingerprint, None

    def _map(self, event: dict, hobbies: list, skipped: list) -> None:
        self._inline_place(event.get("location"))  # map_event skips places already in ``self.places``
        fingerprint, unchanged = self._unchanged(event)
        if unchanged is not None:
            hobbies.append(unchanged)
            return
        try:
            record = linkedevents.map_event(event, source=self.source.name, places=self.places)
        except SkipRecord as exc:
            skipped.append((exc.record_id, exc.reason))
            return
        record.source_hash = "" if record.deleted else fingerprint
        hobbies.append(record)

    def _series_events(self, super_id: str) -> list[dict]:
        params = {"super_event": super_id, "event_type": self.source.params.get("event_type", "General,Course")}
        params.update(page_size=self.source.page_size, show_deleted="true")
        return [event for payload in self.fetcher.pages_by_next("event/", params) for event in payload["data"]]

    def __iter__(self) -> Iterator[Page]:
        self.fingerprints = Fingerprints(self.source)
        self._load_local_places()
        supers: dict[str, dict] = {}  # recurring super events by id
        held: list[dict] = []  # events that point at a super event
        for payload in self.fetcher.pages_by_next("event/", self._params()):
            hobbies, skipped = [], []
            for event in payload["data"]:
                if not isinstance(event, dict):
                    skipped.append((None, _("The event is not a JSON object.")))
                elif linkedevents.is_recurring_super_event(event):
                    supers[str(event.get("id"))] = event
                elif linkedevents.is_sub_event(event):
                    held.append(event)
                else:
                    self._map(event, hobbies, skipped)
            yield self._page(hobbies, skipped)

        recurring = set(supers)
        subs: dict[str, list[dict]] = {}
        hobbies, skipped = [], []
        for event in held:
            super_id = linkedevents.is_sub_event(event, recurring)
            if super_id:
                subs.setdefault(super_id, []).append(event)
            elif self.since is not None and not _is_file_source(self.fetcher):
                subs.setdefault(linkedevents.is_sub_event(event), []).append(event)  # its series is read below
            else:
                self._map(event, hobbies, skipped)  # a part of an umbrella event: a hobby of its own
        if self.since is not None and not _is_file_source(self.fetcher):
            # an incremental listing holds only what changed: read each touched series whole
            for super_id in list(subs) + [s for s in supers if s not in subs]:
                if super_id not in supers:
                    payload, _headers, _status = self.fetcher.get_json(f"event/{super_id}/")
                    if not isinstance(payload, dict) or not linkedevents.is_recurring_super_event(payload):
                        for event in subs.pop(super_id, []):
                            self._map(event, hobbies, skipped)
                        continue
                    supers[super_id] = payload
                subs[super_id] = self._series_events(super_id)
        for super_id, event in supers.items():
            self._inline_place(event.get("location"))
            series = sorted(subs.get(super_id, []), key=lambda sub: str(sub.get("id")))
            fingerprint, unchanged = self._unchanged(event, *series)
            if unchanged is not None:
                hobbies.append(unchanged)
                continue
            try:
                record = linkedevents.map_event(event, source=self.source.name, places=self.places)
            except SkipRecord as exc:
                skipped.append((exc.record_id, exc.reason))
                continue
            if not record.deleted:
                cancelled = linkedevents.is_cancelled(event)
                record = linkedevents.map_sub_events(record, series, series_cancelled=cancelled)
                record.source_hash = fingerprint
            hobbies.append(record)
        if hobbies or skipped:
            yield self._page(hobbies, skipped)
        self.fetched_all = True


# --- Lipas ---------------------------------------------------------------------------------------------------


class LipasPages:
    """Pages of venues and "open use" hobbies from Lipas ``sports-places`` (206 + ``Link: rel=next``).

    An incremental run (``modifiedAfter``) also reads ``deleted-sports-places?since=`` and deletes the places of
    this source listed there, with their open-use hobbies.
    """

    def __init__(self, source: Source, fetcher, *, since: dt.datetime | None = None):
        self.source = source
        self.fetcher = fetcher
        self.since = since
        self.fetched_all = False

    def _params(self) -> dict:
        params = {"fields": ",".join(lipas.FIELDS), "pageSize": self.source.page_size, "lang": "fi"}
        params.update(self.source.params)
        if self.since is not None:
            params["modifiedAfter"] = lipas.lipas_time(self.since)
        return params

    def _deletions(self) -> Page | None:
        if self.since is None:
            return None
        if _is_file_source(self.fetcher) and not _has_local(self.fetcher, "deleted-sports-places"):
            return None  # a single local file answers every request: it is not a list of deletions
        payload, _headers, _status = self.fetcher.get_json(
            "deleted-sports-places", {"since": lipas.lipas_time(self.since)}
        )
        ids = lipas.deleted_ids(payload)
        known = set(
            Venue.objects.filter(data_source=self.source.name, origin_id__in=ids).values_list("origin_id", flat=True)
        )
        page = Page()
        for origin_id in ids:
            if origin_id in known:
                page.records.append(VenueRecord(origin_id=origin_id, values={}, deleted=True))
                page.records.append(HobbyRecord(origin_id=f"{origin_id}-open-use", values={}, deleted=True))
        return page if page.records else None

    def __iter__(self) -> Iterator[Page]:
        fingerprints = Fingerprints(self.source)
        lang = self._params()["lang"]
        for payload in self.fetcher.pages_by_link("sports-places", self._params()):
            page = Page()
            for place in payload:
                # one fingerprint for the place's venue and its open-use hobby
                fingerprint = fingerprints.of(place)
                place_id = str(place.get("sportsPlaceId")) if isinstance(place, dict) else ""
                hobby_id = f"{place_id}-open-use"
                if fingerprints.venues.get(place_id) == fingerprint and (
                    fingerprints.hobbies.get(hobby_id) == fingerprint
                    if lipas.has_open_use(place)
                    else hobby_id not in fingerprints.hobbies
                ):
                    page.records.append(Unchanged("venue", place_id))
                    if lipas.has_open_use(place):
                        page.records.append(Unchanged("hobby", hobby_id, place_id))
                    continue
                try:
                    venue = lipas.map_place(place, source=self.source.name, language=lang)
                    hobby = lipas.map_open_use(place, venue)
                except SkipRecord as exc:
                    page.skipped.append((exc.record_id, exc.reason))
                    continue
                venue.source_hash = fingerprint
                page.records.append(venue)
                if hobby is not None:
                    hobby.source_hash = fingerprint
                    page.records.append(hobby)
            yield page
        deletions = self._deletions()
        if deletions is not None:
            yield deletions
        self.fetched_all = True


# --- running ---------------------------------------------------------------------------------------------------

KINDS = {"linkedevents": LinkedEventsPages, "lipas": LipasPages}
MAPPING_SOURCES = {
    "linkedevents": CategoryMapping.Source.LINKED_EVENTS_KEYWORD,
    "lipas": CategoryMapping.Source.LIPAS_TYPE,
}


def run_import(
    source_name: str,
    *,
    since: str | dt.datetime | dt.date | None = None,
    dry_run: bool = False,
    force: bool = False,
    location: str | None = None,
    on_page: Callable[[ImportRun], None] | None = None,
    fetcher=None,
) -> ImportRun:
    """Import one source; returns the finished ``ImportRun`` (its ``message`` is the one-line summary).

    Raises ``UnknownSource`` for a name not configured and ``ValueError`` for an unreadable ``since``; a source
    that cannot be read gives a run with status failed, not an exception.
    """
    source = get_source(source_name)
    moment = parse_since(since)
    if fetcher is None:
        fetcher = fetcher_for(location or source.url, source=source.name)
    pages = KINDS[source.kind](source, fetcher, since=moment)
    engine = SyncEngine(
        source.name,
        dry_run=dry_run,
        force=force,
        publish=source.publish,
        mapping_source=MAPPING_SOURCES[source.kind],
        default_municipality=source.municipality,
        default_organization=source.organization,
        options={"since": moment.isoformat() if moment else None, "location": location or source.url},
        on_page=on_page,
    )
    # complete only for a full run; the engine runs the deletion step after the last page, so a fetch that
    # failed part-way stops the run (failed) before anything is deleted
    return engine.run(pages, complete=moment is None)


def import_all(*, on_page=None, **options) -> list[ImportRun]:
    """Every configured source in turn (a failing one does not stop the others)."""
    return [run_import(name, on_page=on_page, **options) for name in sources()]
