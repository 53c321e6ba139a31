"""Builders for scheduled-publishing tests: pages and snippets with a go-live time."""

import datetime

from django.utils import timezone
from wagtail.models import Page, Revision

from articles.models import Topic
from tests.helpers import article_create, city_news_index, locale, unique


def page_schedule(page: Page, *, go_live_at: datetime.datetime) -> Revision:
    """Approve the page's latest content to go live at `go_live_at` (as the editor's
    "Publish" with a future go-live date does); returns the scheduled revision."""
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision()
    revision.publish()  # a go-live date in the future schedules instead of publishing
    _reschedule(revision, go_live_at)
    Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
    return revision


def _reschedule(revision: Revision, go_live_at: datetime.datetime) -> None:
    """Move the approved time to the one asked for (it may be in the past: "due"), in the
    revision's content too, as if it had been scheduled for then."""
    content = dict(revision.content, go_live_at=go_live_at.isoformat())
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=go_live_at, content=content)
    revision.refresh_from_db()


def scheduled_article(*, go_live_at: datetime.datetime, **fields):
    page = article_create(city_news_index(), **fields)
    page_schedule(page, go_live_at=go_live_at)
    return page


def due_article(**fields):
    return scheduled_article(go_live_at=timezone.now() - datetime.timedelta(seconds=1), **fields)


def topic_scheduled(*, go_live_at: datetime.datetime) -> Topic:
    topic = Topic(name=unique("Topic"), slug=unique("topic"), locale=locale("en"), live=False)
    topic.save()
    topic.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = topic.save_revision()
    revision.publish()
    _reschedule(revision, go_live_at)
    Topic.objects.filter(pk=topic.pk).update(go_live_at=go_live_at)
    topic.refresh_from_db()
    return topic
