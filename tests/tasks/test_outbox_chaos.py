"""Chaos: the broker is down when changes commit. A real worker and beat on a Redis of the test's
own; that Redis is stopped, editors submit and publish, it comes back after 30 s. Nothing is
lost (every mail, index entry and purge happens) and nothing is doubled, even when every message
is delivered a second time."""

import datetime
import shutil
import subprocess
import time

import pytest
from django.db.models import Count
from wagtail.models import Page, ReferenceIndex

from articles.models import ArticlePage
from cms.celery import app
from tasks.models import OutboxMessage
from tasks.services import outbox as outbox_service
from tests.helpers import (
    admin_edit_url,
    article_create,
    article_form_data,
    city_news_index,
    community_news_index,
)
from tests.tasks.celery_processes import CeleryProcesses, wait_until
from tests.tasks.receivers import SMTPServer, free_port
from tests.tasks.workflows import people, review_workflow

pytestmark = [pytest.mark.chaos, pytest.mark.usefixtures("database_restored", "tree_present")]

BROKER_DOWN = datetime.timedelta(seconds=30)
# From the broker's return to every intent done: the worker's and beat's reconnect backoff
# (2, 4, 6 ... s) plus a relay pass; measured 6-12 s.
RECOVERY_BOUND = datetime.timedelta(seconds=30)
REDIS_SERVER = shutil.which("redis-server") or "redis-server"


class Redis:
    """A throwaway redis-server on a free loopback port, without persistence."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local command
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, message="redis-server did not start")

    def _answers(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
        except redis.exceptions.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def chaos(tmp_path, django_db_blocker, settings):
    """Worker and beat on their own Redis; this process publishes to it too, and hands
    Wagtail's index tasks to Celery as production does."""
    redis = Redis()
    redis.start()
    smtp_port = free_port()
    purge_log = tmp_path / "purges.log"
    purge_log.touch()
    processes = CeleryProcesses(
        tmp_path,
        REDIS_URL=redis.url,
        CELERY_BROKER_URL=redis.url,
        TAPESTRY_TEST_SMTP_PORT=str(smtp_port),
        TAPESTRY_TEST_PURGE_LOG=str(purge_log),
        TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS="1",
    )
    previous_broker = app.conf.broker_url
    settings.TASKS = {"default": {"BACKEND": "tasks.backends.CeleryBackend"}}
    smtp = SMTPServer(smtp_port)
    _use_broker(redis.url)
    try:
        with django_db_blocker.unblock():
            processes.start_worker()
            processes.start_beat()
        yield processes, redis, smtp, purge_log
    finally:
        processes.stop()
        smtp.close()
        redis.stop()
        _use_broker(previous_broker)


def _use_broker(url: str) -> None:
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    # The producer pool holds the connection pool it was made from: a closed one after the above.
    app.amqp._producer_pool = None
    outbox_service._kick_paused_until = 0.0


@pytest.mark.django_db(transaction=True)
def test_broker_down_at_commit_loses_and_doubles_nothing(chaos, client):
    processes, redis, smtp, purge_log = chaos
    OutboxMessage.objects.all().delete()  # the setup data's own intents, never consumed here
    review_workflow()
    who = people()
    submitted = article_create(community_news_index(), title="Temple fair stalls")
    other = article_create(city_news_index(), publish=True)
    client.force_login(who["editor"])
    # The setup's own effects (and what their tasks enqueue in turn) are done before the fault.
    wait_until(_all_settled, timeout=30, message="the setup's intents are not done")
    before = OutboxMessage.objects.order_by("pk").values_list("pk", flat=True).last() or 0

    redis.stop()
    stopped = time.monotonic()
    # An editor submits for moderation (mails to two moderators) and another page goes live
    # (search and reference index updates, a cache purge, notices), all while the broker is down.
    response = client.post(
        admin_edit_url(submitted),
        article_form_data(
            title=submitted.title, slug=submitted.slug, **{"action-submit": "Submit"}
        ),
    )
    assert response.status_code == 302
    published = article_create(
        city_news_index(), title="Lantern riddles at the old gate", publish=True, supersedes=other
    )
    commit_took = time.monotonic() - stopped
    committed = OutboxMessage.objects.filter(pk__gt=before)
    intents = committed.count()
    assert intents >= 5
    assert not committed.filter(sent_at__isnull=False).exists()  # nothing reached the broker
    time.sleep(max(0.0, BROKER_DOWN.total_seconds() - (time.monotonic() - stopped)))

    redis.start()
    back = time.monotonic()
    wait_until(_all_settled, timeout=RECOVERY_BOUND.total_seconds(), message="intents open")
    recovered_in = time.monotonic() - back
    # A failed intent is a lost effect.
    assert not OutboxMessage.objects.filter(failed_at__isnull=False).exists()
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()

    moderators = sorted([who["moderator"].email, who["other_moderator"].email])
    wait_until(lambda: len(smtp.messages) >= 2, timeout=10, message="no moderation mail")
    mails_before = _mails(smtp)
    purges_before = purge_log.read_text().splitlines()
    assert sorted(r for r, subject in mails_before if "Temple fair stalls" in subject) == moderators
    assert any(str(published.pk) in line or "page" in line for line in purges_before)
    assert published.pk in [
        page.pk for page in ArticlePage.objects.live().search("Lantern riddles")
    ]
    assert ReferenceIndex.objects.filter(
        object_id=str(published.pk), to_object_id=str(other.pk)
    ).exists()

    # Every message delivered a second time (a crash between send and record, say): no effect.
    done = list(OutboxMessage.objects.all())
    for message in done:
        outbox_service._publish(message)
    wait_until(
        lambda: (
            processes.worker_log.read_text(errors="replace").count("already done, skipped")
            >= len(done)
        ),
        timeout=30,
        message="the second copies were not all consumed",
    )
    time.sleep(1)

    mails = _mails(smtp)
    assert mails == mails_before
    assert len(mails) == len(set(mails)), "a mail went out twice"
    assert purge_log.read_text().splitlines() == purges_before
    assert (
        len(purges_before)
        == OutboxMessage.objects.filter(task="tasks.cache.purge_cache_tags").count()
    )
    assert not Page.objects.filter(pk=published.pk, live=False).exists()
    doubled = OutboxMessage.objects.values("key").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not doubled
    print(  # the measurement, shown with -s
        f"{intents} intents committed in {commit_took:.2f} s with the broker down; "
        f"all done {recovered_in:.1f} s after it came back"
    )


def _all_settled() -> bool:
    """No intent is still open (not done and not failed)."""
    return not OutboxMessage.objects.filter(done_at__isnull=True, failed_at__isnull=True).exists()


def _mails(smtp: SMTPServer) -> list[tuple[str, str]]:
    return sorted(
        (address, message["Subject"])
        for addresses, message in smtp.messages
        for address in addresses
    )
