"""The review screen: what the reviewer approves, next to what is live, and the stage's actions."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, WorkflowState

from communities.editorial.review_diff import live_version, revision_changes


def review_actions(page: Page, task_state, user, *, next_url: str) -> list[dict]:
    """The stage's actions the user may take on the page (approve, request changes...)."""
    task = task_state.task.specific
    return [
        {
            "name": name,
            "label": label,
            "needs_comment": needs_comment,
            "url": reverse(
                "wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk]
            )
            + "?"
            + urlencode({"next": next_url}),
        }
        for name, label, needs_comment in task.get_actions(page, user)
    ]


class ReviewChangesView(WagtailAdminTemplateMixin, TemplateView):
    """The submitted revision against the live version, side by side (for source pages and
    translations alike), with the reviewer's actions; without a review in progress, the latest
    draft against the live version."""

    template_name = "communities/admin/review_changes.html"
    page_title = "Review changes"
    header_icon = "doc-empty-inverse"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        user = request.user
        self.workflow_state = WorkflowState.objects.active().for_instance(self.page).first()
        self.task_state = self.workflow_state.current_task_state if self.workflow_state else None
        self.actions = []
        if (
            self.task_state is not None
            and self.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        ):
            self.actions = review_actions(
                self.page, self.task_state, user, next_url=reverse("wagtailadmin_home")
            )
        self.perms = self.page.permissions_for_user(user)
        if not self.actions and not self.perms.can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_page_subtitle(self):
        return f"{self.page.get_admin_display_title()} ({self.page.locale.get_display_name()})"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = (
            self.task_state.revision
            if self.task_state is not None and self.task_state.revision is not None
            else self.page.get_latest_revision()
        )
        changes = (
            revision_changes(page=self.page, revision=revision, request=self.request)
            if revision is not None
            else []
        )
        live = live_version(self.page)
        context.update(
            {
                "page": self.page,
                "revision": revision,
                "changes": changes,
                "is_live": live is not None,
                "workflow_state": self.workflow_state,
                "task_state": self.task_state,
                "actions": self.actions,
                "can_edit": self.perms.can_edit(),
                "compare_url": reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[self.page.pk, "live", revision.pk],
                )
                if live is not None and revision is not None and self.perms.can_edit()
                else None,
                "preview_url": reverse(
                    "wagtailadmin_pages:workflow_preview",
                    args=[self.page.pk, self.task_state.task_id],
                )
                if self.task_state is not None
                else None,
            }
        )
        return context
