"""Every Preview in the admin shows the page when no frontend is configured, else the frontend."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tasks.services.notifications import WORKFLOW_SUBMITTED, notification_mail_build
from tests.helpers import (
    HUACAO,
    admin_edit_url,
    article_create,
    article_form_data,
    community_news_index,
    current_task_state,
    moderators,
    user_create,
    workflow_submit,
)

pytestmark = pytest.mark.django_db

FRONTEND = "https://www.example.org/preview"


@pytest.fixture
def draft():
    """A live article with an unpublished change, in community review."""
    article = article_create(community_news_index(HUACAO), publish=True, title="Stalls open")
    article.title = "Stalls open on Saturdays"
    article.save_revision()
    workflow_submit(article, user_create(superuser=True))
    return article


@pytest.fixture
def moderator(client):
    user = user_create(groups=[moderators()])
    client.force_login(user)
    return user


def _shows_the_page(response, title: str) -> None:
    assert response.status_code == 200, response
    html = response.content.decode()
    assert 'id="preview-token"' not in html
    assert f"<h1>{title}</h1>" in html or re.search(rf"<title>[^<]*{title}", html), html[:2000]


def _mail_preview_path(draft, moderator) -> str:
    mail = notification_mail_build(
        kind=WORKFLOW_SUBMITTED,
        user=moderator,
        ids={"task_state_id": current_task_state(draft).pk},
    )
    link = re.search(r"https?://\S+/workflow/preview/\S+", mail.text).group(0)
    return urlsplit(link).path


def test_editor_panel_previews_the_unsaved_page(client, moderator, draft, settings):
    settings.TAPESTRY_PREVIEW_URL = ""
    data = article_form_data(title="Stalls open until midnight", slug=draft.slug)
    preview_url = admin_edit_url(draft) + "preview/"
    assert client.post(preview_url, data).json()["is_valid"] is True

    _shows_the_page(client.get(preview_url), "Stalls open until midnight")


def test_listing_and_dashboard_preview_show_the_draft(client, moderator, draft, settings):
    settings.TAPESTRY_PREVIEW_URL = ""

    view_draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    workflow_preview = client.get(
        reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[draft.pk, current_task_state(draft).task_id],
        )
    )

    _shows_the_page(view_draft, "Stalls open on Saturdays")
    _shows_the_page(workflow_preview, "Stalls open on Saturdays")


def test_the_review_mails_preview_link_shows_the_draft(client, moderator, draft, settings):
    settings.TAPESTRY_PREVIEW_URL = ""

    _shows_the_page(client.get(_mail_preview_path(draft, moderator)), "Stalls open on Saturdays")


def test_with_a_frontend_every_preview_opens_it(client, moderator, draft, settings):
    settings.TAPESTRY_PREVIEW_URL = FRONTEND

    for path in [
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        _mail_preview_path(draft, moderator),
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(FRONTEND + "?token="), response["Location"]


def test_the_token_stays_one_mode_away_without_a_frontend(client, moderator, draft, settings):
    settings.TAPESTRY_PREVIEW_URL = ""

    assert [mode for mode, _label in draft.preview_modes] == ["html", "frontend"]
    assert draft.default_preview_mode == "html"

    token_page = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]), {"mode": "frontend"}
    )
    assert 'id="preview-token"' in token_page.content.decode()
