"""Scheduled publishing under faults, with real processes: a worker, a publisher and a beat as in
Procfile.dev and docker-compose, against the test database and a Redis.

Each test schedules a batch of pages, breaks something at their go-live time, and asserts that
every page went live exactly once (one "scheduled publish" log entry, one live revision) and at
most 15 s late (p100). These tests commit, so the module restores the database afterwards.
"""

import shutil
import subprocess
import time

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from tasks.models import WebhookEndpoint
from tests.helpers import article_create, city_news_index
from tests.tasks.celery_processes import CeleryProcesses, pages_scheduled, wait_until
from tests.tasks.receivers import WebhookReceiver, free_port

pytestmark = [
    pytest.mark.chaos,
    pytest.mark.usefixtures("database_restored", "tree_present"),
    pytest.mark.django_db(transaction=True),
]

LAG_TARGET_SECONDS = 15


def _wait_until_due(scheduled: dict) -> None:
    time.sleep(max(0.0, (max(scheduled.values()) - timezone.now()).total_seconds()))


def _assert_each_live_once_and_on_time(scheduled: dict, *, timeout: float = 40) -> list[float]:
    wait_until(
        lambda: Page.objects.filter(pk__in=scheduled, live=True).count() == len(scheduled),
        timeout=timeout,
        interval=0.25,
        message="a scheduled page never went live (lost)",
    )
    lags = []
    for page in Page.objects.filter(pk__in=scheduled):
        published = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
        assert published.count() == 1, f"page {page.pk} published {published.count()} times"
        lags.append((page.last_published_at - scheduled[page.pk]).total_seconds())
    assert max(lags) <= LAG_TARGET_SECONDS, f"go-live lag p100 {max(lags):.1f} s"
    return lags


@pytest.fixture
def processes(tmp_path, django_db_blocker):
    started = []

    def start(**env: str) -> CeleryProcesses:
        celery = CeleryProcesses(tmp_path, **env)
        started.append(celery)
        return celery

    yield start
    for celery in started:
        celery.stop()


def test_publisher_sigkilled_during_a_run(processes):
    """The publisher dies mid-run at go-live and a new one starts (as a supervisor restarts
    it): the lock died with the old one, so the new one's first run finishes the batch at once
    (it waited out a 60 s Redis lock before). The pages left are live within 15 s of the new
    publisher being ready; the time it takes a process to start is not the lock's to count."""
    celery = processes()
    celery.start_publisher(TAPESTRY_TEST_PUBLISH_DELAY="0.5")
    celery.start_beat()
    scheduled = pages_scheduled(8, label="Killed run notice", first_in=3)

    wait_until(
        lambda: Page.objects.filter(pk__in=scheduled, live=True).exists(),
        timeout=30,
        interval=0.05,
        message="publishing never started",
    )
    celery.kill_publisher()
    left = set(scheduled) - set(
        Page.objects.filter(pk__in=scheduled, live=True).values_list("pk", flat=True)
    )
    assert left
    celery.start_publisher()
    ready_at = timezone.now()

    wait_until(
        lambda: Page.objects.filter(pk__in=scheduled, live=True).count() == len(scheduled),
        timeout=40,
        interval=0.25,
        message="a scheduled page never went live (lost)",
    )
    for page in Page.objects.filter(pk__in=scheduled):
        published = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
        assert published.count() == 1, f"page {page.pk} published {published.count()} times"
    stall = max(
        (page.last_published_at - ready_at).total_seconds()
        for page in Page.objects.filter(pk__in=left)
    )
    assert stall <= LAG_TARGET_SECONDS, f"the new publisher took {stall:.1f} s"


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of the test's own on a free loopback port, persisting as production does."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = free_port()
    data = tmp_path / "redis"
    data.mkdir()
    command = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(data),
        "--appendonly",
        "yes",
        "--save",
        "",
    ]

    class OwnRedis:
        url = f"redis://127.0.0.1:{port}/0"
        process: subprocess.Popen | None = None

        def start(self) -> None:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            wait_until(self._answers, timeout=10, message="redis-server did not start")

        def _answers(self) -> bool:
            import redis

            try:
                return redis.Redis.from_url(self.url, socket_timeout=1).ping()
            except redis.exceptions.ConnectionError:
                return False

        def stop(self) -> None:
            if self.process and self.process.poll() is None:
                self.process.terminate()  # SIGTERM: Redis writes its append-only file and exits
                self.process.wait(timeout=10)

    server = OwnRedis()
    server.start()
    yield server
    server.stop()


def test_redis_restarted_at_go_live(processes, own_redis):
    celery = processes(REDIS_URL=own_redis.url)
    celery.start_worker()
    celery.start_publisher()
    celery.start_beat()
    scheduled = pages_scheduled(8, label="Redis restart notice", first_in=4)

    _wait_until_due(scheduled)
    own_redis.stop()
    time.sleep(1)
    own_redis.start()

    _assert_each_live_once_and_on_time(scheduled)


def test_a_slow_webhook_receiver_does_not_delay_publishing(processes):
    """Every publish sends a webhook to a receiver answering in 9 s: the worker's slots are
    busy for a long while, and scheduled pages still go live on time."""
    receiver = WebhookReceiver(delay=9)
    try:
        WebhookEndpoint.objects.create(
            name="Slow frontend", url=receiver.url, events=["page.published"]
        )
        celery = processes()
        celery.start_worker()
        celery.start_publisher()
        celery.start_beat()
        # A backlog of deliveries: 6 x 9 s on two slots, then one per scheduled page.
        for number in range(6):
            article_create(city_news_index(), title=f"Busy notice {number}", publish=True)
        scheduled = pages_scheduled(6, label="Slow webhook notice", first_in=3)

        _assert_each_live_once_and_on_time(scheduled)
        wait_until(lambda: len(receiver.requests) >= 2, timeout=30, message="no webhook arrived")
    finally:
        receiver.close()
    keys = [request.headers["Idempotency-Key"] for request in receiver.requests]
    assert len(keys) == len(set(keys)), "a webhook delivery was sent twice"
