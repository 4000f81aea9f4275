"""The /graphql endpoint: graphene-django's view with bounded requests, typed errors and cache headers.

On top of ``GraphQLView`` this view

- refuses bodies over ``API_MAX_BODY_BYTES`` (413) before reading them, and unreadable JSON (400), never a 500;
- accepts a batch (a JSON array of operations, at most ``API_MAX_BATCH``) and answers with an array;
- validates each operation against the depth, alias and cost limits of ``backend.api.limits``;
- gives every error an ``extensions.code``: ``ApiError`` codes pass through, syntax errors are BAD_REQUEST,
  other validation errors GRAPHQL_VALIDATION_FAILED, and any unexpected exception INTERNAL with a generic
  message (the exception is logged);
- marks anonymous GET queries publicly cacheable for a minute and everything else ``no-store``.

Errors of the request itself (body, JSON, batch, method) come back as ``{"errors": [{"message", "extensions":
{"code"}}]}`` with a 4xx status, like graphene's own.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSyntaxError,
    Node,
    OperationType,
    VariableNode,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
    validate_schema,
)

from backend.analytics.recording import record_activity

from .common import ApiError, ErrorCode
from .limits import (
    DEFAULT_MAX_ALIASES,
    DEFAULT_MAX_COST,
    DEFAULT_MAX_DEPTH,
    cost_rule_for,
    static_limit_rules,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 64 * 1024
DEFAULT_MAX_BATCH = 10
PUBLIC_MAX_AGE = 60
JSON_TYPES = {"application/json"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequestRejected(HttpError):
    """A request refused before any GraphQL runs: an HTTP status, an error code and a message for the client."""

    def __init__(self, status: int, code: ErrorCode, message, *, allow=("GET", "POST"), **extensions):
        response = HttpResponseNotAllowed(list(allow)) if status == 405 else HttpResponse(status=status)
        super().__init__(response, str(message))
        self.code = code.value
        self.extensions = extensions


@lru_cache(maxsize=512)
def prepared_document(schema, query: str, max_depth: int, max_aliases: int):
    """(document, errors) for a query text: parsed, then validated by the rules that ignore variables."""
    try:
        document = parse(query)
    except GraphQLSyntaxError as error:
        return None, (error,)
    except RecursionError:
        return None, (ApiError(ErrorCode.QUERY_TOO_DEEP, _("The query is nested too deeply.")),)
    rules = (*specified_rules, *static_limit_rules(max_depth=max_depth, max_aliases=max_aliases))
    try:
        errors = validate(schema.graphql_schema, document, rules, graphene_settings.MAX_VALIDATION_ERRORS)
    except RecursionError:
        errors = [ApiError(ErrorCode.QUERY_TOO_DEEP, _("The query is nested too deeply."))]
    return document, tuple(errors)


def _first_variable_names(document) -> tuple[str, ...]:
    """The variables used as a `first` argument anywhere in the document: the only ones the cost reads."""
    names: list[str] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, FieldNode):
            for argument in node.arguments or ():
                if argument.name.value == "first" and isinstance(argument.value, VariableNode):
                    names.append(argument.value.name.value)
        for key in getattr(node, "keys", ()):
            value = getattr(node, key, None)
            if isinstance(value, Node):
                stack.append(value)
            elif isinstance(value, tuple | list):
                stack.extend(item for item in value if isinstance(item, Node))
    return tuple(sorted(set(names)))


_ABSENT = ("absent",)  # a variable not sent at all (its default applies), unlike an explicit null


@lru_cache(maxsize=2048)
def cost_errors(schema, query: str, max_depth: int, max_aliases: int, max_cost: int, first_values: tuple):
    """The cost rule's errors for a query text and the values of its `first` variables (cached)."""
    document, _errors = prepared_document(schema, query, max_depth, max_aliases)
    variables = {
        name: value
        for name, value in zip(_first_variable_names(document), first_values, strict=True)
        if value is not _ABSENT
    }
    try:
        return tuple(validate(schema.graphql_schema, document, [cost_rule_for(max_cost, variables)]))
    except RecursionError:
        return (ApiError(ErrorCode.QUERY_TOO_DEEP, _("The query is nested too deeply.")),)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


class ApiView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        self._error_count = 0
        if self.graphiql and request.method == "GET" and self.can_display_graphiql(request, {}):
            response = super().dispatch(request, *args, **kwargs)  # the GraphiQL page (DEBUG only)
        else:
            response = self._answer(request)
        cacheable = (
            request.method == "GET"
            and response.status_code == 200
            and not self._error_count
            and not request.META.get("HTTP_AUTHORIZATION")
            and response.get("Content-Type", "").startswith("application/json")
        )
        # Only a GET that came through as 200 can be a query (mutations over GET are refused with 405).
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if cacheable else "no-store"
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        record_activity(request)  # the device's active week and channel, for the usage statistics
        return response

    def _answer(self, request) -> HttpResponse:
        try:
            if request.method not in ("GET", "POST"):
                raise RequestRejected(405, ErrorCode.BAD_REQUEST, _("Send GraphQL requests with GET or POST."))
            data = self.parse_body(request)
            if isinstance(data, list):
                self.batch = True
                for entry in data:  # refuse a batch with a malformed entry before running any of it
                    self.get_graphql_params(request, entry)
                answers = [self.get_response(request, entry) for entry in data]
                content = "[" + ",".join(answer for answer, _status in answers) + "]"
                status = max(status for _answer, status in answers)
            else:
                content, status = self.get_response(request, data)
            return HttpResponse(content, status=status, content_type="application/json")
        except HttpError as error:
            response = error.response
            response["Content-Type"] = "application/json"
            response.content = self.json_encode(request, {"errors": [self.format_error(error)]})
            return response

    # --- reading the request ----------------------------------------------------------------------------

    def parse_body(self, request):
        """The request's operation (a dict) or batch (a list of dicts); GET reads only the URL."""
        limit = _setting("API_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise self._too_large(limit)
        if request.method != "POST":
            return {}  # a GET is answered (and cached) by its URL alone, so any body is ignored
        content_type = self.get_content_type(request)
        if content_type in FORM_TYPES:
            try:
                return request.POST
            except MultiPartParserError:
                raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The form data could not be read.")) from None
        body = request.body
        if len(body) > limit:
            raise self._too_large(limit)
        if not body.strip():
            return {}  # parameters in the URL only; without a query that is a 400 below
        if content_type == "application/graphql":
            return {"query": self._text(body)}
        if content_type not in JSON_TYPES:
            raise RequestRejected(
                400, ErrorCode.BAD_REQUEST, _("Send the request as JSON (Content-Type: application/json).")
            )
        try:
            data = json.loads(self._text(body))
        except (ValueError, RecursionError):
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The request body is not valid JSON.")) from None
        if isinstance(data, list):
            return self._batch(data)
        if not isinstance(data, dict):
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The request body must be a JSON object with a query."))
        return data

    @staticmethod
    def _text(body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The request body is not UTF-8 text.")) from None

    @staticmethod
    def _too_large(limit: int) -> RequestRejected:
        return RequestRejected(
            413,
            ErrorCode.BODY_TOO_LARGE,
            _("The request is larger than %(limit)d bytes.") % {"limit": limit},
            limit=limit,
        )

    @staticmethod
    def _batch(entries: list) -> list:
        limit = _setting("API_MAX_BATCH", DEFAULT_MAX_BATCH)
        if len(entries) > limit:
            raise RequestRejected(
                400,
                ErrorCode.BATCH_TOO_LARGE,
                _("A batch may hold at most %(limit)d operations.") % {"limit": limit},
                limit=limit,
            )
        if not entries:
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The batch is empty."))
        if not all(isinstance(entry, dict) for entry in entries):
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("Each operation in a batch must be a JSON object."))
        return entries

    def get_graphql_params(self, request, data):
        """(query, variables, operationName, id), each checked for its type; anything else is a 400."""
        query = request.GET.get("query") or data.get("query")
        variables = request.GET.get("variables") or data.get("variables")
        operation_name = request.GET.get("operationName") or data.get("operationName")
        operation_id = request.GET.get("id") or data.get("id")
        if not isinstance(query, str) or not query.strip():
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("Send a GraphQL query in the parameter `query`."))
        if isinstance(variables, str):
            try:
                variables = json.loads(variables) if variables.strip() else None
            except (ValueError, RecursionError):
                raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The variables are not valid JSON.")) from None
        if variables is not None and not isinstance(variables, dict):
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The variables must be a JSON object."))
        if operation_name in ("", "null"):
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("The operationName must be a string."))
        return query, variables, operation_name, operation_id

    # --- running it ---------------------------------------------------------------------------------

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        """Parse and validate (cached per query text), check the cost against this request's variables, run.

        The parsed document and the result of the static validation (the specification's rules, depth and
        aliases) depend on the query text only, so repeated queries — the apps send the same few — skip
        both. The cost depends on the variables (``first: $n``) and is checked on every request.
        """
        if not query:
            raise RequestRejected(400, ErrorCode.BAD_REQUEST, _("Send a GraphQL query in the parameter `query`."))
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        max_depth = _setting("API_MAX_DEPTH", DEFAULT_MAX_DEPTH)
        max_aliases = _setting("API_MAX_ALIASES", DEFAULT_MAX_ALIASES)
        document, errors = prepared_document(self.schema, query, max_depth, max_aliases)
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            raise RequestRejected(405, ErrorCode.BAD_REQUEST, _("Send mutations with POST, not GET."), allow=["POST"])
        max_cost = _setting("API_MAX_COST", DEFAULT_MAX_COST)
        given = variables if isinstance(variables, dict) else {}
        first_values = tuple(given.get(name, _ABSENT) for name in _first_variable_names(document))
        if all(value is None or value is _ABSENT or type(value) in (int, str) for value in first_values):
            errors = cost_errors(self.schema, query, max_depth, max_aliases, max_cost, first_values)
        else:  # a list or an object where a number belongs: not worth caching, and the rule reports it
            try:
                errors = validate(schema, document, [cost_rule_for(max_cost, variables)])
            except RecursionError:
                errors = [ApiError(ErrorCode.QUERY_TOO_DEEP, _("The query is nested too deeply."))]
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        try:
            return execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        except RecursionError:
            return ExecutionResult(
                data=None, errors=[ApiError(ErrorCode.QUERY_TOO_DEEP, _("The query is nested too deeply."))]
            )
        except Exception as exc:  # noqa: BLE001 - reported as INTERNAL by format_error, and logged there
            return ExecutionResult(errors=[exc])

    # --- errors ---------------------------------------------------------------------------------------

    def format_error(self, error) -> dict:
        """Every error with an ``extensions.code``; unexpected exceptions hidden behind a generic message."""
        self._error_count = getattr(self, "_error_count", 0) + 1
        if isinstance(error, RequestRejected):
            return {"message": error.message, "extensions": {"code": error.code, **error.extensions}}
        if isinstance(error, HttpError):
            # graphene's own refusals; the checks above leave none reachable, but keep a code on them
            return {"message": str(error.message), "extensions": {"code": ErrorCode.BAD_REQUEST.value}}
        if not isinstance(error, GraphQLError):
            return self._internal(error, None)
        formatted = error.formatted
        extensions = dict(formatted.get("extensions") or {})
        if extensions.get("code"):
            return formatted  # ApiError and the limits: their code and message as they are
        original = error.original_error
        if isinstance(error, GraphQLSyntaxError):
            code = ErrorCode.BAD_REQUEST.value
        elif error.path is None:
            # validation, variables that do not fit their types, an unknown operationName
            code = ErrorCode.GRAPHQL_VALIDATION_FAILED.value
        elif original is not None and not isinstance(original, GraphQLError):
            return self._internal(original, error)
        else:
            # a GraphQLError without a code raised while resolving: a bug, but its message is meant to be shown
            logger.warning("GraphQL error without a code at %s: %s", error.path, error.message)
            code = ErrorCode.INTERNAL.value
        formatted["extensions"] = {**extensions, "code": code}
        return formatted

    @staticmethod
    def _internal(exception: BaseException, error: GraphQLError | None) -> dict:
        path = error.path if error is not None else None
        logger.error("Unexpected error in the GraphQL API at %s", path, exc_info=exception)
        formatted = {
            "message": _("Something went wrong on our side. Try again later."),
            "extensions": {"code": ErrorCode.INTERNAL.value},
        }
        if error is not None:
            if error.locations:
                formatted["locations"] = [location.formatted for location in error.locations]
            if error.path is not None:
                formatted["path"] = error.path
        return formatted
