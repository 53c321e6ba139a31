"""A new page started and abandoned leaves nothing behind (no autosaved draft)."""

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from articles.models import ArticlePage
from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]


def test_an_abandoned_new_page_leaves_nothing_behind(browser, live_server, steps, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500
    user("autosave-editor", helpers.editors())
    index = helpers.community_news_index(helpers.HUACAO)
    title = "Sunday swimming lessons for children"

    page = log_in(browser, live_server, steps, "autosave-editor")
    page.goto(helpers.admin_add_url(ArticlePage, index))
    page.fill("#id_title", title)
    page.fill("#id_summary", "Lessons start in April at the Huacao pool.")
    time.sleep(5)  # well past the autosave interval
    steps.shot(page, "typed-then-waited")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
    page.goto("/admin/")
    assert not ArticlePage.objects.filter(title=title).exists()

    # Starting again with the same title saves normally (no slug taken by a ghost draft).
    page.goto(helpers.admin_add_url(ArticlePage, index))
    page.fill("#id_title", title)
    page.fill("#id_summary", "Lessons start in April at the Huacao pool.")
    page.get_by_role("button", name="Save draft").click()
    try:
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    except PlaywrightTimeoutError:
        errors = page.locator(".error-message").all_inner_texts()
        pytest.fail(f"The draft was not saved: {errors}; pages so titled: {_titled(title)}")
    steps.shot(page, "saved")
    assert ArticlePage.objects.filter(title=title).count() == 1


def _titled(title: str) -> list[tuple]:
    """Every page with `title`, with what made it (for a failure's message)."""
    return list(
        ArticlePage.objects.filter(title=title).values_list(
            "pk", "slug", "live", "first_published_at", "latest_revision_created_at"
        )
    )
