"""The HTML views of articles and events show only what the GraphQL API serves.

Topics and bureaus are snippets with drafts: only live ones are named. A page past its expiry
time is still `live` until the expiry job runs; it is neither served at its URL nor listed.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, ArticlePageTopic, Bureau, Topic
from home.translation import translation_create
from tests.helpers import (
    HUACAO,
    article_create,
    bureau_create,
    city_news_index,
    community_events_index,
    community_news_index,
    community_page,
    event_create,
    locale,
    unique,
)

pytestmark = pytest.mark.django_db


def topic_create(name: str, *, zh: str | None = None) -> Topic:
    topic = Topic.objects.create(name=name, slug=unique("topic"), locale=locale("en"))
    topic.save_revision().publish()
    if zh:
        translation_create(instance=topic, locale=locale("zh-hans"), strings={name: zh})
    return topic


def policy_create(*topics: Topic, bureau: Bureau | None = None) -> ArticlePage:
    """A published policy update in Huacao, issued by `bureau`, with `topics` in this order."""
    article = article_create(
        community_news_index(HUACAO),
        title="New residence permit rules",
        kind=ArticlePage.Kind.POLICY,
        bureau=bureau or bureau_create(),
        effective_from=datetime.date(2026, 12, 1),
    )
    for position, topic in enumerate(topics):
        ArticlePageTopic.objects.create(
            page=article, topic=topic, sort_order=position, locale=article.locale
        )
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def expire(page) -> None:
    """Past its expiry time but still live: the expiry job has not run yet."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    type(page).objects.filter(pk=page.pk).update(expire_at=past)
    page.refresh_from_db()
    assert page.live


def html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    return response.content.decode()


ARTICLE = """query($slug: String!, $locale: String) {
  article(slug: $slug, locale: $locale) { title topics { name } bureau { name } }
}"""
ARTICLES = """query($community: String) {
  articles(community: $community, first: 100) { edges { node { slug } } }
}"""
EVENTS = """query($community: String) {
  events(community: $community, upcoming: true, first: 100) { edges { node { slug } } }
}"""


def slugs(connection: dict) -> list[str]:
    return [edge["node"]["slug"] for edge in connection["edges"]]


def test_an_unpublished_topic_is_not_named_on_the_article(client, gql):
    shown = topic_create("Healthcare")
    hidden = topic_create("Zanzibar residency")
    article = policy_create(hidden, shown)
    hidden.unpublish()

    page = html(client, article)

    assert "Healthcare" in page
    assert "Zanzibar residency" not in page
    served = gql.data(ARTICLE, {"slug": article.slug})["article"]["topics"]
    assert served == [{"name": "Healthcare"}]


def test_a_never_published_topic_is_not_named_on_the_article(client):
    draft = Topic.objects.create(
        name="Zanzibar draft topic", slug=unique("topic"), locale=locale("en"), live=False
    )
    article = policy_create(draft, topic_create("Transport"))

    page = html(client, article)

    assert "Transport" in page
    assert "Zanzibar draft topic" not in page


def test_an_unpublished_bureau_is_not_named_on_the_article(client, gql):
    bureau = bureau_create(name="Zanzibar Affairs Bureau")
    bureau.short_name = ""
    bureau.save()
    article = policy_create(bureau=bureau)
    assert "Zanzibar Affairs Bureau" in html(client, article)

    bureau.unpublish()

    assert "Zanzibar Affairs Bureau" not in html(client, article)
    assert gql.data(ARTICLE, {"slug": article.slug})["article"]["bureau"] is None


def test_a_translated_article_names_its_topic_as_the_api_does(client, gql):
    topic = topic_create("Visas", zh="签证")
    article = policy_create(topic)
    translated = translation_create(
        instance=article, locale=locale("zh-hans"), strings={article.title: "居留许可新规"}
    )
    assert "签证" in html(client, translated)

    Topic.objects.filter(translation_key=topic.translation_key, locale=locale("zh-hans")).update(
        live=False
    )

    page = html(client, translated)
    assert "签证" not in page
    assert "Visas" in page
    served = gql.data(ARTICLE, {"slug": article.slug, "locale": "zh-hans"})["article"]
    assert served["topics"] == [{"name": "Visas"}]


def test_an_expired_article_is_not_served(client, gql):
    expired = article_create(community_news_index(HUACAO), publish=True)
    url = expired.url
    assert client.get(url).status_code == 200

    expire(expired)

    assert client.get(url).status_code == 404
    assert gql.data(ARTICLE, {"slug": expired.slug})["article"] is None


def test_an_expired_article_is_not_listed(client, gql):
    index = community_news_index(HUACAO)
    kept = article_create(index, publish=True, title="Night market opens")
    expired = article_create(index, publish=True, title="Zanzibar expired notice")
    expire(expired)

    listing = html(client, index)

    assert "Night market opens" in listing
    assert "Zanzibar expired notice" not in listing
    assert "Zanzibar expired notice" not in html(client, community_page(HUACAO))
    listed = slugs(gql.data(ARTICLES, {"community": HUACAO})["articles"])
    assert kept.slug in listed
    assert expired.slug not in listed


def test_an_article_expiring_later_is_served_and_listed(client):
    index = city_news_index()
    article = article_create(index, publish=True, title="Zanzibar ferry timetable")
    later = timezone.now() + datetime.timedelta(days=1)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=later)

    assert "Zanzibar ferry timetable" in html(client, article)
    assert "Zanzibar ferry timetable" in html(client, index)


def test_a_private_article_is_not_listed(client):
    index = community_news_index(HUACAO)
    private = article_create(index, publish=True, title="Zanzibar staff memo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert "Zanzibar staff memo" not in html(client, index)
    assert client.get(private.url).status_code == 302


def test_an_expired_event_is_not_served(client):
    expired = event_create(community_events_index(HUACAO), publish=True)
    url = expired.url
    assert client.get(url).status_code == 200

    expire(expired)

    assert client.get(url).status_code == 404


def test_an_expired_event_is_not_listed(client, gql):
    index = community_events_index(HUACAO)
    kept = event_create(index, publish=True, title="Dumpling workshop")
    expired = event_create(index, publish=True, title="Zanzibar cancelled concert")
    expire(expired)

    listing = html(client, index)

    assert "Dumpling workshop" in listing
    assert "Zanzibar cancelled concert" not in listing
    listed = slugs(gql.data(EVENTS, {"community": HUACAO})["events"])
    assert kept.slug in listed
    assert expired.slug not in listed
