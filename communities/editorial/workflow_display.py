"""What the admin shows of a workflow: only the stages that run, the reviewers' last word, and a
confirmation after acting from the dashboard.

Tapestry's workflows carry stages that pass some pages straight through (bureau sign-off for a
news item, translation review for an English page; `ConditionalTaskMixin`). Wagtail draws every
stage of the workflow, so a news item showed four circles where two run, and its skipped stages
read "Incomplete task" in the history. `WorkflowState.all_tasks_with_status`, which every one of
those displays reads (dashboard, history, the editor's status panel, the workflow report), is
narrowed here to the stages that ran or will run for the page.
"""

from django.contrib import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page, TaskState, WorkflowState

from communities.models.workflows import ConditionalTaskMixin

_all_tasks_with_status = WorkflowState.all_tasks_with_status


def _will_run(task, obj) -> bool:
    if task.status == TaskState.STATUS_SKIPPED:
        return False
    if task.status is not None or obj is None:
        return True  # started, done or sent back: it ran
    if not issubclass(task.specific_class or type(task), ConditionalTaskMixin):
        return True
    return task.specific.applies_to(obj)


def tasks_that_run(workflow_state: WorkflowState) -> list:
    """The workflow's tasks with their status, without the stages this page passes through."""
    obj = workflow_state.content_object
    return [task for task in _all_tasks_with_status(workflow_state) if _will_run(task, obj)]


def reviewer_comments(workflow_states) -> dict[int, TaskState]:
    """Per workflow state, its latest finished task state with a reviewer's comment."""
    latest = {}
    finished = (
        TaskState.objects.filter(workflow_state__in=list(workflow_states))
        .exclude(comment="")
        .exclude(finished_at=None)
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
    )
    for task_state in finished:
        latest[task_state.workflow_state_id] = task_state
    return latest


class DashboardWorkflowAction(WorkflowActionView):
    """Wagtail's page workflow action, saying afterwards what the approval or request did."""

    submit_url_name = "tapestry_dashboard_workflow_action"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status == TaskState.STATUS_IN_PROGRESS:
            return response  # the action did not happen (e.g. a form error)
        page = Page.objects.get(pk=self.object.pk).specific
        title = page.get_admin_display_title()
        stage = self.task_state.task.name
        if self.task_state.status == TaskState.STATUS_REJECTED:
            messages.success(request, f"Changes requested on “{title}” at {stage}.")
            return response
        workflow_state = self.task_state.workflow_state
        workflow_state.refresh_from_db()
        following = workflow_state.current_task_state
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            outcome = "it is live" if page.live and not page.has_unpublished_changes else "done"
            if page.go_live_at and not page.live:
                outcome = "scheduled to go live"
            messages.success(request, f"Approved “{title}” at {stage}: {outcome}.")
        elif following is not None and following.pk != self.task_state.pk:
            messages.success(
                request, f"Approved “{title}” at {stage}; next: {following.task.name}."
            )
        else:
            messages.success(request, f"Approved “{title}” at {stage}.")
        return response


def install() -> None:
    WorkflowState.all_tasks_with_status = tasks_that_run
