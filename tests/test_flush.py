"""The flush after a transactional test survives a lock cycle with another process.

See tests/flush.py. The table names are the module's constants.
"""

import threading

import psycopg2
import pytest
from django.db import OperationalError, connection

from tests import flush

# Transactional: the flush after each test empties the setup tree, which the module puts back.
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the lock cycle is PostgreSQL's"),
    pytest.mark.usefixtures("database_restored"),
]

TABLES = ("test_flush_probe_a", "test_flush_probe_b")


@pytest.fixture
def probe_tables(transactional_db):
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"CREATE TABLE {table} (id integer)")
            cursor.execute(f"INSERT INTO {table} VALUES (1)")  # noqa: S608
    yield
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _flush_against_a_worker_holding_b(execute_sql_flush):
    """A worker's transaction holds probe_b, then asks for probe_a while the flush holds it."""
    params = connection.get_connection_params()
    worker = psycopg2.connect(**params)
    holding = threading.Event()

    def work():
        with worker.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {TABLES[1]} IN ROW EXCLUSIVE MODE")
            holding.set()
            cursor.execute("SELECT pg_sleep(0.3)")
            # Waits for the TRUNCATE.
            cursor.execute(f"SELECT count(*) FROM {TABLES[0]}")  # noqa: S608
        worker.commit()

    thread = threading.Thread(target=work)
    thread.start()
    try:
        holding.wait(5)
        # Takes probe_a, then waits for probe_b: the cycle closes when the worker asks for probe_a.
        execute_sql_flush(connection.ops, [f"TRUNCATE {TABLES[0]}, {TABLES[1]}"])
    finally:
        thread.join(10)
        worker.close()


def _rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def test_a_lock_cycle_aborts_a_plain_flush(probe_tables):
    # PostgreSQL aborts the side that waited first: the flush.
    with pytest.raises(OperationalError) as raised:
        _flush_against_a_worker_holding_b(flush._execute_sql_flush)
    assert raised.value.__cause__.pgcode == "40P01"
    assert _rows(TABLES[0]) == 1  # rolled back whole


def test_the_flush_is_run_again_after_a_lock_cycle(probe_tables):
    _flush_against_a_worker_holding_b(flush.execute_sql_flush)
    assert _rows(TABLES[0]) == 0 and _rows(TABLES[1]) == 0
