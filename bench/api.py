"""The GraphQL API's delivery paths against the stack's floor and Wagtail's REST API, side by side
against the same database.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.api     (after `python -m bench.load`)

For each scenario (community home, 50 articles in zh-hans, one article by path), five rows:

- Django floor: a bare view (bench/urls.py) answering the bytes of the scenario's GraphQL answer,
  captured at the start, from the gunicorn with the response cache on;
- GraphQL uncached: the scenario's document as an Automatic Persisted Query over GET (its hash
  alone, registered once), from a second gunicorn started with TAPESTRY_GRAPHQL_RESPONSE_CACHE
  off;
- GraphQL Redis hit: the same GET from the gunicorn with the response cache on, warmed;
- GraphQL Varnish hit: the same GET through varnishd (deploy/varnish/default.vcl, started here
  on free loopback ports in front of the cache-on gunicorn), warmed;
- REST: the requests a frontend makes to Wagtail's REST API for the same content;
- and for the community home, GraphQL before issue 12: the same operation as a POST of its text
  to a third gunicorn running the code of BENCH_BASELINE_REF (by default the last commit before
  issue 12's work, taken from git with `git archive`), against the same database: "today's"
  requests/s, which the issue asks the uncached row to double, measured in the same run on the
  same machine. BENCH_BASELINE_REF= (empty) leaves it out; so does a checkout without that
  commit (the target is then judged against the 40 requests/s measured when the issue was
  filed).

Every answer of a GraphQL or floor row must be the bytes its row was first answered, and every
answer of a cached row must say `X-Cache: HIT` (through Varnish, HIT-STALE too: an answer from
grace once the object's max-age has passed, while Varnish fetches a fresh copy; counted and shown);
anything else is an error. The rows of a scenario take turns, BENCH_ROUNDS times, so that what
else the machine runs weighs on each alike. SQL queries per request are counted in process with
Django's test Client after one warm-up call (the uncached row with the response cache off; the
Redis row on a hit, which must say HIT); a Varnish hit never reaches Django, so it runs none.

Then purge-to-fresh: while pollers ask for the community home through Redis and through Varnish,
the newest article of its list is published with a new title in this process, the purge task
runs on commit in this process (Celery eager, as the tests run it), and the time from the commit
to the first answer with the new title is printed for each path; the old title is then published
back and timed the same way.

Client threads keep HTTP/1.1 connections open (http.client; gunicorn's sync workers close each
after one response, Varnish keeps them). The table, the targets of issue 12 (PASS/FAIL; missing
one is not an error) and purge-to-fresh are printed and written to var/bench/api.txt; the exit
status is non-zero only on errors.

Environment: BENCH_WARMUP (s, 5), BENCH_DURATION (s, 15), BENCH_MIN_REQUESTS (300), BENCH_ROUNDS
(3), BENCH_CONCURRENCY (4), BENCH_WORKERS (gunicorn workers per server, 2), BENCH_COMMUNITY
(huacao-town), BENCH_BASELINE_REF (a git commit; empty: no baseline row), TAPESTRY_VARNISHD
(varnishd; else the one on PATH, else /usr/sbin/varnishd).
"""

import hashlib
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# One key for this process and the gunicorn workers it starts.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))

WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
DURATION = float(os.environ.get("BENCH_DURATION", "15"))
MIN_REQUESTS = int(os.environ.get("BENCH_MIN_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
MAX_DURATION = 60.0
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
COMMUNITY = os.environ.get("BENCH_COMMUNITY", "huacao-town")
VARNISHD = os.environ.get("TAPESTRY_VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
REPO = Path(__file__).resolve().parent.parent
VCL_DIR = REPO / "deploy" / "varnish"
# How long purge-to-fresh waits for the new answer, and then watches for a stale one.
FRESH_TIMEOUT = 10.0
FRESH_WATCH = 0.5
POLL_PAUSE = 0.002

COMMUNITY_HOME = """
query CommunityHome($slug: String!, $locale: String) {
  community(slug: $slug, locale: $locale) {
    id title slug urlPath localName district
    heroImage { url alt width height rendition(size: MEDIUM) { url width height } }
    articles(first: 10, order: NEWEST) { totalCount edges { node {
      id title slug urlPath summary kind priority firstPublishedAt
      heroImage { alt rendition(size: THUMBNAIL) { url width height } } } } }
    events(first: 5, upcoming: true, order: STARTS_SOONEST) { totalCount edges { node {
      id title slug urlPath startsAt endsAt venue
      heroImage { alt rendition(size: THUMBNAIL) { url width height } } } } }
  }
}
"""
ARTICLES = """
query Articles($locale: String) {
  articles(first: 50, locale: $locale) { totalCount edges { cursor node {
    id title slug urlPath summary kind priority firstPublishedAt locale isFallback
    heroImage { alt rendition(size: THUMBNAIL) { url width height } srcset }
    topics { name slug }
    community { title slug }
  } } pageInfo { hasNextPage endCursor } }
}
"""
PAGE = """
query Page($path: String!, $locale: String) {
  page(path: $path, locale: $locale) {
    id title urlPath seoTitle searchDescription locale isFallback
    breadcrumbs { title urlPath }
    ... on Article {
      kind summary bodyHtml heroImage { alt rendition(size: LARGE) { url width height } }
      topics { name slug } bureau { name } effectiveFrom } }
}
"""

LIST_FIELDS = "summary,kind,priority,hero_image_alt,hero_thumbnail"

# The rows of a scenario, in the order they run and print; the server each is asked on.
FLOOR, UNCACHED, REDIS, VARNISH, REST = "floor", "uncached", "redis", "varnish", "rest"
BEFORE = "before"
KINDS = {
    FLOOR: "Django floor",
    UNCACHED: "GraphQL uncached",
    REDIS: "GraphQL Redis hit",
    VARNISH: "GraphQL Varnish hit",
    REST: "REST",
    BEFORE: "GraphQL before #12",
}
SERVER_OF = {
    FLOOR: "on",
    UNCACHED: "off",
    REDIS: "on",
    VARNISH: "varnish",
    REST: "off",
    BEFORE: "before",
}
CACHED = {REDIS, VARNISH}
SCENARIOS = {
    "a": "(a) community home",
    "b": "(b) articles first 50 zh-hans",
    "c": "(c) page(path) article",
}

# The code "today" in issue 12's targets: the last commit before its work (persisted queries,
# HTTP caching, flat SQL). Its GraphQL API takes the document's text only (no APQ).
BASELINE_REF = os.environ.get("BENCH_BASELINE_REF", "ac9e2f3")

# Issue 12's targets, and today's figures they are measured against.
TODAY_COMMUNITY_HOME_RPS = 40.0
TARGET_COMMUNITY_HOME_QUERIES = 10
TARGET_UNCACHED_VS_TODAY = 2.0
TARGET_UNCACHED_VS_REST = 3.0
TARGET_REDIS_VS_FLOOR = 0.5
TARGET_VARNISH_VS_UNCACHED = 20.0


@dataclass(frozen=True)
class Operation:
    """A GraphQL operation, sent as an Automatic Persisted Query: its hash, never its text."""

    name: str
    query: str
    variables: dict

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.query.encode("utf-8")).hexdigest()

    def extensions(self) -> dict:
        return {"persistedQuery": {"version": 1, "sha256Hash": self.sha256}}

    def url(self) -> str:
        """The GET a client sends once the document is registered."""
        compact = {"separators": (",", ":")}
        params = {
            "operationName": self.name,
            "variables": json.dumps(self.variables, **compact),
            "extensions": json.dumps(self.extensions(), **compact),
        }
        return "/graphql/?" + urlencode(params)


# A row's steps: each gives the requests to make, in order, from the JSON of the operation's
# first answer (None before it): a URL to GET, or (URL, JSON body) to POST.
Step = Callable[[dict | None], list[str | tuple[str, bytes]]]


@dataclass
class Row:
    key: str
    kind: str
    steps: list[Step]
    note: str = ""
    # The bytes every answer must be (GraphQL and floor rows), set when the row is primed.
    expected: bytes | None = None
    queries: int | None = None
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    first_error: str = ""
    # Varnish answers served from grace (stale-while-revalidate), each refetched behind them.
    stale: int = 0
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    ops: int = 0

    @property
    def server(self) -> str:
        return SERVER_OF[self.kind]

    @property
    def label(self) -> str:
        return f"{SCENARIOS[self.key]} {KINDS[self.kind]}"

    def finish(self) -> None:
        """rps, p50 and p95 from every measured operation."""
        self.latencies.sort()
        self.ops = len(self.latencies)
        self.rps = self.ops / self.seconds if self.seconds else 0.0
        self.p50 = _percentile(self.latencies, 50) * 1000
        self.p95 = _percentile(self.latencies, 95) * 1000


def say(message: str) -> None:
    print(message, flush=True)


# Scenarios ----------------------------------------------------------------------------------------


def operations_build(fixture: dict) -> dict[str, Operation]:
    return {
        "a": Operation(
            "CommunityHome", COMMUNITY_HOME, {"slug": fixture["community_slug"], "locale": "en"}
        ),
        "b": Operation("Articles", ARTICLES, {"locale": "zh-hans"}),
        "c": Operation("Page", PAGE, {"path": fixture["article_path"], "locale": "en"}),
    }


def rest_community_home(fixture: dict) -> list[Step]:
    """What a frontend needs from the REST API: the community (by slug), then its lists."""

    def first(_state):
        return [
            "/api/v2/pages/?type=communities.CommunityPage&locale=en&slug="
            f"{fixture['community_slug']}&fields=local_name,district,hero_image,"
            "hero_image_alt,hero_medium"
        ]

    def then(state):
        community_id = state["items"][0]["id"]
        return [
            f"/api/v2/pages/?type=articles.ArticlePage&descendant_of={community_id}"
            f"&order=-first_published_at&limit=10&fields={LIST_FIELDS}",
            # No range filters in the REST API: "upcoming" cannot be asked for.
            f"/api/v2/pages/?type=articles.EventPage&descendant_of={community_id}"
            "&order=starts_at&limit=5&fields=starts_at,ends_at,venue,hero_image_alt,"
            "hero_thumbnail",
        ]

    return [first, then]


def fixed(request: str | tuple[str, bytes]) -> Step:
    """A step that always makes `request`."""
    return lambda _state: [request]


def text_post(operation: Operation) -> tuple[str, bytes]:
    """The operation as a POST of its text, as any GraphQL client sends it without APQ."""
    body = {"query": operation.query, "variables": operation.variables}
    return "/graphql/", json.dumps(body).encode()


def rows_build(
    fixture: dict, operations: dict[str, Operation], *, baseline: bool = False
) -> list[Row]:
    rest = {
        "a": rest_community_home(fixture),
        "b": [
            fixed(
                "/api/v2/pages/?type=articles.ArticlePage&locale=zh-hans&limit=50"
                f"&order=-first_published_at&fields={LIST_FIELDS},topics,community"
            )
        ],
        # find/ answers with a redirect to the page's detail URL: two requests.
        "c": [
            fixed(
                f"/api/v2/pages/find/?html_path={fixture['article_path']}"
                "&fields=-hero_thumbnail,-community"
            )
        ],
    }
    rest_notes = {
        "a": "3 requests: community, articles, events (events not filtered to upcoming)",
        "b": "zh-hans pages only (no en fallback)",
        "c": "2 requests: find/ redirects to detail",
    }
    rows = []
    for key, operation in operations.items():
        graphql = [fixed(operation.url())]
        rows += [
            Row(key, FLOOR, [fixed(f"/bench/floor/{key}/")]),
            Row(key, UNCACHED, graphql, "APQ GET, response cache off"),
            Row(key, REDIS, graphql, "APQ GET, every answer X-Cache: HIT"),
            Row(key, VARNISH, graphql, "APQ GET, every answer X-Cache: HIT or HIT-STALE"),
            Row(key, REST, rest[key], rest_notes[key]),
        ]
        if baseline and key == "a":
            rows.append(
                Row(
                    key,
                    BEFORE,
                    [fixed(text_post(operation))],
                    f"POST of the text to the code of {BASELINE_REF} (no APQ, no response cache)",
                )
            )
    return rows


# HTTP ---------------------------------------------------------------------------------------------


class NotAHit(Exception):
    """A cached row's answer that did not come from its cache."""


class Connections:
    """One client thread's HTTP/1.1 connections, one per server, kept open while it allows."""

    def __init__(self):
        self.open: dict[int, http.client.HTTPConnection] = {}

    def get(
        self, port: int, url: str, data: bytes | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """GET `url`, or POST `data` (JSON) to it."""
        for attempt in (1, 2):
            connection = self.open.get(port)
            reused = connection is not None and connection.sock is not None
            if connection is None:
                connection = self.open[port] = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=30
                )
            try:
                if data is None:
                    connection.request("GET", url)
                else:
                    connection.request("POST", url, data, {"Content-Type": "application/json"})
                response = connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                connection.close()
                if reused and attempt == 1:  # the server closed an idle connection: reconnect
                    continue
                raise
            return response.status, response.headers, body
        raise AssertionError("unreachable")

    def close(self) -> None:
        for connection in self.open.values():
            connection.close()


def operation_http(connections: Connections, port: int, row: Row) -> int:
    """One operation of `row` over HTTP: every URL of every step, in order, each checked. How
    many of its answers Varnish served stale (from grace, while it fetched a fresh copy)."""
    state = None
    stale = 0
    for step in row.steps:
        for request in step(state):
            url, sent = (request, None) if isinstance(request, str) else request
            status, headers, body = connections.get(port, url, sent)
            if status in (301, 302):  # to WAGTAILAPI_BASE_URL: the same path on this server
                target = urlsplit(headers["Location"])
                status, headers, body = connections.get(port, f"{target.path}?{target.query}")
            if status != 200:
                raise RuntimeError(f"{url}: HTTP {status}: {body[:300]!r}")
            cache = headers.get("X-Cache")
            if row.kind == VARNISH and cache == "HIT-STALE":
                stale += 1
            elif row.kind in CACHED and cache != "HIT":
                raise NotAHit(f"{url}: X-Cache: {cache}")
            if row.expected is not None and body != row.expected:
                raise RuntimeError(f"{url}: the answer is not the one the row was first given")
            if state is None and len(row.steps) > 1:
                state = json.loads(body)
    return stale


def answer_fetch(port: int, request: str | tuple[str, bytes]) -> bytes:
    """One GET (or POST: a URL and a body), checked to be a GraphQL answer with data and no
    errors."""
    url, sent = (request, None) if isinstance(request, str) else request
    connections = Connections()
    try:
        status, _headers, body = connections.get(port, url, sent)
    finally:
        connections.close()
    payload = json.loads(body)
    if status != 200 or payload.get("errors") or not payload.get("data"):
        raise RuntimeError(f"{url}: HTTP {status}: {body[:500]!r}")
    return body


def drive(port: int, row: Row, warmup: float, duration: float, minimum: int, most: float) -> None:
    """Run CONCURRENCY client threads on `row`: `warmup` seconds not measured, then `duration`
    seconds and `minimum` operations (at most `most` seconds), added to the row's measurements."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    stales: list[int] = []
    measuring = threading.Event()
    stop = threading.Event()

    def worker():
        connections = Connections()
        try:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    stale = operation_http(connections, port, row)
                except Exception as error:  # counted and reported
                    with lock:
                        errors.append(f"{type(error).__name__}: {error}")
                    continue
                elapsed = time.perf_counter() - started
                if measuring.is_set():
                    with lock:
                        latencies.append(elapsed)
                        stales.append(stale)
        finally:
            connections.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    time.sleep(warmup)
    with lock:
        errors.clear()
    measuring.set()
    began = time.perf_counter()
    while True:
        time.sleep(0.1)
        elapsed = time.perf_counter() - began
        with lock:
            done = len(latencies)
        if (elapsed >= duration and done >= minimum) or elapsed >= most:
            break
    with lock:
        row.latencies += latencies
        row.seconds += time.perf_counter() - began
        row.errors += len(errors)
        row.stale += sum(stales)
        row.first_error = row.first_error or (errors[0] if errors else "")
    stop.set()
    for thread in threads:
        thread.join(timeout=35)


def rows_drive(rows: list[Row], ports: dict[str, int]) -> None:
    """A scenario's rows in turn, ROUNDS times, so that what else the machine does weighs on
    each of them alike; each row warms up before its first round."""
    for key, name in SCENARIOS.items():
        group = [row for row in rows if row.key == key]
        say(
            f"  {name}: {ROUNDS} rounds of {DURATION / ROUNDS:.0f} s a row ({WARMUP:.0f} s warm-up)"
        )
        for turn in range(ROUNDS):
            for row in group:
                drive(
                    ports[row.server],
                    row,
                    WARMUP if turn == 0 else 0.0,
                    DURATION / ROUNDS,
                    -(-MIN_REQUESTS // ROUNDS),
                    MAX_DURATION / ROUNDS,
                )
        for row in group:
            row.finish()
            say(
                f"    {KINDS[row.kind]}: {row.ops} ops, {row.rps:.1f} rps, p50 {row.p50:.1f} ms, "
                f"p95 {row.p95:.1f} ms"
            )
            if row.errors:
                say(f"      {row.errors} errors, first: {row.first_error[:300]}")


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return float("nan")
    rank = max(0, min(len(values) - 1, round(percent / 100 * len(values) + 0.5) - 1))
    return values[rank]


# In process ---------------------------------------------------------------------------------------


def documents_register(client, operations: dict[str, Operation]) -> None:
    """What an APQ client does once: send the document with its hash, so the hash alone runs it.
    The document is kept in the Django cache, which every server of the run shares."""
    for operation in operations.values():
        body = {
            "query": operation.query,
            "variables": operation.variables,
            "operationName": operation.name,
            "extensions": operation.extensions(),
        }
        response = client.post("/graphql/", json.dumps(body), content_type="application/json")
        payload = response.json()
        if response.status_code != 200 or payload.get("errors"):
            raise RuntimeError(f"Registering {operation.name}: {response.content[:500]!r}")


def operation_client(client, row: Row) -> int:
    """The operation of `row` through Django's test Client; the SQL queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    state = None
    queries = 0
    for step in row.steps:
        for url in step(state):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, follow=True)
            queries += len(captured)
            if response.status_code != 200:
                body = response.content[:300]
                raise RuntimeError(f"{url}: HTTP {response.status_code}: {body!r}")
            if row.kind == REDIS and response.get("X-Cache") != "HIT":
                raise NotAHit(f"{row.label}: X-Cache: {response.get('X-Cache')} in process")
            payload = response.json()
            if isinstance(payload, dict) and payload.get("errors"):
                raise RuntimeError(f"{row.label}: {json.dumps(payload['errors'])[:500]}")
            state = state or payload
    return queries


def queries_count(client, rows: list[Row]) -> None:
    """Each row's SQL queries per operation, after one warm-up call (which stores the Redis
    row's answer). The floor's answers must exist first: call after they are captured."""
    from django.test.utils import override_settings

    for row in rows:
        if row.kind in (VARNISH, BEFORE):
            # A Varnish hit never reaches Django (counted from its X-Cache headers); the
            # baseline's code is not this process's.
            continue
        with override_settings(TAPESTRY_GRAPHQL_RESPONSE_CACHE=row.kind != UNCACHED):
            operation_client(client, row)
            row.queries = operation_client(client, row)


def response_cache_empty() -> int:
    """Delete every response cache entry of the benchmark's Redis: each run starts cold, and no
    entry stored before a load (whose publishes no worker purged) is served."""
    import redis
    from django.conf import settings

    connection = redis.Redis.from_url(settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL)
    keys = list(connection.scan_iter(f"{settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX}:*"))
    if keys:
        connection.delete(*keys)
    return len(keys)


# Servers ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_wait(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}, see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within 60 s, see {log}")


def baseline_tree(ref: str, into: Path) -> Path | None:
    """The project's files at commit `ref` (`git archive`), to run the baseline row's server
    from; None, said why, when there is no git or no such commit here."""
    try:
        archive = subprocess.run(  # noqa: S603 (git with fixed arguments and a ref from the environment)
            ["git", "-C", str(REPO), "archive", "--format=tar", ref],  # noqa: S607
            capture_output=True,
            check=False,
        )
    except OSError as error:
        say(f"No baseline row: git is not available ({error})")
        return None
    if archive.returncode != 0:
        say(f"No baseline row: {archive.stderr.decode(errors='replace').strip()[:300]}")
        return None
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)  # noqa: S603, S607
    return into


def server_start(
    port: int, environment: dict[str, str], name: str, cwd: Path = REPO
) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "cms.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--log-level=warning",
        "--timeout=60",
    ]
    log = REPO / "var" / "bench" / f"gunicorn-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        server = subprocess.Popen(  # noqa: S603 (fixed argv)
            command,
            cwd=cwd,
            env={**os.environ, **environment},
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}, see {log}")
            try:
                connections = Connections()
                status, _headers, _body = connections.get(port, "/healthz")
                connections.close()
                if status == 200:
                    return server
            except OSError:
                pass  # workers still importing the project
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")
    except BaseException:
        process_stop(server)
        raise


def process_stop(process: subprocess.Popen) -> None:
    """Stop a process started in its own session (gunicorn's master and workers, varnishd's
    manager and child) by its group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def site_vcl(backend_port: int) -> str:
    """The site.vcl deploy/varnish/default.vcl includes: the backend, and who may purge."""
    return (
        "vcl 4.1;\n\n"
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n\n'
        'acl purgers {\n    "127.0.0.1";\n}\n'
    )


def varnish_start(
    workdir: Path, backend_port: int, purge_port: int, public_port: int
) -> subprocess.Popen:
    """varnishd with deploy/varnish/default.vcl in front of the backend: purges are taken on
    `purge_port`, clients use `public_port` (the listener named "public")."""
    (workdir / "site.vcl").write_text(site_vcl(backend_port))
    log = REPO / "var" / "bench" / "varnishd.log"
    with log.open("ab") as output:
        varnish = subprocess.Popen(  # noqa: S603 (our varnishd with our arguments)
            [
                VARNISHD,
                "-F",
                # No jail: as root, varnishd would read the VCL as the varnish user, who may not
                # enter the temporary directory.
                "-j", "none",
                "-n", str(workdir / "state"),
                "-a", f"purge=127.0.0.1:{purge_port}",
                "-a", f"public=127.0.0.1:{public_port}",
                "-p", f"vcl_path={workdir}:{VCL_DIR}",
                "-f", str(VCL_DIR / "default.vcl"),
                "-s", "malloc,128m",
                "-T", "none",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        port_wait(purge_port, varnish, "varnishd", log)
        port_wait(public_port, varnish, "varnishd", log)
    except BaseException:
        process_stop(varnish)
        raise
    return varnish


# Purge to fresh -----------------------------------------------------------------------------------


@dataclass
class Poll:
    started: float
    ended: float
    fresh: bool


class Poller(threading.Thread):
    """Asks `url` on `port` again and again, noting which answers are fresh."""

    def __init__(self, port: int, url: str, fresh: Callable[[bytes], bool]):
        super().__init__(daemon=True)
        self.port, self.url, self.fresh = port, url, fresh
        self.polls: list[Poll] = []
        self.stop = threading.Event()
        self.error: str | None = None

    def run(self):
        connections = Connections()
        try:
            while not self.stop.is_set():
                started = time.perf_counter()
                status, _headers, body = connections.get(self.port, self.url)
                if status != 200:
                    raise RuntimeError(f"HTTP {status}: {body[:300]!r}")
                self.polls.append(Poll(started, time.perf_counter(), self.fresh(body)))
                time.sleep(POLL_PAUSE)
        except Exception as error:  # reported by the caller
            self.error = f"{type(error).__name__}: {error}"
        finally:
            connections.close()

    def first_fresh(self, committed: float) -> float | None:
        """When the first fresh answer arrived, in ms after the commit."""
        for poll in self.polls:
            if poll.fresh and poll.ended >= committed:
                return (poll.ended - committed) * 1000
        return None

    def stale_after(self, purged: float) -> int:
        """Answers asked for after the purge had finished that were still stale."""
        return sum(1 for poll in self.polls if poll.started >= purged and not poll.fresh)


@dataclass
class Freshness:
    what: str
    purged_ms: float  # from the commit to the end of the purge task
    fresh_ms: dict[str, float | None]
    stale: dict[str, int]


def title_publish(page, title: str) -> tuple[float, float]:
    """Publish a revision of `page` with `title`: when the transaction committed, and when the
    purge task (run in process on commit, after Wagtail's own tasks) was done."""
    from celery.signals import task_postrun
    from django.db import transaction

    from tasks.cache import purge_cache_tags

    committed: list[float] = []
    purged: list[float] = []

    def purge_done(task=None, **_kwargs):
        if task.name == purge_cache_tags.name:
            purged.append(time.perf_counter())

    page.title = title
    task_postrun.connect(purge_done, weak=False)
    try:
        with transaction.atomic():
            # Registered first, so it runs first when the transaction commits.
            transaction.on_commit(lambda: committed.append(time.perf_counter()))
            page.save_revision().publish()
    finally:
        task_postrun.disconnect(purge_done)
    if len(purged) != 1:
        raise RuntimeError(f"The publish ran the purge task {len(purged)} times, not once")
    return committed[0], purged[0]


def purge_to_fresh(
    what: str, page, title: str, fresh: Callable[[bytes], bool], url: str, ports: dict[str, int]
) -> Freshness:
    """Publish `page` with `title` while pollers ask `url` through Redis and Varnish; how long
    after the commit each path gives an answer that is `fresh`."""
    pollers = {path: Poller(ports[path], url, fresh) for path in ("on", "varnish")}
    for poller in pollers.values():
        poller.start()
    time.sleep(0.3)  # answers from the caches, with the old title
    committed, purged = title_publish(page, title)
    deadline = time.perf_counter() + FRESH_TIMEOUT
    while time.perf_counter() < deadline and any(
        p.first_fresh(committed) is None and p.error is None for p in pollers.values()
    ):
        time.sleep(0.01)
    time.sleep(FRESH_WATCH)  # any stale answer after the first fresh one would be counted
    for poller in pollers.values():
        poller.stop.set()
        poller.join(timeout=35)
        if poller.error:
            raise RuntimeError(f"purge-to-fresh poller: {poller.error}")
    names = {"on": "Redis", "varnish": "Varnish"}
    return Freshness(
        what=what,
        purged_ms=(purged - committed) * 1000,
        fresh_ms={names[path]: p.first_fresh(committed) for path, p in pollers.items()},
        stale={names[path]: p.stale_after(purged) for path, p in pollers.items()},
    )


def freshness_measure(answer: bytes, fixture: dict, url: str, ports: dict[str, int]) -> list:
    """Purge-to-fresh for the newest article of the community home: a new title, then the old
    one back. The purge task runs eagerly in this process on commit, as in the tests."""
    from articles.models import ArticlePage
    from cms.celery import app as celery_app
    from communities.models import CommunityPage

    node = json.loads(answer)["data"]["community"]["articles"]["edges"][0]["node"]
    community = CommunityPage.objects.get(pk=fixture["community_id"])
    page = ArticlePage.objects.descendant_of(community).get(
        slug=node["slug"], locale=community.locale
    )
    original = page.title
    if original != node["title"]:
        raise RuntimeError(f"The community home lists {node['title']!r}, the database {original!r}")
    conf = celery_app.conf
    previous = conf.task_always_eager, conf.task_eager_propagates
    conf.task_always_eager = conf.task_eager_propagates = True
    try:
        changed = f"{original} (checked {uuid.uuid4().hex[:8]})"
        marker = json.dumps(changed, ensure_ascii=False).encode()
        results = [
            purge_to_fresh(
                "publish a new title", page, changed, lambda body: marker in body, url, ports
            ),
            purge_to_fresh(
                "publish it back", page, original, lambda body: marker not in body, url, ports
            ),
        ]
    finally:
        conf.task_always_eager, conf.task_eager_propagates = previous
    return results


# Fixture, renditions, machine ---------------------------------------------------------------------


def fixture_find() -> dict:
    """The community and the article every run measures (fixed, so runs compare)."""
    from articles.models import ArticlePage
    from communities.models import CommunityPage
    from home.models import HomePage

    community = CommunityPage.objects.get(slug=COMMUNITY, locale__language_code="en")
    home = HomePage.objects.get(depth=2, locale=community.locale)
    article = (
        ArticlePage.objects.live()
        .descendant_of(community)
        .filter(kind__in=ArticlePage.OFFICIAL_KINDS, topics__isnull=False)
        .order_by("path")
        .first()
    )
    return {
        "community_id": community.pk,
        "community_slug": community.slug,
        "article_path": "/" + article.url_path.removeprefix(home.url_path),
    }


def renditions_warm() -> int:
    """Make every rendition the scenarios use once, so neither API pays first-render cost."""
    from django.conf import settings
    from wagtail.images import get_image_model

    from articles.models import ArticlePage, EventPage
    from communities.models import CommunityPage

    image_ids = set()
    for model in (ArticlePage, EventPage, CommunityPage):
        image_ids.update(
            model.objects.exclude(hero_image=None).values_list("hero_image_id", flat=True)
        )
    specs = sorted(set(settings.TAPESTRY_IMAGE_SIZES.values()))
    count = 0
    for image in get_image_model().objects.filter(id__in=image_ids):
        count += len(image.get_renditions(*specs))
    return count


def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PostgreSQL {postgres}, Redis and {varnish_version()} "
        f"on the same machine; gunicorns (response cache on, off; the code before issue 12) of "
        f"{WORKERS} sync workers each, {CONCURRENCY} client threads"
    )


def varnish_version() -> str:
    result = subprocess.run(  # noqa: S603 (our varnishd)
        [VARNISHD, "-V"], capture_output=True, text=True, check=False
    )
    words = (result.stderr or result.stdout).split()
    return words[1].strip("()").replace("varnish-", "Varnish ") if len(words) > 1 else "Varnish"


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def content_counts() -> str:
    from articles.models import ArticlePage, EventPage

    articles = ArticlePage.objects.live()
    events = EventPage.objects.live()
    return (
        f"{articles.filter(locale__language_code='en').count()} live articles in en "
        f"({articles.filter(locale__language_code='zh-hans').count()} in zh-hans), "
        f"{events.filter(locale__language_code='en').count()} live events in en "
        f"({events.filter(locale__language_code='zh-hans').count()} in zh-hans)"
    )


# Report -----------------------------------------------------------------------------------------


def rows_of(rows: list[Row]) -> dict[tuple[str, str], Row]:
    return {(row.key, row.kind): row for row in rows}


def origin(port: int) -> bytes:
    return f"http://127.0.0.1:{port}".encode()


def by_kind(rows: list[Row], key: str, kind: str) -> Row:
    return rows_of(rows)[(key, kind)]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def ratio_text(row: Row, by: dict[tuple[str, str], Row]) -> str:
    """Uncached vs REST, a Redis hit vs the floor, a Varnish hit vs uncached, and uncached vs
    the code before issue 12."""
    if row.kind == BEFORE:  # how many times this the uncached row answers
        return f"uncached {_ratio(by[(row.key, UNCACHED)].rps, row.rps):.2f}x this"
    against = {UNCACHED: REST, REDIS: FLOOR, VARNISH: UNCACHED}.get(row.kind)
    if against is None:
        return ""
    return f"{_ratio(row.rps, by[(row.key, against)].rps):.2f}x {KINDS[against]}"


def queries_text(row: Row) -> str:
    if row.kind == VARNISH:
        # Every measured answer came from Varnish (else the row has errors): Django never ran.
        return "0" if row.ops and not row.errors else "-"
    return "-" if row.queries is None else str(row.queries)


def table(rows: list[Row]) -> str:
    header = ("scenario", "row", "rps", "p50 ms", "p95 ms", "SQL/req", "rps ratio", "note")
    by = rows_of(rows)
    lines = []
    for row in rows:
        lines.append(
            (
                SCENARIOS[row.key] if row.kind == FLOOR else "",
                KINDS[row.kind],
                f"{row.rps:.1f}",
                f"{row.p50:.1f}",
                f"{row.p95:.1f}",
                queries_text(row),
                ratio_text(row, by),
                row.note
                + (f"; {row.stale} HIT-STALE" if row.stale else "")
                + (f"; {row.errors} errors" if row.errors else ""),
            )
        )
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6}

    def render(line):
        cells = [
            str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        return "  ".join(cells).rstrip()

    rule = ["-" * width for width in widths]
    return "\n".join([render(header), render(rule), *map(render, lines)])


def targets(rows: list[Row], freshness: list[Freshness]) -> list[tuple[bool, str]]:
    """Issue 12's targets: (met, what was measured against what)."""
    by = rows_of(rows)
    home = by[("a", UNCACHED)]
    found = [
        (
            home.queries is not None and home.queries <= TARGET_COMMUNITY_HOME_QUERIES,
            f"(a) uncached: {home.queries} SQL queries <= {TARGET_COMMUNITY_HOME_QUERIES} "
            "(today 17)",
        ),
    ]
    before = by.get(("a", BEFORE))
    if before is not None:
        ratio = _ratio(home.rps, before.rps)
        found.append(
            (
                ratio >= TARGET_UNCACHED_VS_TODAY,
                f"(a) uncached: {ratio:.2f}x the rps of the code before issue 12 "
                f"({home.rps:.1f} against {before.rps:.1f}, same run) "
                f">= {TARGET_UNCACHED_VS_TODAY:.0f}x",
            )
        )
    today = TODAY_COMMUNITY_HOME_RPS * TARGET_UNCACHED_VS_TODAY
    found.append(
        (
            home.rps >= today,
            f"(a) uncached: {home.rps:.1f} rps >= {today:.0f} "
            f"({TARGET_UNCACHED_VS_TODAY:.0f}x the {TODAY_COMMUNITY_HOME_RPS:.0f} measured when "
            "the issue was filed, on another machine)",
        )
    )
    for key, name in SCENARIOS.items():
        ratio = _ratio(by[(key, UNCACHED)].rps, by[(key, REST)].rps)
        found.append(
            (
                ratio >= TARGET_UNCACHED_VS_REST,
                f"{name} uncached: {ratio:.2f}x REST rps >= {TARGET_UNCACHED_VS_REST:.0f}x",
            )
        )
    for key, name in SCENARIOS.items():
        ratio = _ratio(by[(key, REDIS)].rps, by[(key, FLOOR)].rps)
        found.append(
            (
                ratio >= TARGET_REDIS_VS_FLOOR,
                f"{name} Redis hit: {ratio:.0%} of the Django floor's rps "
                f">= {TARGET_REDIS_VS_FLOOR:.0%}",
            )
        )
    ratio = _ratio(by[("a", VARNISH)].rps, home.rps)
    found.append(
        (
            ratio >= TARGET_VARNISH_VS_UNCACHED,
            f"(a) Varnish hit: {ratio:.1f}x uncached rps >= {TARGET_VARNISH_VS_UNCACHED:.0f}x",
        )
    )
    stale = sum(sum(result.stale.values()) for result in freshness)
    found.append((stale == 0, f"freshness: {stale} stale answers asked for after a purge == 0"))
    return found


def freshness_text(results: list[Freshness]) -> list[str]:
    lines = []
    for result in results:
        paths = ", ".join(
            f"{path} "
            + (f"not fresh within {FRESH_TIMEOUT:.0f} s" if ms is None else f"{ms:.0f} ms")
            for path, ms in result.fresh_ms.items()
        )
        stale = sum(result.stale.values())
        lines.append(
            f"  {result.what}: fresh through {paths} after the commit (the purge task done "
            f"{result.purged_ms:.0f} ms after it; {stale} stale answers after the purge)"
        )
    return lines


def main() -> int:
    import django

    ports = {"on": free_port(), "off": free_port(), "varnish": free_port(), "before": free_port()}
    purge_port = free_port()
    # The purge task of this process (purge-to-fresh) purges this run's Varnish too.
    os.environ["VARNISH_PURGE_URLS"] = f"http://127.0.0.1:{purge_port}/"
    django.setup()
    from django.test import Client

    from bench.urls import FLOOR_DIR

    if not Path(VARNISHD).exists():
        say(f"varnishd is missing ({VARNISHD}): `make varnish` installs it with varnish-modules")
        return 1
    load_before = load_average()
    fixture = fixture_find()
    say(f"Content: {content_counts()}")
    say(f"Fixture: community {fixture['community_slug']}, article {fixture['article_path']}")
    say(f"Warming renditions... {renditions_warm()} renditions ready")
    say(f"Response cache emptied: {response_cache_empty()} keys")
    operations = operations_build(fixture)
    client = Client(HTTP_HOST="localhost")
    documents_register(client, operations)
    say(f"Registered {len(operations)} persisted queries (APQ)")
    workdir = tempfile.TemporaryDirectory(prefix="bench-varnish-")
    baseline = (
        baseline_tree(BASELINE_REF, Path(workdir.name) / "baseline") if BASELINE_REF else None
    )
    rows = rows_build(fixture, operations, baseline=baseline is not None)

    servers = []
    freshness: list[Freshness] = []
    try:
        say(f"Starting gunicorn, response cache on ({WORKERS} sync workers), on {ports['on']}...")
        servers.append(server_start(ports["on"], {}, "cache-on"))
        say(f"Starting gunicorn, response cache off, on {ports['off']}...")
        servers.append(
            server_start(ports["off"], {"TAPESTRY_GRAPHQL_RESPONSE_CACHE": "false"}, "cache-off")
        )
        say(f"Starting varnishd on {ports['varnish']} (purges on {purge_port})...")
        servers.append(varnish_start(Path(workdir.name), ports["on"], purge_port, ports["varnish"]))
        if baseline is not None:
            say(f"Starting gunicorn with the code of {BASELINE_REF}, on {ports['before']}...")
            servers.append(server_start(ports["before"], {}, "before", cwd=baseline))

        # The floor answers what the cache-on server answers a GraphQL client, byte for byte.
        FLOOR_DIR.mkdir(parents=True, exist_ok=True)
        answers = {}
        for key, operation in operations.items():
            answers[key] = answer_fetch(ports["on"], operation.url())
            (FLOOR_DIR / f"{key}.json").write_bytes(answers[key])
        say("Counting SQL queries per operation (in process, after one warm-up)...")
        queries_count(client, rows)

        for row in rows:
            if row.kind != REST:
                row.expected = answer_fetch(ports[row.server], row.steps[0](None)[0])
        if baseline is not None:
            # Image URLs are absolute: each server's answer names its own address.
            same = json.loads(
                by_kind(rows, "a", BEFORE).expected.replace(origin(ports["before"]), b"")
            ) == json.loads(answers["a"].replace(origin(ports["on"]), b""))
            say(
                "The code before issue 12 answers the community home "
                + ("with the same data" if same else "with other data (see the row's note)")
            )
            if not same:
                by_kind(rows, "a", BEFORE).note += "; its answer's data differ"
        rows_drive(rows, ports)

        say("Purge to fresh (community home)...")
        freshness = freshness_measure(answers["a"], fixture, operations["a"].url(), ports)
        for line in freshness_text(freshness):
            say(line)
    finally:
        for process in reversed(servers):
            process_stop(process)
        workdir.cleanup()

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    found = targets(rows, freshness)
    report = "\n".join(
        [
            f"Tapestry API benchmark, {stamp}",
            f"Machine: {machine()}; load average {load_before} before the run, "
            f"{load_average()} after",
            f"Content: {content_counts()}",
            f"Run: {WARMUP:.0f} s warm-up excluded, then >= {DURATION:.0f} s and >= {MIN_REQUESTS} "
            f"operations per row, in {ROUNDS} rounds taking turns with the scenario's other "
            "rows; rps and latency are per operation (a REST operation is all the requests its "
            "note lists, made one after another); SQL/req is per operation too.",
            "",
            table(rows),
            "",
            "Purge to fresh (the newest article of the community home, published in process; "
            "the purge task runs on commit):",
            *freshness_text(freshness),
            "",
            "Targets (issue 12):",
            *(f"  {'PASS' if met else 'FAIL'}  {text}" for met, text in found),
            "",
        ]
    )
    print()
    print(report)
    out = REPO / "var" / "bench" / "api.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    say(f"Written to {out.relative_to(REPO)}")
    failed = [row for row in rows if row.ops == 0 or row.errors]
    unfresh = [r for r in freshness if None in r.fresh_ms.values()]
    return 1 if failed or unfresh or not freshness else 0


if __name__ == "__main__":
    sys.exit(main())
