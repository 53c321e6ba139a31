"""Fixtures for the GraphQL tests: a client that posts queries, and demo-like content."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from articles.models import ArticlePage, EventPage, Topic
from home.translation import translation_create
from tests.helpers import (
    HUACAO,
    JINQIAO,
    GraphQL,  # noqa: F401 (kept importable from here)
    article_create,
    bureau_create,
    city_news_index,
    community_events_index,
    community_news_index,
    event_create,
    image_create,
    locale,
    topic_create,
    topic_link,
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Content:
    """What `content` built, by role."""

    articles: dict[str, ArticlePage] = field(default_factory=dict)
    events: dict[str, EventPage] = field(default_factory=dict)
    zh: dict[str, ArticlePage | EventPage] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    image: object = None


def _published_days_ago(page, days: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=moment, last_published_at=moment
    )
    page.refresh_from_db()


@pytest.fixture
def content(media) -> Content:
    """Huacao and Jinqiao content, city-wide news, events, topics, zh-hans translations.

    - Huacao: a policy update (urgent, bureau, two topics, hero image) translated into zh-hans;
      a news article translated; a notice NOT translated (served as a fallback in zh-hans).
    - Jinqiao: a guide. City-wide: a story.
    - Events in Huacao: one upcoming (translated), one past.
    """
    built = Content()
    built.image = image_create(title="Roundtable", description="Residents around a table")
    built.topics["visa"] = topic_create("Visas", zh="签证")
    built.topics["family"] = topic_create("Family")
    huacao = community_news_index(HUACAO)
    policy = article_create(
        huacao,
        title="New visa rules",
        slug="new-visa-rules",
        kind=ArticlePage.Kind.POLICY,
        priority=ArticlePage.Priority.URGENT,
        bureau=bureau_create(),
        effective_from=datetime.date(2026, 12, 1),
        hero_image=built.image,
        summary="Residence permits can be renewed online.",
        body=[
            ("heading", {"text": "What changes", "level": "h2"}),
            ("paragraph", RichText("<p>Apply <b>online</b>.</p>")),
        ],
    )
    topic_link(policy, built.topics["visa"], built.topics["family"])
    policy.save_revision().publish()
    built.articles["policy"] = policy
    built.articles["news"] = article_create(
        huacao, publish=True, title="Roundtable held", slug="roundtable-held"
    )
    built.articles["notice"] = article_create(
        huacao,
        publish=True,
        title="Water cut on Monday",
        slug="water-cut",
        kind=ArticlePage.Kind.NOTICE,
    )
    built.articles["guide"] = article_create(
        community_news_index(JINQIAO),
        publish=True,
        title="Opening a bank account",
        slug="bank-account",
        kind=ArticlePage.Kind.GUIDE,
    )
    built.articles["story"] = article_create(
        city_news_index(),
        publish=True,
        title="A baker from Lyon",
        slug="baker-from-lyon",
        kind=ArticlePage.Kind.STORY,
    )
    for days, role in enumerate(["policy", "news", "notice", "guide", "story"]):
        _published_days_ago(built.articles[role], days + 1)
    zh = locale("zh-hans")
    built.zh["policy"] = translation_create(
        instance=built.articles["policy"], locale=zh, strings={"New visa rules": "签证新规"}
    )
    built.zh["news"] = translation_create(
        instance=built.articles["news"], locale=zh, strings={"Roundtable held": "圆桌会议召开"}
    )
    events = community_events_index(HUACAO)
    built.events["upcoming"] = event_create(
        events, publish=True, title="Dumpling workshop", slug="dumplings"
    )
    built.events["past"] = event_create(
        events,
        publish=True,
        title="Lantern walk",
        slug="lantern-walk",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        category=EventPage.Category.CULTURAL,
    )
    built.zh["upcoming"] = translation_create(
        instance=built.events["upcoming"], locale=zh, strings={"Dumpling workshop": "包饺子工作坊"}
    )
    return built
