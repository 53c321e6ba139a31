"""Settings for the test suite: real PostgreSQL and Redis, fast hashing, nothing sent."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tapestry")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_url_of_xdist_worker(url: str, worker: str) -> str:
    """pytest-xdist worker gwN uses the Redis database N below the suite's own (15, 14, ...).

    Each worker has its own test database already; a shared Redis database would let one
    worker's real Celery processes consume (or flush) the other's queued tasks.
    """
    base, _, number = url.rstrip("/").rpartition("/")
    return f"{base}/{int(number or 0) - int(worker.removeprefix('gw'))}"


# Done once per test process; the Celery processes a test starts inherit the result.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and not os.environ.get("TAPESTRY_TEST_REDIS_PER_WORKER"):
    os.environ["REDIS_URL"] = _redis_url_of_xdist_worker(os.environ["REDIS_URL"], _worker)
    os.environ["TAPESTRY_TEST_REDIS_PER_WORKER"] = "1"

from cms.settings.base import *  # noqa: E402, F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
VAR_DIR = BASE_DIR / "var" / "test"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "media"
CACHES["default"]["KEY_PREFIX"] = f"tapestry-test-{os.getpid()}"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
# Off: tests share one Redis and reuse documents against changing data. The response cache's
# own tests turn it on, under a prefix of their own.
TAPESTRY_GRAPHQL_RESPONSE_CACHE = False
TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX = f"tapestry-test-{os.getpid()}:graphql"
# Every prepared queryset is compiled again and compared: a key that leaves something out fails.
TAPESTRY_PREPARED_QUERIES_CHECK = True
# Wagtail's index updates run inside the test's process, so tests see them at once; the Celery
# backend itself is tested on its own (tests/tasks/).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
TAPESTRY_GRAPHQL_INTROSPECTION = True
# Tests share one client address; the rate limit tests set their own small limits.
TAPESTRY_RATE_LIMITS = {
    action: {kind: (10_000, window) for kind, (_count, window) in limits.items()}
    for action, limits in TAPESTRY_RATE_LIMITS.items()  # noqa: F405
}
