"""`/healthz`: whether the database, the cache, the Celery broker and (when it is on) the GraphQL
response cache answer. Any of them down is a 503, the response cache included, as the cache is:
the API still answers without it, uncached, but the deployment is not as it should be."""

import time
import uuid

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.celery import app as celery_app
from schema.core import response_cache

BROKER_TIMEOUT_SECONDS = 3


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def check_cache() -> None:
    cache = caches["default"]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("value written was not read back")
    finally:
        cache.delete(key)


def check_broker() -> None:
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def checks_enabled() -> dict:
    if response_cache.enabled():
        return {**CHECKS, "response_cache": response_cache.check}
    return CHECKS


def run_checks() -> dict[str, dict]:
    results = {}
    for name, check in checks_enabled().items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # a health check reports every failure, whatever its kind
            results[name] = {"ok": False, "error": type(exc).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return results


@never_cache
@require_GET
def healthz(request):
    checks = run_checks()
    healthy = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
