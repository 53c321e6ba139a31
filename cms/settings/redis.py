"""Where Redis is, from the environment: at REDIS_URL, or wherever the Sentinels that
REDIS_SENTINELS lists say the primary is (home/redis_client.py, README "Redis with Sentinel").

With Sentinels, REDIS_URL only gives the database number and the credentials of the Redis
servers (`redis://:password@mymaster/0`; its host is not used) and may be left out (database 0,
no password): the primary's address comes from the Sentinels, each time a client connects.
"""

from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

# The name Redis' own sentinel.conf, and most charts and managed offers, give the primary.
DEFAULT_SENTINEL_MASTER = "mymaster"
DEFAULT_SENTINEL_PORT = 26379
# How long a question to one Sentinel may take before the next one is asked.
SENTINEL_TIMEOUT_SECONDS = 2


def _value(environ: Mapping[str, str], name: str, default: str = "") -> str:
    return (environ.get(name) or "").strip() or default


def _sentinel_address(item: str) -> tuple[str, int]:
    """`host:port`, `host` (port 26379) or `[v6 address]:port`."""
    parts = urlsplit(f"//{item}")
    try:
        port = parts.port or DEFAULT_SENTINEL_PORT
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise ImproperlyConfigured(
            f"REDIS_SENTINELS: {item!r} is not host:port (e.g. sentinel-0.redis:26379)"
        )
    return parts.hostname, port


def redis_sentinel_settings(environ: Mapping[str, str]) -> dict | None:
    """TAPESTRY_REDIS_SENTINEL: None without REDIS_SENTINELS, else the Sentinels' addresses,
    the primary's name and how to talk to the Sentinels (the options of
    home.redis_client.SentinelConnectionPool.from_url)."""
    listed = [item.strip() for item in _value(environ, "REDIS_SENTINELS").split(",")]
    sentinels = [_sentinel_address(item) for item in listed if item]
    if not sentinels:
        return None
    url = _value(environ, "REDIS_URL")
    if url and urlsplit(url).scheme != "redis":
        raise ImproperlyConfigured(
            "With REDIS_SENTINELS, REDIS_URL gives the database and credentials as "
            f"redis://[:password@]{DEFAULT_SENTINEL_MASTER}/<db> (TLS through Sentinel is not"
            f" supported), got scheme {urlsplit(url).scheme!r}"
        )
    sentinel_kwargs = {
        "socket_timeout": SENTINEL_TIMEOUT_SECONDS,
        "socket_connect_timeout": SENTINEL_TIMEOUT_SECONDS,
    }
    password = _value(environ, "REDIS_SENTINEL_PASSWORD")
    if password:
        sentinel_kwargs["password"] = password
    return {
        "sentinels": sentinels,
        "service_name": _value(environ, "REDIS_SENTINEL_MASTER", DEFAULT_SENTINEL_MASTER),
        "sentinel_kwargs": sentinel_kwargs,
    }


def redis_url(environ: Mapping[str, str], sentinel: dict | None) -> str | None:
    """REDIS_URL; with Sentinels and no REDIS_URL, database 0 of the primary without a
    password (the host, the primary's name, is there for people to read)."""
    url = _value(environ, "REDIS_URL")
    if url or not sentinel:
        return url or None
    return f"redis://{sentinel['service_name']}/0"


def redis_cache_settings(url: str, sentinel: dict | None) -> dict:
    """CACHES["default"]: Django's own Redis backend, on redis-py's Sentinel pool when there
    are Sentinels (home.redis_client.SentinelConnectionPool)."""
    cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "tapestry",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    if sentinel:
        cache["OPTIONS"].update(pool_class="home.redis_client.SentinelConnectionPool", **sentinel)
    return cache


def sentinel_broker_url(url: str, sentinel: dict) -> str:
    """kombu's `sentinel://` broker URL: one per Sentinel, each with the Redis servers'
    credentials and database (kombu takes them from the first)."""
    parts = urlsplit(url)
    userinfo = ""
    if parts.username or parts.password:
        userinfo = quote(unquote(parts.username or ""), safe="")
        if parts.password:
            userinfo += ":" + quote(unquote(parts.password), safe="")
        userinfo += "@"
    database = parts.path.strip("/") or "0"
    return ";".join(
        f"sentinel://{userinfo}{f'[{host}]' if ':' in host else host}:{port}/{database}"
        for host, port in sentinel["sentinels"]
    )


def sentinel_transport_options(sentinel: dict) -> dict:
    """The broker's transport options that kombu's Sentinel channel reads."""
    return {
        "master_name": sentinel["service_name"],
        "sentinel_kwargs": dict(sentinel["sentinel_kwargs"]),
    }
