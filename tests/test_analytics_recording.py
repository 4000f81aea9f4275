"""Recording usage through the real /graphql endpoint: searches and active device-weeks, channel, consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from backend.analytics.models import DeviceWeek, SearchEvent
from backend.analytics.recording import channel_of, filters_summary, normalise_query, record_activity
from backend.analytics.weeks import week_of
from backend.devices.models import Device

from .conftest import make_hobby

SEARCH = """
query Search($text: String, $near: NearInput, $filter: HobbyFilterInput, $first: Int, $after: String) {
  hobbies(text: $text, near: $near, filter: $filter, first: $first, after: $after) {
    edges { node { id } }
    pageInfo { endCursor }
  }
}
"""


def gql(client, variables=None, *, token=None, channel=None):
    headers = {}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Device {token}"
    if channel is not None:
        headers["HTTP_X_CLIENT"] = channel
    response = client.post(
        "/graphql", {"query": SEARCH, "variables": variables or {}}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["hobbies"]


@pytest.fixture
def hobbies(organization, venue, category):
    return [make_hobby(organization, title_fi=f"Jalkapallo {n}", venue=venue, categories=[category]) for n in range(3)]


@pytest.mark.parametrize(
    ("header", "channel"),
    [
        ("web", "web"),
        ("iOS", "ios"),
        (" android ", "android"),
        ("other", "other"),
        ("desktop", "other"),
        (None, "other"),
    ],
)
def test_the_channel_comes_from_the_x_client_header(header, channel):
    headers = {} if header is None else {"HTTP_X_CLIENT": header}
    assert channel_of(RequestFactory().get("/graphql", **headers)) == channel


def test_query_text_is_normalised():
    assert normalise_query("  Jalka   PALLO \t") == "jalka pallo"
    assert len(normalise_query("x" * 500)) == 200
    assert normalise_query(None) == ""


def test_a_search_is_recorded_with_its_filters_but_no_coordinates(client, hobbies, category, municipality):
    device, token = Device.register()
    variables = {
        "text": "  Jalkapallo ",
        "near": {"lat": 60.18, "lon": 24.95, "radiusKm": 3},
        "filter": {"categories": [str(category.pk)], "age": 14, "municipalities": [str(municipality.pk)]},
        "first": 2,
    }
    gql(client, variables, token=token, channel="ios")
    event = SearchEvent.objects.get()
    assert event.query == "jalkapallo"
    assert event.channel == "ios"
    assert event.device == device
    assert event.result_count == 3  # more than the page: counted
    assert event.filters == {
        "age": 14,
        "categories": [str(category.pk)],
        "municipalities": [str(municipality.pk)],
        "near": True,
    }
    assert event.municipalities == f",{municipality.pk},"
    stored = str(event.filters)
    assert "60.18" not in stored and "24.95" not in stored and "radius" not in stored


def test_zero_results_and_anonymous_searches(client, hobbies):
    gql(client, {"text": "koripallo"}, channel="web")
    event = SearchEvent.objects.get()
    assert (event.query, event.result_count, event.device, event.channel) == ("koripallo", 0, None, "web")
    assert not DeviceWeek.objects.exists()  # anonymous: no device-week


def test_plain_listings_and_further_pages_are_not_searches(client, hobbies):
    page = gql(client, {"first": 1})
    assert not SearchEvent.objects.exists()
    first = gql(client, {"text": "jalkapallo", "first": 1})
    gql(client, {"text": "jalkapallo", "first": 1, "after": first["pageInfo"]["endCursor"]})
    assert SearchEvent.objects.count() == 1
    assert page["edges"]


def test_a_device_without_statistics_is_not_recorded(client, hobbies):
    _device, token = Device.register(analytics=False)
    gql(client, {"text": "jalkapallo"}, token=token, channel="web")
    assert not SearchEvent.objects.exists()
    assert not DeviceWeek.objects.exists()


def test_a_device_week_is_written_once_per_week_and_channel(client, hobbies):
    device, token = Device.register()
    for _ in range(3):
        gql(client, {"first": 1}, token=token, channel="web")
    gql(client, {"first": 1}, token=token, channel="android")
    gql(client, {"first": 1}, token=token)
    rows = set(DeviceWeek.objects.values_list("device_id", "week", "channel"))
    week = week_of(timezone.localdate())
    assert rows == {(device.pk, week, "web"), (device.pk, week, "android"), (device.pk, week, "other")}


def test_the_unique_constraint_holds_when_the_cache_forgets(hobbies):
    from django.core.cache import cache

    device, token = Device.register()
    request = RequestFactory().post("/graphql", HTTP_AUTHORIZATION=f"Device {token}", HTTP_X_CLIENT="web")
    assert record_activity(request)
    cache.clear()
    request = RequestFactory().post("/graphql", HTTP_AUTHORIZATION=f"Device {token}", HTTP_X_CLIENT="web")
    assert record_activity(request)
    next_week = timezone.now() + dt.timedelta(days=7)
    request = RequestFactory().post("/graphql", HTTP_AUTHORIZATION=f"Device {token}", HTTP_X_CLIENT="web")
    assert record_activity(request, now=next_week)
    assert DeviceWeek.objects.filter(device=device).count() == 2


def test_unknown_or_malformed_tokens_record_nothing_and_fail_nothing(db):
    for header in ("Device nope", "Bearer x", "Device "):
        request = RequestFactory().post("/graphql", HTTP_AUTHORIZATION=header)
        assert record_activity(request) is False
    assert not DeviceWeek.objects.exists()


def test_filters_summary_keeps_only_plain_values():
    summary = filters_summary(
        {"text": "x", "lat": 1.0, "lon": 2.0, "radius_km": 5, "weekdays": ["0", "1"], "free_only": True}
    )
    assert summary == {"free_only": True, "near": True, "weekdays": ["0", "1"]}
