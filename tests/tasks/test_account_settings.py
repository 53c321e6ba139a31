import pytest
from django.test import RequestFactory
from wagtail.users.models import UserProfile

from tasks.models import NotificationPreference
from tasks.wagtail_hooks import DigestSettingsPanel
from tests.helpers import user_create


@pytest.mark.django_db
def test_the_digest_choice_is_in_the_account_notifications_tab(client):
    client.force_login(user_create(groups=["Huacao Town Moderators"]))

    page = client.get("/admin/account/")

    assert page.status_code == 200
    assert 'name="tapestry_digest-daily_digest"' in page.content.decode()


@pytest.mark.django_db
def test_the_digest_panel_saves_the_users_choice():
    moderator = user_create(groups=["Huacao Town Moderators"])
    request = RequestFactory().post("/admin/account/", {"tapestry_digest-daily_digest": "on"})
    request.user = moderator
    panel = DigestSettingsPanel(request, moderator, UserProfile.get_for_user(moderator))

    form = panel.get_form()
    assert form.is_valid()
    form.save()

    assert NotificationPreference.objects.get(user=moderator).daily_digest
