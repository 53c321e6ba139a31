"""Autosave starts once a page exists: the create view never saves a page on its own."""

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from tests.helpers import (
    HUACAO,
    admin_add_url,
    admin_edit_url,
    article_create,
    community_news_index,
    user_create,
)

pytestmark = pytest.mark.django_db


def _edit_form_controllers(response) -> set[str]:
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find(id="page-edit-form")
    return set(form["data-controller"].split())


def test_the_create_view_does_not_autosave(client):
    client.force_login(user_create(superuser=True))

    response = client.get(admin_add_url(ArticlePage, community_news_index(HUACAO)))

    controllers = _edit_form_controllers(response)
    assert "w-unsaved" in controllers  # leaving still warns about unsaved changes
    assert "w-autosave" not in controllers
    assert b"data-w-autosave-interval-value" not in response.content


def test_the_edit_view_keeps_autosave(client, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500
    client.force_login(user_create(superuser=True))
    article = article_create(community_news_index(HUACAO))

    response = client.get(admin_edit_url(article))

    assert "w-autosave" in _edit_form_controllers(response)
