"""Which document a request runs: its `query`, or one it names by hash (persisted queries).

- Automatic Persisted Queries, as Apollo Client, urql and Relay send them: `extensions:
  {"persistedQuery": {"version": 1, "sha256Hash": "<64 hex>"}}` in the JSON body of a POST, or
  JSON in the `extensions` parameter of a GET. A hash alone runs the document stored under it (or
  registered with it; a process that ran it once keeps its text, parsed, and does not ask the
  cache again); an unknown one is answered, with HTTP 200, `PersistedQueryNotFound`
  (code PERSISTED_QUERY_NOT_FOUND), which makes the client send the query again with its hash.
  A query with its hash is checked against it (PERSISTED_QUERY_HASH_MISMATCH), run, and stored
  in the Django cache for TAPESTRY_GRAPHQL_APQ_TTL seconds once it has parsed and validated.
- Trusted documents (`PersistedDocument`, registered by `register_persisted_documents`) are
  always servable: by APQ hash, or by `documentId` (`sha256:<hex>`, the bare hex, or the id
  the manifest gave it, such as Relay's). With TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY on, they
  are all that a client may run unless it is signed in to the admin (GraphiQL): a raw query or
  an unregistered hash is refused with PERSISTED_QUERY_NOT_ALLOWED.

Every refusal is a `PersistedQueryError`, answered by the view with its status and code. The
cache is an optimisation: when it fails (Redis down), lookups miss and stores are skipped, and
the request goes on.
"""

import json
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from graphene_django.views import HttpError

from schema.models import PersistedDocument
from schema.persisted.documents import documents, sha256_hex

logger = logging.getLogger("tapestry.graphql")

SHA256 = re.compile(r"[0-9a-fA-F]{64}")
# What an id given by a manifest may look like (Relay's are hex digests).
ALIAS = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
APQ_KEY = "graphql:apq:{}"
REGISTERED_KEY = "graphql:registered:{}"


class PersistedQueryError(HttpError):
    """A request whose persisted document cannot run: `status`, a stable `code`, a message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(HttpResponse(status=status), message)
        self.code = code


def _not_found() -> PersistedQueryError:
    # Apollo Client and urql recognise this message, and resend the query with its hash.
    return PersistedQueryError(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")


def _not_allowed() -> PersistedQueryError:
    return PersistedQueryError(
        400,
        "PERSISTED_QUERY_NOT_ALLOWED",
        "Only registered documents may run here: send a registered document's hash.",
    )


def _bad_request(message: str) -> PersistedQueryError:
    return PersistedQueryError(400, "BAD_REQUEST", message)


@dataclass(frozen=True)
class Requested:
    """The document a request runs (`query`, None when it sent none) and its SHA-256, when it
    named one; `store` when the document is to be kept under that hash once it validates;
    `found` when its text was found by the hash alone (stored or registered)."""

    query: str | None
    sha256: str | None = None
    store: bool = False
    found: bool = False


def document_requested(request, data: dict, query: str | None) -> Requested:
    """What `request` asks to run: `data` is its JSON body (a POST), `query` its `query`."""
    source = request.GET if request.method == "GET" else data
    sha256 = _persisted_query_hash(_extensions(source, request.method))
    document_id = source.get("documentId")
    trusted_only = settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY and not _may_send_any(request)

    if document_id is not None:
        if query is not None or sha256 is not None:
            raise _bad_request("Send `documentId` alone, without `query` or a persisted query.")
        found = registered_document(_document_key(document_id))
        if found is None:
            raise PersistedQueryError(
                400, "PERSISTED_DOCUMENT_NOT_FOUND", "No document is registered with this id."
            )
        return Requested(found[1], found[0], found=True)

    if sha256 is None:
        if trusted_only and query is not None:
            raise _not_allowed()
        return Requested(query)

    if query is not None:
        if sha256_hex(query) != sha256:
            raise PersistedQueryError(
                400,
                "PERSISTED_QUERY_HASH_MISMATCH",
                "The query's SHA-256 hash is not the `sha256Hash` sent with it.",
            )
        if trusted_only and registered_document(sha256) is None:
            raise _not_allowed()
        return Requested(query, sha256, store=not trusted_only)

    if not trusted_only:
        # A persisted query this process has run already: no need to ask the cache, which
        # every process shares, for its text again.
        known = documents.persisted_source(sha256)
        if known is not None:
            return Requested(known, sha256, found=True)
        stored = _cache_get(APQ_KEY.format(sha256))
        if stored is not None:
            return Requested(stored, sha256, found=True)
    found = registered_document(sha256)
    if found is not None:
        return Requested(found[1], sha256, found=True)
    raise _not_allowed() if trusted_only else _not_found()


def hash_only(request, data: dict, query: str | None) -> str | None:
    """The SHA-256 an Automatic Persisted Query names when the request sends the hash alone (no
    `query`, no `documentId`) and any client may run it (trusted-documents mode off): enough to
    look its answer up in a response cache before fetching the document's text. None for any
    other request, malformed ones included (`document_requested` answers those)."""
    if query is not None or settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY:
        return None
    source = request.GET if request.method == "GET" else data
    if source.get("documentId") is not None:
        return None
    try:
        return _persisted_query_hash(_extensions(source, request.method))
    except PersistedQueryError:
        return None


def document_store(requested: Requested) -> None:
    """Keep an APQ document under its hash: call once it has parsed and validated (and been
    kept by this process's document cache, where it is marked as a persisted query)."""
    if requested.store:
        _cache_set(APQ_KEY.format(requested.sha256), requested.query)
    if requested.sha256 is not None and (requested.store or requested.found):
        documents.persisted_mark(requested.sha256)


def registered_document(key: str) -> tuple[str, str] | None:
    """The (SHA-256, text) of the trusted document registered under `key` (its SHA-256 or its
    alias), through the cache: a registered document never changes."""
    cache_key = REGISTERED_KEY.format(key)
    found = _cache_get(cache_key)
    if found is not None:
        return tuple(found)
    lookup = {"sha256": key} if SHA256.fullmatch(key) else {"alias": key}
    found = PersistedDocument.objects.filter(**lookup).values_list("sha256", "document").first()
    if found is not None:
        _cache_set(cache_key, list(found))
    return found


def _may_send_any(request) -> bool:
    """Signed in to the admin: may send any query (GraphiQL), trusted documents only or not."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def _extensions(source, method: str) -> dict:
    extensions = source.get("extensions")
    if extensions is None:
        return {}
    if method == "GET":
        try:
            extensions = json.loads(extensions) if extensions else {}
        except ValueError:  # not JSON, or nested too deeply for the decoder
            raise _bad_request("`extensions` is not valid JSON.") from None
        except RecursionError:
            raise _bad_request("`extensions` is nested too deeply.") from None
    if not isinstance(extensions, dict):
        raise _bad_request("`extensions` must be a JSON object.")
    return extensions


def _persisted_query_hash(extensions: dict) -> str | None:
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise _bad_request("`extensions.persistedQuery` must be a JSON object.")
    version = persisted.get("version")
    if version != 1 or isinstance(version, bool):
        raise PersistedQueryError(
            400,
            "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
            "Only version 1 of persisted queries is supported.",
        )
    sha256 = persisted.get("sha256Hash")
    if not (isinstance(sha256, str) and SHA256.fullmatch(sha256)):
        raise PersistedQueryError(
            400,
            "PERSISTED_QUERY_INVALID_HASH",
            "`sha256Hash` must be the 64 hexadecimal digits of the query's SHA-256 hash.",
        )
    return sha256.lower()


def _document_key(document_id) -> str:
    """A `documentId`: `sha256:<hex>`, the bare hex, or an alias from the manifest."""
    if isinstance(document_id, str):
        digest = document_id.removeprefix("sha256:")
        if SHA256.fullmatch(digest):
            return digest.lower()
        if ALIAS.fullmatch(document_id) and not document_id.startswith("sha256:"):
            return document_id
    raise _bad_request(
        "`documentId` must be `sha256:` and 64 hexadecimal digits, or a registered id."
    )


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # each backend raises its own errors (Redis: ConnectionError, files: OSError)
        logger.warning("Persisted documents: the cache is unavailable", exc_info=True)
        return None


def _cache_set(key: str, value) -> None:
    try:
        cache.set(key, value, settings.TAPESTRY_GRAPHQL_APQ_TTL)
    except Exception:  # as in _cache_get
        logger.warning("Persisted documents: the cache is unavailable", exc_info=True)
