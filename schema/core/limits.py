"""Limits on what one GraphQL request may ask for. Their numbers are settings (see the README).

- tokens: parsing stops after TAPESTRY_GRAPHQL_MAX_TOKENS tokens (and a source length cap);
- depth: no selection nested deeper than TAPESTRY_GRAPHQL_MAX_DEPTH;
- aliases: at most TAPESTRY_GRAPHQL_MAX_ALIASES aliased fields per document;
- cost: the estimated work of the operation, at most TAPESTRY_GRAPHQL_MAX_COST. Every field
  costs 1 (or its entry in TAPESTRY_GRAPHQL_COST_MAP), a list TAPESTRY_GRAPHQL_LIST_COST each
  time it runs, and everything below a list counts its `first` times (20 when omitted): a list
  under a list costs a whole list per parent item. The weights are measured on the benchmark
  data (`python -m bench.cost`);
- introspection: refused unless TAPESTRY_GRAPHQL_INTROSPECTION is on.
"""

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    ValidationRule,
    get_named_type,
    is_leaf_type,
    specified_rules,
    value_from_ast_untyped,
)
from graphql.validation import NoSchemaIntrospectionCustomRule


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
    """graphql-core's standard rules, then Tapestry's depth, alias and introspection limits."""
    rules = [
        *specified_rules,
        depth_limit_validator(max_depth=settings.TAPESTRY_GRAPHQL_MAX_DEPTH),
        alias_limit_rule(settings.TAPESTRY_GRAPHQL_MAX_ALIASES),
    ]
    if not settings.TAPESTRY_GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


class QueryCost:
    """Estimates an operation's cost from the document, the schema and the variables."""

    def __init__(self, schema: GraphQLSchema, document, variables: dict | None):
        self.schema = schema
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if definition.kind == "fragment_definition"
        }
        self.variables = variables or {}
        self.cost_map = settings.TAPESTRY_GRAPHQL_COST_MAP
        self.default_first = settings.TAPESTRY_GRAPHQL_DEFAULT_PAGE_SIZE

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
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in visiting:
                    continue  # unknown or cyclic: the standard rules report it
                fragment_type = self.schema.get_type(fragment.type_condition.name.value)
                total += self._selections(fragment_type, fragment.selection_set, visiting | {name})
        return total

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
                value = value_from_ast_untyped(argument.value, self.variables)
                if isinstance(value, int) and value > 0:
                    return value
        return self.default_first


def _is_list(definition) -> bool:
    """A paginated list (a connection): the fields that take `first`."""
    return "first" in definition.args
