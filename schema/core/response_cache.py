"""The response cache: answers to anonymous queries, kept in Redis and purged by cache tag.

An entry is keyed by the sha256 of the document's hash (sha256 of the query text), the
variables as canonical JSON (sorted keys), the operation name and what else shapes the bytes
(scheme and host, which absolute image URLs carry; `?pretty`). It holds the response body, its
ETag and its cache tags (`home.cache_tags`). Each tag has a Redis set of the entries carrying
it, so `purge(tags)` deletes every entry that carries any of them.

A response computed from data read before a publish must not be stored after that publish's
purge. Every purge bumps a counter and stamps each purged tag with it (for PURGE_STAMP_SECONDS);
a lookup reads the counter with the entry, and the store, a Lua script, refuses an entry one of
whose tags was stamped after the lookup. Both are single round trips. The view sends an answer
refused so without cache headers (no-store): the same purge may have reached Varnish or a CDN
before the answer does, and they would keep it.

Redis down or slow: lookups miss and stores are skipped, so the API answers uncached; after a
failure Redis is left alone for RETRY_AFTER_SECONDS (no request waits on a dead server's
timeout), and a warning is logged at most once a minute (WARNING_INTERVAL_SECONDS). Without
Redis (the embedded default) the cache is off: `enabled()` is false and nothing here is called.
Through Sentinel (REDIS_SENTINELS), the client finds the new primary at its next connection.
"""

import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings

from home.redis_client import redis_client

logger = logging.getLogger("tapestry.graphql.cache")

# Longer than any request runs: a store whose lookup is older than this is not checked.
PURGE_STAMP_SECONDS = 300
WARNING_INTERVAL_SECONDS = 60
RETRY_AFTER_SECONDS = 5
TIMEOUT_SECONDS = 0.5

# KEYS: entry. ARGV: ttl, value, generation seen at lookup, stamp prefix, tag set prefix, tags...
_STORE = """
local seen = tonumber(ARGV[3])
for i = 6, #ARGV do
  local stamp = redis.call('GET', ARGV[4] .. ARGV[i])
  if stamp and tonumber(stamp) > seen then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[1])
for i = 6, #ARGV do
  local set = ARGV[5] .. ARGV[i]
  redis.call('SADD', set, KEYS[1])
  redis.call('EXPIRE', set, ARGV[1])
end
return 1
"""

# KEYS: generation. ARGV: stamp seconds, stamp prefix, tag set prefix, tags...
_PURGE = """
local generation = redis.call('INCR', KEYS[1])
local deleted = 0
for i = 4, #ARGV do
  redis.call('SET', ARGV[2] .. ARGV[i], generation, 'EX', ARGV[1])
  local set = ARGV[3] .. ARGV[i]
  local entries = redis.call('SMEMBERS', set)
  for j = 1, #entries, 1000 do
    deleted = deleted + redis.call('DEL', unpack(entries, j, math.min(j + 999, #entries)))
  end
  redis.call('DEL', set)
end
return deleted
"""


@dataclass(frozen=True)
class Entry:
    body: bytes
    etag: str
    tags: tuple[str, ...]

    def encode(self) -> bytes:
        return f"{self.etag}\n{' '.join(self.tags)}\n".encode() + self.body

    @classmethod
    def decode(cls, raw: bytes) -> "Entry":
        etag, tags, body = raw.split(b"\n", 2)
        return cls(body=body, etag=etag.decode(), tags=tuple(tags.decode().split()))


@dataclass(frozen=True)
class Lookup:
    """What a lookup found (`entry`, None on a miss) and the purge generation it saw."""

    key: str
    entry: Entry | None
    generation: int


def enabled() -> bool:
    return bool(
        settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE and settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL
    )


def entry_key(
    document: str, variables: dict | None, operation_name: str | None, *, origin: str = ""
) -> str:
    """The entry's key: `document` is the document's SHA-256 (as APQ names it), `origin`
    whatever else the body depends on (scheme, host, pretty)."""
    canonical = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    material = json.dumps([document, canonical, operation_name or "", origin])
    return f"{_prefix()}r:{hashlib.sha256(material.encode()).hexdigest()}"


def lookup(key: str) -> Lookup | None:
    """The entry under `key`, or a miss; None when Redis does not answer (do not store then)."""
    if _resting():
        return None
    try:
        raw, generation = _client().mget([key, _generation_key()])
    except redis.RedisError as error:
        _warn(error)
        return None
    try:
        entry = Entry.decode(raw) if raw is not None else None
    except ValueError:
        entry = None
    return Lookup(key=key, entry=entry, generation=int(generation or 0))


def store(found: Lookup, entry: Entry) -> bool | None:
    """Keep `entry` under the looked-up key unless one of its tags was purged since: True when
    kept, False when refused for such a purge, None when Redis did not answer."""
    ttl = settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_TTL
    prefix = _prefix()
    try:
        return bool(
            _client().eval(
                _STORE,
                1,
                found.key,
                ttl,
                entry.encode(),
                found.generation,
                f"{prefix}p:",
                f"{prefix}t:",
                *entry.tags,
            )
        )
    except redis.RedisError as error:
        _warn(error)
        return None


def purge(tags: set[str]) -> None:
    """Delete every entry carrying any of `tags` (a purger of TAPESTRY_CACHE_PURGERS). Raises
    when Redis does not answer, so the purge task retries."""
    if not enabled() or not tags:
        return
    prefix = _prefix()
    deleted = _client().eval(
        _PURGE,
        1,
        _generation_key(),
        PURGE_STAMP_SECONDS,
        f"{prefix}p:",
        f"{prefix}t:",
        *sorted(tags),
    )
    logger.info("Response cache: purged %s entries for %s tags", deleted, len(tags))


def check() -> None:
    """For /healthz: raises when the response cache's Redis does not answer."""
    _client().ping()


# Redis ----------------------------------------------------------------------------------------

# One client per thread and process, each on a connection of its own: a hit is one command, and
# borrowing a connection from a pool and handing it back cost more than the command did.
_clients = threading.local()
# Monotonic times: of the last warning logged, and until when Redis is left alone.
_last_warning = [0.0]
_rest_until = [0.0]


def _client() -> redis.Redis:
    url = settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL
    pid = os.getpid()
    known = getattr(_clients, "by_url", None)
    if known is None or _clients.pid != pid:  # a forked child opens connections of its own
        known = _clients.by_url = {}
        _clients.pid = pid
    client = known.get(url)
    if client is None:
        client = known[url] = redis_client(
            url,
            sentinel=settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_SENTINEL,
            socket_connect_timeout=TIMEOUT_SECONDS,
            socket_timeout=TIMEOUT_SECONDS,
            single_connection_client=True,
        )
    return client


def _prefix() -> str:
    return f"{settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX}:"


def _generation_key() -> str:
    return f"{_prefix()}generation"


def _resting() -> bool:
    return time.monotonic() < _rest_until[0]


def _warn(error: Exception) -> None:
    """Leave Redis alone for a while, and say so at most once every WARNING_INTERVAL_SECONDS."""
    now = time.monotonic()
    _rest_until[0] = now + RETRY_AFTER_SECONDS
    if _last_warning[0] and now - _last_warning[0] < WARNING_INTERVAL_SECONDS:
        return
    _last_warning[0] = now
    logger.warning("Response cache unavailable, answering uncached: %s", type(error).__name__)
