"""Text no database column can hold is refused in every argument, before any resolver sees it.

PostgreSQL text cannot store NUL, and UTF-8 cannot encode an unpaired surrogate (JSON's
"\\ud800" decodes to one). Either would reach the database driver, whose exception is a server
error; here they are bad input with a field and a code, checked once for every field that takes
arguments (literals and variables alike, as the resolver would receive them).
"""

import re

from graphene.utils.str_converters import to_camel_case

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


class UnstorableTextMiddleware:
    """graphql-core middleware: every field with arguments passes through `resolve` first.

    A mutation whose payload has `errors` answers there (its convention: nothing is saved, the
    resident's form shows the field); any other field fails with an InputError.
    """

    def resolve(self, next_, root, info, **arguments):
        if arguments:
            name = unstorable_field(arguments)
            if name is not None:
                return self._refuse(info, name)
        return next_(root, info, **arguments)

    @staticmethod
    def _refuse(info, name: str):
        payload = getattr(info.return_type, "graphene_type", None)
        fields = getattr(getattr(payload, "_meta", None), "fields", None) or {}
        if info.parent_type is info.schema.mutation_type and "errors" in fields:
            return payload(errors=[MutationError(field=name, code="INVALID", message=MESSAGE)])
        raise InputError(MESSAGE, field=name, code="INVALID")
