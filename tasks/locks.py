"""Named locks that disappear with their holder.

On PostgreSQL a lock is a session advisory lock on the holder's own database connection: the
server drops it the moment that connection ends, so a worker that is killed, loses its database
connection or crashes half-way blocks nobody, not even for a second, and a Redis restart does
not touch it. The holder releases it when done; if releasing fails, the connection is closed,
which releases it too.

Elsewhere (SQLite, the embedded default) a lock is a row with a short expiry
(TAPESTRY_PUBLISH_LOCK_TIMEOUT) that the holder renews as it works (`extend()`), so a dead holder
blocks the next one for at most that long.
"""

import datetime
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, transaction

# InterfaceError (a closed connection) is not a DatabaseError; both are Errors.
from django.db import Error as DatabaseConnectionError
from django.utils import timezone

from tasks.models import Lock

logger = logging.getLogger(__name__)


class LockLost(Exception):
    """The lock is no longer ours (it expired and was taken, or its connection was replaced):
    the former holder must stop."""


class HeldLock:
    """What the holder of a lock may do with it: make sure it still holds it, for `timeout`
    more seconds where locks expire."""

    def extend(self) -> None:
        """Raises LockLost if the lock is no longer ours."""
        raise NotImplementedError


# Advisory locks are re-entrant within one database session: the names this connection (this
# thread's) holds are noted on it, so a second holder on it is refused as it would be from any
# other session.
_HELD_ATTRIBUTE = "_tapestry_advisory_locks_held"


class _AdvisoryLock(HeldLock):
    def __init__(self, alias: str, backend_pid: int) -> None:
        self._alias = alias
        self._backend_pid = backend_pid

    def extend(self) -> None:
        # A session lock lasts as long as its session: if the connection is still the one that
        # took it, the lock is still ours. Django reconnects silently after a close, so compare.
        try:
            with connections[self._alias].cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (pid,) = cursor.fetchone()
        except DatabaseConnectionError as exc:
            raise LockLost(f"the lock's database connection failed: {exc}") from exc
        if pid != self._backend_pid:
            raise LockLost("the lock's database connection was replaced")


def _advisory_key_sql() -> str:
    # 64-bit key from the name; a prefix keeps Tapestry's keys apart from other users' locks.
    return "hashtextextended('tapestry:lock:' || %s, 0)"


@contextmanager
def _advisory_lock(name: str, alias: str) -> Iterator[HeldLock | None]:
    connection = connections[alias]
    held_here = connection.__dict__.setdefault(_HELD_ATTRIBUTE, set())
    if name in held_here:
        yield None
        return
    held_here.add(name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT pg_try_advisory_lock({_advisory_key_sql()}), pg_backend_pid()", [name]
            )
            acquired, backend_pid = cursor.fetchone()
        if not acquired:
            yield None
            return
        try:
            yield _AdvisoryLock(alias, backend_pid)
        finally:
            _advisory_unlock(name, connection, backend_pid)
    finally:
        held_here.discard(name)


def _advisory_unlock(name: str, connection, backend_pid: int) -> None:
    released = False
    try:
        if connection.connection is not None and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT pg_backend_pid(), pg_advisory_unlock({_advisory_key_sql()})", [name]
                )
                pid, unlocked = cursor.fetchone()
            released = pid == backend_pid and unlocked
    except DatabaseConnectionError:
        logger.warning("could not release lock %s; closing its connection", name, exc_info=True)
    if not released:
        # Ending the session is what releases a session lock for certain (a persistent
        # connection would otherwise keep it for the next task).
        try:
            connection.close()
        except DatabaseConnectionError:
            logger.warning("closing the connection of lock %s failed", name, exc_info=True)


class _DatabaseLock(HeldLock):
    def __init__(self, name: str, owner: str, timeout: float) -> None:
        self.name = name
        self.owner = owner
        self._timeout = timeout

    def extend(self) -> None:
        kept = Lock.objects.filter(name=self.name, owner=self.owner).update(
            expires_at=timezone.now() + datetime.timedelta(seconds=self._timeout)
        )
        if not kept:
            raise LockLost(self.name)


def _database_lock_acquire(name: str, owner: str, timeout: float) -> bool:
    now = timezone.now()
    expires_at = now + datetime.timedelta(seconds=timeout)
    try:
        with transaction.atomic():
            Lock.objects.create(name=name, owner=owner, expires_at=expires_at)
        return True
    except IntegrityError:
        # Held by someone; take it over only if their hold has run out.
        taken = Lock.objects.filter(name=name, expires_at__lt=now).update(
            owner=owner, expires_at=expires_at
        )
        return taken == 1


@contextmanager
def _database_lock(name: str, timeout: float) -> Iterator[HeldLock | None]:
    owner = uuid.uuid4().hex
    if not _database_lock_acquire(name, owner, timeout):
        yield None
        return
    try:
        yield _DatabaseLock(name, owner, timeout)
    finally:
        try:
            Lock.objects.filter(name=name, owner=owner).delete()
        except DatabaseError:
            # It expires on its own, `timeout` seconds after the holder last extended it.
            logger.warning("could not release lock %s; it expires on its own", name, exc_info=True)


def _uses_advisory_locks(using: str) -> bool:
    return connections[using].vendor == "postgresql"


@contextmanager
def lock_held(name: str, *, timeout: float, using: str | None = None) -> Iterator[HeldLock | None]:
    """Hold the lock `name` for the block, or yield None when someone else holds it.

    `timeout` matters only where locks are rows (not PostgreSQL): how long the lock outlives a
    holder that stopped extending it. An advisory lock lives on TAPESTRY_LOCK_DATABASE's
    connection: PostgreSQL itself, also where other queries go through a transaction pooler.
    """
    using = using or settings.TAPESTRY_LOCK_DATABASE
    if _uses_advisory_locks(using):
        with _advisory_lock(name, using) as held:
            yield held
    else:
        with _database_lock(name, timeout) as held:
            yield held
