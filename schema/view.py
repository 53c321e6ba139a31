"""The `/graphql/` endpoint: graphene-django's view with Tapestry's transport, limits and errors.

- POST with a JSON body (`application/json`) for everything; GET for queries only. Mutations and
  queries that take a secret `token` (`preview`, `feedbackStatus`) are refused over GET (405):
  query strings end up in access logs and browser history.
- No other media type is read. That is what makes the CSRF exemption safe: a cross-origin page
  can only POST a form, `text/plain` or a no-cors fetch without a preflight, and a JSON body needs
  a CORS preflight that only CORS_ALLOWED_ORIGINS pass.
- A malformed request is answered with its HTTP status and `{"errors": [{"message", "extensions":
  {"code"}}]}`: BAD_REQUEST (400), METHOD_NOT_ALLOWED (405, with Allow), PAYLOAD_TOO_LARGE (413,
  a POST body or a GET query string over the cap), UNSUPPORTED_MEDIA_TYPE (415), and the
  persisted queries' own codes. These are the client's mistakes, logged at INFO.
- The document is the request's `query`, or one named by hash: Automatic Persisted Queries and
  trusted documents (`schema.persisted.protocol`).
- The document is parsed with a token and length cap, its structure (fragments, depth, fields,
  cost) is checked in linear time, and only then does graphql-core validate it with its standard
  rules plus alias and introspection limits. Suggestions ("Did you mean ...?") only with DEBUG.
  Each process keeps what it found per document (`schema.persisted.documents`), so a repeated
  document is parsed and validated once.
- Errors the client caused carry `extensions.code` (and `field` for a bad argument). Anything
  unexpected is logged with its traceback and answered as "Internal server error" (the original
  message only when DEBUG is on); responses never include stack traces.
- Only a successful anonymous query may be stored by a cache; every other answer (mutations,
  token-bearing queries, errors, signed-in users) says `Cache-Control: no-store`. A cacheable
  answer is cookieless and carries Cache-Control, an ETag (304 on If-None-Match) and its cache
  tags (schema/core/http_cache.py); anonymous answers are kept in the response cache and served
  from it without running the schema (schema/core/response_cache.py).
"""

import functools
import json
import logging
from contextlib import nullcontext

from django.conf import settings
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
    execute,
    get_operation_ast,
)

from home import replicas
from schema.core import http_cache, response_cache
from schema.core.context import Context
from schema.persisted.documents import prepare, sha256_hex
from schema.persisted.protocol import Requested, document_requested, document_store, hash_only

logger = logging.getLogger("tapestry.graphql")

INTERNAL = "Internal server error."
# Deeper JSON than any input of the schema needs; refused before graphql-core coerces it.
VARIABLES_MAX_DEPTH = 32
CODES = {
    400: "BAD_REQUEST",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


class RequestError(HttpError):
    """A malformed HTTP request: answered with `status` and a coded error, never logged as ours."""

    def __init__(self, status: int, message: str, *, allow: str | None = None):
        response = HttpResponse(status=status)
        if allow:
            response["Allow"] = allow
        super().__init__(response, message)
        self.code = CODES[status]


class TapestryGraphQLView(GraphQLView):
    # One instance per request. Set by a successful anonymous query only: everything else is
    # never stored by caches.
    cacheable = False
    # The request's context (its cache tags), once the schema ran.
    context: Context | None = None
    # The response cache's answer to an anonymous request: None when it was not consulted.
    cache_lookup: response_cache.Lookup | None = None
    # The document the request runs, once known (before the response cache is consulted).
    requested: Requested | None = None

    def dispatch(self, request, *args, **kwargs):
        # graphene-django's dispatch without its ensure_csrf_cookie decorator (functools'
        # __wrapped__ is the undecorated method): the view is csrf_exempt and reads JSON only,
        # nothing reads the token, and the cookie would keep every answer out of caches.
        response = GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
        if not self.cacheable:
            add_never_cache_headers(response)
            return response
        return self.http_cached(request, response)

    # HTTP and response caching ------------------------------------------------------------
    def get_response(self, request, data, show_graphiql=False):
        """graphene-django's, around the response cache for anonymous queries: a hit is
        answered from it without running the schema; a cacheable miss is stored in it."""
        if show_graphiql or not (response_cache.enabled() and http_cache.anonymous(request)):
            return super().get_response(request, data, show_graphiql)
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        origin = response_cache_origin(request)
        # A persisted query sent by its hash alone is looked up by that hash at once: a hit
        # costs one round trip to Redis, not a second one for the document's text. Over GET,
        # ResponseCacheHitMiddleware looked it up already (a miss reaches the view).
        digest = hash_only(request, data, query)
        if digest is not None:
            key = response_cache.entry_key(digest, variables, operation_name, origin=origin)
            earlier = getattr(request, HIT_MIDDLEWARE_LOOKUP, None)
            if earlier is not None and earlier.key == key:
                self.cache_lookup = earlier
            else:
                self.cache_lookup = response_cache.lookup(key)
            if self.cache_lookup is not None and self.cache_lookup.entry is not None:
                self.cacheable = True
                return self.cache_lookup.entry.body, 200
        try:
            # Which document runs, by its text or its hash (APQ, a registered document), with
            # the trusted-documents rule applied before any answer is looked up.
            self.requested = document_requested(request, data, query)
        except HttpError:
            return super().get_response(request, data, show_graphiql)  # answered as an error
        if not self.requested.query:
            return super().get_response(request, data, show_graphiql)
        if digest is None:
            key = response_cache.entry_key(
                self.requested.sha256 or sha256_hex(self.requested.query),
                variables,
                operation_name,
                origin=origin,
            )
            self.cache_lookup = response_cache.lookup(key)
            if self.cache_lookup is not None and self.cache_lookup.entry is not None:
                self.cacheable = True
                return self.cache_lookup.entry.body, 200
        result, status = super().get_response(request, data, show_graphiql)
        if self.cacheable and self.cache_lookup is not None and status == 200:
            body = result.encode()
            entry = response_cache.Entry(
                body=body, etag=http_cache.etag_of(body), tags=tuple(sorted(self.context.tags))
            )
            if response_cache.store(self.cache_lookup, entry) is False:
                # A purge of what it shows ran meanwhile, and may have reached Varnish or a CDN
                # before this answer does: none of them may keep it.
                self.cacheable = False
        return result, status

    def http_cached(self, request, response):
        """A cacheable answer's headers (ETag, Cache-Control, cache tags, X-Cache), or a 304."""
        found = self.cache_lookup
        if found is not None and found.entry is not None:
            etag, tags, status = found.entry.etag, found.entry.tags, "HIT"
        else:
            etag = http_cache.etag_of(response.content)
            tags = self.context.tags if self.context is not None else ()
            status = "MISS" if response_cache.enabled() else None
        http_cache.cacheable_headers(response, etag=etag, tags=tags, cache_status=status)
        return http_cache.not_modified(request, response)

    def parse_body(self, request):
        """The POST body as a JSON object. GET reads its parameters from the query string."""
        limit = settings.TAPESTRY_GRAPHQL_MAX_BODY_BYTES
        if request.method != "POST":
            if len(request.META.get("QUERY_STRING", "")) > limit:
                raise RequestError(413, f"The query string is longer than {limit} bytes.")
            return {}
        if self.get_content_type(request) != "application/json":
            raise RequestError(415, "Send the request as JSON (Content-Type: application/json).")
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise RequestError(413, f"The request body is larger than {limit} bytes.")
        body = request.read(limit + 1)
        if len(body) > limit:
            raise RequestError(413, f"The request body is larger than {limit} bytes.")
        data = _json_decode(body, "The request body")
        if self.batch:
            if not (isinstance(data, list) and data and all(isinstance(d, dict) for d in data)):
                raise RequestError(400, "A batch is a non-empty JSON list of operations.")
            return data
        if isinstance(data, list):
            raise RequestError(400, "Batched requests are not supported: send one operation.")
        if not isinstance(data, dict):
            raise RequestError(400, "The request body must be a JSON object.")
        return data

    @staticmethod
    def get_graphql_params(request, data):
        source = request.GET if request.method == "GET" else data
        query = source.get("query")
        variables = source.get("variables")
        operation_name = source.get("operationName")
        if query is not None and not isinstance(query, str):
            raise RequestError(400, "`query` must be a string.")
        for name, text in (("query", query), ("operationName", operation_name)):
            if isinstance(text, str) and not _is_unicode(text):
                # A JSON "\ud800" escape decodes to half a surrogate pair: no text, nothing to
                # hash or parse (the variables' strings are checked per argument).
                raise RequestError(400, f"`{name}` is not valid Unicode text.")
        if isinstance(variables, str) and request.method == "GET":
            variables = _json_decode(variables.encode(), "`variables`") if variables else None
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(400, "`variables` must be a JSON object.")
        if _nesting_exceeds(variables, VARIABLES_MAX_DEPTH):
            raise RequestError(400, f"`variables` are nested deeper than {VARIABLES_MAX_DEPTH}.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "`operationName` must be a string.")
        return query, variables, operation_name or None, None

    def get_context(self, request) -> Context:
        """A fresh context per request: the request, and loaders and cache tags that start
        empty."""
        self.context = Context(request=request)
        return self.context

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        requested = self.requested or document_requested(request, data, query)
        if not requested.query:
            if show_graphiql:
                return None
            raise RequestError(400, "Must provide query string.")

        schema = self.schema.graphql_schema
        prepared = prepare(schema, requested.query, requested.sha256)
        if prepared.document is None:
            return ExecutionResult(errors=prepared.errors)
        document = prepared.document

        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation is not None:
            refusal = _get_refusal(schema, document, operation)
            if refusal:
                if show_graphiql:
                    return None
                raise RequestError(405, refusal, allow="POST")

        errors = prepared.check(operation, operation_name, variables)
        if errors:
            return ExecutionResult(errors=errors)
        document_store(requested)

        hide_suggestions = not settings.DEBUG
        # What a cache may keep may also be read from a replica (home/replicas.py).
        public_read = (
            operation is not None
            and operation.operation == OperationType.QUERY
            and not _token_fields(schema) & _root_fields(document, operation)
            and http_cache.anonymous(request)
        )
        try:
            with replicas.api_reads() if public_read else nullcontext():
                result = execute(
                    schema,
                    document,
                    root_value=self.get_root_value(request),
                    context_value=self.get_context(request),
                    variable_values=variables,
                    operation_name=operation_name,
                    middleware=self.get_middleware(request),
                    hide_suggestions=hide_suggestions,
                    is_awaitable=never_awaitable,
                )
        except Exception as error:  # the executor reports resolver errors itself
            logger.exception("GraphQL execution failed")
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])
        self.cacheable = public_read and not result.errors
        return result

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            status = error.response.status_code
            code = getattr(error, "code", None) or CODES.get(status, "BAD_REQUEST")
            logger.info("GraphQL request refused (%s %s): %s", status, code, error.message)
            return {"message": error.message, "extensions": {"code": code}}
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


def response_cache_origin(request) -> str:
    """What the body depends on besides the operation: absolute URLs, pretty printing."""
    return f"{request.scheme}://{request.get_host()} {bool(request.GET.get('pretty'))}"


# The request attribute where ResponseCacheHitMiddleware leaves a miss's lookup for the view.
HIT_MIDDLEWARE_LOOKUP = "tapestry_response_cache_lookup"


class ResponseCacheHitMiddleware:
    """Answers an anonymous GET of a persisted query sent by its hash alone (what Apollo Client
    and `make bench` send) from the response cache, before the middleware below it and the view.

    Such an answer is the stored body with its stored headers: the middleware below it would
    only load nothing (no session cookie, so no session and an anonymous user; the view is
    CSRF-exempt; no messages; the locale is an argument, not the browser's language) and add
    `X-Frame-Options` and `Content-Length`, which are added here. Goes right after
    CorsMiddleware in MIDDLEWARE, so that CORS, CSP and the security headers are added to it
    on the way out as to any answer.

    Anything else (a POST, a document's text, a session cookie, a malformed parameter, a
    GraphiQL page with DEBUG) goes on down the stack untouched; a miss does too, with its
    lookup left on the request, so the view does not ask Redis again before it stores the
    answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.xframe = XFrameOptionsMiddleware(get_response)
        self.xframe_on = "django.middleware.clickjacking.XFrameOptionsMiddleware" in (
            settings.MIDDLEWARE
        )

    def __call__(self, request):
        response = self.hit(request) if request.method == "GET" else None
        return response if response is not None else self.get_response(request)

    def hit(self, request):
        if request.path != _graphql_path() or not response_cache.enabled():
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # maybe signed in: the view decides
        if len(request.META.get("QUERY_STRING", "")) > settings.TAPESTRY_GRAPHQL_MAX_BODY_BYTES:
            return None
        if settings.DEBUG and TapestryGraphQLView.request_wants_html(request):
            return None  # GraphiQL
        try:
            query, variables, operation_name, _id = TapestryGraphQLView.get_graphql_params(
                request, {}
            )
        except HttpError:
            return None  # the view answers the error
        digest = hash_only(request, {}, query)
        if digest is None:
            return None
        key = response_cache.entry_key(
            digest, variables, operation_name, origin=response_cache_origin(request)
        )
        found = response_cache.lookup(key)
        if found is None or found.entry is None:
            setattr(request, HIT_MIDDLEWARE_LOOKUP, found)
            return None
        entry = found.entry
        response = HttpResponse(entry.body, content_type="application/json")
        response["Content-Length"] = str(len(entry.body))
        http_cache.cacheable_headers(response, etag=entry.etag, tags=entry.tags, cache_status="HIT")
        if self.xframe_on:
            response = self.xframe.process_response(request, response)
        return http_cache.not_modified(request, response)


def never_awaitable(value) -> bool:
    """The executor's test of each field's value for an awaitable: the schema is synchronous
    (no resolver is a coroutine function; tests/schema check it), so none is. graphql-core's
    own test costs a few checks per field, some 5 % of a community home."""
    return False


@functools.cache
def _graphql_path() -> str:
    return reverse("graphql")


def _json_decode(raw: bytes, what: str):
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RequestError(400, f"{what} is not UTF-8.") from None
    except RecursionError:
        raise RequestError(400, f"{what} is nested too deeply.") from None
    except ValueError:
        raise RequestError(400, f"{what} is not valid JSON.") from None


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _nesting_exceeds(value, limit: int) -> bool:
    """Whether JSON lists and objects nest deeper than `limit` (walked without recursion)."""
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict | list):
            if depth >= limit:
                return True
            items = current.values() if isinstance(current, dict) else current
            stack.extend((item, depth + 1) for item in items)
    return False


def _token_fields(schema) -> set[str]:
    """Root query fields that take a secret `token` (a preview, a feedback status)."""
    return {name for name, field in schema.query_type.fields.items() if "token" in field.args}


def _root_fields(document, operation) -> set[str]:
    """The names of the root fields an operation selects, through fragments and inline ones."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if definition.kind == "fragment_definition"
    }
    names, seen = set(), set()
    stack = [operation.selection_set]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    seen.add(name)
                    stack.append(fragments[name].selection_set)
    return names


def _get_refusal(schema, document, operation) -> str | None:
    """Why this operation may not run over GET, if it may not."""
    if operation.operation != OperationType.QUERY:
        return f"Can only perform a {operation.operation.value} operation from POST."
    secret = sorted(_token_fields(schema) & _root_fields(document, operation))
    if secret:
        return f"{', '.join(secret)} takes a secret token: use POST, not GET."
    return None
