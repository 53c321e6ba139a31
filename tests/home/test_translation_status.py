"""Translation status: one value per object and target locale, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from articles.models import Topic
from home.translation import translation_create
from home.translation_status import translation_statuses
from tests import helpers

pytestmark = pytest.mark.django_db


def live_article(**fields):
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), publish=True, **fields
    )


def statuses_of(obj, codes=("zh-hans",)):
    return translation_statuses([obj], codes)[obj.translation_key]


def test_missing_when_there_is_no_translation():
    article = live_article()

    assert statuses_of(article, ["zh-hans", "ja"]) == {"zh-hans": "missing", "ja": "missing"}


def test_every_target_locale_by_default():
    article = live_article()

    assert set(translation_statuses([article])[article.translation_key]) == {
        code for code in Locale.objects.values_list("language_code", flat=True) if code != "en"
    }


def test_in_progress_for_a_draft_translation():
    article = live_article()
    translation_create(instance=article, locale=helpers.locale("zh-hans"), publish=False)

    assert statuses_of(article) == {"zh-hans": "in_progress"}


def test_awaiting_review_when_submitted():
    article = live_article()
    zh = translation_create(instance=article, locale=helpers.locale("zh-hans"), publish=False)
    helpers.workflow_submit(zh, None)

    assert statuses_of(article) == {"zh-hans": "awaiting_review"}


def test_live_when_published_after_the_last_sync():
    article = live_article()
    translation_create(instance=article, locale=helpers.locale("zh-hans"))

    assert statuses_of(article) == {"zh-hans": "live"}


def test_outdated_when_the_source_is_published_after_the_sync():
    article = live_article()
    zh = translation_create(instance=article, locale=helpers.locale("zh-hans"))
    article.summary = "Changed after translation."
    article.save_revision().publish()

    assert statuses_of(article) == {"zh-hans": "outdated"}
    assert statuses_of(zh) == {"zh-hans": "outdated"}  # keyed the same from either side


def test_a_draft_of_the_source_does_not_outdate_translations():
    article = live_article()
    translation_create(instance=article, locale=helpers.locale("zh-hans"))
    article.summary = "Not published yet."
    article.save_revision()

    assert statuses_of(article) == {"zh-hans": "live"}


def test_snippets_have_statuses_too():
    topic = Topic.objects.create(
        name="Healthcare", slug=helpers.unique("health"), locale=helpers.locale("en")
    )
    topic.save_revision().publish()
    translation_create(
        instance=topic, locale=helpers.locale("zh-hans"), strings={"Healthcare": "医疗"}
    )

    assert statuses_of(topic, ["zh-hans", "ja"]) == {"zh-hans": "live", "ja": "missing"}


def test_mixed_pages_and_snippets():
    article = live_article()
    topic = Topic.objects.create(
        name="Visas", slug=helpers.unique("visas"), locale=helpers.locale("en")
    )

    result = translation_statuses([article, topic], ["ja"])

    assert result == {
        article.translation_key: {"ja": "missing"},
        topic.translation_key: {"ja": "missing"},
    }


def test_query_count_does_not_grow_with_the_number_of_pages():
    index = helpers.community_news_index(helpers.HUACAO)
    pages = [helpers.article_create(index, publish=True) for _ in range(100)]
    for page in pages[:30]:
        translation_create(instance=page, locale=helpers.locale("zh-hans"))
    translation_statuses(pages[:1])  # warm Django's content type cache

    with CaptureQueriesContext(connection) as one:
        translation_statuses(pages[:1])
    with CaptureQueriesContext(connection) as hundred:
        result = translation_statuses(pages)

    assert len(result) == 100
    assert len(hundred) == len(one) <= 4
    assert sum(1 for page in pages if result[page.translation_key]["zh-hans"] == "live") == 30


def test_translating_into_another_locale_does_not_outdate_the_first():
    article = live_article()
    translation_create(instance=article, locale=helpers.locale("zh-hans"))
    translation_create(instance=article, locale=helpers.locale("ja"))  # reads the source again

    assert statuses_of(article, ["zh-hans", "ja"]) == {"zh-hans": "live", "ja": "live"}
