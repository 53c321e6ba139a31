"""Redis connections that follow the primary through Sentinel when REDIS_SENTINELS is set.

Every Redis client of Tapestry (Django's cache, so rate limits and the replicas' watermark too;
the response cache; Celery's broker through kombu's own `sentinel://` transport) is built from
the same settings (`TAPESTRY_REDIS_SENTINEL`, cms/settings/redis.py). Discovery is redis-py's:
a `SentinelConnectionPool` asks the Sentinels for the primary's address each time it opens a
connection, and a connection that finds itself on a demoted primary drops itself, so the next
command after a failover reaches the new primary without a restart.
"""

import redis
from redis.connection import parse_url
from redis.sentinel import Sentinel, SentinelManagedConnection
from redis.sentinel import SentinelConnectionPool as _SentinelConnectionPool


class PrimaryConnection(SentinelManagedConnection):
    """A connection to the primary that asks the Sentinels where it is whenever it connects.

    redis-py (8.1) reopens a dropped connection, when a command is sent on it, at the address
    it had: the dead primary's, after a failover (redis/redis-py#3874). A client that keeps its
    connection (the response cache's) would never find the new primary.
    """

    def send_packed_command(self, command, check_health=True):
        if not self._sock:
            self.connect()  # through the Sentinels (SentinelManagedConnection.connect)
        return super().send_packed_command(command, check_health)


class SentinelConnectionPool(_SentinelConnectionPool):
    """redis-py's Sentinel pool, made from a URL like the plain pool, so Django's Redis cache
    can use it as its `pool_class`: the URL gives the database number and the credentials
    (its host is not used), the options name the Sentinels and the primary."""

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        sentinels: list[tuple[str, int]],
        service_name: str,
        sentinel_kwargs: dict | None = None,
        **options,
    ) -> "SentinelConnectionPool":
        parsed = parse_url(url)
        for address in ("host", "port", "connection_class"):
            parsed.pop(address, None)
        manager = Sentinel(sentinels, sentinel_kwargs=sentinel_kwargs or {})
        # A connection the failover broke (the old primary died or was demoted) is opened again,
        # through the Sentinels, and its command sent once more: the first command after a
        # failover reaches the new primary instead of failing.
        options.setdefault("retry_on_error", [redis.ConnectionError])
        options.setdefault("connection_class", PrimaryConnection)
        return cls(service_name, manager, **{**parsed, **options})


def redis_client(url: str, *, sentinel: dict | None = None, **options) -> redis.Redis:
    """A client of the Redis at `url`, or, given `sentinel` (TAPESTRY_REDIS_SENTINEL), of the
    primary the Sentinels name, in `url`'s database with `url`'s credentials."""
    if not sentinel:
        return redis.Redis.from_url(url, **options)
    single = options.pop("single_connection_client", False)
    pool = SentinelConnectionPool.from_url(url, **sentinel, **options)
    return redis.Redis(connection_pool=pool, single_connection_client=single)
