"""Preview from the dashboard shows the page (no frontend configured)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_dashboard_preview_shows_the_page(browser, live_server, steps, settings):
    settings.TAPESTRY_PREVIEW_URL = ""
    editor = user("preview-editor", helpers.editors())
    user("preview-moderator", helpers.moderators())
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        title="Huacao library opens on Sundays",
        summary="From March the library on Huacao Road opens every Sunday, 9 am to 5 pm.",
        owner=editor,
    )
    helpers.workflow_submit(article, editor)

    page = log_in(browser, live_server, steps, "preview-moderator")
    page.set_viewport_size({"width": 1280, "height": 800})
    row = page.locator("#awaiting-my-review-section tr", has_text="Huacao library")
    row.locator("button[aria-label='Actions']").click()
    with page.context.expect_page() as opened:
        row.get_by_role("link", name="Preview").click()
    preview = opened.value
    steps.pages.append(preview)
    preview.wait_for_load_state()
    preview.set_viewport_size({"width": 1280, "height": 800})

    expect(preview.get_by_role("heading", name="Huacao library opens on Sundays")).to_be_visible()
    expect(preview.get_by_text("opens every Sunday, 9 am to 5 pm")).to_be_visible()
    assert preview.locator("#preview-token").count() == 0
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    preview.screenshot(path=str(DOCS_SCREENSHOTS / "preview.png"))
