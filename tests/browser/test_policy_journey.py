"""Policy update: community review, the desk, then the bureau's sign-off, from the dashboards."""

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from tests import helpers
from tests.browser.journeys import log_in, user
from tests.browser.test_editorial_journey import approve_from_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]


POLICY_TITLE = "Residence permits for family members: new documents list"


def test_policy_update_needs_the_bureau_sign_off(browser, live_server, steps):
    editor = user("policy-editor", helpers.editors())
    user("policy-moderator", helpers.moderators())
    user("policy-desk", helpers.DESK)
    user("policy-reviewer", helpers.POLICY_REVIEWERS)
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        title=POLICY_TITLE,
        kind=ArticlePage.Kind.POLICY,
        bureau=helpers.bureau_create(),
        effective_from="2026-01-01",
        owner=editor,
    )
    helpers.workflow_submit(article, editor)

    # The editor's dashboard draws the three stages that run, not the skipped translation review.
    page = log_in(browser, live_server, steps, "policy-moderator")
    panel = page.locator("#awaiting-my-review-section tr", has_text=POLICY_TITLE)
    expect(panel.locator("td.tasks [data-w-tooltip-content-value]")).to_have_count(3)
    approve_from_dashboard(page, steps, "policy-moderator", POLICY_TITLE)
    page = log_in(browser, live_server, steps, "policy-desk")
    approve_from_dashboard(page, steps, "policy-desk", POLICY_TITLE)
    article.refresh_from_db()
    assert not article.live
    assert helpers.current_task_state(article).task.name == "Bureau sign-off"

    page = log_in(browser, live_server, steps, "policy-reviewer")
    approve_from_dashboard(page, steps, "policy-reviewer", POLICY_TITLE)
    article.refresh_from_db()
    assert article.live
    expect(page.locator(".messages")).to_contain_text("it is live")
