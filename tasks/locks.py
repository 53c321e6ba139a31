"""Named locks with an expiry: in Redis when REDIS_URL is set, else in the database.

A lock expires on its own, so a worker killed while holding it blocks the next holder only until
then; the holder extends it while it works.
"""

import datetime
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tasks.models import Lock

logger = logging.getLogger(__name__)


class LockLost(Exception):
    """The lock expired and someone else took it: the former holder must stop."""


class HeldLock:
    """What the holder of a lock may do with it: keep it for `timeout` more seconds."""

    def extend(self) -> None:
        """Raises LockLost if the lock is no longer ours."""
        raise NotImplementedError


class _RedisLock(HeldLock):
    def __init__(self, lock: redis.lock.Lock, timeout: float) -> None:
        self._lock = lock
        self._timeout = timeout

    def extend(self) -> None:
        try:
            self._lock.extend(self._timeout, replace_ttl=True)
        except redis.exceptions.LockError as exc:
            raise LockLost(str(exc)) from exc


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


def _redis_client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=5, socket_connect_timeout=5)


@contextmanager
def _redis_lock(name: str, timeout: float) -> Iterator[HeldLock | None]:
    lock = _redis_client().lock(f"tapestry:lock:{name}", timeout=timeout, blocking=False)
    if not lock.acquire():
        yield None
        return
    try:
        yield _RedisLock(lock, timeout)
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:
            logger.warning("lock %s expired before its holder finished", name)


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
        Lock.objects.filter(name=name, owner=owner).delete()


@contextmanager
def lock_held(name: str, *, timeout: float) -> Iterator[HeldLock | None]:
    """Hold the lock `name` for the block, or yield None when someone else holds it."""
    backend = _redis_lock if getattr(settings, "REDIS_URL", None) else _database_lock
    with backend(name, timeout) as held:
        yield held
