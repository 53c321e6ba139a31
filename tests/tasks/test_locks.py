import datetime
import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from tasks import locks
from tasks.locks import LockLost, lock_held
from tasks.models import Lock
from tests.tasks.celery_processes import ROOT, worker_database_url


@pytest.fixture(params=["postgresql", "rows"])
def backend(request, monkeypatch):
    """PostgreSQL's advisory locks, and the expiring rows used where there is no PostgreSQL."""
    if request.param == "rows":
        monkeypatch.setattr(locks, "_uses_advisory_locks", lambda using: False)
    return request.param


def _in_thread(function):
    """Run `function` in a thread (its own database connection); return or raise its result."""
    outcome = {}

    def target():
        try:
            outcome["result"] = function()
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@pytest.mark.django_db
def test_only_one_holder_at_a_time(backend):
    with lock_held("test-lock", timeout=30) as first, lock_held("test-lock", timeout=30) as second:
        assert first is not None
        assert second is None
    with lock_held("test-lock", timeout=30) as again:
        assert again is not None


@pytest.mark.django_db
def test_a_holder_on_another_connection_keeps_others_out():
    def holder_in_thread():
        with lock_held("test-lock", timeout=30) as held:
            assert held is not None
            return _in_thread(lambda: _try("test-lock"))

    assert holder_in_thread() is False


def _try(name: str) -> bool:
    with lock_held(name, timeout=30) as held:
        return held is not None


@pytest.mark.django_db
def test_a_killed_holder_leaves_no_lock_behind():
    """A process SIGKILLed while holding the lock (a worker killed mid-run): the next holder
    gets it at once, not after an expiry."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django, os, signal; django.setup();"
            "from tasks.locks import lock_held;"
            "held = lock_held('test-lock', timeout=60); assert held.__enter__() is not None;"
            "print('held', flush=True); os.kill(os.getpid(), signal.SIGKILL)",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings",
            "DATABASE_URL": worker_database_url(),
            "PYTHONPATH": str(ROOT),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = holder.communicate(timeout=60)
    assert out.strip() == b"held", err.decode()[-2000:]

    started = time.monotonic()
    while not _try("test-lock"):  # the server notices the closed socket within moments
        assert time.monotonic() - started < 2, "the dead holder's lock outlived it"
        time.sleep(0.05)


@pytest.mark.django_db
def test_a_holder_whose_connection_broke_learns_it_and_the_lock_is_free():
    """A connection error (here: the server ends the holder's session) releases the lock; the
    holder is told (LockLost) instead of carrying on unprotected, and leaving the block is
    clean."""
    seen = {}

    def holder():
        with lock_held("test-lock", timeout=30) as held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (pid,) = cursor.fetchone()
            _in_thread(lambda: _terminate(pid))
            with pytest.raises(LockLost):
                held.extend()
            seen["free while the holder is still in its block"] = _in_thread(
                lambda: _try("test-lock")
            )
        return _try("test-lock")

    assert _in_thread(holder) is True
    assert seen == {"free while the holder is still in its block": True}


def _terminate(pid: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db
def test_a_holder_whose_connection_was_replaced_learns_it():
    def holder():
        with lock_held("test-lock", timeout=30) as held:
            connection.close()  # Django reconnects on the next query, without the lock
            with pytest.raises(LockLost):
                held.extend()
        return _try("test-lock")

    assert _in_thread(holder) is True


@pytest.mark.django_db
def test_a_row_lock_of_a_dead_holder_blocks_only_until_it_expires(monkeypatch):
    monkeypatch.setattr(locks, "_uses_advisory_locks", lambda using: False)
    Lock.objects.create(
        name="test-lock",
        owner="dead-worker",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )

    with lock_held("test-lock", timeout=30) as held:
        assert held is not None
        assert Lock.objects.get(name="test-lock").owner != "dead-worker"
    assert not Lock.objects.filter(name="test-lock").exists()


@pytest.mark.django_db
def test_extend_keeps_a_row_lock(monkeypatch):
    monkeypatch.setattr(locks, "_uses_advisory_locks", lambda using: False)
    with lock_held("test-lock", timeout=1) as held:
        Lock.objects.filter(name="test-lock").update(expires_at=timezone.now())
        held.extend()
        assert Lock.objects.get(name="test-lock").expires_at > timezone.now()


@pytest.mark.django_db
def test_a_row_lock_holder_whose_lock_was_taken_over_learns_it(monkeypatch):
    monkeypatch.setattr(locks, "_uses_advisory_locks", lambda using: False)
    with lock_held("test-lock", timeout=30) as held:
        Lock.objects.filter(name="test-lock").update(owner="someone-else")
        with pytest.raises(LockLost):
            held.extend()


def test_the_publish_lock_is_short_where_it_expires(settings):
    """Where locks are rows, a killed run blocks the next for at most this long: inside the
    15 s go-live target."""
    assert settings.TAPESTRY_PUBLISH_LOCK_TIMEOUT <= 10
