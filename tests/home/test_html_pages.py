"""The home page's HTML lists only visible sections; no page type serves an expired page."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, get_page_models

from tests.helpers import city_events_index, city_news_index, home_page

pytestmark = pytest.mark.django_db


def test_every_page_type_stops_serving_at_its_expiry_time():
    from home.mixins import ServedUntilExpiryMixin

    assert [
        model for model in get_page_models() if not issubclass(model, ServedUntilExpiryMixin)
    ] == [Page]


def test_the_home_page_does_not_list_an_expired_section(client):
    news = city_news_index()
    news_url = news.url
    past = timezone.now() - datetime.timedelta(minutes=5)
    Page.objects.filter(pk=news.pk).update(expire_at=past)

    response = client.get(home_page().url)

    assert response.status_code == 200
    assert f'href="{news_url}"' not in response.content.decode()
    assert f'href="{city_events_index().url}"' in response.content.decode()


def test_an_expired_home_page_is_not_served(client):
    home = home_page()
    assert client.get(home.url).status_code == 200
    past = timezone.now() - datetime.timedelta(minutes=5)
    Page.objects.filter(pk=home.pk).update(expire_at=past)

    assert client.get(home.url).status_code == 404
