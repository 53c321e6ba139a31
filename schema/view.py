"""The `/graphql/` endpoint: graphene-django's view with Tapestry's limits and error policy.

- POST (JSON) for everything; GET for queries only (mutations over GET are refused, 405).
- The document is parsed with a token and length cap; its structure (fragments, depth, fields,
  cost) is checked in time linear in the document; only then does graphql-core validate it with
  its standard rules (some of them quadratic) plus alias and introspection limits.
- Errors the client caused carry `extensions.code` (and `field` for a bad argument). Anything
  unexpected is logged with its traceback and answered as "Internal server error" (the original
  message only when DEBUG is on); responses never include stack traces.
"""

import logging

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)

from schema.core.inputs import UnstorableTextMiddleware
from schema.core.limits import structure_errors, validation_rules

logger = logging.getLogger("tapestry.graphql")

INTERNAL = "Internal server error."


class TapestryGraphQLView(GraphQLView):
    def get_middleware(self, request):
        return [UnstorableTextMiddleware(), *(super().get_middleware(request) or ())]

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))

        schema = self.schema.graphql_schema
        try:
            document = parse(
                query,
                max_lexical_tokens=settings.TAPESTRY_GRAPHQL_MAX_TOKENS,
                max_comments=settings.TAPESTRY_GRAPHQL_MAX_TOKENS,
                max_source_length=settings.TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH,
            )
        except GraphQLError as error:
            return ExecutionResult(errors=[_coded(error, "GRAPHQL_PARSE_FAILED")])

        operation = get_operation_ast(document, operation_name)
        is_get = request.method.lower() == "get"
        if is_get and operation is not None and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            kind = operation.operation.value
            raise HttpError(
                HttpResponseNotAllowed(["POST"], f"Can only perform a {kind} operation from POST.")
            )

        errors = structure_errors(schema, document, operation, variables)
        if errors:
            return ExecutionResult(errors=errors)

        errors = validate(schema, document, validation_rules(), max_errors=20)
        if errors:
            return ExecutionResult(
                errors=[_coded(error, "GRAPHQL_VALIDATION_FAILED") for error in errors]
            )

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
        except Exception as error:  # the executor reports resolver errors itself
            logger.exception("GraphQL execution failed")
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])

    @staticmethod
    def format_error(error):
        if not isinstance(error, GraphQLError):
            logger.error("GraphQL error outside the executor: %r", error)
            return {"message": INTERNAL, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            logger.error(
                "GraphQL resolver failed at %s",
                ".".join(str(part) for part in error.path or ()),
                exc_info=(type(original), original, original.__traceback__),
            )
            formatted = {"message": str(original) if settings.DEBUG else INTERNAL}
            if error.locations:
                formatted["locations"] = [location._asdict() for location in error.locations]
            if error.path:
                formatted["path"] = error.path
            formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR"}
            return formatted
        formatted = error.formatted
        formatted.setdefault("extensions", {}).setdefault("code", "BAD_REQUEST")
        return formatted


def _coded(error: GraphQLError, code: str) -> GraphQLError:
    extensions = dict(error.extensions or {})
    extensions.setdefault("code", code)
    error.extensions = extensions
    return error
