"""Where articles, events and their index pages may live in the tree (rules on the models)."""

import pytest
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage
from communities.models import CommunityIndexPage, CommunityPage
from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db

# Every kind of place a page could be put, built from the setup tree.
PARENTS = {
    "root": helpers.root_page,
    "home": helpers.home_page,
    "city news index": helpers.city_news_index,
    "city events index": helpers.city_events_index,
    "community index": helpers.community_index,
    "community page": helpers.community_page,
    "community news index": helpers.community_news_index,
    "community events index": helpers.community_events_index,
}

# (page type, parents it may exist under); every other parent in PARENTS is refused.
ALLOWED_PARENTS = [
    (ArticleIndexPage, {"home", "community page"}),
    (ArticlePage, {"city news index", "community news index"}),
    (EventIndexPage, {"home", "community page"}),
    (EventPage, {"city events index", "community events index"}),
]


@pytest.mark.parametrize(
    ("model", "allowed"), ALLOWED_PARENTS, ids=[model.__name__ for model, _ in ALLOWED_PARENTS]
)
@pytest.mark.parametrize("parent_name", list(PARENTS))
def test_can_exist_under_only_its_parent_types(model, allowed, parent_name):
    parent = PARENTS[parent_name]()

    assert model.can_exist_under(parent) is (parent_name in allowed)


def test_declared_parent_and_subpage_types():
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert set(ArticleIndexPage.allowed_parent_page_models()) == {HomePage, CommunityPage}
    assert set(EventIndexPage.allowed_parent_page_models()) == {HomePage, CommunityPage}
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]


@pytest.mark.parametrize("model", [ArticlePage, EventPage])
def test_nothing_goes_under_an_article_or_event(model):
    assert model.allowed_subpage_models() == []
    assert model.creatable_subpage_models() == []


def test_nothing_can_be_created_under_an_existing_article():
    article = helpers.article_create(helpers.community_news_index())

    for model in (ArticlePage, EventPage, ArticleIndexPage, EventIndexPage, CommunityPage, Page):
        assert not model.can_create_at(article), model


@pytest.mark.parametrize("index_model", [ArticleIndexPage, EventIndexPage])
def test_one_index_of_each_kind_per_parent(index_model):
    assert index_model.max_count_per_parent == 1
    # The setup tree already has one under the home page and under every community page.
    assert not index_model.can_create_at(helpers.home_page())
    assert not index_model.can_create_at(helpers.community_page())
    assert not index_model.can_create_at(helpers.community_page(helpers.JINQIAO, "zh-hans"))

    new_community = CommunityPage(
        title="Test Town", slug="test-town", kind=CommunityPage.Kind.TOWN, district="Minhang"
    )
    helpers.community_index().add_child(instance=new_community)
    assert index_model.can_create_at(new_community)

    new_community.add_child(instance=index_model(title="Index", slug="index"))
    assert not index_model.can_create_at(new_community)


def test_articles_and_events_can_be_created_under_any_matching_index():
    for code in ("en", "zh-hans"):
        assert ArticlePage.can_create_at(helpers.city_news_index(code))
        assert ArticlePage.can_create_at(helpers.community_news_index(helpers.JINQIAO, code))
        assert EventPage.can_create_at(helpers.city_events_index(code))
        assert EventPage.can_create_at(helpers.community_events_index(helpers.JINQIAO, code))
    assert not ArticlePage.can_create_at(helpers.city_events_index())
    assert not EventPage.can_create_at(helpers.community_news_index())


def test_a_community_article_cannot_move_to_an_events_index():
    article = helpers.article_create(helpers.community_news_index())

    assert article.can_move_to(helpers.community_news_index(helpers.JINQIAO))
    assert not article.can_move_to(helpers.community_events_index())
    assert not article.can_move_to(helpers.community_page())
    # Pages stay within their locale's tree.
    assert not article.can_move_to(helpers.community_news_index(helpers.HUACAO, "zh-hans"))


def test_community_index_is_not_a_parent_of_articles():
    assert ArticlePage not in CommunityIndexPage.allowed_subpage_models()
    assert EventPage not in CommunityIndexPage.allowed_subpage_models()
