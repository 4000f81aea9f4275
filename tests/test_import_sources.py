"""End to end: the import sources against a local HTTP server serving the real formats, and the commands.

Pages are built at test time from the recorded data in ../shared/data (variations made in code).
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from backend.hobbies.models import Hobby, Session, Venue
from importers.models import ImportRun
from importers.sources import run_import
from tests.httpserver import LocalHTTPServer

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LE = DATA / "linkedevents"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


# --- Linked Events pages ------------------------------------------------------------------------------------


def course(n: int, *, start: str = "2030-08-22T09:00:00Z", **changes) -> dict:
    """The real Linked Courses course under another id (and start)."""
    event = copy.deepcopy(load(LE / "linkedcourses_event.json"))
    event.update({"id": f"harrastushaku:test{n}", "start_time": start, "end_time": None, **changes})
    return event


def place(place_id: str) -> dict:
    record = copy.deepcopy(load(LE / "place_data.json"))
    record["id"] = place_id
    return record


def envelope(server, data: list, next_path: str | None) -> dict:
    return {
        "meta": {"count": len(data), "next": server.url(next_path) if next_path else None, "previous": None},
        "data": data,
    }


def serve_linkedevents(server, page1: list, page2: list | None = None) -> None:
    server.add("/v1/event/", json=envelope(server, page1, "/v1/event/?page=2" if page2 is not None else None))
    if page2 is not None:
        server.add("/v1/event/?page=2", json=envelope(server, page2, None))
    server.add("/v1/place/tprek:8020/", json=place("tprek:8020"))


def series() -> list[dict]:
    """A recurring super event (the course) and two sub-events pointing back at it."""
    super_event = course(100, super_event_type="recurring", start="2030-09-01")
    reference = {"@id": "https://api.hel.fi/linkedcourses/v1/event/harrastushaku:test100/"}
    subs = [
        course(101, start="2030-09-08T15:00:00Z", super_event=reference, end_time="2030-09-08T16:30:00Z"),
        course(102, start="2030-09-01T15:00:00Z", super_event=reference, end_time="2030-09-01T16:30:00Z"),
    ]
    return [subs[0], super_event, subs[1]]


def full_feed() -> tuple[list, list]:
    listed = load(LE / "events_data.json")["data"]  # one online event, one postponed (skipped)
    return [*listed, course(1)], [*series(), course(2)]


def test_linkedevents_two_pages_places_and_series(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        pages = []
        run = run_import("linkedcourses", location=server.url("/v1/"), on_page=lambda r: pages.append(r.created))

        first = parse_qs(urlsplit(server.requests[0]).query)
        assert first["event_type"] == ["General,Course"]
        assert first["include"] == ["location"]
        assert "last_modified_since" not in first
        assert server.count("/v1/event/?page=2") == 1
        assert server.count("/v1/place/tprek:8020/") == 1  # fetched once, used by four hobbies
        assert server.count("/v1/place/helsinki:internet/") == 1  # 404: the hobby has no venue

    assert run.status == ImportRun.Status.SUCCEEDED, run.errors
    assert run.options["complete"] is True
    assert len(pages) == 3  # two listing pages and the series
    hobbies = {h.origin_id: h for h in Hobby.objects.filter(data_source="linkedcourses")}
    assert set(hobbies) == {
        "helsinki:afy6ikna3u",
        "harrastushaku:test1",
        "harrastushaku:test2",
        "harrastushaku:test100",
    }
    venue = Venue.objects.get(data_source="linkedcourses", origin_id="tprek:8020")
    assert venue.name_fi == "Sellon kirjasto"
    assert hobbies["harrastushaku:test1"].venue_id == venue.pk
    assert hobbies["helsinki:afy6ikna3u"].venue_id is None
    assert all(h.organization.name == "Helsingin kaupunki" for h in hobbies.values())
    sessions = Session.objects.filter(hobby=hobbies["harrastushaku:test100"]).order_by("start")
    assert [s.origin_id for s in sessions] == ["harrastushaku:test102", "harrastushaku:test101"]
    assert run.created == 5  # a venue and four hobbies
    assert run.skipped == 2  # the postponed event, the unknown place
    assert {e["id"] for e in run.errors} == {"helsinki:afxp6tv4xa", "helsinki:internet"}


def test_linkedevents_second_identical_run_changes_nothing(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        first = run_import("linkedcourses", location=server.url("/v1/"))
        second = run_import("linkedcourses", location=server.url("/v1/"))
    assert first.created == 5
    assert (second.status, second.created, second.updated, second.deleted) == (ImportRun.Status.SUCCEEDED, 0, 0, 0)
    assert second.unchanged == 5


def test_linkedevents_incremental_run_deletes_a_deleted_event(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
    deleted = {
        "id": "harrastushaku:test1",
        "name": {"fi": "POISTETTU", "sv": "RADERAD", "en": "DELETED"},
        "last_modified_time": "2030-01-02T10:00:00Z",
        "deleted": True,
        "replaced_by": None,
    }
    with LocalHTTPServer() as server:
        serve_linkedevents(server, [deleted, course(2)])
        run = run_import("linkedcourses", location=server.url("/v1/"), since="2030-01-01")
        query = parse_qs(urlsplit(server.requests[0]).query)
    assert query["show_deleted"] == ["true"]
    assert query["last_modified_since"][0].startswith("2029-12-31T22:00:00")  # midnight in Helsinki, in UTC
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.options["complete"] is False
    assert (run.deleted, run.unchanged) == (1, 2)  # the deleted one; course 2 and its venue as they were
    gone = Hobby.objects.get(data_source="linkedcourses", origin_id="harrastushaku:test1")
    assert (gone.live, gone.expired, gone.title_fi) == (False, True, "Lauantai työnjako 22.8.")
    assert Hobby.objects.filter(data_source="linkedcourses", expired=False).count() == 3  # the rest stays


def test_linkedevents_incremental_run_removes_the_session_of_a_deleted_sub_event(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
    series_hobby = Hobby.objects.get(data_source="linkedcourses", origin_id="harrastushaku:test100")
    assert series_hobby.sessions.count() == 2
    # show_deleted sends a deleted sub-event shrunken: no super_event, so nothing says which series it was in
    deleted = {"id": "harrastushaku:test101", "name": {"fi": "POISTETTU"}, "deleted": True, "replaced_by": None}
    with LocalHTTPServer() as server:
        serve_linkedevents(server, [deleted])
        run = run_import("linkedcourses", location=server.url("/v1/"), since="2030-01-01")
    assert run.status == ImportRun.Status.SUCCEEDED and run.deleted == 1
    assert list(series_hobby.sessions.values_list("origin_id", flat=True)) == ["harrastushaku:test102"]


def test_a_feed_with_a_fraction_of_the_records_deletes_nothing_without_force(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
    with LocalHTTPServer() as server:
        serve_linkedevents(server, [course(2)])
        out = io.StringIO()
        with pytest.raises(CommandError, match="refused"):
            call_command("import", "linkedcourses", "--from", server.url("/v1/"), stdout=out, stderr=io.StringIO())
        assert "Deletion refused" in out.getvalue()
        assert Hobby.objects.filter(data_source="linkedcourses", expired=True).count() == 0
        assert ImportRun.objects.latest("started_at").status == ImportRun.Status.REFUSED

        call_command("import", "linkedcourses", "--from", server.url("/v1/"), "--force", stdout=out)
    assert Hobby.objects.filter(data_source="linkedcourses", expired=False).count() == 1
    assert ImportRun.objects.latest("started_at").deleted == 3


# --- Lipas pages ----------------------------------------------------------------------------------------------


def lipas_places() -> list[dict]:
    return load(DATA / "lipas" / "sports-places-sample.json")[:6]  # the first is a neighbourhood sports area (1120)


def serve_lipas(server, places: list[dict], *, deleted: list | None = None) -> None:
    server.add(
        "/v1/sports-places",
        status=206,
        json=places[:3],
        headers={
            "X-total-count": str(len(places)),
            "Link": '</v1/sports-places?pageSize=3&page=2>; rel="next", </v1/sports-places?pageSize=3&page=2>; '
            'rel="last", </v1/sports-places?pageSize=3&page=1>; rel="first"',
        },
    )
    server.add(
        "/v1/sports-places?pageSize=3&page=2",
        status=206,
        json=places[3:],
        headers={"X-total-count": str(len(places)), "Link": '</v1/sports-places?pageSize=3&page=1>; rel="first"'},
    )
    server.add("/v1/deleted-sports-places", json=deleted or [])


def test_lipas_two_pages_by_link_header(municipality):
    places = lipas_places()
    with LocalHTTPServer() as server:
        serve_lipas(server, places)
        run = run_import("lipas", location=server.url("/v1/"))
        query = parse_qs(urlsplit(server.requests[0]).query)
        assert server.count("/v1/sports-places?pageSize=3&page=2") == 1
        assert server.count("/v1/deleted-sports-places") == 0  # a full run lists everything
    assert query["pageSize"] == ["100"]
    assert "type.typeCode" in query["fields"][0].split(",")
    assert "modifiedAfter" not in query
    assert run.status == ImportRun.Status.SUCCEEDED, run.errors
    venues = Venue.objects.filter(data_source="lipas")
    assert sorted(venues.values_list("origin_id", flat=True)) == sorted(str(p["sportsPlaceId"]) for p in places)
    hobby = Hobby.objects.get(data_source="lipas")  # only the 1120 is a youth type
    assert hobby.origin_id == f"{places[0]['sportsPlaceId']}-open-use"
    assert hobby.open_use and hobby.organization.name == "Lipas"
    assert run.created == 7


def test_lipas_incremental_run_with_a_deleted_place(municipality):
    places = lipas_places()
    with LocalHTTPServer() as server:
        serve_lipas(server, places)
        run_import("lipas", location=server.url("/v1/"))
    gone = places[0]["sportsPlaceId"]
    with LocalHTTPServer() as server:
        at = "2030-01-01 12:00:00.000"
        serve_lipas(
            server,
            places[1:],
            deleted=[{"sportsPlaceId": gone, "deletedAt": at}, {"sportsPlaceId": 9, "deletedAt": at}],
        )
        run = run_import("lipas", location=server.url("/v1/"), since="2030-01-01T10:00:00+02:00")
        queries = [parse_qs(urlsplit(r).query) for r in server.requests]
    assert queries[0]["modifiedAfter"] == ["2030-01-01 10:00:00.000"]
    assert queries[-1]["since"] == ["2030-01-01 10:00:00.000"]
    assert run.status == ImportRun.Status.SUCCEEDED
    assert (run.created, run.updated, run.deleted) == (0, 0, 2)  # the place and its open-use hobby
    assert Venue.objects.get(data_source="lipas", origin_id=str(gone)).deleted
    assert Hobby.objects.get(data_source="lipas").expired


# --- the commands ---------------------------------------------------------------------------------------------


def test_import_command_summary_and_exit_codes(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        out = io.StringIO()
        call_command("import", "linkedcourses", "--from", server.url("/v1/"), stdout=out, stderr=io.StringIO())
        lines = out.getvalue().splitlines()
        assert lines[0].startswith("linkedcourses: page 1 — ")  # not a terminal: one plain line a page
        assert lines[-1].startswith("linkedcourses: Succeeded — 5 created, 0 updated, 0 unchanged, 0 deleted")

        out = io.StringIO()
        call_command("import", "linkedcourses", "--from", server.url("/v1/"), "--dry-run", stdout=out)
        assert "0 created, 0 updated, 5 unchanged, 0 deleted" in out.getvalue()
        assert "dry run" in out.getvalue()

    with pytest.raises(CommandError, match="Unknown import source 'nosuch'"):
        call_command("import", "nosuch", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--since: 'yesterday' is not a date"):
        call_command("import", "linkedcourses", "--since", "yesterday", stdout=io.StringIO())


def test_import_command_fails_when_the_source_cannot_be_read(municipality):
    with LocalHTTPServer() as server:  # nothing served: every request is a 404
        out = io.StringIO()
        with pytest.raises(CommandError, match="The import failed"):
            call_command("import", "lipas", "--from", server.url("/v1/"), stdout=out, stderr=io.StringIO())
    assert "lipas: Failed — 0 created" in out.getvalue()
    assert ImportRun.objects.get(source="lipas").status == ImportRun.Status.FAILED


def test_import_from_a_local_file(municipality):
    out = io.StringIO()
    call_command("import", "lipas", "--from", str(DATA / "lipas" / "sports-places-sample.json"), stdout=out)
    assert Venue.objects.filter(data_source="lipas").count() > 300
    assert "lipas: Succeeded" in out.getvalue()


def test_celery_task_imports_incrementally_after_a_full_run(municipality, settings):
    from importers import tasks

    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        settings.IMPORT_SOURCES = {"linkedcourses": {"url": server.url("/v1/")}}
        message = tasks.import_source.delay("linkedcourses").get()
        assert "Succeeded — 5 created" in message
        count = len(server.requests)
        tasks.import_source.delay("linkedcourses").get()
        second = parse_qs(urlsplit(server.requests[count]).query)
        assert second["show_deleted"] == ["true"] and second["last_modified_since"]
    assert ImportRun.objects.filter(source="linkedcourses").count() == 2


def test_import_all_runs_every_source_and_fails_when_one_fails(municipality, settings):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        serve_lipas(server, lipas_places()[:3])
        settings.IMPORT_SOURCES = {
            "linkedevents": {"url": server.url("/v1/")},
            "linkedcourses": {"url": server.url("/missing/v1/")},  # every request a 404
            "lipas": {"url": server.url("/v1/")},
        }
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError, match="1"):
            call_command("import_all", stdout=out, stderr=err)
    summaries = [line for line in out.getvalue().splitlines() if "page" not in line]
    assert summaries[0].startswith("linkedevents: Succeeded — 5 created")
    assert summaries[1].startswith("linkedcourses: Failed")
    assert summaries[2].startswith("lipas: Succeeded")
    assert dict(ImportRun.objects.values_list("source", "status")) == {
        "linkedevents": "succeeded",
        "linkedcourses": "failed",
        "lipas": "succeeded",
    }


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_rewritten_in_place_on_a_terminal(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        out = Terminal()
        call_command("import", "linkedcourses", "--from", server.url("/v1/"), stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert text.count("\rlinkedcourses: page ") == 3  # one counter line, rewritten for each page
    assert "\rlinkedcourses: page 3 — 5 created" in text
    assert text.splitlines()[-1].startswith("linkedcourses: Succeeded — 5 created")


def test_a_source_configured_not_to_publish_leaves_hobbies_for_moderation(municipality, settings):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        settings.IMPORT_SOURCES = {"linkedcourses": {"publish": False}}
        run = run_import("linkedcourses", location=server.url("/v1/"))
        assert run.status == ImportRun.Status.SUCCEEDED and run.created == 5
        hobbies = Hobby.objects.filter(data_source="linkedcourses")
        assert hobbies.count() == 4 and not hobbies.filter(live=True).exists()

        # a moderator publishes one and takes another down; the next run keeps both decisions
        published, hidden = hobbies.order_by("origin_id")[:2]
        Hobby.objects.filter(pk=published.pk).update(live=True)
        Hobby.objects.filter(pk=hidden.pk).update(live=False, taken_down_at=timezone.now())
        settings.IMPORT_SOURCES = {}  # back to the default: publish
        run_import("linkedcourses", location=server.url("/v1/"))
    published.refresh_from_db()
    hidden.refresh_from_db()
    assert published.live and not hidden.live and hidden.is_taken_down
    assert Hobby.objects.filter(data_source="linkedcourses", live=True).count() == 3


# --- fingerprints: what did not change at the source is not mapped again ------------------------------------


def test_unchanged_records_are_skipped_by_fingerprint_until_something_they_depend_on_changes(municipality):
    from backend.hobbies.models import Category, CategoryMapping
    from importers import linkedevents

    calls = []
    original = linkedevents.map_event

    def counting(event, **kw):
        calls.append(event.get("id"))
        return original(event, **kw)

    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
        hobby = Hobby.objects.get(data_source="linkedcourses", origin_id="harrastushaku:test1")
        assert len(hobby.source_hash) == 40 and not hobby.categories.exists()

        linkedevents.map_event = counting
        try:
            second = run_import("linkedcourses", location=server.url("/v1/"))
            # nothing mapped again but the postponed event, skipped each time (a skipped record has no row)
            assert calls == ["helsinki:afxp6tv4xa"] and (second.unchanged, second.updated) == (5, 0)

            # a new keyword mapping changes what the records map to: every record goes the full way once
            category = Category.objects.create(slug="crafts", name_fi="Käsityöt")
            CategoryMapping.objects.create(source="linkedevents_keyword", external_id="yso:p23125", category=category)
            third = run_import("linkedcourses", location=server.url("/v1/"))
        finally:
            linkedevents.map_event = original
    assert len(calls) == 2 + 4 and third.updated == 3  # the three courses with that keyword
    hobby.refresh_from_db()
    assert list(hobby.categories.values_list("slug", flat=True)) == ["crafts"]


def test_a_hobby_removed_at_the_source_comes_back_although_its_record_is_the_same(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
    Hobby.objects.filter(origin_id="harrastushaku:test1").update(live=False, expired=True)
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run = run_import("linkedcourses", location=server.url("/v1/"))
    hobby = Hobby.objects.get(origin_id="harrastushaku:test1")
    assert hobby.live and not hobby.expired and run.updated == 1


def test_a_change_that_maps_to_the_same_values_is_counted_unchanged(municipality):
    with LocalHTTPServer() as server:
        serve_linkedevents(server, *full_feed())
        run_import("linkedcourses", location=server.url("/v1/"))
    before = Hobby.objects.get(origin_id="harrastushaku:test1")
    first, second = full_feed()
    for event in first:
        if event["id"] == "harrastushaku:test1":
            event["n_events"] = 12345  # a counter the mapper does not read
    with LocalHTTPServer() as server:
        serve_linkedevents(server, first, second)
        run = run_import("linkedcourses", location=server.url("/v1/"))
    after = Hobby.objects.get(origin_id="harrastushaku:test1")
    assert (run.updated, run.unchanged) == (0, 5)
    assert after.source_hash != before.source_hash and after.updated_at == before.updated_at


def test_lipas_second_run_skips_by_fingerprint(municipality):
    from importers import lipas

    with LocalHTTPServer() as server:
        serve_lipas(server, lipas_places())
        first = run_import("lipas", location=server.url("/v1/"))
        original, calls = lipas.map_place, []
        lipas.map_place = lambda place, **kw: calls.append(1) or original(place, **kw)
        try:
            second = run_import("lipas", location=server.url("/v1/"))
        finally:
            lipas.map_place = original
    assert calls == [] and second.unchanged == first.created and second.updated == second.created == 0
