"""Settings for `make bench`: production behaviour on a benchmark database, plus Wagtail's REST API.

The REST API (wagtail.api.v2) is mounted only here (bench/urls.py, with the Django floor view),
as the yardstick for the GraphQL API; the product never serves it. The response cache is on (Redis
is set); `bench.api` starts a second server with TAPESTRY_GRAPHQL_RESPONSE_CACHE=false.
"""

import os
import secrets

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tapestry_bench"
)
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")

# Production settings read these at import; the runner passes one SECRET_KEY to every process.
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
os.environ["REDIS_URL"] = BENCH_REDIS_URL
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
# Plain HTTP on the loopback interface: no TLS proxy in front of the benchmark.
os.environ["SECURE_SSL_REDIRECT"] = "false"

from cms.settings.production import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = "tapestry-bench"  # noqa: F405
# Same page-size ceiling as the GraphQL API (TAPESTRY_GRAPHQL_MAX_PAGE_SIZE), not Wagtail's 20.
WAGTAILAPI_LIMIT_MAX = TAPESTRY_GRAPHQL_MAX_PAGE_SIZE  # noqa: F405
WAGTAILAPI_BASE_URL = "http://localhost"
# Request logs would cost the server time the benchmark measures.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
