"""Property-based: any hobby search arguments get data or a typed error, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.hobbies.models import Hobby

from .conftest import make_hobby

QUERY = """
query($text: String, $near: NearInput, $filter: HobbyFilterInput, $first: Int, $after: String, $orderBy: HobbyOrder) {
  hobbies(text: $text, near: $near, filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount edges { node { id distanceKm } }
  }
}
"""
CODES = {"INVALID_INPUT", "OUT_OF_RANGE", "NOT_FOUND", "QUERY_TOO_COSTLY", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST"}

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
)
numbers = st.one_of(st.integers(min_value=-(2**40), max_value=2**40), st.floats(allow_nan=False), anything)
filters = st.fixed_dictionaries(
    {},
    optional={
        "age": numbers,
        "maxPrice": numbers,
        "freeOnly": anything,
        "categories": st.one_of(anything, st.lists(st.one_of(st.text(max_size=12), st.integers()), max_size=4)),
        "weekdays": st.one_of(anything, st.lists(st.sampled_from(["MON", "SUN", "XYZ", "7"]), max_size=3)),
        "timeFrom": anything,
        "timeTo": st.one_of(anything, st.sampled_from(["00:00", "23:59", "24:00", "7:5"])),
        "dateFrom": st.one_of(anything, st.dates().map(str)),
        "dateTo": st.one_of(anything, st.dates().map(str)),
        "languages": st.one_of(anything, st.lists(st.text(max_size=5), max_size=3)),
        "municipalities": st.one_of(anything, st.lists(st.text(max_size=6), max_size=2)),
        "accessibility": st.one_of(anything, st.fixed_dictionaries({}, optional={"inductionLoop": anything})),
    },
)
variables = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(anything, st.text(max_size=300)),
        "near": st.one_of(
            anything, st.fixed_dictionaries({"lat": numbers, "lon": numbers}, optional={"radiusKm": numbers})
        ),
        "filter": st.one_of(anything, filters),
        "first": numbers,
        "after": st.one_of(anything, st.binary(max_size=20).map(lambda b: b.hex())),
        "orderBy": st.one_of(anything, st.sampled_from(["RELEVANCE", "DISTANCE", "NEXT_SESSION", "NEWEST"])),
    },
)


@pytest.fixture
def catalogue(organization, venue, category):
    make_hobby(organization, venue=venue, categories=[category])
    make_hobby(organization, title_fi="Kuvataide", categories=[category], live=False)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variables=variables)
def test_any_arguments_get_data_or_a_typed_error(client, catalogue, variables):
    before = Hobby.objects.count()
    response = client.post("/graphql", {"query": QUERY, "variables": variables}, content_type="application/json")
    assert response.status_code < 500, response.content
    body = response.json()
    for error in body.get("errors") or []:
        assert error["message"]
        code = (error.get("extensions") or {}).get("code")
        assert code in CODES, error
    if not body.get("errors"):
        assert body["data"]["hobbies"]["totalCount"] <= 1  # never the draft
    assert Hobby.objects.count() == before
