"""/graphql is bounded: depth, aliases, cost, body size and batches; every error has a code; caching; CORS."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import RequestFactory, override_settings
from graphql import get_introspection_query
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.api.common import ApiError, ErrorCode
from backend.api.schema import schema
from backend.api.view import ApiView

pytestmark = pytest.mark.django_db

ORIGIN = "https://app.example.fi"


def post(client, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/graphql", data, content_type="application/json", **headers)


def codes(response) -> list[str]:
    payload = json.loads(response.content)
    errors = payload["errors"] if isinstance(payload, dict) else [e for item in payload for e in item.get("errors", [])]
    return [error["extensions"]["code"] for error in errors]


def nested_categories(depth: int) -> str:
    """A query `depth` fields deep: categories { children { ... { slug } } }."""
    inner = "slug"
    for _ in range(depth - 2):
        inner = f"children {{ {inner} }}"
    return f"{{ categories {{ {inner} }} }}"


PAGE = "query($n: Int) { hobbies(first: $n) { edges { node { id } } } }"  # costs 1 + n * 3


# --- a normal query -----------------------------------------------------------------------------------


def test_a_normal_query_passes(client, category):
    response = post(client, {"query": "{ categories { slug name { text language } } }"})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body
    assert [c["slug"] for c in body["data"]["categories"]] == ["football"]


# --- depth --------------------------------------------------------------------------------------------


def test_depth_at_the_limit_passes_and_one_more_is_refused(client, category):
    assert post(client, {"query": nested_categories(10)}).status_code == 200
    response = post(client, {"query": nested_categories(11)})
    assert response.status_code == 400
    assert codes(response) == ["QUERY_TOO_DEEP"]
    error = response.json()["errors"][0]
    assert "10" in error["message"] and error["extensions"]["limit"] == 10
    assert "data" not in response.json()


def test_depth_follows_fragments(client, category):
    query = """
        query { categories { ...A } }
        fragment A on Category { children { children { ...B } } }
        fragment B on Category { children { children { ...C } } }
        fragment C on Category { children { children { children { children { children { slug } } } } } }
    """
    response = post(client, {"query": query})
    assert codes(response) == ["QUERY_TOO_DEEP"]


def test_a_fragment_cycle_is_a_validation_error_not_a_crash(client):
    query = "query { categories { ...A } } fragment A on Category { children { ...B } } " + (
        "fragment B on Category { children { ...A } }"
    )
    response = post(client, {"query": query})
    assert response.status_code == 400
    assert set(codes(response)) == {"GRAPHQL_VALIDATION_FAILED"}


@override_settings(API_MAX_DEPTH=5)
def test_the_depth_limit_comes_from_settings(client, category):
    assert post(client, {"query": nested_categories(5)}).status_code == 200
    assert codes(post(client, {"query": nested_categories(6)})) == ["QUERY_TOO_DEEP"]


def test_a_long_chain_of_fragments_is_refused_without_a_crash(client):
    count = 1500
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(count))
    query = f"query {{ ...F0 }} {fragments} fragment F{count} on Query {{ categories {{ slug }} }}"
    response = post(client, {"query": query})
    assert response.status_code == 400
    assert "QUERY_TOO_DEEP" in codes(response)


# --- aliases -------------------------------------------------------------------------------------------


def test_aliases_at_the_limit_pass_and_one_more_is_refused(client, category):
    def aliased(count):
        return "{ " + " ".join(f"a{i}: categories {{ slug }}" for i in range(count)) + " }"

    assert post(client, {"query": aliased(30)}).status_code == 200
    response = post(client, {"query": aliased(31)})
    assert response.status_code == 400
    assert codes(response) == ["TOO_MANY_ALIASES"]
    assert "30" in response.json()["errors"][0]["message"]


# --- cost ---------------------------------------------------------------------------------------------


@override_settings(API_MAX_COST=100)
def test_cost_counts_first_from_a_variable(client):
    assert post(client, {"query": PAGE, "variables": {"n": 33}}).status_code == 200  # 1 + 33 * 3 = 100
    response = post(client, {"query": PAGE, "variables": {"n": 34}})  # 103
    assert response.status_code == 400
    assert codes(response) == ["QUERY_TOO_COSTLY"]
    error = response.json()["errors"][0]
    assert error["extensions"]["cost"] == 103 and error["extensions"]["limit"] == 100
    assert "100" in error["message"]


@override_settings(API_MAX_COST=100)
def test_cost_counts_first_from_a_literal_and_from_a_variables_default(client):
    assert post(client, {"query": "{ hobbies(first: 33) { edges { node { id } } } }"}).status_code == 200
    assert codes(post(client, {"query": "{ hobbies(first: 34) { edges { node { id } } } }"})) == ["QUERY_TOO_COSTLY"]
    with_default = "query($n: Int = 34) { hobbies(first: $n) { edges { node { id } } } }"
    assert codes(post(client, {"query": with_default})) == ["QUERY_TOO_COSTLY"]
    assert post(client, {"query": with_default, "variables": {"n": 2}}).status_code == 200


@override_settings(API_MAX_COST=100)
def test_first_not_given_counts_as_20_and_a_negative_or_unreadable_one_as_50(client):
    assert post(client, {"query": PAGE}).status_code == 200  # 1 + 20 * 3 = 61
    assert codes(post(client, {"query": PAGE, "variables": {"n": -1}})) == ["QUERY_TOO_COSTLY"]  # 151
    assert codes(post(client, {"query": PAGE, "variables": {"n": "many"}})) == ["QUERY_TOO_COSTLY"]


def test_nested_pages_multiply_with_the_default_limit(client):
    # 1 + 50 * (edges 1 + node 1 + sessions (1 + 50 * 2)) = 5151 > 4000
    query = "{ hobbies(first: 50) { edges { node { sessions(first: 50) { id start } } } } }"
    response = post(client, {"query": query})
    assert codes(response) == ["QUERY_TOO_COSTLY"]
    assert response.json()["errors"][0]["extensions"]["cost"] == 5151
    smaller = "{ hobbies(first: 20) { edges { node { sessions(first: 20) { id } } } } }"  # 1 + 20 * 23 = 461
    assert post(client, {"query": smaller}).status_code == 200


# --- introspection -----------------------------------------------------------------------------------------


def test_the_standard_introspection_query_works(client):
    for query in (get_introspection_query(), get_introspection_query(descriptions=True, input_value_deprecation=True)):
        response = post(client, {"query": query})
        assert response.status_code == 200, response.content
        types = {t["name"] for t in response.json()["data"]["__schema"]["types"]}
        assert {"Query", "Mutation", "ErrorCode"} <= types


def test_introspection_that_grows_with_the_schema_is_refused(client):
    query = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    response = post(client, {"query": query})
    assert response.status_code == 400
    assert "QUERY_TOO_DEEP" in codes(response)


# --- the body -----------------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_with_a_json_error(client):
    query = "{ categories { slug } }" + " " * (64 * 1024)
    response = post(client, {"query": query})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": response.json()["errors"][0]["message"],
                "extensions": {"code": "BODY_TOO_LARGE", "limit": 64 * 1024},
            }
        ]
    }
    assert response["Cache-Control"] == "no-store"


def test_a_declared_length_over_the_limit_is_refused_before_reading(client):
    response = client.generic(
        "POST", "/graphql", b'{"query": "{ categories { slug } }"}', "application/json", CONTENT_LENGTH="999999"
    )
    assert response.status_code == 413
    assert codes(response) == ["BODY_TOO_LARGE"]


def test_the_actual_length_counts_when_the_declared_one_is_wrong():
    request = RequestFactory().post("/graphql", b'{"query": "' + b" " * 70000 + b'"}', content_type="application/json")
    request.META["CONTENT_LENGTH"] = "10"
    response = ApiView.as_view()(request)
    assert response.status_code == 413
    assert codes(response) == ["BODY_TOO_LARGE"]


@override_settings(API_MAX_BODY_BYTES=4096)
def test_the_body_limit_comes_from_settings(client):
    assert post(client, {"query": "{ categories { slug } }" + " " * 4000}).status_code == 200
    assert post(client, {"query": "{ categories { slug } }" + " " * 4100}).status_code == 413


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"query": "{ categories { slug } }"', b"\xff\xfe\x00", b"5", b'"text"', b"null", b"[" * 5000],
)
def test_a_malformed_body_is_400_bad_request(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"query": 5},
        {"query": ""},
        {"query": "{ categories { slug } }", "variables": [1]},
        {"query": "{ categories { slug } }", "variables": "not json"},
        {"query": "{ categories { slug } }", "operationName": 3},
    ],
)
def test_malformed_parameters_are_400_bad_request(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


def test_syntax_and_validation_errors_have_codes(client):
    response = post(client, {"query": "{ categories { slug "})
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert "Syntax Error" in response.json()["errors"][0]["message"]
    response = post(client, {"query": "{ categories { noSuchField } }"})
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]
    response = post(client, {"query": PAGE, "variables": {"n": "many"}})  # cost passes with the default limit
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


# --- batches ------------------------------------------------------------------------------------------


def test_a_small_batch_is_answered_in_order(client, category):
    response = post(client, [{"query": "{ categories { slug } }"}, {"query": "{ municipalities { code } }", "id": 7}])
    assert response.status_code == 200
    first, second = response.json()
    assert first["data"]["categories"] == [{"slug": "football"}]
    assert second["data"] == {"municipalities": []} and second["id"] == 7


def test_a_batch_over_the_limit_is_400(client):
    response = post(client, [{"query": "{ categories { slug } }"}] * 11)
    assert response.status_code == 400
    assert codes(response) == ["BATCH_TOO_LARGE"]
    assert post(client, [{"query": "{ categories { slug } }"}] * 10).status_code == 200


@pytest.mark.parametrize("batch", [[], [{"query": "{ categories { slug } }"}, 5], [{"query": "{ x }"}, {"q": 1}]])
def test_a_malformed_batch_is_400_and_runs_nothing(client, batch):
    response = post(client, batch)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


def test_each_operation_of_a_batch_is_checked_against_the_limits(client):
    response = post(client, [{"query": "{ categories { slug } }"}, {"query": nested_categories(11)}])
    assert response.status_code == 400
    assert [item["status"] for item in response.json()] == [200, 400]
    assert codes(response) == ["QUERY_TOO_DEEP"]


# --- errors from resolvers ----------------------------------------------------------------------------


def _resolver_raising(monkeypatch, exception):
    field = schema.graphql_schema.query_type.fields["categories"]

    def resolve(*_args, **_kwargs):
        raise exception

    monkeypatch.setattr(field, "resolve", resolve)


def test_an_unexpected_exception_is_internal_with_a_generic_message_and_logged(client, monkeypatch, caplog):
    _resolver_raising(monkeypatch, RuntimeError("secret detail: password=hunter2"))
    with caplog.at_level(logging.ERROR, logger="backend.api.view"):
        response = post(client, {"query": "{ categories { slug } }"})
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "INTERNAL"}
    assert error["path"] == ["categories"]
    assert "hunter2" not in response.content.decode()
    assert any("hunter2" in (record.exc_text or "") or record.exc_info for record in caplog.records)
    assert "RuntimeError" in caplog.text


def test_an_api_error_passes_through_unchanged(client, monkeypatch):
    _resolver_raising(monkeypatch, ApiError(ErrorCode.NOT_FOUND, "No such thing.", field="id"))
    response = post(client, {"query": "{ categories { slug } }"})
    [error] = response.json()["errors"]
    assert error["message"] == "No such thing."
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}


# --- methods and caching -----------------------------------------------------------------------------------


def test_an_anonymous_get_query_is_publicly_cacheable(client, category):
    response = client.get("/graphql", {"query": "{ categories { slug } }"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "authorization"} <= vary
    assert "cookie" not in vary
    assert not response.cookies  # no CSRF cookie that a shared cache could hand to everyone


def test_other_requests_are_not_stored(client, category):
    query = {"query": "{ categories { slug } }"}
    assert post(client, query)["Cache-Control"] == "no-store"
    with_auth = client.get("/graphql", query, HTTP_AUTHORIZATION="Device abc")
    assert with_auth["Cache-Control"] == "no-store"
    assert "authorization" in with_auth["Vary"].lower()
    failing = client.get("/graphql", {"query": "{ nope }"})
    assert failing.status_code == 400
    assert failing["Cache-Control"] == "no-store"


def test_a_mutation_over_get_is_405(client):
    response = client.get("/graphql", {"query": "mutation { registerDevice { token } }"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Cache-Control"] == "no-store"
    assert codes(response) == ["BAD_REQUEST"]
    assert "POST" in response.json()["errors"][0]["message"]


def test_other_methods_are_405(client):
    response = client.put("/graphql", "{}", content_type="application/json")
    assert response.status_code == 405
    assert codes(response) == ["BAD_REQUEST"]


def test_a_get_query_reads_variables_from_the_url(client):
    response = client.get("/graphql", {"query": PAGE, "variables": json.dumps({"n": 2})})
    assert response.status_code == 200
    assert response.json()["data"]["hobbies"]["edges"] == []


# --- CORS ---------------------------------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_a_configured_origin_may_call_the_api(client):
    response = post(client, {"query": "{ categories { slug } }"}, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    preflight = client.options(
        "/graphql",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, accept-language",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    allowed = {h.strip() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "accept-language"} <= allowed
    assert "POST" in preflight["Access-Control-Allow-Methods"]


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_another_origin_gets_no_cors_headers(client):
    response = post(client, {"query": "{ categories { slug } }"}, HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        "/graphql", HTTP_ORIGIN="https://evil.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_cors_covers_only_the_api_and_calendars(client):
    response = client.get("/healthz", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


# --- nothing a client sends makes a 500, and every error has a code -------------------------------------------

TOKENS = [
    "{", "}", "(", ")", "[", "]", ":", "$n", "$x", "...", "@include(if: true)", "query", "mutation", "fragment",
    "on", "Query", "Category", "categories", "children", "slug", "name", "text", "hobbies", "first:", "after:",
    "edges", "node", "id", "sessions", "__schema", "__type", "types", "fields", "__typename", "a:", "b:", "1", "-1",
    "50", "1e9", '"x"', "null", "true", "F", "lang:", "SV", "municipalities", "registerDevice", "Int", "!", "=",
]  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def assert_well_formed(response):
    assert response.status_code < 500, response.content
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    items = payload if isinstance(payload, list) else [payload]
    for item in items:
        for error in item.get("errors", []):
            assert error["extensions"]["code"] in ErrorCode._meta.enum.__members__, error
            assert error["message"]


FUZZ = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@FUZZ
@given(query=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join)))
def test_random_queries_never_fail_the_server(client, query):
    assert_well_formed(post(client, {"query": query}))
    assert_well_formed(client.get("/graphql", {"query": query}))


@FUZZ
@given(body=json_values)
def test_random_json_bodies_never_fail_the_server(client, body):
    assert_well_formed(post(client, json.dumps(body)))


@FUZZ
@given(variables=st.dictionaries(st.sampled_from(["n", "after", "lang", "x"]), json_values, max_size=4) | json_values)
def test_random_variables_never_fail_the_server(client, variables):
    query = "query($n: Int, $after: String, $lang: Language) { hobbies(first: $n, after: $after, lang: $lang) { edges { node { id } } } }"  # noqa: E501
    assert_well_formed(post(client, {"query": query, "variables": variables}))
    assert_well_formed(client.get("/graphql", {"query": query, "variables": json.dumps(variables)}))


def test_graphiql_is_served_to_browsers_when_enabled():
    request = RequestFactory().get("/graphql", HTTP_ACCEPT="text/html")
    response = ApiView.as_view(graphiql=True)(request)
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
    assert response["Cache-Control"] == "no-store"
