"""Bounds on what one GraphQL request may ask for: nesting depth, aliases and an estimated cost.

They run as graphql-core validation rules, so a request over a limit is refused before any resolver runs.
The view (``backend.api.view``) builds them per request, because the cost depends on the request's variables:

- depth: the longest chain of nested fields of an operation, following fragments;
- aliases: how many aliased fields the whole document has;
- cost: each field costs 1; a field with a ``first`` argument (a page or a list) multiplies the cost of what is
  selected under it by ``first`` (its default when not given, 20 when it has none; a negative or unreadable
  value counts as 50, the largest page).

Introspection (``__schema``/``__type``) is open, so the standard introspection query must pass: those subtrees
do not count towards the depth limit, and each of their fields costs 1 without multipliers. They have fixed bounds
of their own instead (``INTROSPECTION_MAX_DEPTH`` and ``INTROSPECTION_MAX_LISTS``), which stop queries such as
``types { fields { type { fields { type { fields ... } } } } }`` that grow with the size of the schema.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from graphql.language import BREAK

from .common import ErrorCode

DEFAULT_MAX_DEPTH = 10
DEFAULT_MAX_ALIASES = 30
DEFAULT_MAX_COST = 4000

# A `first` that is not given on a field without a default of its own, and one that cannot be read.
DEFAULT_FIRST = 20
UNKNOWN_FIRST = 50

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# The standard introspection query (graphql.get_introspection_query) nests 13 fields and 3 lists.
INTROSPECTION_MAX_DEPTH = 16
INTROSPECTION_LISTS = frozenset(
    {"types", "fields", "args", "inputFields", "interfaces", "possibleTypes", "enumValues", "directives"}
)
INTROSPECTION_MAX_LISTS = 3

# Nested selections and fragment spreads followed before a document counts as too deep, whatever the limits; keeps
# the walks below far from Python's recursion limit (graphql-core's parser stops at a similar nesting).
_MAX_WALK = 200


class _TooDeep(Exception):
    """A walk went deeper than _MAX_WALK."""


def _error(code: ErrorCode, message: str, node, **extensions) -> GraphQLError:
    return GraphQLError(message, [node] if node is not None else None, extensions={"code": code.value, **extensions})


def _fragment_target(context, spread: FragmentSpreadNode):
    return context.get_fragment(spread.name.value)


# --- depth ------------------------------------------------------------------------------------------------


class _DepthWalker:
    """The depth of selection sets; fragments followed once each (memoised), cycles count as depth 0."""

    def __init__(self, context):
        self.context = context
        self.memo: dict[str, int] = {}
        self.visiting: set[str] = set()
        # introspection subtrees: (their depth, their nesting of list fields), the worst seen
        self.introspection_depth = 0
        self.introspection_lists = 0
        self.introspection_node = None
        self.introspection_memo: dict[str, tuple[int, int]] = {}

    def selection_depth(self, selection_set, level: int = 0) -> int:
        if level > _MAX_WALK:
            raise _TooDeep
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION_FIELDS:
                    self._introspection(selection)
                    continue
                below = self.selection_depth(selection.selection_set, level + 1) if selection.selection_set else 0
                deepest = max(deepest, 1 + below)
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.selection_depth(selection.selection_set, level + 1))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, self._fragment_depth(selection, level + 1))
        return deepest

    def _fragment_depth(self, spread: FragmentSpreadNode, level: int) -> int:
        name = spread.name.value
        if name in self.memo:
            return self.memo[name]
        fragment = _fragment_target(self.context, spread)
        if fragment is None or name in self.visiting:
            return 0  # unknown fragments and cycles are reported by graphql-core's own rules
        self.visiting.add(name)
        try:
            depth = self.selection_depth(fragment.selection_set, level)
        finally:
            self.visiting.discard(name)
        self.memo[name] = depth
        return depth

    def _introspection(self, field: FieldNode) -> None:
        depth, lists = _introspection_shape(self.context, field, self.introspection_memo)
        if self.introspection_node is None or depth > INTROSPECTION_MAX_DEPTH or lists > INTROSPECTION_MAX_LISTS:
            self.introspection_node = field
        self.introspection_depth = max(self.introspection_depth, depth)
        self.introspection_lists = max(self.introspection_lists, lists)


def _introspection_shape(context, node, memo: dict, visiting: set | None = None, level: int = 0) -> tuple[int, int]:
    """(depth, nested list fields) of an introspection field or fragment; fragments memoised, cycles count 0."""
    if level > _MAX_WALK:
        raise _TooDeep
    visiting = set() if visiting is None else visiting
    own_depth = own_lists = 0
    if isinstance(node, FieldNode):
        own_depth = 1
        own_lists = 1 if node.name.value in INTROSPECTION_LISTS else 0
    depth = lists = 0
    selection_set = node.selection_set
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in memo:
                fragment = _fragment_target(context, selection)
                if fragment is None or name in visiting:
                    continue
                visiting.add(name)
                try:
                    memo[name] = _introspection_shape(context, fragment, memo, visiting, level + 1)
                finally:
                    visiting.discard(name)
            child = memo[name]
        else:
            child = _introspection_shape(context, selection, memo, visiting, level + 1)
        depth, lists = max(depth, child[0]), max(lists, child[1])
    return own_depth + depth, own_lists + lists


class MaxDepthRule(ValidationRule):
    """Refuses operations nested deeper than ``max_depth`` fields (code QUERY_TOO_DEEP)."""

    max_depth = DEFAULT_MAX_DEPTH

    def enter_document(self, node, *_args):
        for definition in node.definitions:
            if isinstance(definition, OperationDefinitionNode):
                self._check(definition)
        return BREAK

    def _check(self, operation: OperationDefinitionNode) -> None:
        walker = _DepthWalker(self.context)
        try:
            depth = walker.selection_depth(operation.selection_set)
        except _TooDeep:
            depth = max(_MAX_WALK, self.max_depth) + 1
        if depth > self.max_depth:
            self.report_error(
                _error(
                    ErrorCode.QUERY_TOO_DEEP,
                    _("The query nests %(depth)d fields deep; at most %(max)d are allowed.")
                    % {"depth": depth, "max": self.max_depth},
                    operation,
                    limit=self.max_depth,
                )
            )
            return
        if walker.introspection_depth > INTROSPECTION_MAX_DEPTH or walker.introspection_lists > INTROSPECTION_MAX_LISTS:
            self.report_error(
                _error(
                    ErrorCode.QUERY_TOO_DEEP,
                    _(
                        "Introspection may nest at most %(depth)d fields and %(lists)d lists "
                        "(types, fields, args…); the standard introspection query fits."
                    )
                    % {"depth": INTROSPECTION_MAX_DEPTH, "lists": INTROSPECTION_MAX_LISTS},
                    walker.introspection_node,
                    limit=INTROSPECTION_MAX_DEPTH,
                )
            )


# --- aliases ----------------------------------------------------------------------------------------------


class MaxAliasesRule(ValidationRule):
    """Refuses documents with more than ``max_aliases`` aliased fields in all (code TOO_MANY_ALIASES)."""

    max_aliases = DEFAULT_MAX_ALIASES

    def __init__(self, context):
        super().__init__(context)
        self.count = 0
        self.reported = False

    def enter_field(self, node: FieldNode, *_args):
        if node.alias is None or self.reported:
            return
        self.count += 1
        if self.count > self.max_aliases:
            self.reported = True
            self.report_error(
                _error(
                    ErrorCode.TOO_MANY_ALIASES,
                    _("The query uses more than %(max)d aliases.") % {"max": self.max_aliases},
                    node,
                    limit=self.max_aliases,
                )
            )


# --- cost -------------------------------------------------------------------------------------------------


def first_value(field: FieldNode, field_def, variables: Mapping, variable_defaults: Mapping) -> int:
    """How many items a field with a `first` argument returns at most, as counted for the cost; 1 without one."""
    argument = next((arg for arg in field.arguments or () if arg.name.value == "first"), None)
    if argument is None and (field_def is None or "first" not in field_def.args):
        return 1
    value = argument.value if argument is not None else None
    if isinstance(value, VariableNode):
        name = value.name.value
        value = variables[name] if name in variables else variable_defaults.get(name)
    elif isinstance(value, IntValueNode):
        value = int(value.value)
    elif isinstance(value, NullValueNode):
        value = None
    elif value is not None:
        return UNKNOWN_FIRST
    if value is None:  # not given: the field's own default
        default = field_def.args["first"].default_value if field_def is not None and "first" in field_def.args else None
        value = default if isinstance(default, int) and not isinstance(default, bool) else DEFAULT_FIRST
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return UNKNOWN_FIRST
    return value


class _CostWalker:
    def __init__(self, context, operation: OperationDefinitionNode, variables: Mapping):
        self.context = context
        self.schema = context.schema
        self.variables = variables
        self.variable_defaults = {}
        for definition in operation.variable_definitions or ():
            if isinstance(definition.default_value, IntValueNode):
                self.variable_defaults[definition.variable.name.value] = int(definition.default_value.value)
        self.memo: dict[str, int] = {}
        self.count_memo: dict[str, int] = {}
        self.visiting: set[str] = set()

    def selection_cost(self, selection_set, parent_type, level: int = 0) -> int:
        if level > _MAX_WALK:
            raise _TooDeep
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent_type, level)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                fragment_type = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.selection_cost(selection.selection_set, fragment_type, level + 1)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment_cost(selection, level + 1)
        return total

    def _field_cost(self, field: FieldNode, parent_type, level: int) -> int:
        name = field.name.value
        if name == "__typename":
            return 0
        if name in INTROSPECTION_FIELDS:
            return self._count_fields(field, level + 1)
        field_def = None
        if isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            field_def = parent_type.fields.get(name)
        if field.selection_set is None:
            return 1
        child_type = get_named_type(field_def.type) if field_def is not None else None
        below = self.selection_cost(field.selection_set, child_type, level + 1)
        return 1 + first_value(field, field_def, self.variables, self.variable_defaults) * below

    def _fragment_cost(self, spread: FragmentSpreadNode, level: int) -> int:
        name = spread.name.value
        if name in self.memo:
            return self.memo[name]
        fragment = _fragment_target(self.context, spread)
        if fragment is None or name in self.visiting:
            return 0
        self.visiting.add(name)
        try:
            fragment_type = self.schema.get_type(fragment.type_condition.name.value)
            cost = self.selection_cost(fragment.selection_set, fragment_type, level)
        finally:
            self.visiting.discard(name)
        self.memo[name] = cost
        return cost

    def _count_fields(self, node, level: int) -> int:
        """Introspection: 1 per field (fragments expanded, memoised), no multipliers."""
        if level > _MAX_WALK:
            raise _TooDeep
        count = 1 if isinstance(node, FieldNode) else 0
        selection_set = node.selection_set
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in self.count_memo:
                    fragment = _fragment_target(self.context, selection)
                    if fragment is None or name in self.visiting:
                        continue
                    self.visiting.add(name)
                    try:
                        self.count_memo[name] = self._count_fields(fragment, level + 1)
                    finally:
                        self.visiting.discard(name)
                count += self.count_memo[name]
            else:
                count += self._count_fields(selection, level + 1)
        return count


def operation_cost(context, operation: OperationDefinitionNode, variables: Mapping) -> int | None:
    """The estimated cost of one operation; None when it is nested too deeply to estimate."""
    root = {
        OperationType.QUERY: context.schema.query_type,
        OperationType.MUTATION: context.schema.mutation_type,
        OperationType.SUBSCRIPTION: context.schema.subscription_type,
    }.get(operation.operation)
    try:
        return _CostWalker(context, operation, variables).selection_cost(operation.selection_set, root)
    except _TooDeep:
        return None


class MaxCostRule(ValidationRule):
    """Refuses operations whose estimated cost is above ``max_cost`` (code QUERY_TOO_COSTLY)."""

    max_cost = DEFAULT_MAX_COST
    variables: Mapping = {}

    def enter_document(self, node, *_args):
        for definition in node.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            cost = operation_cost(self.context, definition, self.variables)
            if cost is None:
                continue  # MaxDepthRule reports it
            if cost > self.max_cost:
                self.report_error(
                    _error(
                        ErrorCode.QUERY_TOO_COSTLY,
                        _(
                            "The query would cost %(cost)d points; at most %(max)d are allowed. Ask for smaller "
                            "pages (first) or fewer fields."
                        )
                        % {"cost": cost, "max": self.max_cost},
                        definition,
                        limit=self.max_cost,
                        cost=cost,
                    )
                )
        return BREAK


def static_limit_rules(*, max_depth: int = DEFAULT_MAX_DEPTH, max_aliases: int = DEFAULT_MAX_ALIASES):
    """The rules that depend on the query text only (their result can be cached per text)."""
    return [
        type("MaxDepthRule", (MaxDepthRule,), {"max_depth": max_depth}),
        type("MaxAliasesRule", (MaxAliasesRule,), {"max_aliases": max_aliases}),
    ]


def cost_rule_for(max_cost: int = DEFAULT_MAX_COST, variables: Mapping | None = None) -> type[ValidationRule]:
    """The cost rule for one request: ``first: $n`` is read from its variables."""
    variables = variables if isinstance(variables, Mapping) else {}
    return type("MaxCostRule", (MaxCostRule,), {"max_cost": max_cost, "variables": variables})
