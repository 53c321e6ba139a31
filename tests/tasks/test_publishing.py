import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, page_unpublished

from articles.models import Topic
from tasks.locks import lock_held
from tasks.services.publishing import LOCK_NAME, scheduled_publishing_run
from tests.helpers import article_create, city_news_index
from tests.tasks.scheduling import due_article, scheduled_article, topic_scheduled


@pytest.fixture
def signals_seen():
    seen = {"published": [], "unpublished": []}

    def on_published(sender, instance, **kwargs):
        # Wagtail also sends page_published when it only schedules a never-live page.
        if instance.live:
            seen["published"].append(instance.pk)

    def on_unpublished(sender, instance, **kwargs):
        seen["unpublished"].append(instance.pk)

    page_published.connect(on_published, dispatch_uid="test-seen-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="test-seen-unpublished")
    yield seen
    page_published.disconnect(dispatch_uid="test-seen-published")
    page_unpublished.disconnect(dispatch_uid="test-seen-unpublished")


@pytest.mark.django_db
def test_a_due_page_is_published_with_wagtails_signal_and_log(signals_seen):
    page = due_article(title="Visa office moves")

    run = scheduled_publishing_run()

    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id is not None
    assert signals_seen["published"] == [page.pk]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert run.published == [f"articles.ArticlePage {page.pk}"]


@pytest.mark.django_db
def test_a_page_scheduled_later_waits(signals_seen):
    page = scheduled_article(go_live_at=timezone.now() + datetime.timedelta(minutes=5))

    scheduled_publishing_run()

    page.refresh_from_db()
    assert not page.live
    assert signals_seen["published"] == []


@pytest.mark.django_db
def test_a_second_run_publishes_nothing_again(signals_seen):
    due_article()
    scheduled_publishing_run()

    again = scheduled_publishing_run()

    assert again.published == []
    assert len(signals_seen["published"]) == 1


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_and_marked_expired(signals_seen):
    page = article_create(city_news_index(), publish=True)
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))

    scheduled_publishing_run()

    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert signals_seen["unpublished"] == [page.pk]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()


@pytest.mark.django_db
def test_a_page_expiring_later_stays_live():
    page = article_create(city_news_index(), publish=True)
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(hours=1))

    scheduled_publishing_run()

    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_draft_state_snippets_are_published_and_expired():
    topic = topic_scheduled(go_live_at=timezone.now() - datetime.timedelta(seconds=1))

    scheduled_publishing_run()

    topic.refresh_from_db()
    assert topic.live
    assert topic.live_revision_id is not None

    Topic.objects.filter(pk=topic.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    scheduled_publishing_run()

    topic.refresh_from_db()
    assert not topic.live
    assert topic.expired


@pytest.mark.django_db
def test_a_run_that_finds_the_lock_held_does_nothing(signals_seen):
    page = due_article()

    with lock_held(LOCK_NAME, timeout=30) as held:
        assert held is not None
        run = scheduled_publishing_run()

    assert run.locked_out
    page.refresh_from_db()
    assert not page.live
    assert scheduled_publishing_run().published == [f"articles.ArticlePage {page.pk}"]
