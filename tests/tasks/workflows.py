"""A one-stage moderation workflow on a community, and the people around it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.celery import app
from tests.helpers import HUACAO, community_page, unique, user_create

MODERATORS = "Huacao Town Moderators"
EDITORS = "Huacao Town Editors"


def review_workflow(*, group: str = MODERATORS, community: str = HUACAO) -> Workflow:
    workflow = Workflow.objects.create(name=unique("Community review"))
    task = GroupApprovalTask.objects.create(name="Moderator review")
    task.groups.set([Group.objects.get(name=group)])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Replaces the community's own workflow (set up by setup_tapestry) for the test.
    WorkflowPage.objects.update_or_create(
        page=community_page(community), defaults={"workflow": workflow}
    )
    return workflow


def people() -> dict:
    return {
        "editor": user_create(groups=[EDITORS], first_name="Erin"),
        "moderator": user_create(groups=[MODERATORS], first_name="Mo"),
        "other_moderator": user_create(groups=[MODERATORS], first_name="Olga"),
    }


@pytest.fixture
def eager_celery():
    """Run .delay() in-process for the test (the queue itself is tested with a real worker)."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous
