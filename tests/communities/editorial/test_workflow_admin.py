"""Where an editor finds the stages: dashboard panels, the Translations report, the edit form."""

import datetime

import pytest
from bs4 import BeautifulSoup

from home.translation import translation_create
from tests import helpers

pytestmark = pytest.mark.django_db

PANELS = [
    "Awaiting my review",
    "My drafts in review",
    "Translation queue",
    "Scheduled to go live",
]


def panel_text(html: str, heading: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for section in soup.select("section.w-panel"):
        if heading in section.get_text(" ", strip=True)[: len(heading) + 40]:
            return section.get_text(" ", strip=True)
    raise AssertionError(f"no panel {heading!r}")


def test_translator_dashboard_shows_the_four_panels(client):
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    client.force_login(translator)

    html = client.get("/admin/").content.decode()

    for heading in PANELS:
        assert panel_text(html, heading)


def test_awaiting_my_review_lists_what_the_moderator_approves(client):
    editor = helpers.user_create(groups=[helpers.editors()])
    moderator = helpers.user_create(groups=[helpers.moderators()])
    jinqiao_moderator = helpers.user_create(groups=[helpers.moderators("Jinqiao Town")])
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Night market returns", owner=editor
    )
    helpers.workflow_submit(article, editor)

    client.force_login(moderator)
    assert "Night market returns" in panel_text(client.get("/admin/").content.decode(), PANELS[0])
    client.force_login(jinqiao_moderator)
    assert "Night market returns" not in panel_text(
        client.get("/admin/").content.decode(), PANELS[0]
    )
    client.force_login(editor)
    assert "Night market returns" in panel_text(client.get("/admin/").content.decode(), PANELS[1])


def test_translation_queue_panel_lists_the_translators_locale_only(client):
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Library hours", publish=True
    )
    translation_create(
        instance=article,
        locale=helpers.locale("zh-hans"),
        strings={"Library hours": "图书馆开放时间"},
    )
    translation_create(instance=article, locale=helpers.locale("ja"))
    article.save_revision().publish()

    client.force_login(helpers.user_create(groups=[helpers.ZH_TRANSLATORS]))
    text = panel_text(client.get("/admin/").content.decode(), PANELS[2])

    assert "图书馆开放时间" in text
    assert "Japanese" not in text


def test_scheduled_panel_shows_go_live_in_shanghai_time(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    article = helpers.article_create(helpers.city_news_index(), title="New visa rules")
    go_live = datetime.datetime(2031, 3, 1, 2, 0, tzinfo=datetime.UTC)
    article.go_live_at = go_live
    article.save_revision(user=desk, approved_go_live_at=go_live)

    client.force_login(desk)
    text = panel_text(client.get("/admin/").content.decode(), PANELS[3])

    assert "New visa rules" in text
    assert "2031-03-01 10:00 CST (UTC+8)" in text


def test_translations_report_with_coverage_and_filters(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    huacao = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Huacao clinic", publish=True
    )
    helpers.article_create(
        helpers.community_news_index(helpers.JINQIAO), title="Jinqiao clinic", publish=True
    )
    translation_create(instance=huacao, locale=helpers.locale("zh-hans"))
    client.force_login(desk)
    community = helpers.community_page(helpers.HUACAO)

    response = client.get(
        "/admin/reports/translations/", {"community": community.pk, "locale": "zh-hans"}
    )
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert response.status_code == 200
    assert "Huacao clinic" in html
    assert "Jinqiao clinic" not in html
    row = soup.select_one('.tapestry-coverage__row[data-locale="zh-hans"]')
    assert row is not None
    # Huacao's live source pages: the community page, its two indexes and the article.
    live_pages = sum(
        1 for page in helpers.community_page(helpers.HUACAO).get_descendants(inclusive=True).live()
    )
    covered = live_pages  # the skeleton is translated and live; so is the new article
    assert f"({covered} of {live_pages})" in row.get_text(" ", strip=True)
    assert soup.select_one('.tapestry-coverage__row[data-locale="ja"]') is None


def test_translations_report_status_filter(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Untranslated notice", publish=True
    )
    client.force_login(desk)

    missing = client.get(
        "/admin/reports/translations/", {"locale": "zh-hans", "status": "missing"}
    ).content.decode()
    live = client.get(
        "/admin/reports/translations/", {"locale": "zh-hans", "status": "live"}
    ).content.decode()

    assert "Untranslated notice" in missing
    assert "Untranslated notice" not in live


def test_report_is_in_the_reports_menu_for_editors(client):
    client.force_login(helpers.user_create(groups=[helpers.editors()]))

    assert client.get("/admin/reports/translations/").status_code == 200
    assert "/admin/reports/translations/" in client.get("/admin/").content.decode()


def test_edit_form_shows_the_translation_status_of_each_locale(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    article = helpers.article_create(helpers.community_news_index(helpers.HUACAO), publish=True)
    translation_create(instance=article, locale=helpers.locale("zh-hans"))
    client.force_login(desk)

    html = client.get(helpers.admin_edit_url(article)).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert "Translations" in helpers.tab_labels(html)
    assert soup.select_one('[data-locale="zh-hans"] [data-status]')["data-status"] == "live"
    assert soup.select_one('[data-locale="ja"] [data-status]')["data-status"] == "missing"
