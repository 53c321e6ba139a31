"""`/healthz` against the real PostgreSQL and Redis, and against ones that do not answer."""

import json

import pytest
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper

import cms.health

pytestmark = pytest.mark.django_db

HEALTHZ_URL = "/healthz"
CLOSED_PORT = 1
DEAD_BROKER_URL = f"redis://127.0.0.1:{CLOSED_PORT}/0"
CHECK_NAMES = {"database", "cache", "broker"}
# What a failure report may never contain: traces, addresses, driver messages.
LEAKS = ["Traceback", "127.0.0.1", "refused", "port", 'File "']


@pytest.fixture
def dead_database(monkeypatch):
    """A real PostgreSQL connection object pointed at a port where nothing listens."""
    settings_dict = {
        **connections["default"].settings_dict,
        "HOST": "127.0.0.1",
        "PORT": str(CLOSED_PORT),
    }
    wrapper = DatabaseWrapper(settings_dict, alias="default")
    monkeypatch.setattr(cms.health, "connections", {"default": wrapper})
    yield wrapper
    wrapper.close()


@pytest.fixture
def dead_broker(monkeypatch):
    monkeypatch.setattr(cms.health.celery_app.conf, "broker_url", DEAD_BROKER_URL)
    # Guard against a silent no-op: the check must really dial the patched URL.
    with cms.health.celery_app.connection_for_write() as connection:
        assert connection.port == CLOSED_PORT


def body_of(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def assert_no_leak(response):
    text = response.content.decode()
    for leak in LEAKS:
        assert leak not in text, leak


def test_healthy(client):
    response = client.get(HEALTHZ_URL)

    assert response.status_code == 200
    body = body_of(response)
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECK_NAMES
    for name in CHECK_NAMES:
        assert body["checks"][name]["ok"] is True, name
        assert "error" not in body["checks"][name]
        assert isinstance(body["checks"][name]["ms"], int | float)


def test_never_cached(client):
    response = client.get(HEALTHZ_URL)

    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_database_down(client, dead_database):
    response = client.get(HEALTHZ_URL)

    assert response.status_code == 503
    body = body_of(response)
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    # The other dependencies are still checked and reported.
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True
    assert_no_leak(response)


def test_broker_down(client, dead_broker):
    response = client.get(HEALTHZ_URL)

    assert response.status_code == 503
    body = body_of(response)
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["error"] == "OperationalError"
    assert set(body["checks"]["broker"]) == {"ok", "error", "ms"}
    assert body["checks"]["database"]["ok"] is True
    assert_no_leak(response)


def test_database_and_broker_down(client, dead_database, dead_broker):
    response = client.get(HEALTHZ_URL)

    assert response.status_code == 503
    checks = body_of(response)["checks"]
    assert {name for name, result in checks.items() if not result["ok"]} == {
        "database",
        "broker",
    }


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_only_get(client, method):
    response = getattr(client, method)(HEALTHZ_URL)

    assert response.status_code == 405
    assert "GET" in response["Allow"]
