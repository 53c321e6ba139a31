"""The review screen: the submitted revision next to the live version, where the reviewer acts."""

import pytest
from bs4 import BeautifulSoup

from communities.editorial.review_diff import revision_changes
from home.translation import translation_create
from tests import helpers

pytestmark = pytest.mark.django_db


def review_url(page) -> str:
    return f"/admin/review/page/{page.pk}/"


def diff_rows(html: str) -> dict[str, dict[str, str]]:
    """Each changed field's two sides, as a reader sees them (the other side's marks hidden)."""
    soup = BeautifulSoup(html, "html.parser")
    rows = {}
    for row in soup.select("table.tapestry-diff tbody tr"):
        sides = {}
        for name, selector, hidden in (
            ("live", "td.tapestry-diff__before", "addition"),
            ("submitted", "td.tapestry-diff__after", "deletion"),
        ):
            cell = row.select_one(selector)
            for mark in cell.select(f".{hidden}"):
                mark.decompose()
            sides[name] = cell.get_text(" ", strip=True)
        rows[row["data-field"]] = sides
    return rows


@pytest.fixture
def submitted_change():
    """A live Huacao article whose summary change is awaiting its community's moderators."""
    editor = helpers.user_create(groups=[helpers.editors()])
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        title="Night market opens",
        summary="Stalls open until 11 pm.",
        publish=True,
    )
    article.summary = "Stalls open until midnight."
    article.save_revision(user=editor)
    helpers.workflow_submit(article, editor)
    return article


def test_review_screen_shows_live_and_submitted_side_by_side(client, submitted_change):
    client.force_login(helpers.user_create(groups=[helpers.moderators()]))

    response = client.get(review_url(submitted_change))
    html = response.content.decode()
    rows = diff_rows(html)

    assert response.status_code == 200
    assert rows["Summary"] == {
        "live": "Stalls open until 11 pm.",
        "submitted": "Stalls open until midnight.",
    }
    assert "Title" not in rows  # unchanged
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('[data-review-action="approve"]') is not None
    assert soup.select_one('[data-review-action="reject"]') is not None


def test_approving_from_the_review_screen_publishes_what_was_shown(client, submitted_change):
    moderator = helpers.user_create(groups=[helpers.moderators()])
    desk = helpers.user_create(groups=[helpers.DESK])
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(review_url(submitted_change)).content.decode(), "html.parser")
    approve = soup.select_one('[data-review-action="approve"]').find_parent("form")["action"]

    assert client.post(approve).status_code == 302
    client.force_login(desk)  # the next stage: the desk reviews the same change
    rows = diff_rows(client.get(review_url(submitted_change)).content.decode())
    assert rows["Summary"]["submitted"] == "Stalls open until midnight."
    soup = BeautifulSoup(client.get(review_url(submitted_change)).content.decode(), "html.parser")
    client.post(soup.select_one('[data-review-action="approve"]').find_parent("form")["action"])

    submitted_change.refresh_from_db()
    assert submitted_change.summary == "Stalls open until midnight."


def test_review_screen_of_a_translation_compares_with_the_live_translation(client):
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    reviewer = helpers.user_create(groups=[helpers.ZH_REVIEWERS])
    source = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Library hours", publish=True
    )
    zh_page = translation_create(
        instance=source, locale=helpers.locale("zh-hans"), strings={"Library hours": "图书馆时间"}
    )
    translation_create(
        instance=source,
        locale=helpers.locale("zh-hans"),
        strings={"Library hours": "图书馆开放时间"},
        publish=False,
    )
    helpers.workflow_submit(zh_page, translator)
    client.force_login(reviewer)

    rows = diff_rows(client.get(review_url(zh_page)).content.decode())

    # "Live" is the live revision, what readers are served.
    assert rows["Title"] == {"live": "图书馆时间", "submitted": "图书馆开放时间"}


def test_the_translation_review_bar_links_the_review_screen(client):
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    reviewer = helpers.user_create(groups=[helpers.ZH_REVIEWERS])
    source = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Pool reopens", publish=True
    )
    zh_page = helpers.translation_start(source, "zh-hans", user=translator)
    helpers.workflow_submit(zh_page, translator)
    client.force_login(reviewer)

    html = client.get(helpers.admin_edit_url(zh_page)).content.decode()

    assert f'href="{review_url(zh_page)}"' in html


def test_dashboard_offers_the_review_screen_to_approvers(client, submitted_change):
    client.force_login(helpers.user_create(groups=[helpers.moderators()]))

    html = client.get("/admin/").content.decode()

    assert f'href="{review_url(submitted_change)}"' in html


def test_policy_reviewers_see_the_diff_without_edit_rights(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    article = helpers.article_create(
        helpers.city_news_index(),
        title="New visa rules",
        kind="policy",
        bureau=helpers.bureau_create(),
        effective_from="2030-01-01",
    )
    helpers.workflow_submit(article, desk)
    helpers.current_task_state(article).approve(user=desk)  # the desk's stage
    client.force_login(helpers.user_create(groups=[helpers.POLICY_REVIEWERS]))

    response = client.get(review_url(article))
    html = response.content.decode()

    assert response.status_code == 200
    assert "never been published" in html
    assert diff_rows(html)["Title"]["submitted"] == "New visa rules"


def test_others_may_not_open_the_review_screen(client, submitted_change):
    client.force_login(helpers.user_create(groups=[helpers.moderators("Jinqiao Town")]))

    response = client.get(review_url(submitted_change))

    assert response.status_code in (302, 403)


def test_revision_changes_without_a_request_for_mails(submitted_change):
    revision = submitted_change.get_latest_revision()

    changes = revision_changes(page=submitted_change, revision=revision)

    assert [change.label for change in changes] == ["Summary"]
    assert changes[0].before_text == "Stalls open until 11 pm."
    assert changes[0].after_text == "Stalls open until midnight."
