"""Parsed and checked documents, kept in process by the SHA-256 of their text.

`prepare` parses a document (with the token and length caps), checks its structure and, when an
operation first needs it, validates it with graphql-core's rules and Tapestry's; the result is
kept in a bounded LRU (TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE entries, 0 turns it off, and
TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES of their text), so a
repeated operation skips all three. Failures are kept as well as successes: a client sending the
same bad document again costs a hash and a lookup, not a parse and a validation.

The cost of an operation is kept too, per operation name, unless it depends on the variables (a
`first` given as a variable): then it is estimated on every request, from the kept tree.

What a document's checks answer depends on the schema and on the limits' settings: an entry made
for another schema is not used, and changing a TAPESTRY_GRAPHQL_* setting (or DEBUG, which
decides whether errors carry suggestions) empties the cache.
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    validate,
)

from schema.core.limits import QueryCost, operation_cost_errors, structure_errors, validation_rules


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_parse(source: str) -> DocumentNode:
    """The document's syntax tree, within the token and length caps (GraphQLError if not)."""
    return parse(
        source,
        max_lexical_tokens=settings.TAPESTRY_GRAPHQL_MAX_TOKENS,
        max_comments=settings.TAPESTRY_GRAPHQL_MAX_TOKENS,
        max_source_length=settings.TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH,
    )


def coded(error: GraphQLError, code: str) -> GraphQLError:
    extensions = dict(error.extensions or {})
    extensions.setdefault("code", code)
    error.extensions = extensions
    return error


class Prepared:
    """One document: its tree (None when it does not parse: `errors` then says why), and what
    checking it found so far."""

    def __init__(self, schema: GraphQLSchema, source: str):
        self.schema = schema
        self.source = source
        self.document: DocumentNode | None = None
        self.errors: list[GraphQLError] = []
        self._structure: list[GraphQLError] = []
        self._validation: list[GraphQLError] | None = None
        self._costs: dict[str | None, list[GraphQLError]] = {}
        # Stored or found under its hash as a persisted query (`DocumentCache.persisted_mark`).
        self.persisted = False
        try:
            self.document = document_parse(source)
        except GraphQLError as error:
            self.errors = [coded(error, "GRAPHQL_PARSE_FAILED")]
            return
        self._structure = structure_errors(self.document)

    def check(
        self,
        operation: OperationDefinitionNode | None,
        operation_name: str | None,
        variables: dict | None,
    ) -> list[GraphQLError]:
        """Why the operation may not run: the document's structure, the operation's cost, then
        the validation rules, each run only when the one before found nothing; [] when it may.

        Call only when the document parsed. `operation` is the one that will run (None when none
        can: the executor then says why).
        """
        if self._structure:
            return self._structure
        if operation is not None:
            errors = self._costs.get(operation_name)
            if errors is None:
                estimate = QueryCost(self.schema, self.document, variables)
                errors = operation_cost_errors(estimate, operation)
                if not estimate.reads_variables:
                    self._costs[operation_name] = errors
            if errors:
                return errors
        if self._validation is None:
            self._validation = [
                coded(error, "GRAPHQL_VALIDATION_FAILED")
                for error in validate(
                    self.schema,
                    self.document,
                    validation_rules(),
                    max_errors=20,
                    hide_suggestions=not settings.DEBUG,
                )
            ]
        return self._validation


class DocumentCache:
    """At most TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE entries, and at most
    TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES of their source text between them: the least
    recently used go first.

    A parsed document takes some 60 times the memory of its text, so the count alone would let
    a client filling the cache with documents at the token cap hold hundreds of MB a process;
    the text budget bounds that.
    """

    def __init__(self):
        self._entries: OrderedDict[str, Prepared] = OrderedDict()
        self._source_bytes = 0
        self._lock = threading.Lock()

    def get(self, schema: GraphQLSchema, sha256: str) -> Prepared | None:
        with self._lock:
            prepared = self._entries.get(sha256)
            if prepared is None or prepared.schema is not schema:
                return None
            self._entries.move_to_end(sha256)
            return prepared

    def persisted_source(self, sha256: str) -> str | None:
        """The text of the document kept under `sha256` if it is a persisted query (marked by
        `persisted_mark`), whatever schema it was checked for: the hash names the text."""
        with self._lock:
            prepared = self._entries.get(sha256)
            return prepared.source if prepared is not None and prepared.persisted else None

    def persisted_mark(self, sha256: str) -> None:
        """Mark the document kept under `sha256` as a persisted query: one that passed its
        checks and was stored, or was found, under its hash."""
        with self._lock:
            prepared = self._entries.get(sha256)
            if prepared is not None:
                prepared.persisted = True

    def put(self, sha256: str, prepared: Prepared) -> None:
        size = max(settings.TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE, 0)
        budget = settings.TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES
        with self._lock:
            previous = self._entries.pop(sha256, None)
            if previous is not None:
                self._source_bytes -= len(previous.source)
            if size == 0 or len(prepared.source) > budget:
                return
            self._entries[sha256] = prepared
            self._source_bytes += len(prepared.source)
            while len(self._entries) > size or self._source_bytes > budget:
                _key, oldest = self._entries.popitem(last=False)
                self._source_bytes -= len(oldest.source)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._source_bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


documents = DocumentCache()


def prepare(schema: GraphQLSchema, source: str, sha256: str | None = None) -> Prepared:
    """The document of `source` (whose SHA-256 is `sha256`, when the caller knows it)."""
    key = sha256 or sha256_hex(source)
    prepared = documents.get(schema, key)
    if prepared is None:
        prepared = Prepared(schema, source)
        documents.put(key, prepared)
    return prepared


@receiver(setting_changed)
def _limits_changed(*, setting: str, **_kwargs) -> None:
    if setting.startswith("TAPESTRY_GRAPHQL_") or setting == "DEBUG":
        documents.clear()
