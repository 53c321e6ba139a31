"""Each status change is recorded and announced once, after commit."""

import pytest

from communities.models import TranslationStatus, TranslationStatusChange
from home.signals import translation_status_changed
from home.translation import translation_create
from tests import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    translation_status_changed.connect(receiver)
    yield calls
    translation_status_changed.disconnect(receiver)


def zh_changes(article):
    return list(
        TranslationStatusChange.objects.filter(
            translation_key=article.translation_key, locale__language_code="zh-hans"
        )
        .order_by("pk")
        .values_list("old_status", "new_status")
    )


def test_a_source_change_marks_translations_outdated_and_says_so(
    django_capture_on_commit_callbacks, received
):
    with django_capture_on_commit_callbacks(execute=True):
        article = helpers.article_create(helpers.community_news_index(helpers.HUACAO), publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        zh = translation_create(instance=article, locale=helpers.locale("zh-hans"))
    received.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.summary = "The classes move to Saturdays."
        article.save_revision().publish()

    assert zh_changes(article)[-1] == ("live", "outdated")
    zh_calls = [call for call in received if call["locale"] == "zh-hans"]
    assert len(zh_calls) == 1
    assert zh_calls[0]["old_status"] == "live"
    assert zh_calls[0]["new_status"] == "outdated"
    assert zh_calls[0]["source"].pk == article.pk
    assert zh_calls[0]["instance"].pk == zh.pk
    current = TranslationStatus.objects.get(
        translation_key=article.translation_key, locale__language_code="zh-hans"
    )
    assert current.status == "outdated"


def test_first_record_has_no_old_status_and_unchanged_is_not_recorded(
    django_capture_on_commit_callbacks, received
):
    with django_capture_on_commit_callbacks(execute=True):
        article = helpers.article_create(helpers.community_news_index(helpers.HUACAO))

    assert zh_changes(article) == [(None, "missing")]
    first = len(received)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()

    assert zh_changes(article) == [(None, "missing")]
    assert len(received) == first
    ja_call = next(call for call in received if call["locale"] == "ja")
    assert ja_call["instance"] is None


def test_nothing_is_announced_when_the_transaction_rolls_back(received):
    # Without the commit (the test's transaction never commits), nothing is recorded or sent.
    article = helpers.article_create(helpers.community_news_index(helpers.HUACAO), publish=True)

    assert zh_changes(article) == []
    assert received == []
