"""The HTML views of the community index and community pages list only what the API serves."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.helpers import (
    HUACAO,
    JINQIAO,
    community_events_index,
    community_index,
    community_news_index,
    community_page,
)

pytestmark = pytest.mark.django_db

COMMUNITIES = """{ communities(first: 100) { edges { node { slug } } } }"""


def expire(page) -> None:
    """Past its expiry time but still live: the expiry job has not run yet."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    Page.objects.filter(pk=page.pk).update(expire_at=past)
    page.refresh_from_db()
    assert page.live


def html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    return response.content.decode()


def test_an_expired_community_is_not_served(client):
    jinqiao = community_page(JINQIAO)
    url = jinqiao.url
    assert client.get(url).status_code == 200

    expire(jinqiao)

    assert client.get(url).status_code == 404


def test_an_expired_community_is_not_listed(client, gql):
    url = community_page(JINQIAO).url
    assert f'href="{url}"' in html(client, community_index())

    expire(community_page(JINQIAO))

    listing = html(client, community_index())
    assert f'href="{url}"' not in listing
    assert f'href="{community_page(HUACAO).url}"' in listing
    listed = [edge["node"]["slug"] for edge in gql.data(COMMUNITIES)["communities"]["edges"]]
    assert JINQIAO not in listed
    assert HUACAO in listed


def test_a_community_page_lists_only_its_visible_sections(client):
    news = community_news_index(HUACAO)
    events = community_events_index(HUACAO)
    news_url = news.url
    expire(news)

    page = html(client, community_page(HUACAO))

    assert f'href="{news_url}"' not in page
    assert f'href="{events.url}"' in page
