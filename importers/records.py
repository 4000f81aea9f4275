"""What a mapper hands to the sync engine: plain values for one source record, no database access.

A mapper turns one record of a source (a Linked Events event or place, a Lipas sports place) into these
dataclasses; the engine (``importers/engine.py``) upserts them keyed on ``(data_source, origin_id)``.
A record that cannot be used raises ``SkipRecord`` with a reason a person can read; the engine counts it
as skipped and goes on.

Field values use the model field names of ``backend.hobbies.models`` (``title_fi``, ``price_amount``…);
keys that a mapper leaves out are left alone on update.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class SkipRecord(Exception):  # noqa: N818 - it is a signal, not an error of the program
    """This source record is not usable (missing name, broken coordinates…); the reason is recorded."""

    def __init__(self, reason: str, record_id: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


@dataclass(frozen=True)
class SessionRecord:
    origin_id: str
    start: dt.datetime  # aware
    end: dt.datetime | None = None
    cancelled: bool = False


@dataclass
class VenueRecord:
    origin_id: str
    values: dict  # Venue fields: name_fi…, street_address_fi…, postal_code, city, latitude, longitude, accessibility…
    deleted: bool = False
    source_hash: str = ""  # a fingerprint of the source record (see ``Unchanged``)


@dataclass
class HobbyRecord:
    origin_id: str
    values: dict  # Hobby fields: title_fi…, summary_fi…, age_min, age_max, price_kind, price_amount, image_url…
    # Keywords or type codes of the source, mapped to categories through CategoryMapping by the engine.
    category_keys: list[str] = field(default_factory=list)
    venue_origin_id: str | None = None  # a VenueRecord of the same source
    organization_name: str | None = None  # the provider as the source names it
    sessions: list[SessionRecord] = field(default_factory=list)
    deleted: bool = False
    source_hash: str = ""  # a fingerprint of the source record (see ``Unchanged``)


@dataclass(frozen=True)
class Unchanged:
    """A record whose source fingerprint equals the one stored with its row: nothing to map or compare.

    The importer sends it instead of the mapped record when the source record (and what the mapping depends on:
    the mapper version, the category mappings, the source's options) is exactly what it was at the last import,
    and the row is neither removed at the source nor edited in the CMS. The engine counts it unchanged and marks
    it as still listed. ``kind`` is ``"venue"`` or ``"hobby"``.
    """

    kind: str
    origin_id: str
    venue_origin_id: str | None = None  # a hobby's venue: sent (or counted unchanged) with it
