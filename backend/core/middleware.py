"""Middleware of the project as a whole (not tied to one app)."""

from __future__ import annotations

from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

QUERY_COUNT_HEADER = "X-SQL-Queries"


class _StatementCounter:
    """A ``connection.execute_wrapper``: counts every statement sent (an ``executemany`` counts once)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Adds ``X-SQL-Queries: <n>``, the SQL statements a request ran, to every response.

    For benchmarks and profiling only: switched on by the setting ``SQL_QUERY_COUNT_HEADER``
    (environment variable of the same name). When it is off, the middleware removes itself from
    the chain when the handler loads, so it costs nothing per request.
    """

    def __init__(self, get_response):
        if not getattr(settings, "SQL_QUERY_COUNT_HEADER", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        counter = _StatementCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[QUERY_COUNT_HEADER] = str(counter.count)
        return response
