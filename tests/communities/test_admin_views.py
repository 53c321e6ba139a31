"""The Wagtail admin forms of the community index and community pages, as a superuser sees them."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from communities.models import CommunityIndexPage, CommunityPage
from tests import helpers

pytestmark = pytest.mark.django_db

COMMUNITY_TABS = ["Content", "Centre & contacts", "Promote"]
COMMUNITY_FIELDS = {
    "title",
    "slug",
    "local_name",
    "kind",
    "district",
    "description",
    "hero_image",
    "hero_image_alt",
    "centre_name",
    "centre_address",
    "centre_opening_hours",
    "centre_phone",
    "centre_email",
    "centre_latitude",
    "centre_longitude",
    "contacts-TOTAL_FORMS",
}


@pytest.fixture
def admin_client(client):
    client.force_login(helpers.user_create(superuser=True))
    return client


def get_ok(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return response.content.decode()


def test_community_edit_view(admin_client):
    community = helpers.community_page(helpers.HUACAO)

    html = get_ok(admin_client, helpers.admin_edit_url(community))

    assert helpers.tab_labels(html) == [*COMMUNITY_TABS, "Translations"]
    assert helpers.form_field_names(html) >= COMMUNITY_FIELDS
    assert 'value="华漕镇"' in html
    assert 'value="Huacao International Community Center"' in html


def test_translated_community_opens_in_the_translation_editor(admin_client):
    community = helpers.community_page(helpers.HUACAO, "zh-hans")

    html = get_ok(admin_client, helpers.admin_edit_url(community))

    props = helpers.translation_editor_props(html)
    assert props is not None
    assert props["object"]["title"] == "华漕镇"
    assert props["locale"]["code"] == "zh-hans"
    assert props["sourceLocale"]["code"] == "en"
    assert [tab["label"] for tab in props["tabs"]][:3] == COMMUNITY_TABS


def test_community_add_view(admin_client):
    html = get_ok(admin_client, helpers.admin_add_url(CommunityPage, helpers.community_index()))

    assert helpers.tab_labels(html) == COMMUNITY_TABS
    assert helpers.form_field_names(html) >= COMMUNITY_FIELDS


def test_community_index_edit_view(admin_client):
    html = get_ok(admin_client, helpers.admin_edit_url(helpers.community_index()))

    assert helpers.form_field_names(html) >= {"title", "slug", "intro"}


def test_second_community_index_cannot_be_added(admin_client):
    response = admin_client.get(helpers.admin_add_url(CommunityIndexPage, helpers.home_page()))

    assert response.status_code in (302, 403)
    assert b"page-edit-form" not in response.content


def test_create_community_with_a_contact_through_the_add_form(admin_client):
    index = helpers.community_index()
    data = nested_form_data(
        {
            "title": "Test Town",
            "slug": "test-town",
            "local_name": "测试镇",
            "kind": "town",
            "district": "Minhang District",
            "description": rich_text("<p>A town for tests.</p>", features=["bold"]),
            "hero_image": "",
            "hero_image_alt": "",
            "centre_name": "Test Community Centre",
            "centre_latitude": "31.2",
            "centre_longitude": "121.3",
            "contacts": inline_formset(
                [
                    {
                        "name": "Li Wei",
                        "role": "Residents desk",
                        "phone": "",
                        "email": "li@example.org",
                    }
                ]
            ),
            "comments": inline_formset([]),
        }
    )

    response = admin_client.post(helpers.admin_add_url(CommunityPage, index), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    community = CommunityPage.objects.child_of(index).get(slug="test-town")
    assert not community.live
    assert community.local_name == "测试镇"
    assert [contact.name for contact in community.contacts.all()] == ["Li Wei"]


def test_centre_with_half_a_coordinate_is_refused_by_the_form(admin_client):
    community = helpers.community_page()
    data = nested_form_data(
        {
            "title": community.title,
            "slug": community.slug,
            "local_name": community.local_name,
            "kind": community.kind,
            "district": community.district,
            "description": rich_text(community.description),
            "centre_latitude": "31.2",
            "centre_longitude": "",
            "contacts": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    revisions_before = community.revisions.count()

    response = admin_client.post(helpers.admin_edit_url(community), data)

    assert response.status_code == 200
    assert "centre_longitude" in response.context["form"].errors
    assert community.revisions.count() == revisions_before
