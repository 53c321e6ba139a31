"""`articles` and `article`: shape, locale fallback, filters, enum ordering, pagination."""

import pytest

from tests.helpers import HUACAO, JINQIAO

pytestmark = pytest.mark.django_db

LIST = """query($locale: String, $community: String, $kind: ArticleKind, $topic: String,
  $order: ArticleOrder, $first: Int, $after: String, $publishedAfter: DateTime) {
  articles(locale: $locale, community: $community, kind: $kind, topic: $topic, order: $order,
           first: $first, after: $after, publishedAfter: $publishedAfter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { title slug urlPath kind priority locale requestedLocale isFallback } }
  }
}"""

ONE = """query($slug: String, $id: ID, $community: String, $locale: String) {
  article(slug: $slug, id: $id, community: $community, locale: $locale) {
    id title slug urlPath seoTitle searchDescription locale requestedLocale isFallback
    kind priority summary effectiveFrom expiresOn officialSourceUrl
    firstPublishedAt lastPublishedAt
    heroImage { url width height alt focalPoint { x } rendition(size: SMALL) { url width height }
                srcset }
    topics { name slug locale }
    bureau { name shortName }
    community { title slug localName }
    breadcrumbs { title urlPath }
    translations { locale status urlPath }
    body { id blockType ... on HeadingBlock { text level } ... on ParagraphBlock { html } }
    bodyHtml
  }
}"""


def titles(data) -> list[str]:
    return [edge["node"]["title"] for edge in data["articles"]["edges"]]


def test_articles_in_english_newest_first(gql, content):
    data = gql.data(LIST)

    assert titles(data)[:5] == [
        "New visa rules",
        "Roundtable held",
        "Water cut on Monday",
        "Opening a bank account",
        "A baker from Lyon",
    ]
    node = data["articles"]["edges"][0]["node"]
    assert node == {
        "title": "New visa rules",
        "slug": "new-visa-rules",
        "urlPath": f"/communities/{HUACAO}/news/new-visa-rules/",
        "kind": "POLICY",
        "priority": "URGENT",
        "locale": "en",
        "requestedLocale": "en",
        "isFallback": False,
    }


def test_articles_in_chinese_fall_back_to_english_where_untranslated(gql, content):
    data = gql.data(LIST, {"locale": "zh-hans"})
    nodes = {edge["node"]["slug"]: edge["node"] for edge in data["articles"]["edges"]}

    assert nodes["new-visa-rules"]["title"] == "签证新规"
    assert nodes["new-visa-rules"]["locale"] == "zh-hans"
    assert nodes["new-visa-rules"]["isFallback"] is False
    assert nodes["water-cut"]["title"] == "Water cut on Monday"
    assert nodes["water-cut"]["locale"] == "en"
    assert nodes["water-cut"]["requestedLocale"] == "zh-hans"
    assert nodes["water-cut"]["isFallback"] is True
    # A translation keeps its article's place: ordered by the source's first publication.
    assert list(nodes)[:3] == ["new-visa-rules", "roundtable-held", "water-cut"]
    # Each article once, in one locale.
    assert data["articles"]["totalCount"] == gql.data(LIST)["articles"]["totalCount"]


def test_article_by_slug_with_everything(gql, content):
    article = gql.data(ONE, {"slug": "new-visa-rules", "locale": "zh-hans"})["article"]

    assert article["title"] == "签证新规"
    assert article["locale"] == "zh-hans"
    assert article["isFallback"] is False
    assert article["kind"] == "POLICY"
    assert article["effectiveFrom"] == "2026-12-01"
    assert article["seoTitle"] == "签证新规"
    assert article["heroImage"]["alt"] == "Residents around a table"
    assert article["heroImage"]["url"].startswith("http://testserver/media/")
    assert article["heroImage"]["rendition"]["url"].startswith("http://testserver/media/images/")
    assert article["heroImage"]["srcset"].count("w,") == 2
    assert [topic["name"] for topic in article["topics"]] == ["签证", "Family"]
    assert article["bureau"]["shortName"] == "Exit-Entry Bureau"
    assert article["community"]["slug"] == HUACAO
    assert article["community"]["title"] == "华漕镇"
    assert [crumb["urlPath"] for crumb in article["breadcrumbs"]] == [
        "/",
        "/communities/",
        f"/communities/{HUACAO}/",
        f"/communities/{HUACAO}/news/",
        f"/communities/{HUACAO}/news/new-visa-rules/",
    ]
    statuses = {entry["locale"]: entry for entry in article["translations"]}
    assert statuses["en"]["status"] == "live"
    assert statuses["zh-hans"]["status"] == "live"
    assert statuses["ja"] == {"locale": "ja", "status": "missing", "urlPath": None}
    assert [block["blockType"] for block in article["body"]] == ["heading", "paragraph"]
    assert article["body"][0] == {
        "id": article["body"][0]["id"],
        "blockType": "heading",
        "text": "What changes",
        "level": 2,
    }
    assert article["bodyHtml"].startswith("<h2>What changes</h2>")
    assert article["firstPublishedAt"].endswith("+08:00")


def test_article_by_slug_falls_back_and_by_id(gql, content):
    fallback = gql.data(ONE, {"slug": "water-cut", "locale": "zh-hans"})["article"]
    assert (fallback["title"], fallback["locale"], fallback["isFallback"]) == (
        "Water cut on Monday",
        "en",
        True,
    )

    by_id = gql.data(ONE, {"id": str(content.articles["guide"].pk)})["article"]
    assert by_id["title"] == "Opening a bank account"
    assert by_id["community"]["slug"] == JINQIAO


def test_article_unknown_slug_is_null_and_missing_slug_is_an_error(gql, content):
    assert gql.data(ONE, {"slug": "no-such-article"})["article"] is None

    error = gql.errors(ONE, {})[0]
    assert error["extensions"] == {"code": "REQUIRED", "field": "slug"}


def test_articles_filter_by_community_kind_topic_and_date(gql, content):
    in_huacao = titles(gql.data(LIST, {"community": HUACAO}))
    assert in_huacao == ["New visa rules", "Roundtable held", "Water cut on Monday"]

    assert titles(gql.data(LIST, {"kind": "GUIDE"})) == ["Opening a bank account"]
    visa = content.topics["visa"].slug
    assert titles(gql.data(LIST, {"topic": visa, "locale": "zh-hans"})) == ["签证新规"]

    recent = gql.data(LIST, {"community": HUACAO, "publishedAfter": "2000-01-01T00:00:00"})
    assert len(titles(recent)) == 3
    assert titles(gql.data(LIST, {"publishedAfter": "2999-01-01T00:00:00+08:00"})) == []
    far_west = gql.data(LIST, {"community": HUACAO, "publishedAfter": "2000-01-01T00:00-23:59"})
    assert titles(far_west) == titles(recent)


def test_unknown_community_is_an_error(gql, content):
    error = gql.errors(LIST, {"community": "atlantis"})[0]

    assert error["extensions"] == {"code": "NOT_FOUND", "field": "community"}
    assert "atlantis" in error["message"]


def test_articles_order_by_enum(gql, content):
    oldest = titles(gql.data(LIST, {"order": "OLDEST", "community": HUACAO}))
    by_title = titles(gql.data(LIST, {"order": "TITLE", "community": HUACAO}))

    assert oldest == ["Water cut on Monday", "Roundtable held", "New visa rules"]
    assert by_title == sorted(by_title)


def test_articles_pages_with_opaque_cursors(gql, content):
    first = gql.data(LIST, {"first": 2, "community": HUACAO})["articles"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False

    rest = gql.data(
        LIST, {"first": 2, "community": HUACAO, "after": first["pageInfo"]["endCursor"]}
    )["articles"]
    assert [edge["node"]["title"] for edge in rest["edges"]] == ["Water cut on Monday"]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["pageInfo"]["hasPreviousPage"] is True
    assert not first["pageInfo"]["endCursor"].isdigit()


@pytest.mark.parametrize(
    ("variables", "field", "code"),
    [
        ({"first": 0}, "first", "OUT_OF_RANGE"),
        ({"first": 101}, "first", "OUT_OF_RANGE"),
        ({"after": "bm9wZQ=="}, "after", "INVALID_CURSOR"),
        ({"locale": "xx"}, "locale", "UNKNOWN_LOCALE"),
    ],
)
def test_invalid_arguments_are_errors_not_500s(gql, content, variables, field, code):
    error = gql.errors(LIST, variables)[0]

    assert error["extensions"] == {"code": code, "field": field}
