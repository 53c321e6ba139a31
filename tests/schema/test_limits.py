"""Limits and error policy of `/graphql/`: depth, cost, tokens, aliases, introspection, GET,
validation, unexpected exceptions and invalid arguments; the document's structure (fragments,
spreads, fields, repeats) checked before graphql-core's standard rules."""

import json

import pytest
from graphql import get_introspection_query, get_operation_ast, parse

from schema.articles import resolvers
from schema.core.limits import QueryCost
from schema.core.pagination import cursor_encode
from schema.persisted import documents
from schema.schema import schema
from tests.helpers import HUACAO
from tests.schema.guard import no_hang

pytestmark = pytest.mark.django_db

COST_BOMB = """{
  articles(first: 100) { edges { node {
    community { articles(first: 100) { edges { node { title } } } }
  } } }
}"""

COST_BOMB_VARIABLES = """query($outer: Int, $inner: Int) {
  articles(first: $outer) { edges { node {
    community { articles(first: $inner) { edges { node { title } } } }
  } } }
}"""

DEEP = """{
  community(slug: "huacao-town") { articles { edges { node {
    community { articles { edges { node {
      community { articles { edges { node { title } } } }
    } } } }
  } } } }
}"""

SHALLOW = '{ community(slug: "huacao-town") { title } }'


def codes(errors: list[dict]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in errors]


def test_a_query_nested_deeper_than_the_limit_is_refused(gql):
    body = gql(DEEP, status=400)

    assert "data" not in body
    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "depth" in body["errors"][0]["message"]


def test_the_depth_limit_is_a_setting(gql, settings):
    settings.TAPESTRY_GRAPHQL_MAX_DEPTH = 1
    nested = '{ community(slug: "huacao-town") { centre { name } } }'

    assert gql(nested, status=400)["errors"][0]["extensions"]["code"] == (
        "GRAPHQL_VALIDATION_FAILED"
    )
    assert gql.data(SHALLOW)["community"]["title"] == "Huacao Town"


def test_a_query_that_multiplies_lists_is_too_expensive(gql, settings):
    body = gql(COST_BOMB, status=400)

    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"
    assert error["extensions"]["limit"] == settings.TAPESTRY_GRAPHQL_MAX_COST
    assert error["extensions"]["cost"] > settings.TAPESTRY_GRAPHQL_MAX_COST
    assert "data" not in body


def test_the_cost_counts_first_given_in_variables(gql):
    refused = gql(COST_BOMB_VARIABLES, {"outer": 100, "inner": 100}, status=400)
    assert codes(refused["errors"]) == ["QUERY_TOO_EXPENSIVE"]

    allowed = gql.data(COST_BOMB_VARIABLES, {"outer": 2, "inner": 2})
    assert allowed["articles"]["edges"] is not None


def test_omitted_first_counts_as_the_default_page_size(gql, settings):
    # articles (a list) + 20 items x (edges 1 + node 1 + title 1).
    expected = settings.TAPESTRY_GRAPHQL_LIST_COST + 20 * 3
    settings.TAPESTRY_GRAPHQL_MAX_COST = expected - 1
    body = gql("{ articles { edges { node { title } } } }", status=400)
    assert body["errors"][0]["extensions"]["cost"] == expected

    assert "errors" not in gql("{ articles(first: 5) { edges { node { title } } } }")


def test_a_huge_query_is_refused_while_parsing(gql, settings):
    fields = " ".join(["name"] * (settings.TAPESTRY_GRAPHQL_MAX_TOKENS + 10))
    body = gql("{ site { " + fields + " } }", status=400)

    assert codes(body["errors"]) == ["GRAPHQL_PARSE_FAILED"]
    assert "tokens" in body["errors"][0]["message"]


def test_a_query_longer_than_the_length_cap_is_refused(gql, settings):
    settings.TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH = 100
    body = gql("{ site { name " + " " * 200 + "} }", status=400)

    assert codes(body["errors"]) == ["GRAPHQL_PARSE_FAILED"]


def aliased(count: int) -> str:
    return "{ " + " ".join(f"a{number}: site {{ name }}" for number in range(count)) + " }"


def test_aliases_are_capped(gql, settings):
    limit = settings.TAPESTRY_GRAPHQL_MAX_ALIASES

    assert len(gql.data(aliased(limit))) == limit
    body = gql(aliased(limit + 1), status=400)
    assert codes(body["errors"]) == ["TOO_MANY_ALIASES"]


INTROSPECTION = "{ __schema { queryType { name } } }"


def test_introspection_is_refused_when_switched_off(gql, settings):
    settings.TAPESTRY_GRAPHQL_INTROSPECTION = False

    body = gql(INTROSPECTION, status=400)
    assert set(codes(body["errors"])) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "introspection" in body["errors"][0]["message"].lower()
    type_query = gql('{ __type(name: "Article") { name } }', status=400)
    assert set(codes(type_query["errors"])) == {"GRAPHQL_VALIDATION_FAILED"}
    # __typename is not introspection of the schema: frontends need it for unions.
    assert gql.data("{ site { __typename } }") == {"site": {"__typename": "Site"}}


def test_introspection_is_answered_when_switched_on(gql, settings):
    settings.TAPESTRY_GRAPHQL_INTROSPECTION = True

    assert gql.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}


def test_get_answers_queries(client):
    response = client.get(
        "/graphql/", {"query": "{ site { defaultLocale } }"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {"data": {"site": {"defaultLocale": "en"}}}


def test_get_refuses_a_mutation(client):
    response = client.get(
        "/graphql/", {"query": "mutation { site { name } }"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_an_unknown_field_is_a_validation_error(gql):
    body = gql("{ site { name password } }", status=400)

    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "password" in body["errors"][0]["message"]


def test_a_syntax_error_is_a_parse_error(gql):
    body = gql("{ site { name ", status=400)

    assert codes(body["errors"]) == ["GRAPHQL_PARSE_FAILED"]


def test_an_unexpected_exception_is_an_internal_error_without_details(gql, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(resolvers, "articles_select", broken)

    response = gql.client.post(
        "/graphql/",
        json.dumps({"query": "{ site { name } articles { totalCount } }"}),
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [
        {
            "message": "Internal server error.",
            "locations": [{"line": 1, "column": 17}],
            "path": ["articles"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    assert body["data"] is None  # `articles` is non-null: the error reaches the root
    text = response.content.decode()
    assert "hunter2" not in text
    assert "Traceback" not in text
    assert "RuntimeError" not in text


CONNECTIONS = {
    "articles": "query($first: Int, $after: String) "
    "{ articles(first: $first, after: $after) { totalCount } }",
    "events": "query($first: Int, $after: String) "
    "{ events(first: $first, after: $after) { totalCount } }",
    "topics": "query($first: Int, $after: String) "
    "{ topics(first: $first, after: $after) { totalCount } }",
    "communities": "query($first: Int, $after: String) "
    "{ communities(first: $first, after: $after) { totalCount } }",
    "search": "query($first: Int, $after: String) "
    '{ search(query: "visa", first: $first, after: $after) { totalCount } }',
    "community.articles": "query($first: Int, $after: String) "
    f'{{ community(slug: "{HUACAO}") {{ articles(first: $first, after: $after) '
    "{ totalCount } } }",
    "community.events": "query($first: Int, $after: String) "
    f'{{ community(slug: "{HUACAO}") {{ events(first: $first, after: $after) '
    "{ totalCount } } }",
}


@pytest.mark.parametrize("name", sorted(CONNECTIONS))
@pytest.mark.parametrize(
    ("variables", "field", "code"),
    [
        ({"first": 0}, "first", "OUT_OF_RANGE"),
        ({"first": 101}, "first", "OUT_OF_RANGE"),
        ({"first": -1}, "first", "OUT_OF_RANGE"),
        ({"after": "not a cursor"}, "after", "INVALID_CURSOR"),
        ({"after": "dGFwZXN0cnk6LTU="}, "after", "INVALID_CURSOR"),  # "tapestry:-5"
    ],
)
def test_bad_page_arguments_are_errors_on_every_connection(gql, name, variables, field, code):
    errors = gql.errors(CONNECTIONS[name], variables)

    assert [error["extensions"] for error in errors] == [{"code": code, "field": field}]


@pytest.mark.parametrize("name", sorted(CONNECTIONS))
@pytest.mark.parametrize("offset", [10**6, 2**63, 2**70])
def test_a_cursor_past_the_end_is_an_empty_page_on_every_connection(gql, content, name, offset):
    query = CONNECTIONS[name].replace(
        "{ totalCount }", "{ totalCount edges { cursor } pageInfo { hasNextPage endCursor } }"
    )

    past_the_end = _connection(gql.data(query, {"first": 5, "after": cursor_encode(offset)}), name)
    whole = _connection(gql.data(query, {"first": 5}), name)

    assert whole["edges"]
    assert past_the_end["edges"] == []
    assert past_the_end["pageInfo"] == {"hasNextPage": False, "endCursor": None}
    assert past_the_end["totalCount"] == whole["totalCount"]


def _connection(data: dict, name: str) -> dict:
    for key in name.split("."):
        data = data[key]
    return data


def test_the_largest_page_is_allowed(gql):
    data = gql.data(CONNECTIONS["communities"], {"first": 100})

    assert data["communities"]["totalCount"] == 9


LOCALE_QUERIES = {
    "articles": "query($locale: String) { articles(locale: $locale) { totalCount } }",
    "article": 'query($locale: String) { article(slug: "x", locale: $locale) { id } }',
    "events": "query($locale: String) { events(locale: $locale) { totalCount } }",
    "event": 'query($locale: String) { event(slug: "x", locale: $locale) { id } }',
    "topics": "query($locale: String) { topics(locale: $locale) { totalCount } }",
    "communities": "query($locale: String) { communities(locale: $locale) { totalCount } }",
    "community": f'query($locale: String) {{ community(slug: "{HUACAO}", locale: $locale) '
    "{ id } }",
    "page": 'query($locale: String) { page(path: "/", locale: $locale) { id } }',
    "search": 'query($locale: String) { search(query: "visa", locale: $locale) { totalCount } }',
}


@pytest.mark.parametrize("name", sorted(LOCALE_QUERIES))
def test_an_unknown_locale_is_an_error_on_every_query(gql, name):
    error = gql.errors(LOCALE_QUERIES[name], {"locale": "klingon"})[0]

    assert error["extensions"] == {"code": "UNKNOWN_LOCALE", "field": "locale"}
    assert "klingon" in error["message"]


@pytest.mark.parametrize(
    "order", ['"owner__password"', "OWNER__PASSWORD", '"-first_published_at"', "newest"]
)
def test_order_takes_an_enum_value_only(gql, order):
    body = gql(f"{{ articles(order: {order}) {{ totalCount }} }}", status=400)

    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "data" not in body


@pytest.mark.parametrize("order", ["owner__password", "newest", "-title"])
def test_order_given_in_a_variable_must_be_an_enum_name(gql, order):
    query = "query($order: ArticleOrder) { articles(order: $order) { totalCount } }"
    body = gql(query, {"order": order}, status=400)

    assert "ArticleOrder" in body["errors"][0]["message"]
    assert "data" not in body


def test_event_order_takes_an_enum_value_only(gql):
    body = gql('{ events(order: "starts_at") { totalCount } }', status=400)

    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "errors" not in gql("{ events(order: STARTS_LATEST) { totalCount } }")


# Structure: decided before graphql-core's standard rules, in time linear in the document.


@pytest.fixture
def standard_rules(monkeypatch) -> list:
    """The documents graphql-core's standard validation was asked to check."""
    checked = []
    real = documents.validate

    def spy(schema, document, *args, **kwargs):
        checked.append(document)
        return real(schema, document, *args, **kwargs)

    monkeypatch.setattr(documents, "validate", spy)
    return checked


def fragment_doubling(count: int, leaf: str = "site { name }") -> str:
    """`{ ...F0 }`, each fragment spreading the next twice: 2**count leaves in ~40 bytes each."""
    fragments = [
        f"fragment F{number} on Query {{ ...F{number + 1} ...F{number + 1} }}"
        for number in range(count)
    ]
    return " ".join(["query { ...F0 }", *fragments, f"fragment F{count} on Query {{ {leaf} }}"])


@pytest.mark.parametrize("leaf", ["site { name }", "__typename"])
def test_fragment_doubling_is_refused_before_the_standard_rules(gql, standard_rules, leaf):
    with no_hang():
        body = gql(fragment_doubling(26, leaf), status=400)

    assert codes(body["errors"]) == ["TOO_MANY_FIELDS"]
    assert body["errors"][0]["extensions"]["limit"] == 500
    assert standard_rules == []


def test_a_fragment_cost_is_computed_once(monkeypatch):
    document = parse(fragment_doubling(16))
    walks = []
    real = QueryCost._selections

    def counted(self, *args):
        walks.append(args)
        return real(self, *args)

    monkeypatch.setattr(QueryCost, "_selections", counted)

    cost = QueryCost(schema.graphql_schema, document, {}).of_operation(document.definitions[0])

    assert cost == 2 * 2**16  # one `site { name }` (1 each) per leaf
    # The operation, each of the 17 fragments once, each `site`'s selection once: not 2**17.
    assert len(walks) == 1 + 17 + 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ ...Missing }", "Unknown fragment 'Missing'."),
        ("{ site { ...Missing } }", "Unknown fragment 'Missing'."),
        ("{ ...F } fragment F on Query { ...F }", "Cannot spread fragment 'F' within itself."),
        (
            "{ ...F } fragment F on Query { site { name } ...G } fragment G on Query { ...H } "
            "fragment H on Query { ...F }",
            "Cannot spread fragment 'F' within itself via 'G', 'H'.",
        ),
        (
            "{ ...F } fragment F on Query { site { name } } fragment F on Query { __typename }",
            "There can be only one fragment named 'F'.",
        ),
        (
            "{ site { name } } fragment Unused on Query { site { name } }",
            "Fragment 'Unused' is never used.",
        ),
    ],
)
def test_broken_fragments_are_validation_errors(gql, standard_rules, query, message):
    body = gql(query, status=400)

    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["message"] == message
    assert "data" not in body
    assert standard_rules == []


def spreads(count: int) -> str:
    names = [f"F{number}" for number in range(count)]
    selection = " ".join(f"...{name}" for name in names)
    fragments = " ".join(f"fragment {name} on Site {{ name }}" for name in names)
    return f"{{ site {{ {selection} }} }} {fragments}"


def test_fragment_spreads_are_capped(gql, settings, standard_rules):
    limit = settings.TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS
    settings.TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS = limit + 1

    body = gql(spreads(limit + 1), status=400)
    assert codes(body["errors"]) == ["TOO_MANY_FRAGMENT_SPREADS"]
    assert body["errors"][0]["extensions"]["limit"] == limit == 100
    assert standard_rules == []

    settings.TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS = 3
    assert gql.data(spreads(3))["site"]["name"]
    assert codes(gql(spreads(4), status=400)["errors"]) == ["TOO_MANY_FRAGMENT_SPREADS"]


def test_many_repeated_fields_are_refused_before_the_standard_rules(gql, standard_rules):
    body = gql("{" + " site { name }" * 400 + " }", status=400)

    assert codes(body["errors"]) == ["TOO_MANY_FIELDS"]
    assert standard_rules == []


def test_one_field_is_repeated_in_one_place_at_most_the_limit(gql, settings, standard_rules):
    limit = settings.TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS

    assert gql.data("{" + " site { name }" * limit + " }")["site"]["name"]
    body = gql("{" + " site { name }" * (limit + 1) + " }", status=400)
    assert codes(body["errors"]) == ["TOO_MANY_FIELD_REPEATS"]
    assert "'site'" in body["errors"][0]["message"]
    assert len(standard_rules) == 1  # only the allowed query reached them


def test_repeats_count_through_fragments_and_below_repeated_fields(gql, settings):
    settings.TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS = 4
    # Two `site`s with two `name`s each: four `name`s merge into one place of the response.
    assert gql.data("{ site { name name } site { name ... on Site { name } } }")
    through = (
        "{ site { name name } ... on Query { site { name } } ...F } "
        "fragment F on Query { site { name name } }"
    )
    body = gql(through, status=400)
    assert codes(body["errors"]) == ["TOO_MANY_FIELD_REPEATS"]
    assert "'name'" in body["errors"][0]["message"]
    # Aliases are other places of the response.
    assert gql.data("{ a: site { name name } b: site { name name name } }")


def test_the_field_limit_counts_fragments_where_they_are_spread(gql, settings):
    settings.TAPESTRY_GRAPHQL_MAX_FIELDS = 7
    fragment = " fragment L on Site { locales { code } }"

    assert gql.data("{ site { name ...L } a: site { ...L } }" + fragment)  # 2 + 2 + 1 + 2
    body = gql("{ site { name ...L } a: site { ...L } b: site { ...L } }" + fragment, status=400)
    assert codes(body["errors"]) == ["TOO_MANY_FIELDS"]


def test_depth_counts_through_fragments(gql, settings, standard_rules):
    settings.TAPESTRY_GRAPHQL_MAX_DEPTH = 3
    query = (
        '{ community(slug: "huacao-town") { ...Articles } } '
        "fragment Articles on Community { articles { edges { node { ...Title } } } } "
        "fragment Title on Article { title }"
    )

    body = gql(query, status=400)
    assert codes(body["errors"]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "depth of 3" in body["errors"][0]["message"]
    assert standard_rules == []
    settings.TAPESTRY_GRAPHQL_MAX_DEPTH = 4
    assert gql.data(query)["community"]["articles"]["edges"] == []


def test_the_cost_is_decided_before_the_standard_rules(gql, standard_rules):
    body = gql(COST_BOMB, status=400)

    assert codes(body["errors"]) == ["QUERY_TOO_EXPENSIVE"]
    assert standard_rules == []


def test_graphiqls_introspection_query_is_within_the_limits(gql, settings):
    settings.TAPESTRY_GRAPHQL_INTROSPECTION = True

    data = gql.data(get_introspection_query(descriptions=True))

    assert data["__schema"]["queryType"]["name"] == "Query"


# The cost model (calibrated with `python -m bench.cost` on the benchmark data) ----------------


def cost_of(query: str, variables: dict | None = None) -> int:
    document = parse(query)
    operation = get_operation_ast(document)
    return QueryCost(schema.graphql_schema, document, variables).of_operation(operation)


# Queries the limit admitted that took 0.8 to 9 s on the benchmark data (~1,000 articles).
SLOW = {
    # The finding: a list of events, each with its community's events (1.9-2.2 s).
    "events > community.events": """{ events(first: 100) { edges { node { title startsAt
        community { title events(first: 5) { edges { node { title startsAt } } } } } } } }""",
    # The finding: Chinese articles, each with its community's events (2.2-2.8 s).
    "articles zh-hans > community.events": """{ articles(first: 100, locale: "zh-hans") {
        edges { node { title community { events(first: 10) { edges { node { title } } } } } }
    } }""",
    # Ten nested lists of 20 (1.1 s).
    "articles 10 > community.articles 20": """{ articles(first: 10) { edges { node {
        community { articles(first: 20) { edges { node { title } } } } } } } }""",
    # `supersedes` serves a page of its own per item, with its own loads (9 s).
    "policies > supersedes": """{ articles(first: 100, kind: POLICY) { edges { node { title
        supersedes { title community { title } heroImage { rendition(size: THUMBNAIL) { url } } }
        } } } }""",
    # Twenty single-page lookups (0.8 s).
    "20 aliased page(path)": "{ "
    + " ".join(f'p{number}: page(path: "/news/") {{ title }}' for number in range(20))
    + " }",
}


@pytest.mark.parametrize("name", sorted(SLOW))
def test_queries_measured_slow_are_refused(gql, settings, name):
    body = gql(SLOW[name], status=400)

    assert "data" not in body
    assert codes(body["errors"]) == ["QUERY_TOO_EXPENSIVE"]
    extensions = body["errors"][0]["extensions"]
    assert extensions["cost"] == cost_of(SLOW[name])
    assert extensions["cost"] > extensions["limit"] == settings.TAPESTRY_GRAPHQL_MAX_COST


# The README's example queries ("GraphQL API"), with the cost the README quotes.
README_COMMUNITY_HOME = """query CommunityHome {
  community(slug: "huacao-town", locale: "zh-hans") {
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
README_ROUTE = """query Route {
  page(path: "/communities/huacao-town/news/mandarin-new-term/", locale: "zh-hans") {
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
README_SEARCH = """query Search { search(query: "中文", locale: "zh-hans", first: 5) {
  totalCount edges { node { __typename title urlPath } } } }"""
# "A page of 100 articles with images, topics and community" (Limits).
README_ARTICLES_100 = """{ articles(first: 100) { edges { node { title urlPath
  heroImage { alt rendition(size: THUMBNAIL) { url width height } }
  topics { name } community { title } } } } }"""

README_COSTS = {
    "CommunityHome": (README_COMMUNITY_HOME, 4331),
    "Articles": (README_ARTICLES, 2340),
    "Filtered": (README_FILTERED, 3900),
    "Route": (README_ROUTE, 1156),
    "Search": (README_SEARCH, 6030),
    "articles 100 with images, topics, community": (README_ARTICLES_100, 6600),
}


@pytest.mark.parametrize("name", sorted(README_COSTS))
def test_the_readme_queries_are_admitted_at_the_cost_it_quotes(gql, settings, name):
    query, quoted = README_COSTS[name]

    assert cost_of(query) == quoted <= settings.TAPESTRY_GRAPHQL_MAX_COST
    assert "errors" not in gql(query)


NESTED = """query($outer: Int, $inner: Int) { articles(first: $outer) { edges { node {
    community { events(first: $inner) { edges { node { title } } } } } } } }"""


@pytest.mark.parametrize(("outer", "inner"), [(1, 1), (3, 5), (10, 20), (100, 10)])
def test_a_list_under_a_list_costs_a_whole_list_per_parent(settings, outer, inner):
    lists = settings.TAPESTRY_GRAPHQL_LIST_COST
    community = settings.TAPESTRY_GRAPHQL_COST_MAP["Page.community"]
    # Per parent: edges, node, its community, and the community's list of events, which runs
    # its own queries: the list's cost, plus edges, node and title per event.
    per_parent = 1 + 1 + community + lists + inner * 3

    assert cost_of(NESTED, {"outer": outer, "inner": inner}) == lists + outer * per_parent
    more = cost_of(NESTED, {"outer": outer + 1, "inner": inner})
    assert more - cost_of(NESTED, {"outer": outer, "inner": inner}) == per_parent
    assert per_parent > lists


def test_the_list_cost_is_a_setting(settings):
    query = "{ topics(first: 10) { edges { node { name } } } }"
    settings.TAPESTRY_GRAPHQL_LIST_COST = 7

    assert cost_of(query) == 7 + 10 * 3


def test_scalars_cost_one_per_item_like_any_field():
    lists = cost_of("{ articles(first: 10) { totalCount } }") - 10

    assert cost_of("{ articles(first: 10) { edges { node { id } } } }") == lists + 10 * 3
    assert cost_of("{ articles(first: 10) { edges { node { id title slug } } } }") == (
        lists + 10 * 5
    )
    assert cost_of("{ site { __typename name } }") == 3


def test_an_entry_for_an_interface_field_prices_it_on_every_page_type(settings):
    weights = settings.TAPESTRY_GRAPHQL_COST_MAP
    on_page = '{ page(path: "/news/") { translations { locale } } }'
    on_article = '{ page(path: "/news/") { ... on Article { translations { locale } } } }'
    on_event = '{ event(slug: "x") { translations { locale } } }'

    expected = weights["Query.page"] + weights["Page.translations"] + 1
    assert cost_of(on_page) == cost_of(on_article) == expected
    assert cost_of(on_event) == weights["Query.event"] + weights["Page.translations"] + 1


def test_an_argument_entry_is_charged_when_the_argument_is_given(gql, settings):
    weights = settings.TAPESTRY_GRAPHQL_COST_MAP
    plain = "{ articles(first: 1) { totalCount } }"
    searched = '{ articles(first: 1, search: "visa") { totalCount } }'
    nested = (
        '{ community(slug: "huacao-town") { articles(first: 1, search: "visa") { totalCount } } }'
    )

    assert cost_of(searched) - cost_of(plain) == weights["Query.articles(search)"]
    assert cost_of(nested) == (
        weights["Query.community"]
        + settings.TAPESTRY_GRAPHQL_LIST_COST
        + weights["Community.articles(search)"]
        + 1
    )
    # Two searches in one query are more than the limit allows.
    body = gql("{ a: " + searched[2:-2] + " b: " + searched[2:-2] + " }", status=400)
    assert codes(body["errors"]) == ["QUERY_TOO_EXPENSIVE"]
