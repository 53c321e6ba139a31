"""`preview(token)`: a draft through a one-use, short-lived token, from the admin's Preview."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.rich_text import RichText

from articles.models import ArticlePage
from home.models.preview import PagePreview
from home.preview import PREVIEW_QUERY, preview_create
from tests.helpers import (
    HUACAO,
    admin_add_url,
    admin_edit_url,
    article_create,
    article_form_data,
    community_news_index,
    locale,
    user_create,
)

pytestmark = pytest.mark.django_db

PREVIEW = """query($token: String!) {
  preview(token: $token) {
    __typename id title slug urlPath locale requestedLocale isFallback
    community { slug }
    breadcrumbs { urlPath }
    ... on Article { kind summary topics { name } bureau { shortName } bodyHtml
                     heroImage { alt } }
    ... on Event { venue startsAt }
  }
}"""


def _draft_change(page, **fields):
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision()
    return page


def test_preview_serves_the_draft_of_a_published_article(gql, content):
    draft = _draft_change(
        content.articles["policy"],
        title="New visa rules (draft)",
        summary="Draft summary.",
        body=[("paragraph", RichText("<p>Draft body.</p>"))],
    )
    token, _preview = preview_create(draft.get_latest_revision_as_object())

    page = gql.data(PREVIEW, {"token": token})["preview"]

    assert page["__typename"] == "Article"
    assert page["id"] == str(content.articles["policy"].pk)
    assert page["title"] == "New visa rules (draft)"
    assert page["summary"] == "Draft summary."
    assert page["bodyHtml"] == "<p>Draft body.</p>"
    assert page["kind"] == "POLICY"
    assert page["locale"] == "en"
    assert page["isFallback"] is False
    assert page["urlPath"] == f"/communities/{HUACAO}/news/new-visa-rules/"
    assert page["community"] == {"slug": HUACAO}
    assert [topic["name"] for topic in page["topics"]] == ["Visas", "Family"]
    assert page["bureau"] == {"shortName": "Exit-Entry Bureau"}
    assert page["heroImage"] == {"alt": "Residents around a table"}
    # The public still reads the published version.
    public = gql.data('{ article(slug: "new-visa-rules") { title } }')["article"]
    assert public == {"title": "New visa rules"}


def test_preview_serves_a_draft_that_was_never_published(gql, content):
    draft = article_create(community_news_index(HUACAO), title="Not live yet", slug="not-live-yet")
    token, _preview = preview_create(draft.get_latest_revision_as_object())

    page = gql.data(PREVIEW, {"token": token})["preview"]

    assert (page["title"], page["id"]) == ("Not live yet", str(draft.pk))
    assert page["urlPath"] == f"/communities/{HUACAO}/news/not-live-yet/"
    assert page["community"] == {"slug": HUACAO}
    assert [crumb["urlPath"] for crumb in page["breadcrumbs"]][-1] == page["urlPath"]
    assert gql.data('{ article(slug: "not-live-yet") { id } }')["article"] is None


def test_preview_of_an_unsaved_state_needs_no_revision(gql, content):
    page = ArticlePage.objects.get(pk=content.articles["news"].pk)
    page.title = "Typed but not saved"

    token, _preview = preview_create(page)

    assert gql.data(PREVIEW, {"token": token})["preview"]["title"] == "Typed but not saved"
    assert not ArticlePage.objects.get(pk=page.pk).has_unpublished_changes


def test_preview_of_a_translation_draft_is_in_its_locale(gql, content):
    draft = _draft_change(content.zh["policy"], title="签证新规（草稿）")
    token, _preview = preview_create(draft)

    page = gql.data(PREVIEW, {"token": token})["preview"]

    assert (page["title"], page["locale"], page["requestedLocale"], page["isFallback"]) == (
        "签证新规（草稿）",
        "zh-hans",
        "zh-hans",
        False,
    )
    assert [topic["name"] for topic in page["topics"]] == ["签证", "Family"]


def _new_article() -> ArticlePage:
    """An article as the admin's add form builds it before saving: no pk, no tree position."""
    return ArticlePage(
        title="Brand-new article",
        slug="brand-new",
        kind=ArticlePage.Kind.GUIDE,
        summary="Never saved.",
        body=[("paragraph", RichText("<p>Fresh.</p>"))],
        locale=locale("en"),
    )


def test_preview_serves_a_page_that_was_never_saved(gql, content):
    token, preview = preview_create(_new_article())
    assert preview.page_id is None

    body = gql(PREVIEW_QUERY, {"token": token})

    assert "errors" not in body, body["errors"]
    page = body["data"]["preview"]
    assert page["__typename"] == "Article"
    assert page["title"] == "Brand-new article"
    assert page["kind"] == "GUIDE"
    assert page["bodyHtml"] == "<p>Fresh.</p>"


def test_preview_of_a_never_saved_page_answers_the_page_fields(gql, content):
    token, _preview = preview_create(_new_article())

    page = gql.data(
        "query($token: String!) { preview(token: $token) { title locale } }", {"token": token}
    )["preview"]

    assert page == {"title": "Brand-new article", "locale": "en"}


def test_a_token_works_once(gql, content):
    token, preview = preview_create(content.articles["news"])
    assert gql.data(PREVIEW, {"token": token})["preview"]["title"] == "Roundtable held"

    error = gql.errors(PREVIEW, {"token": token})[0]

    assert error["extensions"] == {"code": "USED", "field": "token"}
    preview.refresh_from_db()
    assert preview.used_at is not None


def test_an_expired_token_is_refused(gql, content):
    token, preview = preview_create(content.articles["news"])
    PagePreview.objects.filter(pk=preview.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    error = gql.errors(PREVIEW, {"token": token})[0]

    assert error["extensions"] == {"code": "EXPIRED", "field": "token"}
    assert error["path"] == ["preview"]


def test_a_token_lives_for_the_configured_time(content, settings):
    settings.TAPESTRY_PREVIEW_TTL_SECONDS = 120
    before = timezone.now()

    _token, preview = preview_create(content.articles["news"])

    lifetime = preview.expires_at - before
    assert datetime.timedelta(seconds=119) < lifetime <= datetime.timedelta(seconds=121)


@pytest.mark.parametrize("token", ["garbage", "", "x" * 300])
def test_an_unknown_token_is_refused(gql, token):
    error = gql.errors(PREVIEW, {"token": token})[0]

    assert error["extensions"] == {"code": "INVALID_TOKEN", "field": "token"}


def test_only_a_hash_of_the_token_is_stored(content):
    token, preview = preview_create(content.articles["news"])

    assert token not in preview.token_hash
    assert not PagePreview.objects.filter(token_hash=token).exists()


# The admin's Preview button ----------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = user_create(superuser=True)
    client.force_login(user)
    return user


def _admin_preview(client, preview_url: str, data: dict, mode: str = "frontend"):
    """The draft previewed in `mode` (the frontend's; its default only with a frontend URL)."""
    posted = client.post(preview_url, data)
    assert posted.status_code == 200, posted.content
    assert posted.json()["is_valid"] is True, posted.json()
    return client.get(preview_url, {"mode": mode})


def _token_shown(response) -> str:
    assert response.status_code == 200
    code = BeautifulSoup(response.content, "html.parser").find(id="preview-token")
    assert code is not None, response.content
    return code.get_text(strip=True)


def test_admin_preview_shows_a_token_without_a_frontend_url(gql, client, content, editor, settings):
    settings.TAPESTRY_PREVIEW_URL = ""
    article = content.articles["news"]
    data = article_form_data(title="Roundtable held (edited)", slug=article.slug)

    response = _admin_preview(client, admin_edit_url(article) + "preview/", data)
    token = _token_shown(response)

    page = gql.data(PREVIEW, {"token": token})["preview"]
    assert page["title"] == "Roundtable held (edited)"
    assert page["id"] == str(article.pk)
    assert PagePreview.objects.get(page_id=article.pk).created_by == editor
    # Pressing Preview saved nothing.
    assert ArticlePage.objects.get(pk=article.pk).title == "Roundtable held"


def test_admin_preview_redirects_to_the_frontend_with_a_token(
    gql, client, content, editor, settings
):
    settings.TAPESTRY_PREVIEW_URL = "https://www.example.org/preview"
    article = content.articles["news"]
    data = article_form_data(title="Roundtable held (edited)", slug=article.slug)

    response = _admin_preview(client, admin_edit_url(article) + "preview/", data)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://www.example.org/preview"
    )
    params = parse_qs(location.query)
    assert params["locale"] == ["en"]
    page = gql.data(PREVIEW, {"token": params["token"][0]})["preview"]
    assert page["title"] == "Roundtable held (edited)"


def test_admin_preview_of_a_new_page_gives_a_working_token(gql, client, content, editor, settings):
    settings.TAPESTRY_PREVIEW_URL = ""
    parent = community_news_index(HUACAO)
    data = article_form_data(title="Not saved yet", slug="not-saved-yet")

    response = _admin_preview(client, admin_add_url(ArticlePage, parent) + "preview/", data)
    token = _token_shown(response)

    body = gql(PREVIEW_QUERY, {"token": token})
    assert "errors" not in body, body["errors"]
    assert body["data"]["preview"]["title"] == "Not saved yet"
    assert not ArticlePage.objects.filter(slug="not-saved-yet").exists()
