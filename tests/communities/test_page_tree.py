"""Where community index pages and community pages may live in the tree."""

import pytest

from articles.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage
from communities.models import CommunityIndexPage, CommunityPage
from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db

PARENTS = {
    "root": helpers.root_page,
    "home": helpers.home_page,
    "city news index": helpers.city_news_index,
    "city events index": helpers.city_events_index,
    "community index": helpers.community_index,
    "community page": helpers.community_page,
    "community news index": helpers.community_news_index,
}

ALLOWED_PARENTS = [
    (CommunityIndexPage, {"home"}),
    (CommunityPage, {"community index"}),
]


@pytest.mark.parametrize(
    ("model", "allowed"), ALLOWED_PARENTS, ids=[model.__name__ for model, _ in ALLOWED_PARENTS]
)
@pytest.mark.parametrize("parent_name", list(PARENTS))
def test_can_exist_under_only_its_parent_types(model, allowed, parent_name):
    parent = PARENTS[parent_name]()

    assert model.can_exist_under(parent) is (parent_name in allowed)


def test_declared_parent_and_subpage_types():
    assert CommunityIndexPage.allowed_parent_page_models() == [HomePage]
    assert CommunityIndexPage.allowed_subpage_models() == [CommunityPage]
    assert CommunityPage.allowed_parent_page_models() == [CommunityIndexPage]
    assert set(CommunityPage.allowed_subpage_models()) == {ArticleIndexPage, EventIndexPage}


def test_articles_and_events_go_under_a_community_only_through_its_indexes():
    community = helpers.community_page()

    assert not ArticlePage.can_create_at(community)
    assert not EventPage.can_create_at(community)
    assert not CommunityPage.can_create_at(community)


def test_one_community_index_per_home_page():
    assert CommunityIndexPage.max_count_per_parent == 1
    for code in ("en", "zh-hans", "es"):
        assert not CommunityIndexPage.can_create_at(helpers.home_page(code))


def test_many_communities_under_the_community_index():
    index = helpers.community_index()

    assert CommunityPage.can_create_at(index)
    index.add_child(
        instance=CommunityPage(
            title="Test Town", slug="test-town", kind=CommunityPage.Kind.TOWN, district="Minhang"
        )
    )
    assert CommunityPage.can_create_at(index)
    assert CommunityPage.objects.child_of(index).count() == 10
