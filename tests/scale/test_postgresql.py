"""Tapestry on a PostgreSQL set-up of its own: a primary, a streaming replica (pg_basebackup)
and PgBouncer in transaction mode, on loopback ports, seeded with this test process's database.

- Replicas: a web node (gunicorn) with DATABASE_REPLICA_URLS sends the API's anonymous reads
  there and writes to the primary, and passes over a replica behind the last purge or down.
- PgBouncer: a web node with DATABASE_POOL_MODE=transaction answers reads and mutations through
  the pooler, and the publishing lock is taken and released on the direct connection.
"""

import json
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from tests.scale.postgres import (
    PgBouncer,
    database_copy,
    primary_create,
    replica_create,
    server_folder,
)
from tests.scale.web_node import ROOT, WebNode, free_port
from tests.tasks.celery_processes import wait_until, worker_database_url

# django_db: pytest-django makes the test database (which the clusters are seeded from) only for
# modules that ask for one.
pytestmark = [pytest.mark.scale, pytest.mark.django_db]

DATABASE = "tapestry"
HOME = '{ page(path: "/", locale: "en") { id title } }'
SUBSCRIBE = """mutation($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { status } errors { field code message } }
}"""


@pytest.fixture(scope="module")
def replicated(tmp_path_factory, django_db_setup, django_db_blocker):
    logs = tmp_path_factory.mktemp("replication")
    with django_db_blocker.unblock():
        source = worker_database_url()
    folder = server_folder()
    primary = primary_create(folder / "primary", free_port())
    replica = None
    node = None
    try:
        database_copy(source, primary, DATABASE)
        replica = replica_create(primary, folder / "replica", free_port())
        node = WebNode(
            logs / "web.log",
            DATABASE_URL=primary.url(DATABASE),
            DATABASE_REPLICA_URLS=replica.url(DATABASE),
            TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS="2",
        ).start()
        yield primary, replica, node
    finally:
        if node is not None:
            node.stop()
        if replica is not None:
            replica.stop()
        primary.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _now(cluster):
    return cluster.query("SELECT clock_timestamp()")[0][0]


def _last_queries(cluster, since=None) -> list[str]:
    """The last statement of every other client connected to the test database (begun after
    `since`, a time on the cluster's clock)."""
    return [
        query
        for (query,) in cluster.query(
            "SELECT query FROM pg_stat_activity WHERE datname = %s "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid() "
            "AND (%s::timestamptz IS NULL OR query_start > %s::timestamptz)",
            [DATABASE, since, since],
            database=DATABASE,
        )
    ]


def _home_title(cluster) -> str:
    (row,) = cluster.query(
        "SELECT title FROM wagtailcore_page WHERE depth = 2 AND locale_id = "
        "(SELECT id FROM wagtailcore_locale WHERE language_code = 'en')",
        database=DATABASE,
    )
    return row[0]


def _replayed(primary, replica) -> bool:
    (position,) = primary.query("SELECT pg_current_wal_lsn()::text")[0]
    (caught_up,) = replica.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])[0]
    return caught_up


def _purge(node: WebNode) -> None:
    """What a publish's purge task does, with the web node's settings."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from tasks.cache import purge_cache_tags; "
            "purge_cache_tags.run(['page-1'])",
        ],
        cwd=ROOT,
        env=node.env,
        check=True,
        capture_output=True,
    )


def test_anonymous_reads_arrive_at_the_replica_and_writes_at_the_primary(replicated):
    primary, replica, node = replicated
    since = _now(replica)
    response = node.graphql(HOME)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["page"]["title"] == _home_title(primary)
    assert any("wagtailcore_page" in query for query in _last_queries(replica, since))

    email = f"replica-{uuid.uuid4().hex[:8]}@example.org"
    response = node.graphql(SUBSCRIBE, {"input": {"email": email, "website": ""}}, method="POST")
    assert response.status_code == 200, response.text
    assert response.json()["data"]["subscribe"]["errors"] == []
    found = primary.query(
        "SELECT status FROM communities_noticesubscription WHERE email = %s",
        [email],
        database=DATABASE,
    )
    assert found == [("pending",)] or found == [("PENDING",)]
    # The mutation's statements never reached the replica (a hot standby would refuse them).
    assert not any("noticesubscription" in query for query in _last_queries(replica))
    # ... and the replica follows the primary.
    wait_until(lambda: _replayed(primary, replica), timeout=10, message="replica not streaming")


def test_a_replica_behind_the_last_purge_is_passed_over(replicated):
    primary, replica, node = replicated
    replica.query("SELECT pg_wal_replay_pause()")
    try:
        title = f"Home {uuid.uuid4().hex[:6]}"
        primary.query(
            "UPDATE wagtailcore_page SET title = %s WHERE depth = 2 AND locale_id = "
            "(SELECT id FROM wagtailcore_locale WHERE language_code = 'en')",
            [title],
            database=DATABASE,
        )
        _purge(node)  # the change committed, then the caches were told
        assert _home_title(replica) != title  # the replica has not replayed it
        response = node.graphql(HOME)
        assert response.json()["data"]["page"]["title"] == title
    finally:
        replica.query("SELECT pg_wal_replay_resume()")
    wait_until(lambda: _replayed(primary, replica), timeout=10, message="replica not streaming")
    since = _now(replica)
    response = node.graphql(HOME)
    assert response.json()["data"]["page"]["title"] == title
    assert any("wagtailcore_page" in query for query in _last_queries(replica, since))


def test_the_api_answers_from_the_primary_while_the_replica_is_down(replicated):
    primary, replica, node = replicated
    replica.stop()
    try:
        started = time.monotonic()
        response = node.graphql(HOME)
        assert response.status_code == 200, response.text
        assert response.json()["data"]["page"]["title"] == _home_title(primary)
        assert time.monotonic() - started < 10
        assert "cannot be reached" in node.log.read_text()
    finally:
        replica.start()
        replica.wait_ready()
    # Back in use once the node's retry interval (2 s here) has passed.
    time.sleep(2.5)
    wait_until(lambda: _replayed(primary, replica), timeout=20, message="replica not streaming")
    since = _now(replica)
    response = node.graphql(HOME)
    assert response.status_code == 200
    assert any("wagtailcore_page" in query for query in _last_queries(replica, since))


LOCK_PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.db import connections
from tasks.locks import lock_held

def advisory_locks():
    with connections["default"].cursor() as cursor:  # through the pooler
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
        return cursor.fetchone()[0]

with lock_held("tapestry-test-probe", timeout=5) as held:
    during = advisory_locks()
after = advisory_locks()
print(json.dumps({
    "held": held is not None,
    "port": connections[settings.TAPESTRY_LOCK_DATABASE].settings_dict["PORT"],
    "during": during,
    "after": after,
}))
"""


@pytest.fixture(scope="module")
def pooled(replicated, tmp_path_factory):
    primary, _replica, _node = replicated
    bouncer = PgBouncer(primary, DATABASE, free_port()).start()
    node = None
    try:
        node = WebNode(
            tmp_path_factory.mktemp("pooled") / "web.log",
            DATABASE_URL=bouncer.url(),
            DATABASE_POOL_MODE="transaction",
            DATABASE_DIRECT_URL=primary.url(DATABASE),
        ).start()
        yield primary, bouncer, node
    finally:
        if node is not None:
            node.stop()
        bouncer.stop()


def _transactions_through(bouncer) -> int:
    return sum(
        row["total_xact_count"]
        for row in bouncer.admin("SHOW STATS")
        if row["database"] == DATABASE
    )


def test_reads_and_writes_go_through_pgbouncer_in_transaction_mode(pooled):
    primary, bouncer, node = pooled
    before = _transactions_through(bouncer)
    response = node.graphql(HOME)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["page"]["title"] == _home_title(primary)
    email = f"pooled-{uuid.uuid4().hex[:8]}@example.org"
    response = node.graphql(SUBSCRIBE, {"input": {"email": email, "website": ""}}, method="POST")
    assert response.json()["data"]["subscribe"]["errors"] == [], response.text
    assert primary.query(
        "SELECT count(*) FROM communities_noticesubscription WHERE email = %s",
        [email],
        database=DATABASE,
    ) == [(1,)]
    assert _transactions_through(bouncer) > before


def test_the_publishing_lock_lives_on_the_direct_connection(pooled):
    primary, _bouncer, node = pooled
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", LOCK_PROBE],
        cwd=ROOT,
        env=node.env,
        check=True,
        capture_output=True,
        text=True,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe == {"held": True, "port": primary.port, "during": 1, "after": 0}
