"""Limits on what one GraphQL request may ask for. Their numbers are settings (see the README).

- tokens: parsing stops after TAPESTRY_GRAPHQL_MAX_TOKENS tokens (and a source length cap);
- structure (`structure_errors`), decided before graphql-core's standard rules run, because some
  of those rules are quadratic (OverlappingFieldsCanBeMerged compares every pair of fields that
  share a response key in one place, and every pair of fragments spread into one selection set)
  and all of them follow fragments: unknown, duplicate, unused and cyclic fragments; at most
  TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS spreads; no selection nested deeper than
  TAPESTRY_GRAPHQL_MAX_DEPTH; at most TAPESTRY_GRAPHQL_MAX_FIELDS fields with every fragment
  counted where it is spread; one response key at most TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS times
  in one place. Each definition and each fragment is read once, so the checks take time linear
  in the document, however its fragments multiply;
- cost (`operation_cost_errors`), decided after the structure and before the standard rules too:
  the estimated work of the operation, at most TAPESTRY_GRAPHQL_MAX_COST. Every field
  costs 1 (or its entry in TAPESTRY_GRAPHQL_COST_MAP), a list TAPESTRY_GRAPHQL_LIST_COST each
  time it runs, and everything below a list counts its `first` times (20 when omitted): a list
  under a list costs a whole list per parent item. The weights are measured on the benchmark
  data (`python -m bench.cost`);
- aliases: at most TAPESTRY_GRAPHQL_MAX_ALIASES aliased fields per document;
- introspection: refused unless TAPESTRY_GRAPHQL_INTROSPECTION is on.
"""

from dataclasses import dataclass, field

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_leaf_type,
    specified_rules,
    value_from_ast_untyped,
)
from graphql.validation import NoSchemaIntrospectionCustomRule

INTROSPECTION_FIELDS = {"__schema", "__type"}


def alias_limit_rule(max_aliases: int) -> type[ValidationRule]:
    class AliasLimitRule(ValidationRule):
        def __init__(self, context):
            super().__init__(context)
            self.count = 0

        def enter_field(self, node: FieldNode, *_args):
            if node.alias is None:
                return
            self.count += 1
            if self.count == max_aliases + 1:
                self.report_error(
                    GraphQLError(
                        f"The query uses more than {max_aliases} aliases.",
                        node,
                        extensions={"code": "TOO_MANY_ALIASES"},
                    )
                )

    return AliasLimitRule


def validation_rules() -> list[type[ValidationRule]]:
    """graphql-core's standard rules, then Tapestry's alias and introspection limits.

    Depth is no rule: `structure_errors` decides it before any rule runs.
    """
    rules = [*specified_rules, alias_limit_rule(settings.TAPESTRY_GRAPHQL_MAX_ALIASES)]
    if not settings.TAPESTRY_GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def structure_errors(document: DocumentNode) -> list[GraphQLError]:
    """The document's structural faults, cheapest check first; empty when its operation's cost
    may be estimated (`operation_cost_errors`) and the document validated."""
    structure = _Structure(document)
    for check in (
        structure.duplicate_errors,
        structure.spread_errors,
        structure.unknown_errors,
        structure.cycle_errors,
        structure.unused_errors,
        structure.depth_errors,
        structure.field_errors,
        structure.repeat_errors,
    ):
        errors = check()
        if errors:
            return errors
    return []


def operation_cost_errors(
    estimate: "QueryCost", operation: OperationDefinitionNode
) -> list[GraphQLError]:
    """The error of an operation that costs more than the limit, checked once its document has
    no structural fault. `estimate.reads_variables` then says whether the answer depends on the
    variables."""
    try:
        cost = estimate.of_operation(operation)
    except RecursionError:  # only with limits raised far above their defaults
        return [_invalid("The query is nested too deeply.", operation)]
    return cost_errors(cost)


def cost_errors(cost: int) -> list[GraphQLError]:
    limit = settings.TAPESTRY_GRAPHQL_MAX_COST
    if cost <= limit:
        return []
    return [
        GraphQLError(
            f"The query is too expensive: cost {cost}, limit {limit}. "
            "Ask for fewer items (`first`) or fewer nested lists.",
            extensions={"code": "QUERY_TOO_EXPENSIVE", "cost": cost, "limit": limit},
        )
    ]


def _invalid(message: str, nodes=None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": "GRAPHQL_VALIDATION_FAILED"})


@dataclass
class _Selections:
    """What one definition selects by itself, without following its fragment spreads."""

    fields: int = 0
    # Deepest nesting of a field below the definition (its own fields are at 0).
    depth: int = 0
    # Each spread with the nesting it sits at; None below introspection, which has no depth limit.
    spreads: list[tuple[FragmentSpreadNode, int | None]] = field(default_factory=list)


def _selections(selection_set: SelectionSetNode) -> _Selections:
    """One pass over a definition without recursion (its nesting is the parser's to bound)."""
    found = _Selections()
    stack: list[tuple[SelectionSetNode, int | None]] = [(selection_set, 0)]
    while stack:
        current, nesting = stack.pop()
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                found.fields += 1
                if nesting is not None:
                    found.depth = max(found.depth, nesting)
                if selection.selection_set is not None:
                    inner = nesting
                    if inner is not None:
                        inner = None if selection.name.value in INTROSPECTION_FIELDS else inner + 1
                    stack.append((selection.selection_set, inner))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, nesting))
            elif isinstance(selection, FragmentSpreadNode):
                found.spreads.append((selection, nesting))
    return found


class _Structure:
    """The document's definitions, each read once, and its fragments in dependency order.

    Each check assumes the ones before it found nothing: `structure_errors` calls them in order.
    """

    def __init__(self, document: DocumentNode):
        self.operations: list[tuple[OperationDefinitionNode, _Selections]] = []
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        self.selections: dict[str, _Selections] = {}
        self.duplicates: list[FragmentDefinitionNode] = []
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                self.operations.append((definition, _selections(definition.selection_set)))
            elif isinstance(definition, FragmentDefinitionNode):
                name = definition.name.value
                if name in self.fragments:
                    self.duplicates.append(definition)
                    continue
                self.fragments[name] = definition
                self.selections[name] = _selections(definition.selection_set)
        self.order: list[str] = []  # fragments, each after the fragments it spreads
        self.fields: dict[str, int] = {}
        self.depths: dict[str, int] = {}

    def _all_selections(self):
        yield from (selections for _operation, selections in self.operations)
        yield from self.selections.values()

    def duplicate_errors(self) -> list[GraphQLError]:
        return [
            _invalid(f"There can be only one fragment named '{node.name.value}'.", node.name)
            for node in self.duplicates
        ]

    def spread_errors(self) -> list[GraphQLError]:
        limit = settings.TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS
        count = sum(len(selections.spreads) for selections in self._all_selections())
        if count <= limit:
            return []
        return [
            GraphQLError(
                f"The query has {count} fragment spreads; the limit is {limit}.",
                extensions={"code": "TOO_MANY_FRAGMENT_SPREADS", "limit": limit},
            )
        ]

    def unknown_errors(self) -> list[GraphQLError]:
        errors = []
        for selections in self._all_selections():
            for spread, _nesting in selections.spreads:
                if spread.name.value not in self.fragments:
                    errors.append(_invalid(f"Unknown fragment '{spread.name.value}'.", spread))
        return errors

    def cycle_errors(self) -> list[GraphQLError]:
        """Orders the fragments (depth first, without recursion), or reports the first cycle."""
        state: dict[str, bool] = {}  # False while on the path, True when done
        for root in self.fragments:
            if root in state:
                continue
            state[root] = False
            path = [(root, iter(self.selections[root].spreads))]
            while path:
                name, spreads = path[-1]
                for spread, _nesting in spreads:
                    target = spread.name.value
                    if target not in state:
                        state[target] = False
                        path.append((target, iter(self.selections[target].spreads)))
                        break
                    if state[target] is False:
                        names = [on_path for on_path, _spreads in path]
                        via = names[names.index(target) + 1 :]
                        return [
                            _invalid(
                                f"Cannot spread fragment '{target}' within itself"
                                + (f" via {', '.join(repr(n) for n in via)}." if via else "."),
                                spread,
                            )
                        ]
                else:
                    path.pop()
                    state[name] = True
                    self.order.append(name)
        return []

    def unused_errors(self) -> list[GraphQLError]:
        used = {
            spread.name.value
            for selections in self._all_selections()
            for spread, _nesting in selections.spreads
        }
        return [
            _invalid(f"Fragment '{name}' is never used.", fragment)
            for name, fragment in self.fragments.items()
            if name not in used
        ]

    def _depth(self, selections: _Selections) -> int:
        return max(
            [
                selections.depth,
                *(
                    nesting + self.depths[spread.name.value]
                    for spread, nesting in selections.spreads
                    if nesting is not None
                ),
            ]
        )

    def _fields(self, selections: _Selections) -> int:
        """Fields with every fragment counted where it is spread; saturates above the limit."""
        total = selections.fields + sum(
            self.fields[spread.name.value] for spread, _nesting in selections.spreads
        )
        return min(total, settings.TAPESTRY_GRAPHQL_MAX_FIELDS + 1)

    def depth_errors(self) -> list[GraphQLError]:
        limit = settings.TAPESTRY_GRAPHQL_MAX_DEPTH
        for name in self.order:
            self.depths[name] = self._depth(self.selections[name])
        errors = []
        for operation, selections in self.operations:
            if self._depth(selections) > limit:
                label = operation.name.value if operation.name else "anonymous"
                errors.append(
                    _invalid(f"'{label}' exceeds maximum operation depth of {limit}.", operation)
                )
        return errors

    def field_errors(self) -> list[GraphQLError]:
        limit = settings.TAPESTRY_GRAPHQL_MAX_FIELDS
        for name in self.order:
            self.fields[name] = self._fields(self.selections[name])
        total = sum(self._fields(selections) for _operation, selections in self.operations)
        if total <= limit:
            return []
        return [
            GraphQLError(
                f"The query selects more than {limit} fields "
                "(a fragment counts wherever it is spread).",
                extensions={"code": "TOO_MANY_FIELDS", "limit": limit},
            )
        ]

    def repeat_errors(self) -> list[GraphQLError]:
        """Walks each operation with its fragments expanded: at most MAX_FIELDS fields by now."""
        limit = settings.TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS
        for operation, _selections in self.operations:
            counts: dict[tuple[int, str], int] = {}
            places: dict[tuple[int, str], int] = {}  # where the fields below a key are merged
            stack = [(operation.selection_set, 0)]
            while stack:
                current, place = stack.pop()
                for selection in current.selections:
                    if isinstance(selection, FieldNode):
                        key = (place, (selection.alias or selection.name).value)
                        counts[key] = counts.get(key, 0) + 1
                        if counts[key] > limit:
                            return [
                                GraphQLError(
                                    f"The field '{key[1]}' is selected more than {limit} times "
                                    "in one place (fragments included).",
                                    selection,
                                    extensions={"code": "TOO_MANY_FIELD_REPEATS", "limit": limit},
                                )
                            ]
                        if selection.selection_set is not None:
                            inner = places.setdefault(key, len(places) + 1)
                            stack.append((selection.selection_set, inner))
                    elif isinstance(selection, InlineFragmentNode):
                        stack.append((selection.selection_set, place))
                    elif isinstance(selection, FragmentSpreadNode):
                        fragment = self.fragments[selection.name.value]
                        stack.append((fragment.selection_set, place))
        return []


class QueryCost:
    """Estimates an operation's cost from the document, the schema and the variables.

    A fragment's cost does not depend on where it is spread, so each is computed once. Only a
    `first` given as a variable makes the cost depend on the variables: `reads_variables` says
    whether one did, so a cost that does not may be kept with the parsed document.
    """

    def __init__(self, schema: GraphQLSchema, document, variables: dict | None):
        self.schema = schema
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if definition.kind == "fragment_definition"
        }
        self.fragment_costs: dict[str, int] = {}
        self.variables = variables or {}
        self.cost_map = settings.TAPESTRY_GRAPHQL_COST_MAP
        self.default_first = settings.TAPESTRY_GRAPHQL_DEFAULT_PAGE_SIZE
        self.reads_variables = False

    def of_operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self._selections(root, operation.selection_set, set())

    def _selections(self, parent_type, selection_set, visiting: set[str]) -> int:
        if selection_set is None or parent_type is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(parent_type, selection, visiting)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                fragment_type = (
                    self.schema.get_type(condition.name.value) if condition else parent_type
                )
                total += self._selections(fragment_type, selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, visiting)
        return total

    def _fragment(self, name: str, visiting: set[str]) -> int:
        if name in self.fragment_costs:
            return self.fragment_costs[name]
        fragment = self.fragments.get(name)
        if fragment is None or name in visiting:
            return 0  # unknown or cyclic: structure_errors reports it
        fragment_type = self.schema.get_type(fragment.type_condition.name.value)
        cost = self._selections(fragment_type, fragment.selection_set, visiting | {name})
        self.fragment_costs[name] = cost
        return cost

    def _field(self, parent_type, node: FieldNode, visiting: set[str]) -> int:
        name = node.name.value
        if name == "__typename":
            return 1
        if name.startswith("__"):
            return 0
        fields = getattr(parent_type, "fields", None) or {}
        definition = fields.get(name)
        if definition is None:
            return 0
        own = self._weight(parent_type, name, definition, node)
        field_type = get_named_type(definition.type)
        if is_leaf_type(field_type):
            return own
        multiplier = self._first(node) if _is_list(definition) else 1
        return own + multiplier * self._selections(field_type, node.selection_set, visiting)

    def _weight(self, parent_type, name: str, definition, node: FieldNode) -> int:
        """What resolving the field once costs (once per item when it sits below a list).

        Its cost map entry, on its own type or on an interface declaring it (`Page.community`
        serves every page type); else a list's TAPESTRY_GRAPHQL_LIST_COST, since each list runs
        its own SQL queries every time it is resolved, once per parent under another list;
        else 1. Entries `Type.field(argument)` add their weight when the argument is given.
        """
        names = [parent_type.name, *(face.name for face in getattr(parent_type, "interfaces", ()))]
        keys = [f"{type_name}.{name}" for type_name in names]
        weight = next((self.cost_map[key] for key in keys if key in self.cost_map), None)
        if weight is None:
            weight = settings.TAPESTRY_GRAPHQL_LIST_COST if _is_list(definition) else 1
        for argument in node.arguments or ():
            extras = (f"{key}({argument.name.value})" for key in keys)
            weight += next((self.cost_map[key] for key in extras if key in self.cost_map), 0)
        return weight

    def _first(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value == "first":
                if isinstance(argument.value, VariableNode):
                    self.reads_variables = True
                value = value_from_ast_untyped(argument.value, self.variables)
                if isinstance(value, int) and value > 0:
                    return value
        return self.default_first


def _is_list(definition) -> bool:
    """A paginated list (a connection): the fields that take `first`."""
    return "first" in definition.args
