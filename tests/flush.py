"""The transactional tests' flush, made to survive the real processes some tests run beside it.

Tests with a real Celery worker, publisher and beat (tests/tasks/) keep those processes running
between tests, and pytest-django empties the database after each transactional test with one
`TRUNCATE` of every table. TRUNCATE takes its locks table by table; a worker's transaction that
holds one table and then asks for another the TRUNCATE already holds closes a cycle, and
PostgreSQL breaks it by aborting one side: when that side is the flush, the test errors in its
teardown ("Database ... couldn't be flushed") although nothing in it went wrong. The flush runs
in one transaction (rolled back whole on the abort), so it is simply run again.
"""

import time

from django.db import OperationalError
from django.db.backends.postgresql.operations import DatabaseOperations

#: SQLSTATEs worth another try: deadlock_detected, lock_not_available.
RETRIED = {"40P01", "55P03"}
ATTEMPTS = 5

_execute_sql_flush = DatabaseOperations.execute_sql_flush


def _lock_conflict(error: OperationalError) -> bool:
    return getattr(error.__cause__, "pgcode", None) in RETRIED


def execute_sql_flush(self, sql_list):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _execute_sql_flush(self, sql_list)
        except OperationalError as error:
            if attempt == ATTEMPTS or not _lock_conflict(error):
                raise
            time.sleep(0.2 * attempt)


def install() -> None:
    DatabaseOperations.execute_sql_flush = execute_sql_flush
