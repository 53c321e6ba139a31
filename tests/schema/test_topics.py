"""`topics(locale)`: live topics by name, translated where a live translation exists."""

import pytest

from articles.models import Topic
from home.translation import translation_create
from tests.helpers import locale, unique

pytestmark = pytest.mark.django_db

TOPICS = """query($locale: String, $first: Int, $after: String) {
  topics(locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name slug description locale } }
  }
}"""


def nodes(data) -> list[dict]:
    return [edge["node"] for edge in data["topics"]["edges"]]


def test_topics_in_english_by_name(gql, content):
    data = gql.data(TOPICS)

    assert data["topics"]["totalCount"] == 2
    assert nodes(data) == [
        {
            "id": str(content.topics["family"].pk),
            "name": "Family",
            "slug": content.topics["family"].slug,
            "description": "",
            "locale": "en",
        },
        {
            "id": str(content.topics["visa"].pk),
            "name": "Visas",
            "slug": content.topics["visa"].slug,
            "description": "",
            "locale": "en",
        },
    ]


def test_topics_in_chinese_fall_back_where_untranslated(gql, content):
    data = gql.data(TOPICS, {"locale": "zh-hans"})

    assert data["topics"]["totalCount"] == 2
    by_slug = {node["slug"]: node for node in nodes(data)}
    visa = by_slug[content.topics["visa"].slug]
    assert (visa["name"], visa["locale"]) == ("签证", "zh-hans")
    assert visa["id"] != str(content.topics["visa"].pk)
    family = by_slug[content.topics["family"].slug]
    assert (family["name"], family["locale"]) == ("Family", "en")


def test_topics_in_a_locale_without_translations_are_the_source(gql, content):
    found = nodes(gql.data(TOPICS, {"locale": "ja"}))

    assert [(node["name"], node["locale"]) for node in found] == [("Family", "en"), ("Visas", "en")]


def test_a_topic_written_in_chinese_only_is_listed_in_chinese_only(gql, content):
    native = Topic.objects.create(name="社区食堂", slug=unique("canteen"), locale=locale("zh-hans"))
    native.save_revision().publish()

    assert native.slug in [node["slug"] for node in nodes(gql.data(TOPICS, {"locale": "zh-hans"}))]
    assert native.slug not in [node["slug"] for node in nodes(gql.data(TOPICS))]


def test_a_draft_translation_leaves_the_source_in_place(gql, content):
    translation_create(
        instance=content.topics["family"],
        locale=locale("zh-hans"),
        strings={"Family": "家庭"},
        publish=False,
    )

    found = nodes(gql.data(TOPICS, {"locale": "zh-hans"}))

    names = [node["name"] for node in found]
    assert "家庭" not in names
    assert "Family" in names
    assert len(found) == 2


def test_a_published_translation_replaces_the_source(gql, content):
    translation_create(
        instance=content.topics["family"], locale=locale("zh-hans"), strings={"Family": "家庭"}
    )

    found = nodes(gql.data(TOPICS, {"locale": "zh-hans"}))

    assert sorted(node["name"] for node in found) == sorted(["家庭", "签证"])
    assert {node["locale"] for node in found} == {"zh-hans"}


def test_topics_page_with_cursors(gql, content):
    first = gql.data(TOPICS, {"first": 1})["topics"]
    assert [edge["node"]["name"] for edge in first["edges"]] == ["Family"]
    assert first["pageInfo"]["hasNextPage"] is True

    rest = gql.data(TOPICS, {"first": 1, "after": first["pageInfo"]["endCursor"]})["topics"]
    assert [edge["node"]["name"] for edge in rest["edges"]] == ["Visas"]
    assert rest["pageInfo"]["hasNextPage"] is False


def test_articles_filter_by_a_topic_slug_in_any_locale(gql, content):
    query = """query($topic: String, $locale: String) {
      articles(topic: $topic, locale: $locale) { edges { node { slug topics { name } } } }
    }"""
    family = content.topics["family"].slug

    for code in ["en", "zh-hans"]:
        found = gql.data(query, {"topic": family, "locale": code})["articles"]["edges"]
        assert [edge["node"]["slug"] for edge in found] == ["new-visa-rules"]
    assert gql.data(query, {"topic": "no-such-topic"})["articles"]["edges"] == []
