"""A frontend's GraphQL GET through Varnish (deploy/varnish/default.vcl) in front of Tapestry:
served from Varnish until content changes, and fresh on the very next request after each change,
purged by cache tag from the same task that purges the response cache."""

import json

import pytest
import requests
from wagtail.models import Page

from cms.celery import app as celery_app
from tests.helpers import HUACAO, article_create, community_news_index, topic_create, topic_link

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_restored"),
]

COMMUNITY_NEWS = """query News($locale: String) {
  community(slug: "huacao-town", locale: $locale) {
    articles(first: 50) { edges { node { title topics { name } } } }
  }
}"""


@pytest.fixture
def purged_through_varnish(settings, varnish_in_front_of_tapestry):
    """Changes purge this Varnish (and the response cache) after they commit, at once: the purge
    task runs in the committing process instead of on a worker."""
    settings.VARNISH_PURGE_URLS = [varnish_in_front_of_tapestry.url]
    settings.TAPESTRY_CACHE_PURGERS = [
        "schema.core.response_cache.purge",
        "tasks.services.http_cache.varnish_purge",
    ]
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield varnish_in_front_of_tapestry
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


def news(varnish) -> tuple[str, list[dict]]:
    """The community's news as a frontend reads it through Varnish, and Varnish's X-Cache."""
    response = requests.get(
        f"{varnish.public_url}graphql/",
        params={"query": COMMUNITY_NEWS, "variables": json.dumps({"locale": "en"})},
        headers={"Accept": "application/json"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    edges = response.json()["data"]["community"]["articles"]["edges"]
    return response.headers["X-Cache"], [edge["node"] for edge in edges]


def titles(nodes: list[dict]) -> list[str]:
    return [node["title"] for node in nodes]


def test_every_change_is_fresh_on_the_next_request_through_varnish(purged_through_varnish):
    varnish = purged_through_varnish
    index = community_news_index(HUACAO)
    topic = topic_create("Markets")
    article = article_create(index, title="Night market opens", publish=True)
    topic_link(article, topic)
    article.save_revision().publish()

    assert news(varnish)[0] == "MISS"
    cached, nodes = news(varnish)
    assert cached == "HIT"
    assert "Night market opens" in titles(nodes)

    # A published change to the article.
    page = Page.objects.get(pk=article.pk).specific
    page.title = "Night market opens on Friday"
    page.save_revision().publish()
    cached, nodes = news(varnish)
    assert cached == "MISS"
    assert "Night market opens on Friday" in titles(nodes)
    assert news(varnish)[0] == "HIT"

    # A renamed topic (a snippet published).
    topic.name = "Night markets"
    topic.save_revision().publish()
    cached, nodes = news(varnish)
    assert cached == "MISS"
    assert [t["name"] for n in nodes for t in n["topics"]] == ["Night markets"]

    # An article added to the community's list.
    article_create(index, title="Bus route 12 changes", publish=True)
    cached, nodes = news(varnish)
    assert cached == "MISS"
    assert "Bus route 12 changes" in titles(nodes)

    # An article unpublished.
    Page.objects.get(pk=article.pk).specific.unpublish()
    cached, nodes = news(varnish)
    assert cached == "MISS"
    assert "Night market opens on Friday" not in titles(nodes)
