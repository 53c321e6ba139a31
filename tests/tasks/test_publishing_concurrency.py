"""Two publisher runs at once (threads with their own database connections, committing)."""

import threading

import pytest
from django.db import connection
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from tasks.services import publishing
from tests.tasks.scheduling import due_article

pytestmark = pytest.mark.usefixtures("database_restored", "tree_present")


def _in_threads(function, count: int = 2) -> list:
    barrier = threading.Barrier(count)
    results, errors = [], []

    def target():
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.fixture
def published_signals():
    seen = []
    lock = threading.Lock()

    def receiver(sender, instance, **kwargs):
        if not instance.live:  # Wagtail's signal for scheduling, not publishing
            return
        with lock:
            seen.append(instance.pk)

    page_published.connect(receiver, dispatch_uid="test-concurrent-published")
    yield seen
    page_published.disconnect(dispatch_uid="test-concurrent-published")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_publish_each_page_once(published_signals):
    pages = [due_article() for _ in range(5)]

    runs = _in_threads(publishing.scheduled_publishing_run)

    assert sorted(published_signals) == sorted(page.pk for page in pages)
    assert sum(len(run.published) for run in runs) == 5
    for page in pages:
        assert (
            PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
        )


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_row_locks_still_publish_once(published_signals, monkeypatch):
    """The per-object re-check under select_for_update holds even if two runs got in."""
    from contextlib import contextmanager

    class Held:
        def extend(self):
            pass

    @contextmanager
    def no_lock(name, *, timeout):
        yield Held()

    monkeypatch.setattr(publishing, "lock_held", no_lock)
    pages = [due_article() for _ in range(5)]

    _in_threads(publishing.scheduled_publishing_run)

    assert sorted(published_signals) == sorted(page.pk for page in pages)
