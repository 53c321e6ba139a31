"""Capacity holds under concurrency: up to 50 residents race for 10 seats on PostgreSQL.

Each registration runs in its own thread with its own database connection and transaction, all
released at once; the database's row lock on the event is what keeps the count right. The test
commits, so the module restores the database afterwards.
"""

import threading

import pytest
from django.db import connection, connections

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


def race(event_id: int, racers: int) -> tuple[dict[str, str], list[Exception]]:
    barrier = threading.Barrier(racers)
    tokens: dict[str, str] = {}
    failures: list[Exception] = []
    lock = threading.Lock()

    def register(number: int) -> None:
        try:
            barrier.wait()
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
    for thread in threads:
        thread.join()
    return tokens, failures


def test_fifty_racing_for_ten_seats_confirm_exactly_ten():
    assert connection.vendor == "postgresql"
    event = event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=SEATS
    )

    racers = racers_possible()
    tokens, failures = race(event.pk, racers)

    assert failures == []
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
