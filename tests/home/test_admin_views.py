"""The home page in the Wagtail admin."""

import pytest

from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(helpers.user_create(superuser=True))
    return client


def test_home_page_edit_view(admin_client):
    home = helpers.home_page()

    response = admin_client.get(helpers.admin_edit_url(home))

    assert response.status_code == 200
    html = response.content.decode()
    assert helpers.form_field_names(html) >= {"title", "slug", "intro", "seo_title"}
    assert helpers.tab_labels(html) == ["Content", "Promote"]
    assert f'value="{home.title}"' in html


def test_translated_home_page_opens_in_the_translation_editor(admin_client):
    response = admin_client.get(helpers.admin_edit_url(helpers.home_page("zh-hans")))

    assert response.status_code == 200
    props = helpers.translation_editor_props(response.content.decode())
    assert props["object"]["title"] == "上海国际社区信息服务"
    assert props["locale"]["code"] == "zh-hans"


def test_home_page_add_view_at_the_root(admin_client):
    response = admin_client.get(helpers.admin_add_url(HomePage, helpers.root_page()))

    assert response.status_code == 200
    assert "intro" in helpers.form_field_names(response.content.decode())


def test_home_page_cannot_be_added_under_a_home_page(admin_client):
    response = admin_client.get(helpers.admin_add_url(HomePage, helpers.home_page()))

    assert response.status_code in (302, 403)
    assert b"page-edit-form" not in response.content


def test_site_settings_view(admin_client):
    site = helpers.home_page().get_site()

    response = admin_client.get(f"/admin/settings/home/sitesettings/{site.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("service_name", "tagline", "contact_email", "hotline", "frontend_base_url"):
        assert f'name="{name}"' in html
