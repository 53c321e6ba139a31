"""Querysets compiled to SQL once per process, like a prepared statement.

Building one of the API's list querysets (the visibility rules, the locale fallback, a
community's subtree, the order) and compiling it to SQL took more of a community home's time in
Python than running it. The SQL of such a queryset depends only on what it was built from: the
rules use the database's clock (`Now()`), not a time in Python. So once a queryset has been built
and compiled for a key naming everything it was built from, the same SQL and parameters run
again for that key, and the rows come back as the compiled queryset would give them (its model
instances, related rows from `select_related`, annotations, values lists).

The key is the caller's promise: two builds for the same key give the same SQL and parameters.
With `TAPESTRY_PREPARED_QUERIES_CHECK` on (the tests run with it) every use builds and compiles
the queryset again and raises `PreparedQueryMismatch` when it differs, so a key that leaves
something out fails the test that reaches it instead of serving another list's rows.

Keys are kept for the most recently used `TAPESTRY_PREPARED_QUERIES_SIZE` querysets (default
512) per process; `prepared_clear()` forgets them all.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql import Query


class PreparedQueryMismatch(AssertionError):
    """Two builds for the same key compiled to different SQL: the key leaves something out."""


class _PreparedQuery(Query):
    """A query already compiled: each compiler it hands out is a copy of the one that compiled
    it, answering `as_sql()` with the SQL and parameters compiled then."""

    def __init__(self, compiled):
        # Only `get_compiler` and `chain` are used: the queryset running it is never changed.
        self.__dict__.update(compiled.query.__dict__)
        self._compiled = compiled

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = copy.copy(self._compiled)
        compiler.connection = connection if connection is not None else connections[using]
        compiler.using = using
        return compiler

    def chain(self, klass=None):
        if klass is not None:
            raise TypeError("A prepared query is run as it is.")
        return self

    def clone(self):
        # A query derived from this one (a count, a filter) would answer with this one's SQL.
        raise TypeError("A prepared query is run as it is.")


class _Prepared:
    """One compiled queryset: its SQL, and the queryset that runs it (never evaluated itself)."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            self.sql, self.params, self.query = None, None, None  # matches nothing
            return
        self.sql, self.params = sql, tuple(params)
        compiler.as_sql = self._as_sql
        # The columns' converters (from database values to Python's) are the same every time.
        converters = compiler.get_converters(
            [column[0] for column in compiler.select[0 : compiler.col_count]]
        )
        compiler.get_converters = lambda expressions: converters
        self.query = _PreparedQuery(compiler)
        # Each run is a clone of this queryset (a clone shares the prepared query); setting a
        # query of values would make it a queryset of dicts, so its kind is kept.
        iterable = queryset._iterable_class
        queryset.query = self.query
        queryset._iterable_class = iterable

    def _as_sql(self, with_limits=True, with_col_aliases=False):
        return self.sql, self.params

    def rows(self) -> list:
        if self.query is None:
            return []
        return list(self.queryset._clone())


class PreparedQueries:
    """The process's prepared querysets, most recently used kept."""

    def __init__(self):
        self._entries: OrderedDict[Hashable, _Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def rows(self, key: Hashable, build: Callable[[], QuerySet]) -> list:
        """The rows of the queryset `build()` returns, compiled once for `key` (which must name
        everything the queryset is built from)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is None:
            entry = _Prepared(build())
            with self._lock:
                self._entries[key] = entry
                while len(self._entries) > settings.TAPESTRY_PREPARED_QUERIES_SIZE:
                    self._entries.popitem(last=False)
        elif settings.TAPESTRY_PREPARED_QUERIES_CHECK:
            fresh = _Prepared(build())
            if (fresh.sql, fresh.params) != (entry.sql, entry.params):
                raise PreparedQueryMismatch(
                    f"The prepared query {key!r} compiled to other SQL this time:\n"
                    f"{entry.sql} {entry.params!r}\n{fresh.sql} {fresh.params!r}"
                )
        return entry.rows()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_prepared = PreparedQueries()


def prepared_rows(key: Hashable, build: Callable[[], QuerySet]) -> list:
    """`list(build())`, with the queryset built and compiled only the first time `key` is seen
    in this process (see the module's docstring)."""
    return _prepared.rows(key, build)


def prepared_clear() -> None:
    _prepared.clear()
