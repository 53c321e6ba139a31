"""The translator's queue in a real browser: a source change and the desk's sync put the page on
the translator's dashboard; the translator finishes it; the reviewer approves it from the diff."""

import datetime
import re

import pytest
from wagtail_localize.models import TranslationSource

from articles.models import ArticlePage
from communities.editorial.translation_queue import translation_due_date_set
from home.translation import translation_create
from tests import helpers
from tests.browser.conftest import docs_screenshot
from tests.browser.journeys import log_in as _log_in
from tests.browser.journeys import user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]

TITLE = "Huacao library extends its opening hours"
ZH_TITLE = "华漕图书馆延长开放时间"
NEW_SUMMARY = "The library now opens until 9 pm on weekdays."
ZH_SUMMARY = "图书馆工作日开放至晚上9点。"


def log_in(browser, live_server, steps, username: str):
    """Logged in at the README screenshots' size."""
    return _log_in(browser, live_server, steps, username, viewport={"width": 1280, "height": 900})


def queue_panel(page):
    return page.locator("section", has=page.get_by_role("heading", name="Translation queue"))


def test_translators_queue_after_a_source_change_and_a_sync(browser, live_server, steps):
    desk = user("queue-desk", helpers.DESK)
    user("queue-translator", helpers.ZH_TRANSLATORS)
    user("queue-reviewer", helpers.ZH_REVIEWERS)
    news = helpers.community_news_index(helpers.HUACAO)
    article = helpers.article_create(news, title=TITLE, publish=True)
    zh_article = translation_create(
        instance=article, locale=helpers.locale("zh-hans"), strings={TITLE: ZH_TITLE}
    )
    # More work in the queue: an urgent notice and an article the desk wants by a date.
    helpers.article_create(
        news,
        title="Typhoon warning: ferry services suspended",
        kind=ArticlePage.Kind.NOTICE,
        priority=ArticlePage.Priority.URGENT,
        publish=True,
    )
    dated = helpers.article_create(news, title="Spring festival temple fair", publish=True)
    translation_due_date_set(
        page=dated,
        locale=helpers.locale("zh-hans"),
        due_on=datetime.date.today() + datetime.timedelta(days=3),
        user=desk,
    )

    # The desk changes the English source and publishes it: the translation is outdated.
    article.summary = NEW_SUMMARY
    article.save_revision(user=desk).publish(user=desk)

    translator = log_in(browser, live_server, steps, "queue-translator")
    panel = queue_panel(translator)
    row = panel.locator("tr", has_text=TITLE)
    assert row.get_attribute("data-queue-state") == "outdated"
    rows = panel.locator("tr[data-queue-state]")
    assert "Typhoon warning" in rows.first.inner_text()  # urgent first
    steps.shot(translator, "translator-queue-outdated")

    # The desk syncs the translated pages: a new draft, its new summary untranslated.
    desk_page = log_in(browser, live_server, steps, "queue-desk")
    source = TranslationSource.objects.get(object_id=article.translation_key)
    desk_page.goto(f"/admin/localize/update/{source.pk}/")
    with desk_page.expect_navigation():
        desk_page.locator("main input[type=submit][value=Submit]").click()
    steps.shot(desk_page, "desk-synced")

    # The translator's queue still lists it, as in progress, and leads to the editor.
    translator.goto("/admin/")
    panel = queue_panel(translator)
    row = panel.locator("tr", has_text=TITLE)
    assert row.get_attribute("data-queue-state") == "in_progress"
    assert "up to date" not in panel.inner_text()
    panel.evaluate("element => element.scrollIntoView()")
    docs_screenshot(translator, "translation-queue-panel")
    steps.shot(translator, "translator-queue-in-progress")
    translator.goto("/admin/reports/translations/?locale=zh-hans&status=needs_work&order=urgency")
    report_row = translator.locator("tr", has_text=TITLE)
    assert report_row.locator('[data-queue-state="in_progress"]').count() == 1
    docs_screenshot(translator, "translation-queue-report")
    steps.shot(translator, "translator-report")

    translator.goto("/admin/")
    with translator.expect_navigation():
        queue_panel(translator).locator("tr", has_text=TITLE).get_by_role("link").first.click()
    assert translator.url.endswith(f"/admin/pages/{zh_article.pk}/edit/")
    translator.wait_for_selector(".js-translation-editor")

    # The translator translates the new summary, saves and submits.
    translator.get_by_role("button", name="Translate", exact=True).first.click()
    translator.locator(".js-translation-editor textarea").first.fill(ZH_SUMMARY)
    with translator.expect_response(re.compile(r"/strings/\d+/edit/")):
        translator.get_by_role("button", name="Save", exact=True).first.click()
    translator.get_by_role("button", name="Save draft").click()
    translator.wait_for_load_state("networkidle")
    translator.get_by_role("button", name="Submit for review").click()
    translator.wait_for_load_state("networkidle")
    steps.shot(translator, "translator-submitted")

    # The reviewer opens the diff from the dashboard and approves what it shows.
    reviewer = log_in(browser, live_server, steps, "queue-reviewer")
    review_row = reviewer.locator(
        "section", has=reviewer.get_by_role("heading", name="Awaiting my review")
    ).locator("tr", has_text=ZH_TITLE)
    review_row.locator("button[aria-label='Actions']").click()
    with reviewer.expect_navigation():
        review_row.locator("[data-review-changes]").click()
    summary = reviewer.locator("table.tapestry-diff tr", has_text="Summary")
    assert ZH_SUMMARY in summary.locator(".tapestry-diff__after").inner_text()
    assert ZH_SUMMARY not in summary.locator(".tapestry-diff__before").inner_text()
    docs_screenshot(reviewer, "review-diff")
    steps.shot(reviewer, "reviewer-diff")
    with reviewer.expect_navigation():
        reviewer.locator('[data-review-action="approve"]').click()

    zh_article.refresh_from_db()
    assert zh_article.live
    assert zh_article.summary == ZH_SUMMARY
