"""The importers' fetch layer against a local HTTP server: paging, retries, timeouts, broken JSON."""

from __future__ import annotations

import json

import pytest

from importers.fetch import FetchError, FileFetcher, HttpFetcher, fetcher_for, link_targets
from tests.httpserver import LocalHTTPServer


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Reasons are asserted in English, the source language (the default interface language is Finnish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def server():
    with LocalHTTPServer() as s:
        yield s


class Sleeps(list):
    """Records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetcher(server, **kw) -> HttpFetcher:
    kw.setdefault("sleep", Sleeps())
    kw.setdefault("backoff", 0.01)
    return HttpFetcher(server.url("/v1/"), source="test", **kw)


# --- paging -----------------------------------------------------------------------------------------


def test_pages_by_next_follows_meta_next_until_null(server):
    server.add(
        "/v1/event/?page_size=2&event_type=General,Course",
        json={"meta": {"count": 3, "next": server.url("/v1/event/?page=2"), "previous": None}, "data": [1, 2]},
    )
    server.add("/v1/event/?page=2", json={"meta": {"count": 3, "next": None}, "data": [3]})

    pages = list(fetcher(server).pages_by_next("event/", {"page_size": 2, "event_type": "General,Course"}))

    assert [p["data"] for p in pages] == [[1, 2], [3]]
    assert server.requests == ["/v1/event/?page_size=2&event_type=General,Course", "/v1/event/?page=2"]


def test_pages_by_next_refuses_a_loop(server):
    server.add("/v1/event/", json={"meta": {"next": server.url("/v1/event/")}, "data": []})
    with pytest.raises(FetchError, match="already read"):
        list(fetcher(server).pages_by_next("event/"))


def test_pages_by_next_rejects_an_answer_without_data(server):
    server.add("/v1/event/", json={"detail": "oops"})
    with pytest.raises(FetchError, match="data"):
        list(fetcher(server).pages_by_next("event/"))


def test_pages_by_link_follows_206_and_link_next_paths(server):
    server.add(
        "/v1/sports-places/?pageSize=2",
        status=206,
        json=[{"sportsPlaceId": 1}, {"sportsPlaceId": 2}],
        headers={
            "X-total-count": "3",
            "Link": '</v1/sports-places/?pageSize=2&page=2>; rel="next", '
            '</v1/sports-places/?pageSize=2&page=2>; rel="last", </v1/sports-places/?pageSize=2&page=1>; rel="first"',
        },
    )
    server.add(
        "/v1/sports-places/?pageSize=2&page=2",
        status=206,
        json=[{"sportsPlaceId": 3}],
        headers={"Link": '</v1/sports-places/?pageSize=2&page=1>; rel="prev"'},
    )

    pages = list(fetcher(server).pages_by_link("sports-places/", {"pageSize": 2}))

    assert [[p["sportsPlaceId"] for p in page] for page in pages] == [[1, 2], [3]]
    assert server.count("/v1/sports-places/") == 2


def test_pages_by_link_single_200_page(server):
    server.add("/v1/sports-places/", json=[{"sportsPlaceId": 7}])
    assert list(fetcher(server).pages_by_link("sports-places/")) == [[{"sportsPlaceId": 7}]]


def test_link_header_parsing():
    header = '</a?page=2>; rel="next", </a?page=9>; rel=last, <https://x/a?page=1>;rel="first prev"'
    assert link_targets(header) == {
        "next": "/a?page=2",
        "last": "/a?page=9",
        "first": "https://x/a?page=1",
        "prev": "https://x/a?page=1",
    }
    assert link_targets(None) == {}


# --- retries ----------------------------------------------------------------------------------------


def test_500_then_success_is_retried(server):
    server.add("/v1/x/", status=500, body="boom", once=True)
    server.add("/v1/x/", status=503, body="busy", once=True)
    server.add("/v1/x/", json={"ok": True})
    f = fetcher(server)

    payload, _headers, status = f.get_json("x/")

    assert (payload, status) == ({"ok": True}, 200)
    assert server.count("/v1/x/") == 3
    assert len(f.sleep) == 2 and f.sleep[1] > f.sleep[0] * 1.5  # exponential backoff


def test_429_honours_retry_after_with_a_cap(server):
    server.add("/v1/x/", status=429, headers={"Retry-After": "7"}, once=True)
    server.add("/v1/x/", status=429, headers={"Retry-After": "3600"}, once=True)
    server.add("/v1/x/", json=[1])
    f = fetcher(server, max_retry_after=20)

    assert f.get_json("x/")[0] == [1]
    assert 7 <= f.sleep[0] < 7.1
    assert 20 <= f.sleep[1] < 20.1  # capped


def test_retries_run_out_with_a_fetch_error(server):
    server.add("/v1/x/", status=502)
    with pytest.raises(FetchError) as caught:
        fetcher(server, retries=2).get_json("x/")
    assert caught.value.attempts == 3 and caught.value.status == 502
    assert caught.value.source == "test" and caught.value.url.endswith("/v1/x/")
    assert server.count("/v1/x/") == 3


def test_timeout_is_retried_then_fails(server):
    server.add("/v1/slow/", json={}, delay=0.6)
    f = fetcher(server, timeout=0.15, retries=1)
    with pytest.raises(FetchError, match="no answer") as caught:
        f.get_json("slow/")
    assert caught.value.attempts == 2
    assert server.count("/v1/slow/") == 2


def test_timeout_then_success(server):
    server.add("/v1/slow/", json={}, delay=0.6, once=True)
    server.add("/v1/slow/", json={"fast": 1})
    assert fetcher(server, timeout=0.15).get_json("slow/")[0] == {"fast": 1}


def test_404_is_not_retried(server):
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        fetcher(server).get_json("missing/")
    assert caught.value.attempts == 1 and caught.value.status == 404
    assert server.count("/v1/missing/") == 1


def test_truncated_json_is_retried_once_then_fails(server):
    server.add("/v1/event/", body='{"meta": {"next": null}, "data": [{"id": "a"')
    with pytest.raises(FetchError, match="JSON") as caught:
        list(fetcher(server).pages_by_next("event/"))
    assert server.count("/v1/event/") == 2
    assert caught.value.attempts == 2


def test_truncated_json_once_then_whole(server):
    whole = json.dumps({"meta": {"next": None}, "data": [1]})
    server.add("/v1/event/", body=whole[:20], once=True)
    server.add("/v1/event/", body=whole)
    assert [p["data"] for p in fetcher(server).pages_by_next("event/")] == [[1]]


def test_connection_cut_mid_body_is_retried(server):
    whole = json.dumps([{"sportsPlaceId": n} for n in range(50)])
    server.add("/v1/sports-places/", body=whole, cut_at=40, once=True)
    server.add("/v1/sports-places/", body=whole)
    pages = list(fetcher(server).pages_by_link("sports-places/"))
    assert len(pages[0]) == 50
    assert server.count("/v1/sports-places/") == 2


def test_connection_refused_is_a_fetch_error():
    with LocalHTTPServer() as s:
        url = s.url("/v1/")
    f = HttpFetcher(url, source="test", retries=1, backoff=0.01, sleep=Sleeps())
    with pytest.raises(FetchError, match="connection failed") as caught:
        f.get_json("x/")
    assert caught.value.attempts == 2


# --- files ------------------------------------------------------------------------------------------


def test_file_fetcher_reads_a_folder_in_name_order(tmp_path):
    (tmp_path / "b.json").write_text(json.dumps({"meta": {"next": "https://example.invalid/2"}, "data": [2]}))
    (tmp_path / "a.json").write_text(json.dumps({"meta": {"next": None}, "data": [1]}))
    f = fetcher_for(str(tmp_path), source="linkedevents")
    assert isinstance(f, FileFetcher)
    assert [p["data"] for p in f.pages_by_next("https://api.example/v1/event/")] == [[1], [2]]


def test_file_fetcher_endpoint_files_and_errors(tmp_path):
    (tmp_path / "sports-places").mkdir()
    (tmp_path / "sports-places" / "1.json").write_text("[1]")
    (tmp_path / "deleted-sports-places.json").write_text('[{"sportsPlaceId": 9}]')
    (tmp_path / "broken.json").write_text("[1,")
    f = FileFetcher(tmp_path, source="lipas")
    assert list(f.pages_by_link("sports-places")) == [[1]]
    assert f.get_json("/v1/deleted-sports-places?since=x")[0] == [{"sportsPlaceId": 9}]
    with pytest.raises(FetchError, match="cannot read JSON"):
        FileFetcher(tmp_path / "broken.json").get_json()
    with pytest.raises(FetchError, match="no such file"):
        fetcher_for(str(tmp_path / "nope"))


def test_file_fetcher_reads_the_recorded_linked_events_page():
    from pathlib import Path

    data = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "linkedevents" / "events_data.json"
    if not data.exists():
        pytest.skip("shared data not present")
    pages = list(fetcher_for(str(data)).pages_by_next("event/"))
    assert len(pages) == 1 and len(pages[0]["data"]) == 2


def test_fetcher_for_http_gives_an_http_fetcher():
    f = fetcher_for("https://api.hel.fi/linkedevents/v1", source="linkedevents", timeout=3)
    assert isinstance(f, HttpFetcher) and f.timeout == 3
    assert f.url("event/", {"page": 2}) == "https://api.hel.fi/linkedevents/v1/event/?page=2"
