"""Limits and error policy of `/graphql/`: depth, cost, tokens, aliases, introspection, GET,
validation, unexpected exceptions and invalid arguments."""

import json

import pytest

from schema.articles import resolvers
from schema.core.pagination import cursor_encode
from tests.helpers import HUACAO

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
    settings.TAPESTRY_GRAPHQL_MAX_COST = 25
    # articles (1) + 20 items x (edges 1 + node 1): 41, above 25.
    body = gql("{ articles { edges { node { title } } } }", status=400)
    assert body["errors"][0]["extensions"]["cost"] == 41

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
