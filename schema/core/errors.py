"""Errors a client can act on: a message, the argument at fault and a stable code."""

from graphql import GraphQLError


class InputError(GraphQLError):
    """Bad input from the client. Shown as is in `errors`, with `extensions.field` and `code`."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "INVALID"):
        extensions = {"code": code}
        if field:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)
