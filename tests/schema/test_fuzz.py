"""Fuzzing `/graphql/` with schemathesis: no operation makes the API fail.

The API promises that bad input gets a coded error, never a failure of its own. This test holds
it to that over every query and mutation field: schemathesis reads the schema by introspection
from the WSGI application, in process (no server), and Hypothesis generates operations for each
root field, mostly valid GraphQL (which reaches the resolvers) and some invalid. Each goes
through Django's whole stack.

A response shows a server fault when its status is 5xx, when it is not a JSON object, or when an
error in it has the code `INTERNAL_SERVER_ERROR`, says that a non-null field resolved to null, or
has no code at all. Each distinct fault is reported with its root field, the exception the server
logged and where, and one operation that caused it.

Arguments often take real values of the seeded content (locales, slugs, ids, paths, cursors,
tokens, page sizes), so resolvers and mutations get past "not found" into real work, or
well-known hostile values (NUL, blank, very long, odd Unicode, metacharacters, edge integers);
the rest are whatever Hypothesis draws. Every operation runs in a savepoint that is rolled back,
so each is independent of the others and can be replayed alone.

The run is deterministic (`derandomize`): CI sends the same operations every time. Each root
field gets `TAPESTRY_FUZZ_EXAMPLES` generated examples (default below); duplicates are sent
once, and the test asserts how many distinct operations it actually sent.
"""

import datetime
import logging
import os
import traceback
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.graphql import nodes

from communities.feedback.services import feedback_submit
from communities.registrations.services import cancel_token, registration_create
from communities.subscriptions.services import (
    confirm_token,
    subscription_subscribe,
    unsubscribe_token,
)
from home.preview import preview_create
from home.translation import translation_create
from schema.core.pagination import cursor_encode
from tests.helpers import (
    HUACAO,
    JINQIAO,
    article_create,
    community_events_index,
    community_news_index,
    event_create,
    home_page,
    locale,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES_PER_FIELD = int(os.environ.get("TAPESTRY_FUZZ_EXAMPLES", "100"))
MINIMUM_OPERATIONS = 1000
# Three examples in four are valid GraphQL, one is invalid (wrong types, missing arguments).
MODES = [GenerationMode.POSITIVE] * 3 + [GenerationMode.NEGATIVE]
# How often an argument that has a dictionary (below) takes one of its values.
DICTIONARY_PROBABILITY = 0.6
# How often any other String or Int argument takes a hostile value.
HOSTILE_PROBABILITY = 0.2
HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "huacao\x00town",
    "\r\n\t",
    "\u202e\ufeffİß",  # bidi override, BOM, letters whose case mapping changes their length
    "𝕊𝕙𝕒𝕟𝕘𝕙𝕒𝕚 😀",
    "%_\\'\";--",
    "../../../etc/passwd",
    "a" * 40 + "!",  # a long run, then a character no pattern expects (backtracking)
    "99999999999999999999",
    "-1",
    "１２",
    "x" * 6000,
]
HOSTILE_INTS = [0, -1, 1, 101, 2**31 - 1, -(2**31)]
SERVER_LOGGERS = ("tapestry", "django.request")
PROJECT = Path(__file__).resolve().parents[2]


def _offsets():
    minutes = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1)
    return minutes.map(lambda value: datetime.timezone(datetime.timedelta(minutes=value)))


# DateTime arguments: naive and offset datetimes of any year, and any text (schemathesis' own
# strategy draws only UTC datetimes ending in `Z`).
schemathesis.graphql.scalar(
    "DateTime",
    st.one_of(
        st.datetimes().map(datetime.datetime.isoformat),
        st.datetimes(timezones=_offsets()).map(datetime.datetime.isoformat),
        st.text(),
    ).map(nodes.String),
)


# Which dictionary each argument draws from: `<Type>.<field>.<argument>`, `*` for any type or
# field, a dotted path into an input object, `[*]` for a list's items.
BINDINGS = {
    "*.*.locale": "locale",
    "Mutation.*.input.locale": "locale",
    "*.*.slug": "slug",
    "*.*.community": "community",
    "Mutation.submitFeedback.input.community": "community",
    "Mutation.subscribe.input.communities[*]": "community",
    "*.*.topic": "topic",
    "Mutation.subscribe.input.topics[*]": "topic",
    "*.*.id": "id",
    "Mutation.submitFeedback.input.pageId": "id",
    "Mutation.registerForEvent.input.eventId": "eventId",
    "Query.page.path": "path",
    "*.*.first": "first",
    "*.*.after": "after",
    "*.*.search": "search",
    "Query.search.query": "search",
    "Mutation.*.input.email": "email",
    "Mutation.registerForEvent.input.name": "name",
    "Mutation.registerForEvent.input.partySize": "partySize",
    "Mutation.submitFeedback.input.message": "message",
    "Query.feedbackStatus.token": "feedbackToken",
    "Query.preview.token": "previewToken",
    "Mutation.cancelRegistration.input.token": "cancelToken",
    "Mutation.confirmSubscription.input.token": "confirmToken",
    "Mutation.unsubscribe.input.token": "unsubscribeToken",
}


@pytest.fixture
def real_values(content) -> dict[str, list]:
    """Seed what the arguments can name (`content`, plus an event that takes registrations, in
    en and zh-hans, a registration, a feedback, a subscription and a preview of a draft) and
    return the values that name it, per dictionary."""
    workshop = event_create(
        community_events_index(HUACAO),
        publish=True,
        title="Mid-autumn lantern making",
        slug="lantern-making",
        registration_required=True,
        capacity=3,
        max_party_size=2,
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
        price=Decimal("30.00"),
    )
    workshop_zh = translation_create(
        instance=workshop, locale=locale("zh-hans"), strings={"Mid-autumn lantern making": "做灯笼"}
    )
    registered = registration_create(
        event_id=workshop.pk,
        name="Li Wei",
        email="li.wei@example.org",
        party_size=2,
        locale="zh-hans",
    )
    submitted = feedback_submit(
        community=HUACAO,
        category="suggestion",
        message="希望社区组织一次中秋节活动。",
        page_id=content.articles["news"].pk,
        locale="zh-hans",
        email="li.wei@example.org",
        consent=True,
    )
    subscription = subscription_subscribe(
        email="ana@example.org", locale="fr", communities=[HUACAO], kinds=None, topics=None
    )
    draft = article_create(community_news_index(JINQIAO), title="Draft about parking")
    preview_token, _preview = preview_create(draft)

    pages = [*content.articles.values(), *content.events.values(), *content.zh.values()]
    pages += [workshop, workshop_zh, draft]
    events = [*content.events.values(), content.zh["upcoming"], workshop, workshop_zh]
    return {
        "locale": ["en", "zh-hans", "fr", "ja", "ZH-Hans ", "xx"],
        "slug": [page.slug for page in pages] + [HUACAO, JINQIAO],
        "community": [HUACAO, JINQIAO, "huamu-subdistrict", "no-such-town"],
        "topic": [topic.slug for topic in content.topics.values()],
        "id": [str(page.pk) for page in pages],
        "eventId": [str(event.pk) for event in events],
        "path": ["/", "/news/", "/events/", "/communities/", f"/communities/{HUACAO}/"]
        + [_below_home(page) for page in pages],
        "first": [1, 2, 5, 20, 100],
        "after": [cursor_encode(offset) for offset in (0, 1, 3, 100, 10**6, 2**40, 2**70)],
        "search": ["visa", "Visas", "签证", "dumpling", "Roundtable held", "lantern"],
        "email": ["li.wei@example.org", "ana@example.org", "Ben@Example.org"],
        "name": ["Li Wei", "Ana Souza"],
        "partySize": [1, 2, 3],
        "message": ["Please add more bike parking near the metro.", "谢谢"],
        "feedbackToken": [submitted.status_token],
        "previewToken": [preview_token],
        "cancelToken": [cancel_token(registered.registration)],
        "confirmToken": [confirm_token(subscription)],
        "unsubscribeToken": [unsubscribe_token(subscription)],
    }


def _below_home(page) -> str:
    """The page's path as the API takes it: below its locale's home page."""
    return "/" + page.url_path.removeprefix(home_page(page.locale.language_code).url_path)


def fuzz_config(real: dict[str, list]) -> SchemathesisConfig:
    """Schemathesis' configuration: each dictionary holds its real values and the hostile ones
    of its type; arguments without a dictionary take hostile values now and then."""
    dictionaries = {
        name: values + (HOSTILE_INTS if isinstance(values[0], int) else HOSTILE_STRINGS)
        for name, values in real.items()
    }
    dictionaries["hostileStrings"] = HOSTILE_STRINGS
    dictionaries["hostileInts"] = HOSTILE_INTS
    return SchemathesisConfig.from_dict(
        {
            "dictionaries": {name: {"values": values} for name, values in dictionaries.items()},
            "parameters": {
                key: {"dictionary": name, "probability": DICTIONARY_PROBABILITY}
                for key, name in BINDINGS.items()
            },
            "generation": {
                "dictionaries": {
                    "string": {"dictionary": "hostileStrings", "probability": HOSTILE_PROBABILITY},
                    "integer": {"dictionary": "hostileInts", "probability": HOSTILE_PROBABILITY},
                }
            },
        }
    )


@dataclass
class Fault:
    field: str
    kind: str
    where: str
    detail: str
    operation: str
    count: int = 1

    def report(self) -> str:
        text = (
            f"{self.field}: {self.kind} at {self.where} ({self.count}x)\n"
            f"    {self.detail}\n    operation: {' '.join(self.operation.split())[:400]}"
        )
        # Hostile operations hold half surrogate pairs, which pytest-xdist cannot send back
        # from its worker: a failure would end the run with an internal error instead.
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass
class Tally:
    """The distinct operations sent, per root field, and the faults, one per field, kind and
    place in the code."""

    sent: set = field(default_factory=set)
    operations: Counter = field(default_factory=Counter)
    faults: dict = field(default_factory=dict)

    def fault(self, fault: Fault) -> None:
        key = (fault.field, fault.kind, fault.where)
        if key in self.faults:
            self.faults[key].count += 1
        else:
            self.faults[key] = fault

    def summary(self) -> str:
        per_field = ", ".join(f"{name} {count}" for name, count in sorted(self.operations.items()))
        faults = sum(fault.count for fault in self.faults.values())
        return (
            f"GraphQL fuzz: {sum(self.operations.values())} operations ({per_field}); "
            f"server errors: {faults} ({len(self.faults)} distinct)"
        )


def faults_of(status: int, payload) -> list[str]:
    """How this response shows a failure of the server itself (empty when it does not)."""
    if status >= 500:
        return [f"HTTP {status}"]
    if not isinstance(payload, dict):
        return ["not a JSON object"]
    found = []
    for error in payload.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code == "INTERNAL_SERVER_ERROR":
            found.append("INTERNAL_SERVER_ERROR")
        elif "Cannot return null for non-nullable field" in error.get("message", ""):
            found.append("null in a non-null field")
        elif not code:
            found.append("an error without a code")
    return found


class ServerLog(logging.Handler):
    """Keeps what the server logs as an error while it answers one operation."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def cause(self) -> tuple[str, str, str]:
        """The logged exception's type, the innermost line of Tapestry's code it passed through,
        and its message."""
        for record in self.records:
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                return type(error).__name__, _where(error), str(error)[:300]
        if self.records:
            return "no exception", "?", self.records[0].getMessage()[:300]
        return "nothing logged", "?", ""


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    own = [
        frame
        for frame in frames
        if frame.filename.startswith(f"{PROJECT}/") and "/.venv/" not in frame.filename
    ]
    if own:
        return f"{Path(own[-1].filename).relative_to(PROJECT)}:{own[-1].lineno}"
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"


@pytest.fixture
def connection_kept():
    """Django closes the database connection after each request it handles, and the test's
    transaction lives on that connection: keep it open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_log():
    handler = ServerLog()
    loggers = [logging.getLogger(name) for name in SERVER_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def test_no_operation_makes_the_api_fail(real_values, connection_kept, server_log, capsys):
    from cms.wsgi import application

    schema = schemathesis.graphql.from_wsgi(
        "/graphql/", application, config=fuzz_config(real_values)
    )
    tally = Tally()
    for result in schema.get_all_operations():
        _fuzz(result.ok(), tally, server_log)

    summary = tally.summary()
    with capsys.disabled():
        print(f"\n{summary}")
    client = schema.client_schema
    root_fields = {
        f"{root.name}.{name}"
        for root in (client.query_type, client.mutation_type)
        for name in root.fields
    }
    assert set(tally.operations) == root_fields, summary
    assert sum(tally.operations.values()) >= MINIMUM_OPERATIONS, summary
    assert not tally.faults, "\n".join(
        [summary, *(fault.report() for fault in tally.faults.values())]
    )


def _fuzz(operation, tally: Tally, server_log: ServerLog) -> None:
    """Send the operations Hypothesis generates for one root field; note what failed.

    Schemathesis also draws on string constants it finds in the application's code."""
    cases = st.sampled_from(MODES).flatmap(lambda mode: operation.as_strategy(generation_mode=mode))

    @settings(
        max_examples=EXAMPLES_PER_FIELD,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def send(case):
        if (operation.label, case.body) in tally.sent:
            return
        tally.sent.add((operation.label, case.body))
        tally.operations[operation.label] += 1
        server_log.records.clear()
        savepoint = transaction.savepoint()
        try:
            response = case.call()
        finally:
            transaction.savepoint_rollback(savepoint)
        try:
            payload = response.json()
        except ValueError:
            payload = None
        for kind in faults_of(response.status_code, payload):
            error, where, detail = server_log.cause()
            tally.fault(Fault(operation.label, f"{kind}: {error}", where, detail, case.body))

    send()
