"""GraphQL API vs Wagtail's REST API, side by side against the same database.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.api     (after `python -m bench.load`)

Starts gunicorn (bench settings, sync workers) on a free port, drives every scenario from client
threads with keep-alive sessions (warm-up excluded), counts SQL queries per request in-process
with Django's test Client, prints a table and writes it to var/bench/api.txt.

Environment: BENCH_WARMUP (s, 5), BENCH_DURATION (s, 15), BENCH_MIN_REQUESTS (300),
BENCH_CONCURRENCY (4), BENCH_WORKERS (gunicorn workers, 2).
"""

import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# One key for this process and the gunicorn workers it starts.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))

WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
DURATION = float(os.environ.get("BENCH_DURATION", "15"))
MIN_REQUESTS = int(os.environ.get("BENCH_MIN_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
MAX_DURATION = 60.0
COMMUNITY = os.environ.get("BENCH_COMMUNITY", "huacao-town")
REPO = Path(__file__).resolve().parent.parent

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
STAND_IN = "{ site { name } }"

LIST_FIELDS = "summary,kind,priority,hero_image_alt,hero_thumbnail"


@dataclass
class Call:
    """One HTTP request: GET of `url`, or POST of `body` as JSON."""

    url: str
    body: dict | None = None


@dataclass
class Scenario:
    key: str
    name: str
    api: str
    calls: Callable[[dict], list[Call]] | list[Callable[[dict], list[Call]]]
    note: str = ""
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    ops: int = 0
    errors: int = 0
    queries: int | None = None
    latencies: list[float] = field(default_factory=list)


def say(message: str) -> None:
    print(message, flush=True)


# Scenarios ----------------------------------------------------------------------------------------


def graphql_calls(query: str, variables: dict) -> Callable[[dict], list[Call]]:
    return lambda _state: [Call("/graphql/", {"query": query, "variables": variables})]


def rest_community_home(fixture: dict) -> Callable:
    """What a frontend needs from the REST API: the community (by slug), then its lists."""

    def first(_state):
        return [
            Call(
                "/api/v2/pages/?type=communities.CommunityPage&locale=en&slug="
                f"{fixture['community_slug']}&fields=local_name,district,hero_image,"
                "hero_image_alt,hero_medium"
            )
        ]

    def then(state):
        community_id = state["items"][0]["id"]
        return [
            Call(
                f"/api/v2/pages/?type=articles.ArticlePage&descendant_of={community_id}"
                f"&order=-first_published_at&limit=10&fields={LIST_FIELDS}"
            ),
            # No range filters in the REST API: "upcoming" cannot be asked for.
            Call(
                f"/api/v2/pages/?type=articles.EventPage&descendant_of={community_id}"
                "&order=starts_at&limit=5&fields=starts_at,ends_at,venue,hero_image_alt,"
                "hero_thumbnail"
            ),
        ]

    return [first, then]


def scenarios_build(fixture: dict, real: bool) -> list[Scenario]:
    if real:
        graphql = {
            "a": graphql_calls(COMMUNITY_HOME, {"slug": fixture["community_slug"], "locale": "en"}),
            "b": graphql_calls(ARTICLES, {"locale": "zh-hans"}),
            "c": graphql_calls(PAGE, {"path": fixture["article_path"], "locale": "en"}),
        }
        note = ""
    else:
        stand_in = graphql_calls(STAND_IN, {})
        graphql = {"a": stand_in, "b": stand_in, "c": stand_in}
        note = "stand-in query { site { name } }"
    rest = {
        "a": rest_community_home(fixture),
        "b": lambda _state: [
            Call(
                "/api/v2/pages/?type=articles.ArticlePage&locale=zh-hans&limit=50"
                f"&order=-first_published_at&fields={LIST_FIELDS},topics,community"
            )
        ],
        # find/ answers with a redirect to the page's detail URL: two requests.
        "c": lambda _state: [
            Call(
                f"/api/v2/pages/find/?html_path={fixture['article_path']}"
                "&fields=-hero_thumbnail,-community"
            )
        ],
    }
    names = {
        "a": "(a) community home",
        "b": "(b) articles first 50 zh-hans",
        "c": "(c) page(path) article",
    }
    rest_notes = {
        "a": "3 requests: community, articles, events (events not filtered to upcoming)",
        "b": "zh-hans pages only (no en fallback)",
        "c": "2 requests: find/ redirects to detail",
    }
    rows = []
    for key in "abc":
        rows.append(Scenario(key, names[key], "GraphQL", graphql[key], note))
        rows.append(Scenario(key, names[key], "REST", rest[key], rest_notes[key]))
    return rows


# Running one scenario ---------------------------------------------------------------------------


def _steps(scenario: Scenario) -> list[Callable]:
    """A scenario's steps; each step's calls may use the JSON answer to the first call made."""
    return scenario.calls if isinstance(scenario.calls, list) else [scenario.calls]


def operation_http(session, base: str, scenario: Scenario) -> None:
    """One scenario operation over HTTP: every call of every step, in order."""
    state: dict = {}
    for step in _steps(scenario):
        for call in step(state):
            if call.body is None:
                response = session.get(base + call.url, timeout=30, allow_redirects=False)
                if response.is_redirect:  # to WAGTAILAPI_BASE_URL: same path on this server
                    target = urlsplit(response.headers["Location"])
                    response = session.get(f"{base}{target.path}?{target.query}", timeout=30)
            else:
                response = session.post(base + call.url, json=call.body, timeout=30)
            response.raise_for_status()
            payload = response.json()
            if isinstance(payload, dict) and payload.get("errors"):
                raise RuntimeError(json.dumps(payload["errors"])[:500])
            state = state or payload


def operation_client(client, scenario: Scenario) -> tuple[int, list]:
    """The same operation through Django's test Client, with the SQL queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    state: dict = {}
    queries = 0
    payloads = []
    for step in _steps(scenario):
        for call in step(state):
            with CaptureQueriesContext(connection) as captured:
                if call.body is None:
                    response = client.get(call.url, follow=True)
                else:
                    response = client.post(
                        call.url, data=json.dumps(call.body), content_type="application/json"
                    )
            queries += len(captured)
            if response.status_code != 200:
                body = response.content[:300]
                raise RuntimeError(f"{call.url}: HTTP {response.status_code}: {body!r}")
            payload = response.json()
            if isinstance(payload, dict) and payload.get("errors"):
                errors = json.dumps(payload["errors"])
                raise RuntimeError(f"{scenario.api} {scenario.name}: {errors}")
            payloads.append(payload)
            state = state or payload
    return queries, payloads


def drive(base: str, scenario: Scenario) -> None:
    """Warm up, then run CONCURRENCY client threads for DURATION (or MIN_REQUESTS operations)."""
    import requests

    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    measuring = threading.Event()
    stop = threading.Event()

    def worker():
        with requests.Session() as session:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    operation_http(session, base, scenario)
                except Exception as error:  # counted and reported
                    with lock:
                        errors.append(str(error))
                    continue
                elapsed = time.perf_counter() - started
                if measuring.is_set():
                    with lock:
                        latencies.append(elapsed)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    time.sleep(WARMUP)
    with lock:
        errors.clear()
    measuring.set()
    began = time.perf_counter()
    while True:
        time.sleep(0.25)
        elapsed = time.perf_counter() - began
        with lock:
            done = len(latencies)
        if (elapsed >= DURATION and done >= MIN_REQUESTS) or elapsed >= MAX_DURATION:
            break
    with lock:
        measured = list(latencies)
        elapsed = time.perf_counter() - began
    stop.set()
    for thread in threads:
        thread.join(timeout=35)
    measured.sort()
    scenario.latencies = measured
    scenario.ops = len(measured)
    scenario.errors = len(errors)
    scenario.rps = len(measured) / elapsed if elapsed else 0.0
    scenario.p50 = _percentile(measured, 50) * 1000
    scenario.p95 = _percentile(measured, 95) * 1000
    if errors:
        say(f"    {len(errors)} errors, first: {errors[0][:300]}")


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return float("nan")
    rank = max(0, min(len(values) - 1, round(percent / 100 * len(values) + 0.5) - 1))
    return values[rank]


# Server -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_start(port: int) -> subprocess.Popen:
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
    log = REPO / "var" / "bench" / "gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        server = subprocess.Popen(  # noqa: S603 (fixed argv)
            command, cwd=REPO, stdout=output, stderr=output, start_new_session=True
        )
    import requests

    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}, see {log}")
            try:
                response = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
                if response.status_code == 200:
                    return server
            except requests.RequestException:
                pass  # workers still importing the project
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")
    except BaseException:
        server_stop(server)
        raise


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the master and its workers: their own group
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


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
        f"Python {platform.python_version()}, PostgreSQL {postgres} and Redis on the same machine; "
        f"gunicorn {WORKERS} sync workers, {CONCURRENCY} client threads"
    )


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


def table(rows: list[Scenario]) -> str:
    header = (
        "scenario",
        "API",
        "rps",
        "p50 ms",
        "p95 ms",
        "queries/req",
        "rps G/R",
        "p95 G/R",
        "note",
    )
    lines = []
    by_key = {(row.key, row.api): row for row in rows}
    for row in rows:
        rest = by_key[(row.key, "REST")]
        ratio_rps = ratio_p95 = ""
        if row.api == "GraphQL" and rest.rps and rest.p95:
            ratio_rps = f"{row.rps / rest.rps:.2f}"
            ratio_p95 = f"{row.p95 / rest.p95:.2f}"
        lines.append(
            (
                row.name,
                row.api,
                f"{row.rps:.1f}",
                f"{row.p50:.1f}",
                f"{row.p95:.1f}",
                "-" if row.queries is None else str(row.queries),
                ratio_rps,
                ratio_p95,
                row.note + (f"; {row.errors} errors" if row.errors else ""),
            )
        )
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6, 7}

    def render(line):
        cells = [
            str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        return "  ".join(cells).rstrip()

    rule = ["-" * width for width in widths]
    return "\n".join([render(header), render(rule), *map(render, lines)])


def main() -> int:
    import django

    django.setup()
    from django.test import Client

    sdl = REPO / "schema.graphql"
    schema_text = sdl.read_text() if sdl.exists() else ""
    real = "community(" in schema_text and "articles(" in schema_text
    fixture = fixture_find()
    say(f"Content: {content_counts()}")
    say(f"Fixture: community {fixture['community_slug']}, article {fixture['article_path']}")
    queries = "the real ones" if real else "stand-in { site { name } } (no schema yet)"
    say(f"GraphQL queries: {queries}")
    say(f"Warming renditions... {renditions_warm()} renditions ready")
    rows = scenarios_build(fixture, real)

    client = Client(HTTP_HOST="localhost")
    say("Counting SQL queries per request (in process, after one warm-up)...")
    for row in rows:
        operation_client(client, row)  # warm caches, as the server's warm-up does
        row.queries, _payloads = operation_client(client, row)

    port = free_port()
    say(f"Starting gunicorn ({WORKERS} sync workers) on 127.0.0.1:{port}...")
    server = server_start(port)
    try:
        for row in rows:
            say(f"  {row.api:7} {row.name}: {WARMUP:.0f} s warm-up, then {DURATION:.0f} s ...")
            drive(f"http://127.0.0.1:{port}", row)
            say(f"    {row.ops} ops, {row.rps:.1f} rps, p50 {row.p50:.1f} ms, p95 {row.p95:.1f} ms")
    finally:
        server_stop(server)

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = "\n".join(
        [
            f"Tapestry API benchmark, {stamp}",
            f"Machine: {machine()}",
            f"Content: {content_counts()}",
            f"Run: {WARMUP:.0f} s warm-up excluded, then >= {DURATION:.0f} s and >= {MIN_REQUESTS} "
            "operations per row; rps and latency are per operation (a REST operation is all the "
            "requests its note lists, made one after another); queries/req is per operation too.",
            "",
            table(rows),
            "",
        ]
    )
    print()
    print(report)
    out = REPO / "var" / "bench" / "api.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    say(f"Written to {out.relative_to(REPO)}")
    failed = [row for row in rows if row.ops == 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
