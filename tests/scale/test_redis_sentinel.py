"""Redis through Sentinel: the primary is SIGKILLed and the Sentinels promote the replica.

- Web side: Django's cache, the rate limits (counted in it) and the response cache answer
  through the new primary after the failover, with nothing restarted.
- Scheduled publishing: a real worker, publisher and beat (tests/tasks/celery_processes.py)
  publish a run of pages going live over several seconds; the primary dies in the middle. Every
  page goes live exactly once, each webhook leaves once, and the same worker, publisher and beat
  processes carry on (a page scheduled and a page published after the failover are handled).

Every process is given the Sentinels' addresses, and a REDIS_URL that names the first primary
(with the database and the password): once that primary is dead, only a process that follows
the Sentinels can go on working.
"""

import json
import uuid
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import caches
from wagtail.models import Page, PageLogEntry, Revision

from cms.settings.redis import redis_cache_settings, redis_sentinel_settings, redis_url
from tasks.models import WebhookDelivery, WebhookEndpoint
from tests.helpers import article_create, city_news_index
from tests.scale.redis_sentinel import RedisWithSentinel
from tests.tasks.celery_processes import CeleryProcesses, pages_scheduled, wait_until
from tests.tasks.receivers import WebhookReceiver

# django_db: the Celery processes work on this process's test database; their test commits, so
# the module puts the database back for the modules after it.
pytestmark = [
    pytest.mark.scale,
    pytest.mark.django_db,
    pytest.mark.usefixtures("database_restored"),
]

SITE = "{ site { name } }"
SITE_AGAIN = "{ site { name defaultLocale } }"
SUBSCRIBE = """mutation($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { status } errors { field code message } }
}"""
PAGES = 12
# Generous: the machine may be loaded, and a failover takes DOWN_AFTER_MS plus an election.
LIVE_TIMEOUT_SECONDS = 180
# What the failover costs the broker comes back by the product's own two recoveries, set to test
# sizes where they have a knob: a message written to the old primary and never replicated
# (replication is asynchronous) is sent again by the outbox relay once it is this old and not
# done; a message a worker held unacknowledged when its connection broke is restored after the
# broker's visibility timeout (276 s by default, bounded below by the tasks' time limits).
OUTBOX_REDELIVER_AFTER_SECONDS = 30
WEBHOOKS_TIMEOUT_SECONDS = settings.CELERY_BROKER_VISIBILITY_TIMEOUT + 120


@pytest.fixture
def redis_servers(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    servers = RedisWithSentinel(folder)
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()


# Web side ---------------------------------------------------------------------------------------


@pytest.fixture
def web_through_sentinel(redis_servers, settings):
    """This process's cache and response cache configured from the Sentinel environment, as
    cms/settings/base.py configures them."""
    environ = redis_servers.environment()
    sentinel = redis_sentinel_settings(environ)
    url = redis_url(environ, sentinel)
    settings.CACHES = {
        "default": {
            **redis_cache_settings(url, sentinel),
            "KEY_PREFIX": f"sentinel-test-{uuid.uuid4().hex}",
        }
    }
    settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE = True
    settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL = url
    settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_SENTINEL = sentinel
    settings.TAPESTRY_RATE_LIMITS = {"subscribe": {"ip": (3, 600)}}
    yield redis_servers
    caches["default"].close()


def _site(client, query: str):
    return client.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json")


def _subscribe_codes(client, address: str, count: int) -> list[str]:
    codes = []
    for number in range(count):
        variables = {"input": {"email": f"resident{number}@example.com"}}
        response = client.post(
            "/graphql/",
            json.dumps({"query": SUBSCRIBE, "variables": variables}),
            content_type="application/json",
            REMOTE_ADDR=address,
        )
        errors = response.json()["data"]["subscribe"]["errors"]
        codes.append(errors[0]["code"] if errors else "OK")
    return codes


def test_the_web_side_answers_through_the_new_primary(web_through_sentinel, client, settings):
    servers = web_through_sentinel
    cache = caches["default"]
    cache.set("probe", "before", 60)
    assert cache.get("probe") == "before"
    assert [_site(client, SITE)["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
    assert _subscribe_codes(client, "203.0.113.1", 4) == ["OK", "OK", "OK", "RATE_LIMITED"]

    servers.kill_primary()
    servers.wait_for_failover()

    # The first requests after the failover are answered, through the new primary.
    cache.set("probe", "after", 60)
    assert cache.get("probe") == "after"
    assert cache.add("counter", 0)
    assert cache.incr("counter") == 1
    assert _subscribe_codes(client, "203.0.113.2", 4) == ["OK", "OK", "OK", "RATE_LIMITED"]
    assert [_site(client, SITE_AGAIN)["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
    promoted = servers.client(servers.replica_port)
    assert promoted.exists(cache.make_key("probe"))
    assert promoted.keys(f"{settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX}:r:*")


# Scheduled publishing ---------------------------------------------------------------------------


def _live(ids) -> int:
    return Page.objects.filter(pk__in=ids, live=True).count()


def _pages_received(receiver: WebhookReceiver) -> Counter:
    return Counter(json.loads(request.body)["page"]["id"] for request in receiver.requests)


@pytest.fixture
def receiver():
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_goes_on_through_a_failover(redis_servers, receiver, tmp_path):
    WebhookEndpoint.objects.create(
        name="Residents' site", url=receiver.url, events=["page.published"]
    )
    logs = tmp_path / "celery"
    logs.mkdir()
    celery = CeleryProcesses(
        logs,
        TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS=str(OUTBOX_REDELIVER_AFTER_SECONDS),
        **redis_servers.environment(),
    )
    try:
        celery.start_worker()
        celery.start_publisher()
        celery.start_beat()
        processes = {"worker": celery.worker, "publisher": celery.publisher, "beat": celery.beat}
        pids = {name: process.pid for name, process in processes.items()}

        scheduled = pages_scheduled(PAGES, label="Failover notice", first_in=4, spacing=1)
        wait_until(
            lambda: _live(scheduled) >= 3,
            timeout=60,
            interval=0.1,
            message="publishing never started",
        )
        killed = redis_servers.kill_primary()
        live_at_kill = _live(scheduled)
        promoted = redis_servers.wait_for_failover()

        wait_until(
            lambda: _live(scheduled) == PAGES,
            timeout=LIVE_TIMEOUT_SECONDS,
            interval=0.25,
            message=f"a page was lost:\n{celery.publisher_log.read_text()[-3000:]}",
        )
        # After the failover: a page scheduled then goes live (beat and the publisher), and a
        # page published then has its webhook sent (the worker).
        after = pages_scheduled(1, label="Failover notice after", first_in=1)
        wait_until(
            lambda: _live(after) == 1,
            timeout=LIVE_TIMEOUT_SECONDS,
            message=f"beat or the publisher stopped:\n{celery.worker_log.read_text()[-3000:]}",
        )
        published = article_create(city_news_index(), title="After the failover", publish=True)
        expected = {*scheduled, *after, published.pk}
        wait_until(
            lambda: set(_pages_received(receiver)) >= expected,
            timeout=WEBHOOKS_TIMEOUT_SECONDS,
            message=f"webhooks did not leave:\n{celery.worker_log.read_text()[-3000:]}",
        )

        for name, process in processes.items():
            assert process.poll() is None, f"the {name} exited"
            assert process.pid == pids[name], f"the {name} was restarted"
    finally:
        celery.stop()

    for page in Page.objects.filter(pk__in=[*scheduled, *after]):
        logged = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
        assert logged.count() == 1, f"page {page.pk} published {logged.count()} times"
        assert page.live_revision_id is not None
        assert not Revision.objects.filter(object_id=str(page.pk)).exclude(
            approved_go_live_at=None
        ), f"page {page.pk} is still scheduled"
    deliveries = Counter(
        WebhookDelivery.objects.filter(event_type="page.published").values_list(
            "payload__page__id", flat=True
        )
    )
    assert deliveries == dict.fromkeys(expected, 1)
    received = _pages_received(receiver)
    assert received == dict.fromkeys(expected, 1), "a webhook was sent twice"
    lags = [
        (page.last_published_at - scheduled[page.pk]).total_seconds()
        for page in Page.objects.filter(pk__in=scheduled)
    ]
    print(
        f"Sentinel failover: {PAGES} pages scheduled, {live_at_kill} live when the primary "
        f"was killed, all {PAGES} live once; failover took {promoted - killed:.1f} s, "
        f"go-live lag max {max(lags):.1f} s"
    )
