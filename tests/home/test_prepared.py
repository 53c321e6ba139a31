"""Prepared querysets (home/prepared.py): built and compiled once per key, run fresh every time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import Page

from articles.models import ArticlePage
from home.prepared import PreparedQueries, PreparedQueryMismatch
from home.selectors import pages_visible
from tests import helpers

pytestmark = pytest.mark.django_db


class Builds:
    """A queryset builder that counts its calls."""

    def __init__(self, build):
        self.build = build
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.build()


@pytest.fixture
def prepared():
    return PreparedQueries()


def news(index):
    return pages_visible(ArticlePage.objects.child_of(index)).order_by("-pk")


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False)
def test_built_once_and_run_every_time(prepared):
    index = helpers.community_news_index()
    first = helpers.article_create(index, publish=True, title="Clinic hours")
    build = Builds(lambda: news(index))

    assert prepared.rows(("news", index.pk), build) == list(news(index))
    second = helpers.article_create(index, publish=True, title="Library hours")
    with CaptureQueriesContext(connection) as queries:
        rows = prepared.rows(("news", index.pk), build)

    # The rows are read again (one query), from SQL compiled the first time.
    assert build.calls == 1
    assert len(queries) == 1
    assert [page.pk for page in rows][:2] == [second.pk, first.pk]
    assert rows == list(news(index))


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False)
def test_rows_follow_the_database_not_the_first_run(prepared):
    index = helpers.community_news_index()
    article = helpers.article_create(index, publish=True)
    key = ("news", index.pk)
    assert article in prepared.rows(key, lambda: news(index))

    article.unpublish()
    assert article not in prepared.rows(key, lambda: news(index))

    # The expiry is compared with the database's clock at each run, not the first run's time.
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    assert article in prepared.rows(key, lambda: news(index))
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert article not in prepared.rows(key, lambda: news(index))


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False)
def test_related_rows_and_values_come_back_as_compiled(prepared, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    index = helpers.community_news_index()
    image = helpers.image_create(renditions=False)
    article = helpers.article_create(
        index, publish=True, hero_image=image, hero_image_alt="Lanterns over the canal"
    )

    def with_image():
        return news(index).select_related("hero_image").filter(pk=article.pk)

    for _ in range(2):
        (row,) = prepared.rows(("with image", article.pk), with_image)
        assert type(row) is ArticlePage
        with CaptureQueriesContext(connection) as queries:
            assert row.hero_image == image
        assert len(queries) == 0

    def titles():
        return Page.objects.filter(pk=article.pk).values_list("pk", "title")

    for _ in range(2):
        assert prepared.rows(("titles", article.pk), titles) == [(article.pk, article.title)]


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False)
def test_a_query_that_matches_nothing_by_construction(prepared):
    build = Builds(lambda: Page.objects.filter(pk__in=[]))
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows(("nothing",), build) == []
        assert prepared.rows(("nothing",), build) == []
    assert len(queries) == 0
    assert build.calls == 1


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=True)
def test_a_key_that_leaves_something_out_fails_when_checked(prepared):
    huacao = helpers.community_news_index(helpers.HUACAO)
    jinqiao = helpers.community_news_index(helpers.JINQIAO)
    prepared.rows(("news",), lambda: news(huacao))
    assert prepared.rows(("news",), lambda: news(huacao)) == list(news(huacao))

    with pytest.raises(PreparedQueryMismatch):
        prepared.rows(("news",), lambda: news(jinqiao))


@override_settings(TAPESTRY_PREPARED_QUERIES_CHECK=False, TAPESTRY_PREPARED_QUERIES_SIZE=2)
def test_the_most_recently_used_are_kept(prepared):
    for key in ("a", "b", "a", "c"):
        prepared.rows((key,), lambda: Page.objects.filter(depth=1))
    assert len(prepared) == 2
    build = Builds(lambda: Page.objects.filter(depth=1))
    prepared.rows(("a",), build)
    assert build.calls == 0
    prepared.rows(("b",), build)
    assert build.calls == 1


def test_the_page_lookups_are_indexed():
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "wagtailcore_page"))
    assert {"tapestry_page_url_path", "tapestry_page_depth"} <= names
