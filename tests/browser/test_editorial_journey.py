"""The issue's journey in a real browser: write, approve in two stages, translate, review."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]

TITLE = "Huacao night market opens on Saturdays"
ZH_TITLE = "华漕夜市周六开放"


def approve_from_dashboard(page, steps, label: str, title: str = f"{TITLE}|{ZH_TITLE}"):
    page.goto("/admin/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Awaiting my review"))
    row = panel.locator("tr", has_text=re.compile(title)).first
    steps.shot(page, f"{label}-awaiting")
    row.locator("button[aria-label='Actions']").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state("networkidle")
    steps.shot(page, f"{label}-approved")
    # The dashboard says what the approval did.
    expect(page.locator(".messages")).to_contain_text(re.compile(f"Approved “({title})” at "))


def test_article_through_both_stages_then_translated_and_reviewed(browser, live_server, steps):
    user("journey-editor", helpers.editors())
    user("journey-moderator", helpers.moderators())
    user("journey-desk", helpers.DESK)
    user("journey-translator", helpers.ZH_TRANSLATORS)
    user("journey-reviewer", helpers.ZH_REVIEWERS)
    index = helpers.community_news_index(helpers.HUACAO)

    # The editor writes the article and submits it.
    page = log_in(browser, live_server, steps, "journey-editor")
    page.goto(helpers.admin_add_url(ArticlePage, index))
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "The night market on Huacao Road now opens every Saturday.")
    page.locator("#panel-child-content-body-section button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").or_(
        page.get_by_text("Paragraph", exact=True)
    ).first.click()
    page.locator("#panel-child-content-body-section [contenteditable=true]").first.fill(
        "Stalls open from 6 pm to 11 pm."
    )
    steps.shot(page, "editor-article-written")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    steps.shot(page, "editor-submitted")
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert helpers.current_task_state(article).task.name == "Community review (Huacao Town)"

    # Stage 1: the Huacao moderator approves.
    page = log_in(browser, live_server, steps, "journey-moderator")
    approve_from_dashboard(page, steps, "moderator")
    assert helpers.current_task_state(article).task.name == "CNS editorial desk"
    article.refresh_from_db()
    assert not article.live

    # Stage 2: the desk approves; the article is live.
    page = log_in(browser, live_server, steps, "journey-desk")
    approve_from_dashboard(page, steps, "desk")
    article.refresh_from_db()
    assert article.live
    response = page.goto(article.get_url())
    assert response.status == 200
    assert TITLE in page.content()
    steps.shot(page, "live-in-english")

    # The translator starts the zh-hans translation from the Translations report.
    page = log_in(browser, live_server, steps, "journey-translator")
    page.goto("/admin/reports/translations/?locale=zh-hans&status=missing")
    steps.shot(page, "translator-report")
    page.locator("tr", has_text=TITLE).get_by_role("link", name="Translate").click()
    steps.shot(page, "translator-submit-form")
    page.get_by_label("Chinese").check()
    page.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_selector(".js-translation-editor")
    steps.shot(page, "translator-editor")
    assert page.locator("button[value='publish']").count() == 0

    # Translates the title in wagtail-localize's editor, saves a draft and submits it.
    page.get_by_role("button", name="Translate", exact=True).first.click()  # the title
    page.locator(".js-translation-editor textarea").first.fill(ZH_TITLE)
    with page.expect_response(re.compile(r"/strings/\d+/edit/")):
        page.get_by_role("button", name="Save", exact=True).first.click()
    steps.shot(page, "translator-translated")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state("networkidle")
    steps.shot(page, "translator-submitted")
    zh_article = article.get_translation(helpers.locale("zh-hans")).specific
    assert not zh_article.live
    assert helpers.current_task_state(zh_article).task.name == "Translation review"

    # The zh-hans reviewer approves; the translation is live.
    page = log_in(browser, live_server, steps, "journey-reviewer")
    approve_from_dashboard(page, steps, "reviewer")
    zh_article.refresh_from_db()
    assert zh_article.live
    assert zh_article.title == ZH_TITLE
    response = page.goto(zh_article.get_url())
    steps.shot(page, "live-in-chinese")
    assert zh_article.get_url().startswith("/zh-hans/")
    assert response.status == 200
    assert ZH_TITLE in page.content()
