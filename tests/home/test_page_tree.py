"""The home page is the root of one locale's tree and sits directly under Wagtail's root."""

import pytest
from wagtail.models import Page, get_page_models

from articles.models import ArticleIndexPage, EventIndexPage
from communities.models import CommunityIndexPage
from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db

APP_LABELS = {"home", "articles", "communities"}


def test_home_page_only_under_root():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert HomePage.can_exist_under(helpers.root_page())
    for parent in (
        helpers.home_page(),
        helpers.city_news_index(),
        helpers.community_index(),
        helpers.community_page(),
        helpers.community_events_index(),
    ):
        assert not HomePage.can_exist_under(parent), parent


def test_home_page_is_the_only_project_page_type_under_root():
    root = helpers.root_page()
    project_models = [m for m in get_page_models() if m._meta.app_label in APP_LABELS]

    assert {m for m in project_models if m.can_exist_under(root)} == {HomePage}


def test_home_page_sections():
    assert set(HomePage.allowed_subpage_models()) == {
        ArticleIndexPage,
        EventIndexPage,
        CommunityIndexPage,
    }
