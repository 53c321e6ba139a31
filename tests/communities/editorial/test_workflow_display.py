"""The admin shows the stages that run, the reviewer's comment, and what an approval did."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowState

from tests import helpers

pytestmark = pytest.mark.django_db

COMMUNITY = "Community review (Huacao Town)"
DESK = "CNS editorial desk"


@pytest.fixture
def editor():
    return helpers.user_create(groups=[helpers.editors()])


@pytest.fixture
def moderator():
    return helpers.user_create(groups=[helpers.moderators()])


@pytest.fixture
def desk():
    return helpers.user_create(groups=[helpers.DESK])


def submitted(editor, **fields):
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), owner=editor, **fields
    )
    helpers.workflow_submit(article, editor)
    return article


def stage_names(page) -> list[str]:
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    return [task.name for task in state.all_tasks_with_status()]


def test_a_news_item_shows_only_its_two_stages(editor):
    article = submitted(editor, kind="news")

    assert stage_names(article) == [COMMUNITY, DESK]


def test_a_policy_update_shows_the_bureau_stage(editor):
    article = submitted(
        editor, kind="policy", bureau=helpers.bureau_create(), effective_from="2026-01-01"
    )

    assert stage_names(article) == [COMMUNITY, DESK, "Bureau sign-off"]


def test_dashboard_draws_one_circle_per_stage_that_runs(client, editor, moderator):
    submitted(editor, kind="news", title="Night market returns")
    client.force_login(moderator)

    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    row = next(
        tr for tr in soup.select("#awaiting-my-review-section tr") if "Night market" in tr.text
    )
    circles = row.select("td.tasks [data-w-tooltip-content-value]")

    assert [c["data-w-tooltip-content-value"].split(":")[0] for c in circles] == [COMMUNITY, DESK]


def test_history_does_not_call_skipped_stages_incomplete(client, editor, moderator, desk):
    article = submitted(editor, kind="news")
    helpers.current_task_state(article).approve(user=moderator)
    helpers.current_task_state(article).approve(user=desk)
    article.refresh_from_db()
    assert article.live
    client.force_login(desk)

    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[article.pk]))

    assert history.status_code == 200
    assert "Incomplete task" not in history.content.decode()
    assert history.content.decode().count("Approved task") == 2


def test_approving_from_the_dashboard_says_what_happened(client, editor, moderator, desk):
    article = submitted(editor, kind="news", title="Night market returns")
    client.force_login(moderator)
    state = helpers.current_task_state(article)
    url = reverse("tapestry_dashboard_workflow_action", args=[article.pk, "approve", state.pk])

    page = client.post(url, {"next": "/admin/"}, follow=True)

    assert helpers.current_task_state(article).task.name == DESK
    assert f"Approved “Night market returns” at {COMMUNITY}; next: {DESK}." in (
        page.content.decode()
    )

    client.force_login(desk)
    state = helpers.current_task_state(article)
    url = reverse("tapestry_dashboard_workflow_action", args=[article.pk, "approve", state.pk])
    page = client.post(url, {"next": "/admin/"}, follow=True)

    assert f"Approved “Night market returns” at {DESK}: it is live." in page.content.decode()


def test_the_dashboard_approve_button_posts_to_the_confirming_action(client, editor, moderator):
    article = submitted(editor, kind="news", title="Night market returns")
    client.force_login(moderator)

    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    urls = [b["data-workflow-action-url"] for b in soup.select("[data-workflow-action-url]")]

    state = helpers.current_task_state(article)
    assert (
        reverse("tapestry_dashboard_workflow_action", args=[article.pk, "approve", state.pk])
        in urls
    )


def test_the_editor_sees_the_reviewers_comment_on_the_dashboard(client, editor, moderator):
    article = submitted(editor, kind="news", title="Night market returns")
    helpers.current_task_state(article).reject(user=moderator, comment="Add the venue address.")
    client.force_login(editor)

    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").select_one(
        "#my-drafts-in-review-section"
    )

    assert "Add the venue address." in panel.get_text(" ", strip=True)
