"""Topic and Bureau snippets in the admin, under "Topics & bureaus"."""

import pytest

from articles.models import Bureau, Topic
from tests import helpers

pytestmark = pytest.mark.django_db

TOPIC_LIST_URL = "/admin/snippets/articles/topic/"
BUREAU_LIST_URL = "/admin/snippets/articles/bureau/"


@pytest.fixture
def admin_client(client):
    client.force_login(helpers.user_create(superuser=True))
    return client


def test_topic_list(admin_client):
    Topic.objects.create(name="Healthcare", slug="healthcare", locale=helpers.locale("en"))

    response = admin_client.get(TOPIC_LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Healthcare" in html
    assert "healthcare" in html


def test_bureau_list(admin_client):
    bureau = helpers.bureau_create(name="Shanghai Municipal Human Resources Bureau")

    response = admin_client.get(BUREAU_LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Shanghai Municipal Human Resources Bureau" in html
    assert bureau.short_name in html


def test_bureau_list_search(admin_client):
    helpers.bureau_create(name="Shanghai Municipal Human Resources Bureau")
    helpers.bureau_create(name="Shanghai Municipal Education Commission")

    response = admin_client.get(BUREAU_LIST_URL, {"q": "Education"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Education Commission" in html
    assert "Human Resources Bureau" not in html


def test_bureau_add_view(admin_client):
    response = admin_client.get(f"{BUREAU_LIST_URL}add/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("name", "short_name", "slug", "website", "description"):
        assert f'name="{name}"' in html


def test_snippets_are_grouped_in_the_menu(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    # The sidebar is rendered from JSON props.
    assert '"label": "Topics \\u0026 bureaus"' in html
    assert TOPIC_LIST_URL in html
    assert BUREAU_LIST_URL in html


def test_editors_can_view_but_not_add_bureaus(client):
    editor = helpers.user_create(groups=["Huacao Town Editors"])
    client.force_login(editor)
    helpers.bureau_create(name="Shanghai Municipal Human Resources Bureau")

    listing = client.get(BUREAU_LIST_URL)
    add = client.get(f"{BUREAU_LIST_URL}add/")

    assert listing.status_code == 200
    assert "Human Resources Bureau" in listing.content.decode()
    assert add.status_code in (302, 403)
    assert b'name="short_name"' not in add.content


def test_editors_cannot_post_a_bureau(client):
    client.force_login(helpers.user_create(groups=["Huacao Town Editors"]))
    bureaus_before = Bureau.objects.count()

    response = client.post(
        f"{BUREAU_LIST_URL}add/", {"name": "Fake Bureau", "slug": "fake-bureau", "short_name": ""}
    )

    assert response.status_code in (302, 403)
    assert Bureau.objects.count() == bureaus_before
