"""Scheduled-publishing lag: how long after their go-live time pages really go live.

Creates a scratch PostgreSQL database, migrates it and runs `setup_tapestry`, starts a real
Celery worker, publishing worker and beat (as `make run` and docker-compose do) against it and
Redis, schedules a batch of pages a few seconds ahead, waits until all are live and prints the
distribution of `last_published_at - go_live_at`. The scratch database is dropped afterwards.

    make bench-publishing          # or: .venv/bin/python bench/publishing_lag.py --pages 50

Needs PostgreSQL and Redis: BENCH_POSTGRES_URL (a database on the server to connect to, default
postgres://postgres@127.0.0.1:5432/postgres) and BENCH_REDIS_URL (default
redis://127.0.0.1:6379/14; the bench empties the Celery queues in it).
"""

import argparse
import datetime
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent


def _database_urls(server_url: str, name: str) -> tuple[str, str]:
    parsed = urlparse(server_url)
    return server_url, urlunparse(parsed._replace(path=f"/{name}"))


def _psql(server_url: str, sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(server_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "celery", "-A", "cms", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _celery_queues_empty(redis_url: str) -> None:
    """Remove Celery's queues and bookkeeping keys (and nothing else) from the Redis database."""
    import redis

    client = redis.Redis.from_url(redis_url)
    stale = [*client.keys("_kombu.*"), *client.keys("unacked*")]
    client.delete("celery", "background", "publishing", *stale)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40, help="pages in the batch (40)")
    parser.add_argument(
        "--ahead", type=float, default=8, help="seconds ahead the first page is due (8)"
    )
    parser.add_argument(
        "--spread", type=float, default=20, help="go-live times spread over this many seconds"
    )
    parser.add_argument("--interval", type=int, default=None, help="beat interval (setting)")
    parser.add_argument("--keep-logs", action="store_true")
    options = parser.parse_args()

    server_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    name = f"tapestry_bench_{os.getpid()}"
    server_url, database_url = _database_urls(server_url, name)
    logs = Path(tempfile.mkdtemp(prefix="tapestry-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TAPESTRY_VAR_DIR": str(logs / "var"),
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if options.interval:
        env["TAPESTRY_PUBLISH_INTERVAL_SECONDS"] = str(options.interval)
    os.environ.update(env)

    _psql(server_url, f"CREATE DATABASE {name}")
    worker = publisher = beat = None
    try:
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.utils import timezone
        from wagtail.models import Page

        from articles.models import ArticleIndexPage, ArticlePage
        from home.models import HomePage

        _celery_queues_empty(redis_url)
        print(f"setting up a scratch database {name} ...", flush=True)
        call_command("migrate", verbosity=0)
        call_command("setup_tapestry", verbosity=0)

        worker = _start(
            ["worker", "--loglevel", "WARNING", "--concurrency", "2", "-Q", "celery,background"],
            env,
            logs / "worker.log",
        )
        publisher = _start(
            ["worker", "--loglevel", "WARNING", "--concurrency", "1", "-Q", "publishing"],
            env,
            logs / "publisher.log",
        )
        beat = _start(
            ["beat", "--loglevel", "WARNING", "--schedule", str(logs / "beat-schedule")],
            env,
            logs / "beat.log",
        )

        home = HomePage.objects.get(depth=2, locale__language_code="en")
        index = ArticleIndexPage.objects.child_of(home).get()
        first_due = timezone.now() + datetime.timedelta(seconds=options.ahead)
        step = options.spread / max(1, options.pages - 1)
        scheduled = {}
        for number in range(options.pages):
            go_live_at = first_due + datetime.timedelta(seconds=number * step)
            page = ArticlePage(
                title=f"Benchmark notice {number}",
                slug=f"benchmark-notice-{number}",
                kind=ArticlePage.Kind.NOTICE,
                summary="Scheduled by the publishing benchmark.",
                live=False,
                go_live_at=go_live_at,
            )
            index.add_child(instance=page)
            page.save_revision().publish()  # a future go-live time schedules it
            scheduled[page.pk] = go_live_at
        if timezone.now() >= first_due:
            print("scheduling took longer than --ahead; raise it", file=sys.stderr)
            return 1
        print(
            f"{options.pages} pages due from {first_due:%H:%M:%S} over {options.spread:g} s; "
            f"beat every {settings.TAPESTRY_PUBLISH_INTERVAL_SECONDS} s",
            flush=True,
        )

        deadline = time.monotonic() + options.ahead + options.spread + 120
        while time.monotonic() < deadline:
            if Page.objects.filter(pk__in=scheduled, live=True).count() == len(scheduled):
                break
            time.sleep(0.5)
        published = dict(
            Page.objects.filter(pk__in=scheduled, live=True).values_list("pk", "last_published_at")
        )
        missing = len(scheduled) - len(published)
        lags = [(published[pk] - scheduled[pk]).total_seconds() for pk in published]
    finally:
        for process in (beat, worker, publisher):
            if process:
                _stop(process)
        from django.db import connections

        connections.close_all()
        _psql(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _celery_queues_empty(redis_url)  # what the stopped worker left is for a dropped database

    if not lags:
        print("no page went live", file=sys.stderr)
        return 1
    print()
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"pages:    {len(lags)} live, {missing} not live within the wait")
    print("go-live lag (seconds after go_live_at):")
    print(
        f"  min {min(lags):.2f}   p50 {statistics.median(lags):.2f}   "
        f"p95 {_percentile(lags, 0.95):.2f}   max {max(lags):.2f}"
    )
    target = 15
    late = sum(lag > target for lag in lags)
    print(f"  later than the {target} s target: {late}")
    if options.keep_logs:
        print(f"logs: {logs}")
    return 0 if not missing and not late else 1


if __name__ == "__main__":
    sys.exit(main())
