"""Text no database column can hold is refused in every argument, before any resolver sees it.

PostgreSQL text cannot store NUL, and UTF-8 cannot encode an unpaired surrogate (JSON's
"\\ud800" decodes to one). Either would reach the database driver, whose exception is a server
error; here they are bad input with a field and a code, checked once for every field that takes
arguments (literals and variables alike, as the resolver would receive them).

The check wraps the resolver of each field that has arguments, once, when the schema is built
(`unstorable_text_refused`): fields without arguments, most of any answer, run as they are,
where a graphql-core middleware would be called for every field of every answer.
"""

import re

from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLObjectType, GraphQLSchema, default_field_resolver

from schema.core.errors import InputError
from schema.core.mutations import MutationError

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "This text contains a character that cannot be stored (NUL or an unpaired surrogate)."


def unstorable_field(arguments: dict) -> str | None:
    """The (camelCase) name of the innermost argument or input field holding unstorable text.

    Walked without recursion: lists and input objects are as deep as their variables (bounded by
    the view). A resident's form names its own fields, so the innermost name is the useful one.
    """
    stack = list(arguments.items())
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            if UNSTORABLE.search(value):
                return to_camel_case(name)
        elif isinstance(value, dict):
            stack.extend(value.items())
        elif isinstance(value, list | tuple):
            stack.extend((name, item) for item in value)
    return None


def unstorable_text_refused(schema: GraphQLSchema) -> GraphQLSchema:
    """Make every field of `schema` that takes arguments refuse unstorable text in them before
    its resolver runs. A mutation whose payload has `errors` answers there (its convention:
    nothing is saved, the resident's form shows the field); any other field fails with an
    InputError. Wrapping twice is harmless (a wrapped resolver is left alone)."""
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for field in graphql_type.fields.values():
            if field.args and not getattr(field.resolve, "unstorable_text_refused", False):
                field.resolve = _refusing(field.resolve or default_field_resolver)
    return schema


def _refusing(resolve):
    def refusing(root, info, **arguments):
        if arguments:
            name = unstorable_field(arguments)
            if name is not None:
                return _refuse(info, name)
        return resolve(root, info, **arguments)

    refusing.unstorable_text_refused = True
    refusing.__wrapped__ = resolve  # what inspect.unwrap finds (tests/schema/test_executor.py)
    return refusing


def _refuse(info, name: str):
    payload = getattr(info.return_type, "graphene_type", None)
    fields = getattr(getattr(payload, "_meta", None), "fields", None) or {}
    if info.parent_type is info.schema.mutation_type and "errors" in fields:
        return payload(errors=[MutationError(field=name, code="INVALID", message=MESSAGE)])
    raise InputError(MESSAGE, field=name, code="INVALID")
