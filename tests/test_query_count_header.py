"""The X-SQL-Queries header of the benchmark (backend.core.middleware.QueryCountMiddleware)."""

from __future__ import annotations

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from backend.core.middleware import QUERY_COUNT_HEADER, QueryCountMiddleware
from backend.hobbies.models import Category


def two_queries(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    count = Category.objects.count()
    return HttpResponse(str(count))


@pytest.mark.django_db
@override_settings(SQL_QUERY_COUNT_HEADER=True)
def test_header_counts_the_statements_of_the_request():
    middleware = QueryCountMiddleware(two_queries)
    response = middleware(RequestFactory().get("/anything"))
    assert response[QUERY_COUNT_HEADER] == "2"
    assert response.content == b"0"


@pytest.mark.django_db
@override_settings(SQL_QUERY_COUNT_HEADER=True)
def test_each_request_is_counted_on_its_own():
    middleware = QueryCountMiddleware(two_queries)
    factory = RequestFactory()
    assert [middleware(factory.get("/"))[QUERY_COUNT_HEADER] for _ in range(3)] == ["2", "2", "2"]
    assert QueryCountMiddleware(lambda request: HttpResponse())(factory.get("/"))[QUERY_COUNT_HEADER] == "0"


@override_settings(SQL_QUERY_COUNT_HEADER=False)
def test_off_removes_itself_from_the_chain():
    with pytest.raises(MiddlewareNotUsed):
        QueryCountMiddleware(two_queries)


@pytest.mark.django_db
def test_off_by_default_no_header_on_real_requests(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert QUERY_COUNT_HEADER not in response


@pytest.mark.django_db
@override_settings(SQL_QUERY_COUNT_HEADER=True)
def test_on_real_graphql_request_reports_its_queries():
    # A new Client loads the middleware chain on its first request, so it sees the overridden setting.
    response = Client().post("/graphql", {"query": "{ categories { id } }"}, content_type="application/json")
    assert response.status_code == 200
    assert int(response[QUERY_COUNT_HEADER]) >= 1
