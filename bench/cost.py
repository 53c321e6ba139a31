"""Calibration of the GraphQL cost limit: what each query costs, whether the limit admits it, and
how long it really takes on the benchmark data.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.cost     (after `python -m bench.load`)

Every query of the calibration set (the README's examples, every list at first 1/20/100, lists
nested under lists, the fields that render or query per item, aliased single pages) goes through
the real `/graphql/` view in process (Django test Client, bench settings: DEBUG off, cache on
Redis, the response cache off so that every call runs the query) with the cost limit lifted, so
refused queries are timed too. Per query: one warm-up call
(it also makes missing renditions), one call counting SQL queries, then BENCH_COST_RUNS timed
calls (5; a refused query BENCH_COST_REFUSED_RUNS, 1). It prints the table, writes it to
var/bench/cost.txt and exits 1 when a query fails or when an admitted query's median time is
over the budget (BENCH_COST_BUDGET_MS, 500).

Environment: BENCH_COST_RUNS, BENCH_COST_REFUSED_RUNS, BENCH_COST_BUDGET_MS, BENCH_COST_ONLY
(run only the queries whose name contains this text), BENCH_COMMUNITY (huacao-town: the
community and, from its demo content, the article with a rich body that the queries use).
"""

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# The calibration times queries: an answer from the response cache would time a Redis read.
os.environ["TAPESTRY_GRAPHQL_RESPONSE_CACHE"] = "false"

RUNS = int(os.environ.get("BENCH_COST_RUNS", "5"))
REFUSED_RUNS = int(os.environ.get("BENCH_COST_REFUSED_RUNS", "1"))
BUDGET_MS = float(os.environ.get("BENCH_COST_BUDGET_MS", "500"))
ONLY = os.environ.get("BENCH_COST_ONLY", "")
REPO = Path(__file__).resolve().parent.parent

# The calibration set ------------------------------------------------------------------------------

THUMBNAIL = "heroImage { alt rendition(size: THUMBNAIL) { url width height } }"
ALL_SIZES = (
    "heroImage { alt url width height focalPoint { x y } srcset"
    " t: rendition(size: THUMBNAIL) { url } q: rendition(size: SQUARE) { url }"
    " s: rendition(size: SMALL) { url } m: rendition(size: MEDIUM) { url }"
    " l: rendition(size: LARGE) { url } }"
)
BODY = """body { id blockType
  ... on ParagraphBlock { html }
  ... on HeadingBlock { text level }
  ... on ImageBlock { image { alt rendition(size: LARGE) { url width height } } caption credit }
  ... on QuoteBlock { quote attribution }
  ... on EmbedBlock { url embedHtml: html }
  ... on CallToActionBlock { text href page { title urlPath } }
  ... on FaqBlock { title items { question answerHtml } }
  ... on TableBlock { rows firstRowIsHeader caption } }"""
PAGE_FIELDS = (
    "id title urlPath seoTitle searchDescription locale isFallback"
    " breadcrumbs { title urlPath } translations { locale status urlPath }"
)
ARTICLE_EVERYTHING = (
    f"{PAGE_FIELDS} kind priority summary firstPublishedAt {ALL_SIZES} topics {{ name slug }}"
    " bureau { name } community { title slug } effectiveFrom expiresOn officialSourceUrl"
    f" bodyHtml {BODY} supersedes {{ title urlPath }}"
)
# Every scalar field of an article (no aliases: they count towards the alias limit).
SCALARS = (
    "id title slug urlPath seoTitle searchDescription firstPublishedAt lastPublishedAt locale"
    " requestedLocale isFallback kind priority summary effectiveFrom expiresOn officialSourceUrl"
)
EVENT_EVERYTHING = (
    f"{PAGE_FIELDS} category summary startsAt endsAt venue address location {{ latitude }}"
    " languages price isFree capacity registrationOpen spotsLeft waitlistLength maxPartySize"
    f" {ALL_SIZES} community {{ title slug }} bodyHtml {BODY}"
)

# The README's examples (GraphQL API section), as a frontend sends them.
README_COMMUNITY_HOME = """query CommunityHome($slug: String!) {
  community(slug: $slug, locale: "zh-hans") {
    title localName district
    centre { name address openingHours phone location { latitude longitude } }
    heroImage { alt rendition(size: MEDIUM) { url width height } srcset }
    articles(first: 10) {
      totalCount
      edges { node { title urlPath kind priority summary firstPublishedAt isFallback
                     heroImage { alt rendition(size: THUMBNAIL) { url width height } } } }
    }
    events(first: 5, upcoming: true) {
      edges { node { title urlPath startsAt endsAt venue registrationOpen capacity } }
    }
  }
}"""
README_ARTICLES = """query Articles($after: String) {
  articles(locale: "zh-hans", first: 20, after: $after, order: NEWEST) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title urlPath locale isFallback community { title } topics { name } } }
  }
}"""
README_FILTERED = """query Filtered {
  articles(community: "jinqiao-town", kind: POLICY, topic: "visas-residence") {
    edges { node { title bureau { name } effectiveFrom expiresOn officialSourceUrl } }
  }
  events(category: FAMILY, startsAfter: "2026-12-01T00:00:00",
         startsBefore: "2027-01-01T00:00:00") {
    edges { node { title startsAt community { title } price isFree languages } }
  }
}"""
README_ROUTE = """query Route($path: String!) {
  page(path: $path, locale: "zh-hans") {
    __typename title seoTitle searchDescription locale isFallback
    breadcrumbs { title urlPath }
    translations { locale status urlPath }
    ... on Article {
      summary bodyHtml
      body {
        blockType
        ... on ParagraphBlock { html }
        ... on HeadingBlock { text level }
        ... on ImageBlock { image { alt rendition(size: LARGE) { url width height } } caption }
        ... on CallToActionBlock { text href }
        ... on TableBlock { rows firstRowIsHeader }
      }
    }
  }
}"""
README_SEARCH = (
    'query Search { search(query: "中文", locale: "zh-hans", first: 5) { totalCount'
    " edges { node { __typename title urlPath } } } }"
)
# The README's "a page of 100 articles with images, topics and community".
README_ARTICLES_100 = (
    "{ articles(first: 100) { edges { node { title urlPath"
    f" {THUMBNAIL} topics {{ name }} community {{ title }} }} }} }} }}"
)


def _list(field: str, first, node: str, arguments: str = "") -> str:
    return (
        f"{{ {field}(first: {first}{arguments}) {{ totalCount edges {{ node {{ {node} }} }} }} }}"
    )


def _community(inner: str) -> str:
    return f"query($slug: String!) {{ community(slug: $slug) {{ title {inner} }} }}"


def _aliased(count: int, field: str, selection: str, fragment: str = "") -> str:
    """`count` aliases of one field (up to the alias limit), the selection in a fragment."""
    body = " ".join(f"a{number}: {field} {{ ...F }}" for number in range(count))
    declared = "($path: String!)" if "$path" in field else ""
    return f"query{declared} {{ {body} }} fragment F on {fragment} {{ {selection} }}"


@dataclass
class Case:
    name: str
    query: str
    variables: dict = field(default_factory=dict)
    cost: int = 0
    admitted: bool = False
    queries: int | None = None
    times: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def slowest(self) -> float:
        return max(self.times) if self.times else float("nan")


@dataclass
class Family:
    """Queries of one shape at several sizes: `template` has a `{first}` placeholder (or makes
    the query of a size).

    Besides the sizes given, the family runs at the largest size (1 to `most`) that the limit
    admits: the worst query of that shape a client may send.
    """

    name: str
    template: str | Callable[[int], str]
    variables: dict = field(default_factory=dict)
    sizes: tuple[int, ...] = (100,)
    most: int = 100

    def cases(self, limit: int) -> list[Case]:
        def case(first: int, note: str = "") -> Case:
            template = self.template
            if callable(template):
                query = template(first)
            else:
                query = template.replace("{first}", str(first))
            return Case(f"{self.name.replace('{first}', str(first))}{note}", query, self.variables)

        sizes = range(1, self.most + 1)
        admitted = [first for first in sizes if cost_of(case(first)) <= limit]
        largest = max(admitted, default=None)
        sizes = sorted(set(self.sizes))
        cases = [case(first) for first in sizes if first != largest]
        if largest is not None:
            cases.append(case(largest, " (largest admitted)"))
        return sorted(cases, key=lambda item: cost_of(item))


def cases_build(fixture: dict, limit: int) -> list[Case]:
    slug = {"slug": fixture["community_slug"]}
    path = {"path": fixture["article_path"]}
    api_home = {"slug": fixture["community_slug"], "locale": "en"}
    cases = [
        Case("readme: CommunityHome (zh-hans)", README_COMMUNITY_HOME, slug),
        Case("readme: Articles, 20 zh-hans", README_ARTICLES),
        Case("readme: Filtered", README_FILTERED),
        Case("readme: Route, page(path) with body (zh-hans)", README_ROUTE, path),
        Case("readme: Search, first 5", README_SEARCH),
        Case("readme: articles 100, images, topics, community", README_ARTICLES_100),
        Case("bench.api (a) community home", _api_query("COMMUNITY_HOME"), api_home),
        Case("bench.api (b) articles 50 zh-hans", _api_query("ARTICLES"), {"locale": "zh-hans"}),
        Case("bench.api (c) page(path)", _api_query("PAGE"), {**path, "locale": "en"}),
    ]
    every_size = (1, 20, 100)
    families = [
        # Every list at 1, 20 and 100 items.
        Family("articles {first}", _list("articles", "{first}", "id title"), {}, every_size),
        Family(
            "articles {first} zh-hans",
            _list("articles", "{first}", "title urlPath isFallback", ', locale: "zh-hans"'),
        ),
        Family("events {first}", _list("events", "{first}", "id title startsAt"), {}, every_size),
        Family("communities {first}", _list("communities", "{first}", "title slug localName")),
        Family("topics {first}", _list("topics", "{first}", "name slug")),
        Family(
            "community.articles {first}",
            _community("articles(first: {first}) { edges { node { title } } }"),
            slug,
            every_size,
        ),
        Family(
            "community.events {first}",
            _community("events(first: {first}) { edges { node { title } } }"),
            slug,
            every_size,
        ),
        # Searches for a word most articles contain, in English and in Chinese.
        Family(
            "search {first}",
            _list("search", "{first}", "__typename title urlPath", ', query: "residents"'),
            {},
            every_size,
        ),
        Family(
            "search {first} zh-hans",
            _list("search", "{first}", "__typename title", ', query: "居民", locale: "zh-hans"'),
        ),
        Family(
            "articles(search) {first}",
            _list("articles", "{first}", "title urlPath", ', search: "residents"'),
            {},
            every_size,
        ),
    ]
    # What each field adds, on a list of articles. The newest 100 include 43 demo articles,
    # whose bodies have headings, images, quotes, lists and links; the generated ones have one
    # paragraph.
    per_item = {
        "hero rendition": THUMBNAIL,
        "hero 5 renditions + srcset": ALL_SIZES,
        "topics, bureau": "topics { name slug } bureau { name }",
        "community, contacts, descriptionHtml": (
            "community { title descriptionHtml contacts { name } }"
        ),
        "translations": "translations { locale status urlPath }",
        "breadcrumbs": "breadcrumbs { title urlPath }",
        "bodyHtml": "bodyHtml",
        "body blocks": BODY,
    }
    for label, node in per_item.items():
        families.append(
            Family(f"articles {{first}}: {label}", _list("articles", "{first}", f"title {node}"))
        )
    families += [
        # Every generated policy update supersedes another: `supersedes` loads a page per item.
        Family(
            "policy articles {first}: supersedes",
            _list("articles", "{first}", "title supersedes { title urlPath }", ", kind: POLICY"),
        ),
        Family(
            "policy articles {first}: supersedes, its community, image, topics",
            _list(
                "articles",
                "{first}",
                f"title supersedes {{ title community {{ title }} {THUMBNAIL} topics {{ name }} }}",
                ", kind: POLICY",
            ),
        ),
        Family("articles {first}: everything", _list("articles", "{first}", ARTICLE_EVERYTHING)),
        Family("events {first}: everything", _list("events", "{first}", EVENT_EVERYTHING)),
        Family(
            "communities {first}: everything",
            _list(
                "communities",
                "{first}",
                f"{PAGE_FIELDS} localName district descriptionHtml centre {{ name }}"
                f" contacts {{ name }} {ALL_SIZES}",
            ),
        ),
        Family(
            "search {first}: everything",
            _list(
                "search",
                "{first}",
                f"__typename {PAGE_FIELDS} ... on Article {{ summary {THUMBNAIL} bodyHtml }}"
                f" ... on Event {{ startsAt {THUMBNAIL} bodyHtml }}",
                ', query: "residents"',
            ),
        ),
    ]
    # Lists nested under lists: each nested list runs its own queries, once per parent item.
    nested = [
        ("events", (100,), "events", 5, ""),  # the finding: 1.9-2.2 s
        ("articles", (100,), "events", 10, ', locale: "zh-hans"'),  # the finding: 2.2-2.8 s
        ("articles", (100,), "articles", 1, ""),
        ("articles", (20,), "articles", 5, ""),
        ("articles", (10,), "articles", 20, ""),
        ("articles", (5,), "articles", 100, ""),
        ("events", (20,), "events", 20, ""),
    ]
    for outer, sizes, inner, inner_first, arguments in nested:
        nested_list = f"{inner}(first: {inner_first}) {{ edges {{ node {{ title }} }} }}"
        label = f"{outer} {{first}} > community.{inner} {inner_first}"
        if arguments:
            label += " " + arguments.split(":")[1].strip().strip('"')
        node = f"title community {{ {nested_list} }}"
        families.append(Family(label, _list(outer, "{first}", node, arguments), {}, sizes))
    families += [
        Family(
            "communities {first} > articles 10",
            _list(
                "communities",
                "{first}",
                "title articles(first: 10) { totalCount edges { node { title"
                f" {THUMBNAIL} }} }} }}",
            ),
        ),
        Family(
            "communities {first} > articles 10 > community.events 10",
            _list(
                "communities",
                "{first}",
                "title articles(first: 10) { edges { node { title"
                " community { events(first: 10) { edges { node { title } } } } } } }",
            ),
        ),
        # Aliases (at most 20): the same list or page many times, the selection in a fragment.
        Family(
            "6 aliased articles {first}, every scalar",
            _aliased(
                6,
                "articles(first: {first})",
                f"totalCount edges {{ cursor node {{ {SCALARS} }} }}",
                "ArticleConnection",
            ),
            {},
            (1,),
        ),
        # (The fragment's own aliases count too: 14 pages at most.)
        Family(
            "{first} aliased page(path) with everything",
            lambda count: _aliased(count, "page(path: $path)", ARTICLE_EVERYTHING, "Article"),
            path,
            (14,),
            14,
        ),
        Family(
            "{first} aliased page(path), title",
            lambda count: _aliased(count, "page(path: $path)", "title", "Page"),
            path,
            (20,),
            20,
        ),
    ]
    for family in families:
        cases += family.cases(limit) if isinstance(family, Family) else [family]
    return [case for case in cases if ONLY in case.name]


def _api_query(name: str) -> str:
    from bench import api

    return getattr(api, name)


# Running ----------------------------------------------------------------------------------------


def cost_of(case: Case) -> int:
    from graphene_django.settings import graphene_settings
    from graphql import get_operation_ast, parse

    from schema.core.limits import QueryCost

    schema = graphene_settings.SCHEMA.graphql_schema
    document = parse(case.query)
    operation = get_operation_ast(document, None)
    return QueryCost(schema, document, case.variables).of_operation(operation)


def call(client, case: Case) -> None:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": case.query, "variables": case.variables}),
        content_type="application/json",
    )
    payload = response.json()
    if response.status_code != 200 or payload.get("errors"):
        raise RuntimeError(f"HTTP {response.status_code}: {json.dumps(payload)[:300]}")


def measure(client, case: Case) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    case.cost = cost_of(case)
    case.admitted = case.cost <= settings.TAPESTRY_GRAPHQL_MAX_COST
    try:
        with override_settings(TAPESTRY_GRAPHQL_MAX_COST=sys.maxsize):
            call(client, case)  # warm-up: renditions, caches
            with CaptureQueriesContext(connection) as captured:
                call(client, case)
            case.queries = len(captured)
            for _ in range(RUNS if case.admitted else REFUSED_RUNS):
                started = time.perf_counter()
                call(client, case)
                case.times.append((time.perf_counter() - started) * 1000)
    except (RuntimeError, ValueError) as error:  # an error answer, or not JSON
        case.error = str(error)


# Report -----------------------------------------------------------------------------------------


def table(cases: list[Case], limit: int) -> str:
    header = ("query", "cost", f"limit {limit}", "SQL", "p50 ms", "max ms", "note")
    lines = []
    for case in cases:
        verdict = "admitted" if case.admitted else "refused"
        over = case.admitted and case.p50 > BUDGET_MS
        note = case.error[:80] or ("OVER BUDGET" if over else "")
        lines.append(
            (
                case.name,
                str(case.cost),
                verdict,
                "-" if case.queries is None else str(case.queries),
                "-" if not case.times else f"{case.p50:.0f}",
                "-" if not case.times else f"{case.slowest:.0f}",
                note,
            )
        )
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    numeric = {1, 3, 4, 5}

    def render(line):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        return "  ".join(cells).rstrip()

    rule = ["-" * width for width in widths]
    return "\n".join([render(header), render(rule), *map(render, lines)])


def summary(cases: list[Case]) -> str:
    admitted = [case for case in cases if case.admitted and case.times]
    refused = [case for case in cases if not case.admitted and case.times]
    parts = []
    if admitted:
        slowest = max(admitted, key=lambda case: case.p50)
        parts.append(f"slowest admitted: {slowest.name}, {slowest.p50:.0f} ms (p50)")
    if refused:
        fastest = min(refused, key=lambda case: case.p50)
        parts.append(f"fastest refused: {fastest.name}, {fastest.p50:.0f} ms")
    return "; ".join(parts)


def machine(load_before: float) -> str:
    """The machine, with its load average before and after the run (other work on the machine
    slows every query: the figures compare with runs at a similar load)."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = f"load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after"
    return (
        f"{cpu}, {os.cpu_count()} cores, {load}; Python {platform.python_version()}, PostgreSQL "
        "and Redis on the same machine"
    )


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench.api import content_counts, fixture_find, renditions_warm

    load_before = os.getloadavg()[0]
    fixture = fixture_find()
    limit = settings.TAPESTRY_GRAPHQL_MAX_COST
    print(f"Content: {content_counts()}", flush=True)
    print(f"Fixture: community {fixture['community_slug']}, article {fixture['article_path']}")
    print(f"Warming renditions... {renditions_warm()} renditions ready", flush=True)
    client = Client(HTTP_HOST="localhost")
    cases = cases_build(fixture, limit)
    for number, case in enumerate(cases, 1):
        measure(client, case)
        timing = f"p50 {case.p50:.0f} ms" if case.times else case.error[:200]
        print(f"  [{number}/{len(cases)}] {case.name}: cost {case.cost}, {timing}", flush=True)

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = "\n".join(
        [
            f"Tapestry GraphQL cost calibration, {stamp}",
            f"Machine: {machine(load_before)}",
            f"Content: {content_counts()}",
            f"Run: in process, DEBUG off; per query one warm-up, one call counting SQL, then "
            f"{RUNS} timed calls ({REFUSED_RUNS} when refused; timed with the limit lifted). "
            f"Budget: an admitted query's p50 under {BUDGET_MS:.0f} ms.",
            "",
            table(cases, limit),
            "",
            summary(cases),
            "",
        ]
    )
    print()
    print(report)
    out = REPO / "var" / "bench" / "cost.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(f"Written to {out.relative_to(REPO)}")
    failed = [case for case in cases if case.error]
    over = [case for case in cases if case.admitted and case.p50 > BUDGET_MS]
    for case in over:
        print(f"OVER BUDGET: {case.name}: cost {case.cost}, p50 {case.p50:.0f} ms", file=sys.stderr)
    for case in failed:
        print(f"FAILED: {case.name}: {case.error}", file=sys.stderr)
    return 1 if over or failed else 0


if __name__ == "__main__":
    sys.exit(main())
