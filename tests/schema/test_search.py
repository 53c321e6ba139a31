"""`search(query, locale)` over the public pages of one locale, and `articles(search: ...)`."""

import pytest

from tests.helpers import HUACAO, JINQIAO, article_create, community_news_index

pytestmark = pytest.mark.django_db

SEARCH = """query($query: String!, $locale: String, $first: Int, $after: String) {
  search(query: $query, locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { __typename slug title locale requestedLocale isFallback } }
  }
}"""
ARTICLES = """query($search: String, $locale: String, $community: String, $first: Int) {
  articles(search: $search, locale: $locale, community: $community, first: $first) {
    totalCount edges { node { slug title locale isFallback } }
  }
}"""


def nodes(data, name: str = "search") -> list[dict]:
    return [edge["node"] for edge in data[name]["edges"]]


def test_search_finds_live_pages_of_the_locale(gql, content):
    found = nodes(gql.data(SEARCH, {"query": "visa"}))

    assert [node["slug"] for node in found] == ["new-visa-rules"]
    assert found[0] == {
        "__typename": "Article",
        "slug": "new-visa-rules",
        "title": "New visa rules",
        "locale": "en",
        "requestedLocale": "en",
        "isFallback": False,
    }


def test_search_finds_any_page_type(gql, content):
    events = nodes(gql.data(SEARCH, {"query": "workshop"}))
    assert [(node["__typename"], node["slug"]) for node in events] == [("Event", "dumplings")]

    communities = nodes(gql.data(SEARCH, {"query": "Huacao"}))
    assert ("Community", HUACAO) in [(node["__typename"], node["slug"]) for node in communities]


def test_search_matches_every_word(gql, content):
    assert [node["slug"] for node in nodes(gql.data(SEARCH, {"query": "visa rules"}))] == [
        "new-visa-rules"
    ]
    assert nodes(gql.data(SEARCH, {"query": "visa dumpling"})) == []


def test_search_in_chinese_finds_chinese_pages_only(gql, content):
    found = nodes(gql.data(SEARCH, {"query": "签证", "locale": "zh-hans"}))

    assert [(node["slug"], node["title"], node["locale"]) for node in found] == [
        ("new-visa-rules", "签证新规", "zh-hans")
    ]
    assert found[0]["isFallback"] is False


def test_a_chinese_query_matches_inside_words(gql, content):
    # PostgreSQL's parser does not split Chinese into words: "新规" sits inside "签证新规".
    found = nodes(gql.data(SEARCH, {"query": "新规", "locale": "zh-hans"}))
    assert [node["slug"] for node in found] == ["new-visa-rules"]

    workshop = nodes(gql.data(SEARCH, {"query": "饺子", "locale": "zh-hans"}))
    assert [(node["__typename"], node["slug"]) for node in workshop] == [("Event", "dumplings")]


def test_search_does_not_cross_locales(gql, content):
    assert nodes(gql.data(SEARCH, {"query": "签证"})) == []
    in_chinese = nodes(gql.data(SEARCH, {"query": "roundtable", "locale": "zh-hans"}))
    assert all(node["locale"] == "zh-hans" for node in in_chinese)
    assert "Roundtable held" not in [node["title"] for node in in_chinese]
    # An untranslated page is not searched in another locale (search is per locale's tree).
    assert nodes(gql.data(SEARCH, {"query": "bank account", "locale": "zh-hans"})) == []


@pytest.fixture
def lychees(content):
    news = community_news_index(HUACAO)
    return [
        article_create(news, publish=True, title=f"Lychee market {number}", slug=f"lychee-{number}")
        for number in range(3)
    ]


def test_search_pages_with_total_count(gql, lychees):
    first = gql.data(SEARCH, {"query": "lychee", "first": 2})["search"]

    assert first["totalCount"] == 3
    assert len(first["edges"]) == 2
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False

    rest = gql.data(
        SEARCH, {"query": "lychee", "first": 2, "after": first["pageInfo"]["endCursor"]}
    )["search"]
    assert rest["totalCount"] == 3
    assert len(rest["edges"]) == 1
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["pageInfo"]["hasPreviousPage"] is True
    seen = [edge["node"]["slug"] for edge in first["edges"] + rest["edges"]]
    assert sorted(seen) == ["lychee-0", "lychee-1", "lychee-2"]


def test_search_finds_a_page_by_its_summary(gql, content):
    article_create(
        community_news_index(JINQIAO),
        publish=True,
        slug="ferry",
        title="New ferry timetable",
        summary="Boats to Pudong leave every quarter hour.",
    )

    assert [node["slug"] for node in nodes(gql.data(SEARCH, {"query": "quarter hour"}))] == [
        "ferry"
    ]


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_an_error(gql, query):
    error = gql.errors(SEARCH, {"query": query})[0]

    assert error["extensions"] == {"code": "REQUIRED", "field": "query"}


def test_a_too_long_query_is_an_error(gql):
    error = gql.errors(SEARCH, {"query": "visa " * 50})[0]

    assert error["extensions"] == {"code": "TOO_LONG", "field": "query"}


def test_a_query_with_search_syntax_is_searched_as_text(gql, content):
    for query in ['visa"', "visa & | !", "visa:*", "(visa", "' OR 1=1 --"]:
        body = gql(SEARCH, {"query": query})
        assert "errors" not in body, (query, body["errors"])


def test_articles_search_finds_matching_articles(gql, content):
    found = nodes(gql.data(ARTICLES, {"search": "visa"}), "articles")

    assert [node["slug"] for node in found] == ["new-visa-rules"]


def test_articles_search_in_chinese_includes_fallbacks(gql, content):
    translated = nodes(gql.data(ARTICLES, {"search": "签证", "locale": "zh-hans"}), "articles")
    assert [(node["slug"], node["title"]) for node in translated] == [
        ("new-visa-rules", "签证新规")
    ]

    fallback = nodes(gql.data(ARTICLES, {"search": "water", "locale": "zh-hans"}), "articles")
    assert [(node["slug"], node["locale"], node["isFallback"]) for node in fallback] == [
        ("water-cut", "en", True)
    ]


def test_articles_search_serves_the_live_translation_of_a_source_match(gql, content):
    # "roundtable" matches the English text only; zh-hans readers get the live translation.
    found = nodes(gql.data(ARTICLES, {"search": "roundtable", "locale": "zh-hans"}), "articles")

    assert [(node["slug"], node["locale"]) for node in found] == [("roundtable-held", "zh-hans")]


def test_articles_search_within_a_community(gql, lychees):
    assert nodes(gql.data(ARTICLES, {"search": "lychee", "community": JINQIAO}), "articles") == []
    in_huacao = gql.data(ARTICLES, {"search": "lychee", "community": HUACAO})["articles"]
    assert in_huacao["totalCount"] == 3


def test_articles_search_with_an_empty_text_is_an_error(gql, content):
    error = gql.errors(ARTICLES, {"search": " "})[0]

    assert error["extensions"] == {"code": "REQUIRED", "field": "search"}
