"""SQL queries per request do not grow with the number of items listed.

Each list loads what its nodes need (hero images with renditions, topics, community,
translations, breadcrumbs) for the whole page of items at once; `test_flat_sql` holds every
field of the schema to the same rule. Renditions are made ahead (`image_create` makes them as
the worker does); the counts are taken with them in place.
"""

from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, Page

from articles.models import ArticlePage
from bench.api import COMMUNITY_HOME
from home.selectors import ancestors_served, page_at_path
from home.translation import translation_create
from schema.core.pages import url_path_below_home
from schema.core.pagination import cursor_encode
from tests.helpers import (
    HUACAO,
    JINQIAO,
    article_create,
    community_events_index,
    community_news_index,
    community_page,
    event_create,
    image_create,
    locale,
    topic_create,
    topic_link,
)

pytestmark = pytest.mark.django_db

ARTICLE_FIELDS = """
    id title slug urlPath summary kind priority firstPublishedAt locale isFallback
    heroImage { alt url rendition(size: THUMBNAIL) { url width height } srcset }
    topics { name slug }
    bureau { name }
    community { title slug urlPath heroImage { alt } }
    translations { locale status urlPath }
    breadcrumbs { title urlPath }
"""
ARTICLES = (
    "query($first: Int!, $locale: String) { articles(first: $first, locale: $locale) { totalCount"
    " edges { cursor node {" + ARTICLE_FIELDS + "} } pageInfo { hasNextPage endCursor } } }"
)
COMMUNITY = (
    'query($first: Int!, $locale: String) { community(slug: "huacao-town", locale: $locale) {'
    " title heroImage { alt } articles(first: $first) { totalCount edges { node {"
    + ARTICLE_FIELDS
    + "} } } events(first: $first) { totalCount edges { node { title startsAt"
    " heroImage { rendition(size: SMALL) { url } } community { slug } translations { locale } }"
    " } } } }"
)
COMMUNITIES = (
    'query($first: Int!) { communities(first: $first, locale: "zh-hans") { edges { node {'
    " title slug isFallback heroImage { alt rendition(size: SMALL) { url } } centre { name }"
    " contacts { name } translations { locale status } breadcrumbs { title } } } } }"
)


@pytest.fixture
def many(media):
    """60 articles (two communities, images, two topics each, a third translated into zh-hans)
    and 12 events in Huacao."""
    images = [
        image_create(title=f"Picture {number}", description=f"Described {number}")
        for number in range(3)
    ]
    topics = [topic_create("Visas", zh="签证"), topic_create("Housing", zh="住房")]
    zh = locale("zh-hans")
    for number in range(60):
        index = community_news_index(HUACAO if number % 2 else JINQIAO)
        article = article_create(
            index,
            title=f"Article {number}",
            hero_image=images[number % 3],
            # Half rely on the image's own description for their alt text.
            hero_image_alt="A picture" if number % 2 else "",
            kind=ArticlePage.Kind.NEWS,
        )
        topic_link(article, *topics)
        article.save_revision().publish()
        if number % 3 == 0:
            translation_create(
                instance=article, locale=zh, strings={f"Article {number}": f"文章{number}"}
            )
    for number in range(12):
        event_create(
            community_events_index(HUACAO),
            publish=True,
            title=f"Event {number}",
            hero_image=images[0],
            hero_image_alt="A picture",
        )


def queries_for(gql, query: str, variables: dict) -> int:
    gql.data(query, variables)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        data = gql.data(query, variables)
    assert data
    return len(captured.captured_queries)


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_articles_cost_the_same_for_5_and_50(gql, many, code, django_assert_max_num_queries):
    few = queries_for(gql, ARTICLES, {"first": 5, "locale": code})
    lots = queries_for(gql, ARTICLES, {"first": 50, "locale": code})

    assert lots == few
    with django_assert_max_num_queries(20):
        body = gql.data(ARTICLES, {"first": 50, "locale": code})
    nodes = [edge["node"] for edge in body["articles"]["edges"]]
    assert len(nodes) == 50
    assert all(node["heroImage"]["rendition"]["url"] for node in nodes)
    assert all(len(node["topics"]) == 2 for node in nodes)
    assert all(node["community"]["slug"] in {HUACAO, JINQIAO} for node in nodes)
    if code == "zh-hans":
        assert {node["isFallback"] for node in nodes} == {True, False}


def test_community_with_articles_and_events_costs_the_same_for_5_and_50(gql, many, settings):
    # Two lists of 50 with every batched field cost more than the limit lets through; batching
    # is what this test is about (test_limits tests the limit).
    settings.TAPESTRY_GRAPHQL_MAX_COST = 20_000
    few = queries_for(gql, COMMUNITY, {"first": 5, "locale": "zh-hans"})
    lots = queries_for(gql, COMMUNITY, {"first": 50, "locale": "zh-hans"})

    assert lots == few
    community = gql.data(COMMUNITY, {"first": 50, "locale": "zh-hans"})["community"]
    assert community["articles"]["totalCount"] == 30
    assert len(community["events"]["edges"]) == 12


def test_the_benchmarks_community_home_is_at_most_10_queries(gql, many):
    """The community home `make bench` measures: the community with its hero image, its 10
    newest articles and 5 upcoming events with theirs. Hero images come with the pages that
    show them, the lists' totals with their items, and the community's tree paths are read
    once for both lists."""
    community = community_page(HUACAO)
    community.hero_image = get_image_model().objects.filter(title="Picture 1").get()
    community.hero_image_alt = "The town hall"
    community.save_revision().publish()

    queries = queries_for(gql, COMMUNITY_HOME, {"slug": HUACAO, "locale": "en"})

    assert queries <= 10
    home = gql.data(COMMUNITY_HOME, {"slug": HUACAO, "locale": "en"})["community"]
    assert home["heroImage"]["rendition"]["url"]
    assert home["articles"]["totalCount"] == 30
    assert len(home["articles"]["edges"]) == 10
    assert home["events"]["totalCount"] == 12
    assert len(home["events"]["edges"]) == 5
    nodes = [edge["node"] for edge in home["articles"]["edges"] + home["events"]["edges"]]
    assert all(node["heroImage"]["rendition"]["url"] for node in nodes)


def test_one_communitys_list_is_a_plain_slice_with_its_count(gql, many):
    """One community's list (the community home) is one query that counts its matches with
    `COUNT(*) OVER ()`, without numbering rows in a subquery per community: compiling that
    took half of the community home's time. Past the end, the total is counted on its own."""
    gql.data(COMMUNITY_HOME, {"slug": HUACAO, "locale": "en"})
    with CaptureQueriesContext(connection) as captured:
        home = gql.data(COMMUNITY_HOME, {"slug": HUACAO, "locale": "en"})["community"]
    lists = [query["sql"] for query in captured.captured_queries if "OVER ()" in query["sql"]]

    assert len(lists) == 2  # the articles, the events
    assert not any("ROW_NUMBER" in query["sql"] for query in captured.captured_queries)
    assert home["articles"]["totalCount"] == 30
    assert home["events"]["totalCount"] == 12
    past = gql.data(
        'query($after: String) { community(slug: "huacao-town") {'
        " articles(first: 5, after: $after) { totalCount edges { node { slug } } } } }",
        {"after": cursor_encode(40)},
    )["community"]["articles"]
    assert past == {"totalCount": 30, "edges": []}


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False)
def test_a_repeated_community_home_compiles_no_sql(gql, many):
    """Every query of a community home asked again runs SQL compiled the first time
    (home.prepared): the community, its tree paths, both lists, hero images' renditions and the
    locales are built once per process, not per request."""
    variables = {"slug": HUACAO, "locale": "en"}
    first = gql.data(COMMUNITY_HOME, variables)
    compile_sql = SQLCompiler.as_sql
    with (
        mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=compile_sql
        ) as compiled,
        CaptureQueriesContext(connection) as captured,
    ):
        again = gql.data(COMMUNITY_HOME, variables)

    assert again == first
    assert len(captured) >= 6
    assert [call.args[0].query.model for call in compiled.call_args_list] == []


def test_a_page_in_its_readers_locale_is_found_by_path_without_asking_again(
    many, django_assert_num_queries
):
    """The home pages, the page at the path, and its specific row: a visible page of the
    reader's locale that is no alias is the version served, so its versions are not read."""
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    path = url_path_below_home(article.url_path)
    english, source = Locale.objects.get(language_code="en"), Locale.get_default()

    with django_assert_num_queries(3):
        found = page_at_path(path, english, source)

    assert found == article
    assert isinstance(found, ArticlePage)


def test_ancestors_are_served_in_one_query_whatever_their_tree(django_assert_num_queries):
    """Breadcrumbs: the visible ancestors and their versions in the reader's and the source
    locale are read in one query, so a list's mix of own pages and fallbacks costs what one
    page does. An ancestor of the reader's locale that is no alias is its own version; one of
    the source tree is served in the reader's locale; an alias of another locale's page is
    served as its source version (the one rule)."""
    zh, source = locale("zh-hans"), Locale.get_default()
    index = community_news_index(HUACAO, "zh-hans")
    english_index = community_news_index(HUACAO)

    with django_assert_num_queries(1):
        own = ancestors_served([Page(path=index.path + "0001")], zh, source)
    with django_assert_num_queries(1):
        fallback = ancestors_served([Page(path=english_index.path + "0001")], zh, source)

    assert own[index.path].pk == index.pk
    assert own[community_page(HUACAO, "zh-hans").path].locale_id == zh.pk
    assert len(own) == 4  # home, communities, the community, its news
    assert fallback[english_index.path].pk == index.pk
    assert {page.locale_id for page in fallback.values()} == {zh.pk}
    original = article_create(community_news_index(HUACAO), publish=True, title="Original")
    alias = original.create_alias(parent=index, update_locale=zh, reset_translation_key=False)

    with django_assert_num_queries(1):
        found = ancestors_served([Page(path=alias.path + "0001")], zh, source)

    assert found[alias.path].pk == original.pk
    assert found[index.path].pk == index.pk


def test_communities_cost_the_same_for_2_and_9(gql, many):
    assert queries_for(gql, COMMUNITIES, {"first": 2}) == queries_for(
        gql, COMMUNITIES, {"first": 9}
    )


def test_page_by_path_is_a_fixed_number_of_queries(gql, many, django_assert_max_num_queries):
    query = (
        'query($path: String!) { page(path: $path, locale: "zh-hans") { title breadcrumbs { title }'
        " translations { locale status } community { title }"
        " ... on Article { heroImage { rendition(size: LARGE) { url } } topics { name }"
        " bodyHtml } } }"
    )
    article = ArticlePage.objects.filter(locale__language_code="en", title="Article 3").get()
    path = f"/communities/{HUACAO}/news/{article.slug}/"
    gql.data(query, {"path": path})

    with django_assert_max_num_queries(22):
        page = gql.data(query, {"path": path})["page"]

    assert page["title"] == "文章3"


def test_a_list_reads_its_renditions_without_a_cache_write_per_image(gql, many):
    """The renditions come with the list's images; Wagtail's `get_rendition` would also write
    each one it returns to the cache: one round trip per item."""
    query = (
        "{ articles(first: 50) { edges { node { heroImage {"
        " rendition(size: THUMBNAIL) { url } } } } } }"
    )
    gql.data(query)  # a first request, which may fill caches
    images = list(get_image_model().objects.filter(title__startswith="Picture "))
    rendition_model = get_image_model().get_rendition_model()
    spec = settings.TAPESTRY_IMAGE_SIZES["THUMBNAIL"]
    keys = [
        rendition_model.construct_cache_key(image, Filter(spec).get_cache_key(image), spec)
        for image in images
    ]
    rendition_model.cache_backend.delete_many(keys)

    nodes = [edge["node"] for edge in gql.data(query)["articles"]["edges"]]

    assert len(images) == 3
    assert len(nodes) == 50
    assert all(node["heroImage"]["rendition"]["url"] for node in nodes)
    assert rendition_model.cache_backend.get_many(keys) == {}
