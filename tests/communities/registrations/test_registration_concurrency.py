"""Capacity holds under concurrency: up to 50 residents race for 10 seats on PostgreSQL.

Each registration runs in its own thread with its own database connection and transaction, all
released at once; the database's row lock on the event is what keeps the count right. The test
commits, so the module restores the database afterwards.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from communities.engagement import EngagementError
from communities.models import EventRegistration
from communities.registrations.services import registration_cancel, registration_create
from tests.helpers import HUACAO, community_events_index, event_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_restored"),
]

RACERS = 50
SEATS = 10
# Connections left free for the rest of the suite: the other test process may be running real
# Celery workers and live servers against the same PostgreSQL server at the same time.
CONNECTIONS_SPARED = 15


def racers_possible() -> int:
    """50, or fewer when the server has fewer connections free (never under twice the seats)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)"
        )
        (free,) = cursor.fetchone()
    return max(2 * SEATS, min(RACERS, free - CONNECTIONS_SPARED))


def _connect_patiently() -> bool:
    """Open this thread's connection, waiting out a moment when the server is full (the other
    test process's real workers and live servers come and go); False if it never frees up."""
    for attempt in range(25):
        try:
            connection.ensure_connection()
            return True
        except OperationalError as error:
            if "too many clients" not in str(error):
                raise
            time.sleep(0.2 * (1 + attempt % 5))
    return False


def race(event_id: int, racers: int) -> tuple[dict[str, str], list[Exception], int]:
    """`racers` threads register at once, each on a connection it opened before the start. A
    thread that cannot get a connection stays out of the race; the number that ran is returned."""
    tokens: dict[str, str] = {}
    failures: list[Exception] = []
    lock = threading.Lock()
    ready = threading.Condition(lock)
    go = threading.Event()
    counts = {"connected": 0, "settled": 0}

    def register(number: int) -> None:
        try:
            connected = _connect_patiently()
            with ready:
                counts["settled"] += 1
                counts["connected"] += connected
                ready.notify_all()
            if not connected:
                return
            go.wait()
            registered = registration_create(
                event_id=event_id,
                name=f"Resident {number}",
                email=f"resident{number}@example.org",
                party_size=1,
                locale="en",
            )
            with lock:
                tokens[registered.registration.email] = registered.cancel_token
        except Exception as error:  # collected and asserted on below
            with lock:
                failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    with ready:
        ready.wait_for(lambda: counts["settled"] == racers, timeout=60)
    go.set()  # every connected racer starts at once
    for thread in threads:
        thread.join()
    return tokens, failures, counts["connected"]


def test_fifty_racing_for_ten_seats_confirm_exactly_ten():
    assert connection.vendor == "postgresql"
    event = event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=SEATS
    )

    tokens, failures, racers = race(event.pk, racers_possible())

    assert failures == []
    assert racers >= 2 * SEATS, f"only {racers} racers could connect"
    registrations = EventRegistration.objects.filter(event=event)
    assert registrations.filter(status="confirmed").count() == SEATS
    assert registrations.filter(status="waitlisted").count() == racers - SEATS

    # A cancellation promotes exactly the next in line: the earliest waitlisted registration.
    waiting = list(registrations.filter(status="waitlisted").order_by("created_at", "pk"))
    confirmed = registrations.filter(status="confirmed").first()
    registration_cancel(tokens[confirmed.email])

    assert registrations.filter(status="confirmed").count() == SEATS
    promoted = registrations.get(status="confirmed", pk=waiting[0].pk)
    assert promoted.confirmed_at is not None
    assert registrations.filter(status="waitlisted").count() == racers - SEATS - 1

    # (One test function: the database is emptied after each transactional test.)
    same_email_racing_itself_registers_once()


def same_email_racing_itself_registers_once():
    event = event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=SEATS
    )
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def register() -> None:
        try:
            barrier.wait()
            registration_create(
                event_id=event.pk, name="Ana", email="ana@example.org", party_size=1, locale="en"
            )
            outcome = "ok"
        except EngagementError as error:
            outcome = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ALREADY_REGISTERED"] * 7 + ["ok"]
    assert EventRegistration.objects.filter(event=event).count() == 1
