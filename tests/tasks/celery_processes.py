"""Start a real Celery worker and beat against the test database and the tests' Redis."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from tests.helpers import article_create, city_news_index

ROOT = Path(__file__).resolve().parent.parent.parent


def worker_database_url() -> str:
    """The URL of pytest-django's test database (test_<name>), for the subprocesses."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition, *, timeout: float, interval: float = 0.2, message: str = ""):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(message or f"condition not met within {timeout} s")


class CeleryProcesses:
    """A worker (mails, webhooks, Wagtail's tasks), a publisher (scheduled publishing: its own
    queue, as in Procfile.dev and docker-compose) and a beat, each its own process group,
    logging to files under `log_dir`."""

    def __init__(self, log_dir: Path, **env: str) -> None:
        self.log_dir = log_dir
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "PYTHONPATH": str(ROOT),
            "TAPESTRY_PUBLISH_INTERVAL_SECONDS": "1",
            "TAPESTRY_WEBHOOK_DISPATCH_INTERVAL_SECONDS": "1",
            "TAPESTRY_WEBHOOK_RETRY_BASE_SECONDS": "1",
            "TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS": "1",
            "TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS": "2",
            **env,
        }
        self.worker: subprocess.Popen | None = None
        self.publisher: subprocess.Popen | None = None
        self.beat: subprocess.Popen | None = None
        self._worker_count = 0
        self._publisher_count = 0
        # Nothing queued by earlier tests (or runs) reaches these processes.
        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()

    def _start(self, args: list[str], log: Path, env: dict) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "celery", "-A", "cms", *args],
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes its children too
        )

    @property
    def worker_log(self) -> Path:
        return self.log_dir / f"worker-{self._worker_count}.log"

    @property
    def publisher_log(self) -> Path:
        return self.log_dir / f"publisher-{self._publisher_count}.log"

    def _start_worker(self, queues: str, concurrency: int, hostname: str, log: Path, env: dict):
        process = self._start(
            [
                "worker",
                "--queues",
                queues,
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                f"{hostname}@%h",
            ],
            log,
            {**self.env, **env},
        )
        wait_until(
            lambda: "ready." in log.read_text(errors="replace"),
            timeout=60,
            message=f"the worker did not start:\n{log.read_text(errors='replace')[-3000:]}",
        )
        return process

    def start_worker(self, **env: str) -> None:
        self._worker_count += 1
        self.worker = self._start_worker(
            "celery,background", 2, f"test-{self._worker_count}", self.worker_log, env
        )

    def start_publisher(self, **env: str) -> None:
        self._publisher_count += 1
        self.publisher = self._start_worker(
            "publishing", 1, f"publisher-{self._publisher_count}", self.publisher_log, env
        )

    def start_beat(self) -> None:
        log = self.log_dir / "beat.log"
        self.beat = self._start(
            ["beat", "--loglevel", "INFO", "--schedule", str(self.log_dir / "beat-schedule")],
            log,
            self.env,
        )
        wait_until(
            lambda: "Sending due task" in log.read_text(errors="replace"),
            timeout=60,
            message=f"beat did not start:\n{log.read_text(errors='replace')[-3000:]}",
        )

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool: no shutdown, no acknowledgements, no rollback code."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def kill_publisher(self) -> None:
        os.killpg(self.publisher.pid, signal.SIGKILL)
        self.publisher.wait(timeout=10)

    def stop(self) -> None:
        for process in (self.worker, self.publisher, self.beat):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


def pages_scheduled(count: int, *, label: str, first_in: float, spacing: float = 0) -> dict:
    """`count` pages scheduled, then given go-live times `spacing` seconds apart from `first_in`
    seconds from now, in one commit (so a slow machine creating them never publishes one
    early); {page id: go-live time}."""
    later = timezone.now() + datetime.timedelta(hours=1)
    ids = []
    for number in range(count):
        page = article_create(city_news_index(), title=f"{label} {number}")
        page.go_live_at = later
        page.save_revision().publish()  # a future go-live time schedules it
        ids.append(page.pk)
    start = timezone.now() + datetime.timedelta(seconds=first_in)
    scheduled = {
        pk: start + datetime.timedelta(seconds=spacing * number) for number, pk in enumerate(ids)
    }
    with transaction.atomic():
        for revision in Revision.objects.filter(object_id__in=[str(pk) for pk in ids]).exclude(
            approved_go_live_at=None
        ):
            go_live_at = scheduled[int(revision.object_id)]
            content = dict(revision.content, go_live_at=go_live_at.isoformat())
            Revision.objects.filter(pk=revision.pk).update(
                approved_go_live_at=go_live_at, content=content
            )
        for pk, go_live_at in scheduled.items():
            Page.objects.filter(pk=pk).update(go_live_at=go_live_at)
    assert not Page.objects.filter(pk__in=ids, live=True).exists()
    return scheduled
