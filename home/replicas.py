"""PostgreSQL read replicas for the API's anonymous reads (DATABASE_REPLICA_URLS).

Only what a cache may keep is read from a replica: an anonymous GraphQL query without a secret
token (`api_reads()`, entered by the API's view around the schema's execution). The admin,
mutations, token-bearing queries, Celery tasks and everything else read and write the primary,
so each of them reads its own writes.

A replica replays the primary's log a little later. A reader must never see a page older than
the caches were told it is: every cache purge (tasks.cache, which runs after the change
commits) first raises the *watermark*, the primary's log position at that moment
(`raise_watermark`, the first of TAPESTRY_CACHE_PURGERS when replicas are configured). A read
goes to a replica only if it has replayed up to the watermark; else to the primary. So the
first request after a publish, the one that fills the caches again, reads the published page.

A replica that cannot be reached is left alone for TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS and
its reads go elsewhere; the API keeps answering from the primary.
"""

import contextvars
import logging
import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.db import Error as DatabaseConnectionError

logger = logging.getLogger(__name__)

PRIMARY = "default"
WATERMARK_KEY = "tapestry:replicas:watermark"
# How long the watermark is kept: far longer than any replica may lag.
WATERMARK_TTL_SECONDS = 7 * 24 * 3600

_reading_from: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "tapestry_reading_from", default=None
)
# alias -> time.monotonic() until which the replica is skipped after a failure (per process).
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    return list(getattr(settings, "TAPESTRY_DATABASE_REPLICAS", ()))


def lsn_value(lsn: str) -> int:
    """PostgreSQL's text form of a log position ("16/B374D848") as a number."""
    high, _, low = lsn.partition("/")
    return (int(high, 16) << 32) + int(low, 16)


def _watermark_key(system_identifier: int) -> str:
    # Per cluster (a primary and its replicas share the identifier): positions in another
    # cluster's log (an old primary, a restored backup) mean nothing here.
    return f"{WATERMARK_KEY}:{system_identifier}"


def raise_watermark(_tags=None) -> None:
    """Note the primary's log position as the watermark replicas must reach (a cache purger:
    called with the purged tags, which it does not need). Raises if the primary or the cache
    cannot be reached, so the purge task retries before any cache forgets anything."""
    if not replica_aliases():
        return
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(
            "SELECT pg_current_wal_lsn()::text, system_identifier FROM pg_control_system()"
        )
        position, system_identifier = cursor.fetchone()
    key, value = _watermark_key(system_identifier), lsn_value(position)
    client = _redis_client(key)
    if client is not None:
        # Atomic maximum: two purges finishing out of order never lower it.
        client.zadd(key, {"lsn": value}, gt=True)
        client.expire(key, WATERMARK_TTL_SECONDS)
    else:
        current = cache.get(key)
        if current is None or value > current:
            cache.set(key, value, WATERMARK_TTL_SECONDS)


def watermark(system_identifier: int) -> int | None:
    """The log position the cluster's replicas must have replayed; None when no purge ever set
    one. Raises if the cache cannot be read."""
    key = _watermark_key(system_identifier)
    client = _redis_client(key)
    if client is not None:
        score = client.zscore(key, "lsn")
        return None if score is None else int(score)
    return cache.get(key)


def _redis_client(key: str):
    """The Redis client of Django's Redis cache, for the watermark's atomic maximum (keys are
    raw: every process agrees on them whatever its KEY_PREFIX); None for other caches."""
    inner = getattr(cache, "_cache", None)
    get_client = getattr(inner, "get_client", None)
    if get_client is None:
        return None
    return get_client(key, write=True)


def _replay_state(alias: str) -> tuple[bool, int, int]:
    """Whether `alias` is a replica, how far it has replayed its primary's log, and its
    cluster's identifier."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, system_identifier "
            "FROM pg_control_system()"
        )
        in_recovery, position, system_identifier = cursor.fetchone()
    return in_recovery, lsn_value(position) if position else 0, system_identifier


def replica_for_read() -> str | None:
    """A replica that has replayed up to the watermark, or None (read the primary)."""
    aliases = replica_aliases()
    if not aliases:
        return None
    now = time.monotonic()
    for alias in random.sample(aliases, len(aliases)):
        if _down_until.get(alias, 0) > now:
            continue
        try:
            in_recovery, replayed, system_identifier = _replay_state(alias)
        except (DatabaseError, DatabaseConnectionError) as error:
            _down_until[alias] = now + settings.TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS
            logger.warning(
                "Database replica %s cannot be reached (%s); skipped for %s s",
                alias,
                str(error).strip(),
                settings.TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS,
            )
            connections[alias].close()
            continue
        if not in_recovery:  # a primary named as a replica has every change
            return alias
        try:
            needed = watermark(system_identifier)
        except Exception:  # no watermark to check against: the primary is safe
            logger.warning("The replicas' watermark cannot be read; reading the primary")
            return None
        if needed is None or replayed >= needed:
            return alias
        logger.info("Database replica %s is behind the last purge; reading the primary", alias)
    return None


@contextmanager
def api_reads():
    """Within: the ORM's reads go to an up-to-date replica, when there is one."""
    token = _reading_from.set(replica_for_read())
    try:
        yield
    finally:
        _reading_from.reset(token)


def reading_from() -> str:
    """The database the ORM reads from here and now."""
    return _reading_from.get() or PRIMARY


class ReplicaRouter:
    """Reads inside `api_reads()` go to the replica it chose; everything else to the primary.
    Migrations run on the primary only (replicas copy it)."""

    def db_for_read(self, model, **hints):
        return _reading_from.get()

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
