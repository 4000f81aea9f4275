"""The importers' save layer: upserts, idempotency, deletion guard, rollback of a failing page, protected rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from backend.hobbies import search
from backend.hobbies.models import Category, CategoryMapping, Hobby, Organization, Session, Venue
from backend.hobbies.services import public_hobbies
from importers import engine as engine_module
from importers.engine import Page, SyncEngine
from importers.fetch import FetchError, HttpFetcher
from importers.models import ImportRun
from importers.records import HobbyRecord, SessionRecord, SkipRecord, VenueRecord
from tests.httpserver import LocalHTTPServer


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Reasons are asserted in English, the source language (the default interface language is Finnish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


SOURCE = "linkedevents"
NOW = timezone.now().replace(microsecond=0)
HELSINKI = ZoneInfo("Europe/Helsinki")


def venue(n, **values) -> VenueRecord:
    base = {"name_fi": f"Nuorisotalo {n}", "city": "Helsinki", "postal_code": "00100", "latitude": 60.17,
            "longitude": 24.94}  # fmt: skip
    return VenueRecord(f"tprek:{n}", {**base, **values})


def hobby(n, *, place=None, sessions=(), keys=(), org="Nuorisopalvelut", deleted=False, **values) -> HobbyRecord:
    base = {"title_fi": f"Harrastus {n}", "summary_fi": "Tule mukaan!", "age_min": 12, "age_max": 17}
    return HobbyRecord(
        f"helsinki:{n}",
        {**base, **values},
        category_keys=list(keys),
        venue_origin_id=f"tprek:{place}" if place is not None else None,
        organization_name=org,
        sessions=list(sessions),
        deleted=deleted,
    )


def session(hobby_n, k, *, days=7, hours=17, minutes=90, cancelled=False) -> SessionRecord:
    start = (NOW + dt.timedelta(days=days)).astimezone(HELSINKI).replace(hour=hours, minute=0, second=0)
    return SessionRecord(f"helsinki:{hobby_n}-{k}", start, start + dt.timedelta(minutes=minutes), cancelled)


def feed(count: int, *, page_size: int = 10, **hobby_values) -> list[Page]:
    """``count`` venues and hobbies (each at its own venue, two sessions), in pages."""
    records = []
    for n in range(count):
        records += [venue(n), hobby(n, place=n, sessions=[session(n, 1), session(n, 2, days=14)], **hobby_values)]
    return [Page(records[i : i + 2 * page_size]) for i in range(0, len(records), 2 * page_size)]


def run(pages, *, complete=True, **options) -> ImportRun:
    return SyncEngine(SOURCE, **options).run(pages, complete=complete)


def counts(result: ImportRun) -> dict:
    return {k: getattr(result, k) for k in ("created", "updated", "unchanged", "deleted", "skipped", "failed")}


def snapshot() -> dict:
    """Every imported row with its last-change time, and every session id."""
    return {
        "venues": dict(Venue.objects.filter(data_source=SOURCE).values_list("origin_id", "updated_at")),
        "hobbies": dict(Hobby.objects.filter(data_source=SOURCE).values_list("origin_id", "updated_at")),
        "published": dict(Hobby.objects.filter(data_source=SOURCE).values_list("origin_id", "last_published_at")),
        "sessions": sorted(Session.objects.values_list("pk", "start", "end", "cancelled")),
        "links": sorted(Hobby.categories.through.objects.values_list("hobby_id", "category_id")),
    }


@pytest.fixture
def football(db) -> Category:
    category = Category.objects.create(slug="football", name_fi="Jalkapallo", name_sv="Fotboll", name_en="Football")
    CategoryMapping.objects.create(source="linkedevents_keyword", external_id="yso:p6409", category=category)
    return category


@pytest.fixture
def skating(db) -> Category:
    category = Category.objects.create(slug="skating", name_fi="Rullalautailu", name_sv="Skejt", name_en="Skating")
    CategoryMapping.objects.create(source="lipas_type", external_id="1150", category=category)
    return category


# --- creating, and doing nothing the second time ------------------------------------------------------


def test_first_run_creates_published_hobbies_with_venue_organization_sessions(municipality, football):
    pages = [
        Page([venue(1), hobby(1, place=1, keys=["yso:p6409", "yso:p99999"], sessions=[session(1, 1), session(1, 2)])]),
        Page([hobby(2, keys=["yso:p99999"], price_kind="paid", price_amount="40.00", price_unit="term")]),
    ]

    result = run(pages, default_municipality="091")

    assert counts(result) == {"created": 3, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 0, "failed": 0}
    assert result.status == ImportRun.Status.SUCCEEDED and result.finished_at >= result.started_at
    first = Hobby.objects.get(data_source=SOURCE, origin_id="helsinki:1")
    assert first.venue.origin_id == "tprek:1" and first.venue.municipality == municipality  # from the city name
    assert first.municipality == municipality
    assert first.organization.name == "Nuorisopalvelut" and first.organization.data_source == SOURCE
    assert first.organization.origin_id == "nuorisopalvelut" and first.organization.municipality == municipality
    assert list(first.categories.all()) == [football]  # the unknown keyword is ignored
    assert first.live and first.first_published_at is not None and first.last_published_at is not None
    assert [s.origin_id for s in first.sessions.order_by("start")] == ["helsinki:1-1", "helsinki:1-2"]
    assert all(s.data_source == SOURCE and s.local_minute == 17 * 60 for s in first.sessions.all())
    assert first.next_session_start == first.sessions.order_by("start").first().start
    second = Hobby.objects.get(origin_id="helsinki:2")
    assert second.venue is None and second.municipality == municipality  # the default municipality
    assert list(second.categories.all()) == []  # imported without any mapped category
    assert str(second.price_amount) == "40.00"
    assert Organization.objects.filter(data_source=SOURCE).count() == 1
    assert set(public_hobbies().values_list("origin_id", flat=True)) == {"helsinki:1", "helsinki:2"}
    found, _ranked = search.search(Hobby.objects.all(), "harrastus jalkap")
    assert list(found.values_list("origin_id", flat=True)) == ["helsinki:1"]
    assert result.message.startswith("linkedevents: ") and "3 created" in result.message


def test_second_identical_run_changes_nothing(municipality, football):
    first = run(feed(25, keys=["yso:p6409"]))
    assert first.created == 50
    before = snapshot()

    second = run(feed(25, keys=["yso:p6409"]))

    assert counts(second) == {"created": 0, "updated": 0, "unchanged": 50, "deleted": 0, "skipped": 0, "failed": 0}
    assert snapshot() == before
    assert second.status == ImportRun.Status.SUCCEEDED


def test_a_changed_record_updates_only_its_fields(municipality):
    run(feed(3))
    before = snapshot()
    pages = feed(3)
    pages[0].records[3].values["title_fi"] = "Uusi nimi"  # hobby 1

    result = run(pages)

    assert counts(result)["updated"] == 1 and counts(result)["unchanged"] == 5
    after = snapshot()
    assert after["hobbies"]["helsinki:1"] > before["hobbies"]["helsinki:1"]
    assert after["published"]["helsinki:1"] > before["published"]["helsinki:1"]
    assert {k: v for k, v in after["hobbies"].items() if k != "helsinki:1"} == {
        k: v for k, v in before["hobbies"].items() if k != "helsinki:1"
    }
    assert after["venues"] == before["venues"]
    assert Hobby.objects.get(origin_id="helsinki:1").title_fi == "Uusi nimi"


# --- deletion -----------------------------------------------------------------------------------------


def test_a_feed_returning_a_fraction_deletes_nothing_without_force(municipality):
    run(feed(10))
    before = snapshot()

    refused = run(feed(7))  # 30% missing

    assert refused.status == ImportRun.Status.REFUSED
    assert refused.deleted == 0 and "refused" in refused.message.lower() and "--force" in refused.message
    assert Hobby.objects.filter(live=True, expired=False).count() == 10
    assert Venue.objects.filter(deleted=False).count() == 10
    assert snapshot() == before

    forced = run(feed(7), force=True)

    assert forced.status == ImportRun.Status.SUCCEEDED and forced.deleted == 6
    gone = Hobby.objects.filter(data_source=SOURCE, live=False, expired=True)
    assert sorted(gone.values_list("origin_id", flat=True)) == ["helsinki:7", "helsinki:8", "helsinki:9"]
    assert Venue.objects.filter(deleted=True).count() == 3
    assert public_hobbies().count() == 7


def test_a_small_share_is_deleted_and_an_incomplete_run_deletes_nothing(municipality):
    run(feed(10))
    assert run(feed(9), complete=False).deleted == 0
    result = run(feed(9))  # 10% missing: under the 20% guard
    assert result.deleted == 2 and result.status == ImportRun.Status.SUCCEEDED
    # listed again: published again
    back = run(feed(10))
    assert back.updated == 2 and public_hobbies().count() == 10
    assert Venue.objects.filter(deleted=True).count() == 0


def test_explicit_deletions_apply_in_an_incremental_run(municipality):
    run(feed(3))
    result = run(
        [Page([VenueRecord("tprek:0", {}, deleted=True), hobby(1, deleted=True), hobby(99, deleted=True)])],
        complete=False,
    )
    assert result.deleted == 2 and result.unchanged == 1  # the unknown hobby: nothing to do
    assert Venue.objects.get(origin_id="tprek:0").deleted
    assert not Hobby.objects.get(origin_id="helsinki:1").live


# --- safety -------------------------------------------------------------------------------------------


def test_a_failing_page_is_rolled_back_and_stops_the_run(municipality, monkeypatch):
    pages = feed(6, page_size=2)  # three pages
    calls = []
    real_changed = engine_module.search.changed

    def failing_changed(ids):
        calls.append(ids)
        if len(calls) == 2:  # after page 2 wrote its venues, hobbies and sessions
            raise RuntimeError("disk full")
        real_changed(ids)

    monkeypatch.setattr(engine_module.search, "changed", failing_changed)

    result = run(pages)

    assert result.status == ImportRun.Status.FAILED
    assert result.created == 4 and result.failed == 4 and result.deleted == 0
    assert sorted(Hobby.objects.values_list("origin_id", flat=True)) == ["helsinki:0", "helsinki:1"]
    assert sorted(Venue.objects.values_list("origin_id", flat=True)) == ["tprek:0", "tprek:1"]
    assert Session.objects.count() == 4
    assert len(calls) == 2  # page 3 was never saved
    assert any("disk full" in e["reason"] for e in result.errors)
    assert ImportRun.objects.get(pk=result.pk).status == "failed"


def test_a_fetch_failure_mid_run_keeps_earlier_pages_and_deletes_nothing(municipality):
    run(feed(4))

    def pages():
        yield from feed(2)
        raise FetchError(SOURCE, "http://127.0.0.1/x", "HTTP 500", 5)

    result = run(pages())

    assert result.status == ImportRun.Status.FAILED and result.deleted == 0
    assert Hobby.objects.filter(live=True).count() == 4
    assert "HTTP 500" in result.errors[-1]["reason"]


def test_rows_edited_in_the_cms_are_never_touched(municipality):
    run(feed(3))
    Hobby.objects.filter(origin_id="helsinki:1").update(edited_in_cms=True, title_fi="Moderaattorin nimi")
    edited = Hobby.objects.get(origin_id="helsinki:1")
    edited_at = edited.updated_at
    sessions_before = sorted(edited.sessions.values_list("pk", "start"))
    pages = feed(3)
    pages[0].records[3].values["title_fi"] = "Lähteen uusi nimi"
    pages[0].records[3].sessions.clear()

    result = run(pages)

    assert result.unchanged == 6 and result.updated == 0
    assert "edited in the CMS" in result.message
    edited.refresh_from_db()
    assert edited.title_fi == "Moderaattorin nimi" and edited.updated_at == edited_at
    assert sorted(edited.sessions.values_list("pk", "start")) == sessions_before
    # gone from the feed, and even an explicit deletion: it stays
    run([Page([hobby(1, deleted=True)])], complete=False)
    run(feed(1), force=True)
    edited.refresh_from_db()
    assert edited.live and not edited.expired


def test_a_taken_down_hobby_stays_down(municipality):
    run(feed(1))
    Hobby.objects.update(live=False, taken_down_at=timezone.now(), taken_down_reason="asiaton")
    result = run(feed(1, summary_fi="Uusi kuvaus"))
    taken = Hobby.objects.get()
    assert result.updated == 1 and taken.summary_fi == "Uusi kuvaus"
    assert not taken.live and taken.is_taken_down


def test_unpublished_import_waits_for_a_moderator(municipality):
    result = run(feed(2), publish=False)
    assert result.created == 4 and public_hobbies().count() == 0
    assert all(h.first_published_at is None for h in Hobby.objects.all())


def test_invalid_records_are_skipped_with_reasons(municipality):
    pages = [
        Page(
            [
                venue(1),
                venue(2, latitude=95.0),  # out of range
                venue(3, unknown_field=1),
                hobby(1, place=1),
                hobby(2, place=1, age_min=18, age_max=12),  # check constraint, in Python
                hobby(3, place=1, title_fi=""),  # clean(): no title
                hobby(4, place=1, price_kind="free", price_amount="10"),  # free with an amount
                hobby(5, place=1, registration_url="javascript:alert(1)"),
                hobby(6, place=1, sessions=[SessionRecord("s-bad", NOW, NOW - dt.timedelta(hours=1)), session(6, 1)]),
                hobby(7, place=1, org=None),
            ],
            skipped=[("helsinki:99", "no name")],
        ),
        [SkipRecord("no coordinates", "tprek:98"), hobby(8, place=1)],
    ]

    with translation.override("en"):
        result = run(pages)

    assert result.status == ImportRun.Status.SUCCEEDED
    assert result.created == 4  # venue 1, hobbies 1, 6 and 8
    assert result.skipped == 9
    reasons = {e["id"]: e["reason"] for e in result.errors}
    assert "Latitude" in reasons["tprek:2"]
    assert "unknown_field" in reasons["tprek:3"]
    assert "minimum age" in reasons["helsinki:2"]
    assert "title" in reasons["helsinki:3"]
    assert "free hobby" in reasons["helsinki:4"]
    assert "registration_url" in reasons["helsinki:5"]
    assert "organization" in reasons["helsinki:7"]
    assert reasons["helsinki:99"] == "no name" and reasons["tprek:98"] == "no coordinates"
    assert "end after" in reasons["helsinki:6/s-bad"]
    assert list(Hobby.objects.get(origin_id="helsinki:6").sessions.values_list("origin_id", flat=True)) == [
        "helsinki:6-1"
    ]


def test_municipality_by_code_slug_or_city(municipality):
    engine = SyncEngine(SOURCE)
    assert engine.municipality_id(91) == engine.municipality_id("091") == municipality.pk
    assert engine.municipality_id("helsinki") == engine.municipality_id(None, "HELSINGFORS") == municipality.pk
    assert engine.municipality_id("049") is None and engine.municipality_id(None, "Espoo") is None
    run([Page([venue(1, city="Helsingfors"), venue(2, municipality_code="91", city="")])])
    assert set(Venue.objects.values_list("municipality_id", flat=True)) == {municipality.pk}


def test_no_municipality_means_skipped(db):
    result = run([Page([hobby(1)])])
    assert result.skipped == 1 and "municipality" in result.errors[0]["reason"]
    assert not Hobby.objects.exists()


def test_dry_run_changes_nothing_but_reports_counts(municipality):
    run(feed(2))
    before = snapshot()
    pages = feed(3)
    pages[0].records[1].values["title_fi"] = "Muutettu"

    result = run(pages, dry_run=True)

    assert counts(result) == {"created": 2, "updated": 1, "unchanged": 3, "deleted": 0, "skipped": 0, "failed": 0}
    assert snapshot() == before and Hobby.objects.count() == 2
    saved = ImportRun.objects.get(pk=result.pk)
    assert saved.dry_run and saved.status == "succeeded" and saved.created == 2 and "dry run" in saved.message


# --- sessions and categories --------------------------------------------------------------------------


def test_sessions_are_replaced_per_hobby(municipality, organization):
    run([Page([venue(1), hobby(1, place=1, sessions=[session(1, 1), session(1, 2), session(1, 3, days=3)])])])
    target = Hobby.objects.get()
    kept = Session.objects.get(origin_id="helsinki:1-2")
    own = Session.objects.create(hobby=target, start=NOW + dt.timedelta(days=1))  # added in the CMS

    result = run(
        [Page([venue(1), hobby(1, place=1, sessions=[session(1, 2, hours=18), session(1, 4, days=2)])])],
        complete=False,
    )

    assert result.updated == 1 and result.unchanged == 1
    rows = {s.origin_id: s for s in target.sessions.all()}
    assert set(rows) == {"helsinki:1-2", "helsinki:1-4", None}
    assert rows["helsinki:1-2"].pk == kept.pk and rows["helsinki:1-2"].local_minute == 18 * 60
    assert rows[None].pk == own.pk
    target.refresh_from_db()
    assert target.next_session_start == own.start  # recomputed: the CMS session is the next one


def test_categories_are_mapped_and_replaced(municipality, football, skating):
    other = Category.objects.create(slug="music", name_fi="Musiikki", name_sv="Musik", name_en="Music")
    CategoryMapping.objects.create(source="linkedevents_keyword", external_id="helfi:music", category=other)
    lipas = SyncEngine("lipas", mapping_source="lipas_type", default_municipality="091")
    lipas.run([Page([HobbyRecord("lipas:1", {"title_fi": "Skeittipuisto", "open_use": True}, ["1150", 9999],
                                 organization_name="Helsingin kaupunki")])], complete=True)  # fmt: skip
    assert list(Hobby.objects.get(origin_id="lipas:1").categories.all()) == [skating]

    run([Page([hobby(1, keys=["yso:p6409"])])], default_municipality="091")
    assert list(Hobby.objects.get(origin_id="helsinki:1").categories.all()) == [football]
    result = run([Page([hobby(1, keys=["helfi:music", "yso:p6409"])])], default_municipality="091")
    assert result.updated == 1
    assert set(Hobby.objects.get(origin_id="helsinki:1").categories.all()) == {football, other}
    found, _ranked = search.search(Hobby.objects.all(), "musiik")
    assert list(found.values_list("origin_id", flat=True)) == ["helsinki:1"]  # reindexed after the change
    result = run([Page([hobby(1, keys=[])])], default_municipality="091")
    assert result.updated == 1 and not Hobby.objects.get(origin_id="helsinki:1").categories.exists()


def test_organizations_are_found_by_name_and_reused(municipality):
    Organization.objects.create(name="Other", slug=f"{SOURCE}-nuorisopalvelut", municipality=municipality,
                                kind="municipal")  # fmt: skip  # a CMS organization holding the slug
    run([Page([venue(1), hobby(1, place=1), hobby(2, place=1), hobby(3, place=1, org="Seura ry")])])
    run([Page([venue(1), hobby(4, place=1), hobby(5, place=1, org="Seura ry")])], complete=False)
    imported = Organization.objects.filter(data_source=SOURCE).order_by("origin_id")
    assert [(o.name, o.origin_id) for o in imported] == [
        ("Nuorisopalvelut", "nuorisopalvelut"),
        ("Seura ry", "seura-ry"),
    ]
    assert imported[0].slug != f"{SOURCE}-nuorisopalvelut"
    assert Hobby.objects.filter(organization=imported[0]).count() == 3


# --- cost ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["first run", "no-op re-run", "all changed"])
def test_queries_per_page_do_not_grow_with_the_page_size(municipality, football, kind):
    def queries(size: int, source: str) -> int:
        def pages(**values):
            records = []
            for n in range(size):
                records += [venue(n), hobby(n, place=n, keys=["yso:p6409"], sessions=[session(n, 1)], **values)]
            return [Page(records)]

        if kind != "first run":
            SyncEngine(source).run(pages(), complete=True)
        changed = {"summary_fi": "Uusi"} if kind == "all changed" else {}
        with CaptureQueriesContext(connection) as captured:
            SyncEngine(source).run(pages(**changed), complete=True)
        return len(captured)

    # 15 hobbies fit one INSERT on SQLite, whose Django backend allows 999 parameters a statement (wide rows
    # beyond that are inserted in batches of about 16, still a fixed number of statements per batch).
    large_size = 60 if connection.vendor == "postgresql" else 15
    small, large = queries(3, "small"), queries(large_size, "large")
    assert small == large
    assert large < 40


# --- with the fetch layer -----------------------------------------------------------------------------


def test_pages_fetched_over_http_with_a_500_are_imported(municipality):
    with LocalHTTPServer() as server:
        server.add("/v1/event/", status=500, once=True)
        server.add(
            "/v1/event/",
            json={"meta": {"next": server.url("/v1/event/?page=2")}, "data": [{"id": "a", "name": {"fi": "Kuoro"}}]},
        )
        server.add("/v1/event/?page=2", json={"meta": {"next": None}, "data": [{"id": "b", "name": {"fi": "Bändi"}}]})
        fetcher = HttpFetcher(server.url("/v1/"), source=SOURCE, backoff=0.01, sleep=lambda s: None)

        def mapped():
            for payload in fetcher.pages_by_next("event/"):
                yield [
                    HobbyRecord(item["id"], {"title_fi": item["name"]["fi"]}, organization_name="Kulttuuri")
                    for item in payload["data"]
                ]

        result = SyncEngine(SOURCE, default_municipality="091").run(mapped(), complete=True)
    assert result.created == 2 and result.status == "succeeded"
    assert sorted(Hobby.objects.values_list("title_fi", flat=True)) == ["Bändi", "Kuoro"]
