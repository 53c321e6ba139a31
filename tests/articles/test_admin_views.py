"""The Wagtail admin forms of articles, events and their index pages, as a superuser sees them."""

import pytest

from articles.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage
from communities.models import CommunityPage
from tests import helpers

pytestmark = pytest.mark.django_db

# Wagtail 8 renders the Settings panels (go-live and expiry) in the status side panel's
# "schedule publishing" dialog, not as a tab.
ARTICLE_TABS = ["Content", "Policy & sources", "Promote"]
EVENT_TABS = ["Content", "Registration", "Promote"]
ARTICLE_FIELDS = {
    "title",
    "slug",
    "kind",
    "priority",
    "summary",
    "hero_image",
    "hero_image_alt",
    "bureau",
    "effective_from",
    "expires_on",
    "official_source_url",
    "supersedes",
    "seo_title",
    "search_description",
    "go_live_at",
    "expire_at",
    "topics-TOTAL_FORMS",
}
EVENT_FIELDS = {
    "title",
    "category",
    "summary",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "latitude",
    "longitude",
    "languages",
    "price",
    "capacity",
    "registration_required",
    "registration_deadline",
    "max_party_size",
    "hero_image",
    "hero_image_alt",
}
INDEX_FIELDS = {"title", "slug", "intro"}
REQUIRED_ERROR = "This field is required."


@pytest.fixture
def admin_client(client):
    client.force_login(helpers.user_create(superuser=True))
    return client


@pytest.fixture
def new_community():
    """A community page without indexes yet, so index pages can be added under it."""
    community = CommunityPage(
        title="Test Town", slug="test-town", kind=CommunityPage.Kind.TOWN, district="Minhang"
    )
    helpers.community_index().add_child(instance=community)
    return community


def get_ok(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return response.content.decode()


def test_article_add_view(admin_client):
    html = get_ok(admin_client, helpers.admin_add_url(ArticlePage, helpers.community_news_index()))

    assert helpers.tab_labels(html) == ARTICLE_TABS
    assert helpers.form_field_names(html) >= ARTICLE_FIELDS
    assert "Policy updates and assistance programmes must name the issuing bureau" in html


def test_article_edit_view(admin_client):
    article = helpers.article_create(
        helpers.community_news_index(), title="Visa rules change for family visits"
    )

    html = get_ok(admin_client, helpers.admin_edit_url(article))

    assert helpers.tab_labels(html) == [*ARTICLE_TABS, "Translations"]
    assert helpers.form_field_names(html) >= ARTICLE_FIELDS
    assert 'value="Visa rules change for family visits"' in html


def test_article_kind_choices_are_offered(admin_client):
    html = get_ok(admin_client, helpers.admin_add_url(ArticlePage, helpers.city_news_index()))

    for kind in ArticlePage.Kind:
        assert f'value="{kind.value}"' in html


def test_event_add_view(admin_client):
    html = get_ok(admin_client, helpers.admin_add_url(EventPage, helpers.community_events_index()))

    assert helpers.tab_labels(html) == EVENT_TABS
    assert helpers.form_field_names(html) >= EVENT_FIELDS
    # Languages are checkboxes of the configured languages.
    assert 'name="languages" value="zh-hans"' in html


def test_event_edit_view(admin_client):
    event = helpers.event_create(
        helpers.community_events_index(), title="Dumpling workshop", capacity=24
    )

    html = get_ok(admin_client, helpers.admin_edit_url(event))

    assert helpers.tab_labels(html) == [*EVENT_TABS, "Translations"]
    assert helpers.form_field_names(html) >= EVENT_FIELDS
    assert 'value="Dumpling workshop"' in html
    assert 'name="capacity" value="24"' in html


@pytest.mark.parametrize("index", [helpers.city_news_index, helpers.community_news_index])
def test_article_index_edit_view(admin_client, index):
    html = get_ok(admin_client, helpers.admin_edit_url(index()))

    assert helpers.form_field_names(html) >= INDEX_FIELDS


@pytest.mark.parametrize("index", [helpers.city_events_index, helpers.community_events_index])
def test_event_index_edit_view(admin_client, index):
    html = get_ok(admin_client, helpers.admin_edit_url(index()))

    assert helpers.form_field_names(html) >= INDEX_FIELDS


@pytest.mark.parametrize("model", [ArticleIndexPage, EventIndexPage])
def test_index_add_view_under_a_new_community(admin_client, new_community, model):
    html = get_ok(admin_client, helpers.admin_add_url(model, new_community))

    assert helpers.form_field_names(html) >= INDEX_FIELDS


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        (ArticleIndexPage, helpers.community_page),  # already has one
        (ArticlePage, helpers.home_page),
        (ArticlePage, helpers.community_events_index),
        (EventPage, helpers.community_news_index),
    ],
)
def test_add_view_refuses_a_page_in_the_wrong_place(admin_client, model, parent):
    response = admin_client.get(helpers.admin_add_url(model, parent()))

    assert response.status_code in (302, 403)
    assert b"page-edit-form" not in response.content


def test_create_article_as_draft_through_the_add_form(admin_client):
    index = helpers.community_news_index()
    data = helpers.article_form_data(slug="free-mandarin-classes")

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    article = ArticlePage.objects.child_of(index).get(slug="free-mandarin-classes")
    assert response.status_code == 302
    assert response["Location"] == helpers.admin_edit_url(article)
    assert not article.live
    assert article.has_unpublished_changes
    assert article.title == "Free Mandarin classes for new residents"
    assert article.summary == "The community centre starts weekly Mandarin classes in March."
    assert article.body[0].block_type == "paragraph"
    assert "Sign up at the front desk." in article.body[0].value.source
    assert article.revisions.count() == 1
    assert article.locale.language_code == "en"
    assert article.community == helpers.community_page(helpers.HUACAO)


def test_publish_article_through_the_add_form(admin_client):
    index = helpers.community_news_index(helpers.JINQIAO)
    data = helpers.article_form_data(slug="lantern-walk", **{"action-publish": "action-publish"})

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    assert response.status_code == 302
    article = ArticlePage.objects.child_of(index).get(slug="lantern-walk")
    assert article.live
    assert article.live_revision == article.latest_revision
    assert article.community == helpers.community_page(helpers.JINQIAO)


def test_create_policy_article_with_bureau_through_the_add_form(admin_client):
    index = helpers.city_news_index()
    bureau = helpers.bureau_create()
    data = helpers.article_form_data(
        slug="work-permit-rules",
        kind="policy",
        bureau=str(bureau.pk),
        effective_from="2025-03-01",
    )

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    assert response.status_code == 302
    article = ArticlePage.objects.child_of(index).get(slug="work-permit-rules")
    assert article.bureau == bureau
    assert article.effective_from.isoformat() == "2025-03-01"
    assert article.community is None


def test_publishing_without_summary_rerenders_with_an_error_and_creates_nothing(admin_client):
    index = helpers.community_news_index()
    data = helpers.article_form_data(summary="", **{"action-publish": "action-publish"})

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert REQUIRED_ERROR in response.content.decode()
    assert not ArticlePage.objects.child_of(index).exists()


def test_draft_without_summary_is_kept_as_a_draft(admin_client):
    # Wagtail 7+ defers required-field checks to publishing, so work in progress is not lost.
    index = helpers.community_news_index()
    data = helpers.article_form_data(slug="half-written", summary="")

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    assert response.status_code == 302
    article = ArticlePage.objects.child_of(index).get(slug="half-written")
    assert not article.live
    assert article.live_revision is None


def test_policy_without_bureau_rerenders_with_the_model_errors(admin_client):
    index = helpers.community_news_index()
    data = helpers.article_form_data(kind="policy")

    response = admin_client.post(helpers.admin_add_url(ArticlePage, index), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"bureau", "effective_from"} <= set(errors)
    assert "Name the bureau that issued this policy or programme." in response.content.decode()
    assert not ArticlePage.objects.child_of(index).exists()
