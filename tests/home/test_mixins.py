"""A page's community comes from the tree: its nearest CommunityPage ancestor, or none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from communities.models import CommunityPage
from home.mixins import community_root_models
from tests import helpers

pytestmark = pytest.mark.django_db

# Ancestor lookup plus fetching the specific CommunityPage.
COMMUNITY_LOOKUP_MAX_QUERIES = 2


def fresh(page):
    """The same page loaded again, so the cached `community` is computed anew."""
    return Page.objects.get(pk=page.pk).specific


def test_community_root_models_are_community_pages():
    assert community_root_models() == [CommunityPage]


def test_community_article_and_event_belong_to_their_community():
    huacao = helpers.community_page(helpers.HUACAO)
    article = helpers.article_create(helpers.community_news_index(helpers.HUACAO))
    event = helpers.event_create(helpers.community_events_index(helpers.HUACAO))

    assert fresh(article).community == huacao
    assert isinstance(fresh(article).community, CommunityPage)
    assert fresh(event).community == huacao
    assert not fresh(article).is_city_wide


def test_each_community_gets_its_own():
    jinqiao_article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO))

    assert fresh(jinqiao_article).community == helpers.community_page(helpers.JINQIAO)
    assert fresh(jinqiao_article).community.local_name == "金桥镇"


def test_community_index_pages_belong_to_their_community():
    assert fresh(helpers.community_news_index()).community == helpers.community_page()
    assert fresh(helpers.community_events_index()).community == helpers.community_page()


def test_city_wide_pages_have_no_community():
    article = helpers.article_create(helpers.city_news_index())
    event = helpers.event_create(helpers.city_events_index())

    assert fresh(article).community is None
    assert fresh(article).is_city_wide
    assert fresh(event).community is None
    assert fresh(helpers.city_news_index()).community is None


def test_translated_index_belongs_to_the_translated_community():
    zh_index = helpers.community_news_index(helpers.HUACAO, "zh-hans")

    community = fresh(zh_index).community

    assert community == helpers.community_page(helpers.HUACAO, "zh-hans")
    assert community.locale.language_code == "zh-hans"
    assert community.title == "华漕镇"


def test_article_in_translated_tree_belongs_to_the_translated_community():
    zh_index = helpers.community_news_index(helpers.HUACAO, "zh-hans")
    zh_article = helpers.article_create(zh_index)

    assert zh_article.locale.language_code == "zh-hans"
    assert fresh(zh_article).community == helpers.community_page(helpers.HUACAO, "zh-hans")


def test_community_lookup_is_cached_on_the_instance(django_assert_num_queries):
    article = fresh(helpers.article_create(helpers.community_news_index()))
    community = article.community

    with django_assert_num_queries(0):
        assert article.community is community


def test_community_lookup_query_count_is_small(django_assert_max_num_queries):
    article = fresh(helpers.article_create(helpers.community_news_index()))
    fresh(helpers.city_news_index()).community  # noqa: B018 - warm the content type cache

    with django_assert_max_num_queries(COMMUNITY_LOOKUP_MAX_QUERIES):
        assert article.community is not None


def test_community_lookup_query_count_does_not_depend_on_depth():
    community_article = fresh(helpers.article_create(helpers.community_news_index()))
    city_article = fresh(helpers.article_create(helpers.city_news_index()))
    community_index = fresh(helpers.community_news_index())
    fresh(helpers.city_news_index()).community  # noqa: B018 - warm the content type cache

    counts = []
    for page in (community_article, community_index, city_article):
        with CaptureQueriesContext(connection) as queries:
            page.community  # noqa: B018
        counts.append(len(queries))

    # A city-wide page finds no community and skips the fetch of the specific page.
    assert counts[0] == counts[1]
    assert counts[2] <= counts[0] <= COMMUNITY_LOOKUP_MAX_QUERIES
