"""Dashboard panels: what an editor, approver or translator has to do next."""

import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Locale, Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from communities.editorial.translation_queue import NEEDS_WORK, translation_queue
from communities.editorial.workflow_display import reviewer_comments

SHANGHAI = "Asia/Shanghai"
PANEL_LIMIT = 20


class AwaitingMyReviewPanel(WorkflowObjectsToModeratePanel):
    name = "awaiting_my_review"
    template_name = "communities/dashboard/awaiting_my_review.html"
    order = 100


class MyDraftsInReviewPanel(UserObjectsInWorkflowModerationPanel):
    name = "my_drafts_in_review"
    template_name = "communities/dashboard/my_drafts_in_review.html"
    order = 110

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = context["workflow_states"]
        comments = reviewer_comments(states) if states else {}
        for state in states:
            state.reviewer_comment = comments.get(state.pk)  # what the editor has to act on
        return context


def editable_locales(user) -> list[Locale]:
    """Target locales in whose tree the user may edit (a translator's or reviewer's locales)."""
    if user.is_superuser:
        homes = Page.objects.filter(depth=2)
    else:
        homes = (
            PagePermissionPolicy()
            .instances_user_has_permission_for(user, "change")
            .filter(depth__lte=2)
        )
    codes = set(homes.values_list("locale__language_code", flat=True))
    if not user.is_superuser and not codes:
        # Community staff hold rights on community pages, not on a locale's home.
        return []
    return list(
        Locale.objects.filter(language_code__in=codes).exclude(
            language_code=settings.TAPESTRY_SOURCE_LOCALE
        )
    )


class DashboardPanel(Component):
    """A panel of Tapestry's own: its context is what its `panel_context(request)` returns,
    plus the request."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {**self.panel_context(request), "request": request}


class TranslationQueuePanel(DashboardPanel):
    """The translator's queue in their locales (every target locale for the desk): what is
    missing, outdated, in progress or sent back, most urgent first."""

    name = "translation_queue"
    template_name = "communities/dashboard/translation_queue.html"
    order = 120

    def panel_context(self, request) -> dict:
        locales = editable_locales(request.user)
        items = translation_queue(locales=locales)
        query = {"status": NEEDS_WORK, "order": "urgency"}
        if len(locales) == 1:
            query["locale"] = locales[0].language_code
        return {
            "items": items[:PANEL_LIMIT],
            "total": len(items),
            "locales": locales,
            "report_url": reverse("tapestry_translations_report") + "?" + urlencode(query),
        }


class ScheduledToGoLivePanel(DashboardPanel):
    name = "scheduled_to_go_live"
    template_name = "communities/dashboard/scheduled_to_go_live.html"
    order = 130

    def panel_context(self, request) -> dict:
        user = request.user
        visible = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        revisions = (
            Revision.page_revisions.filter(
                approved_go_live_at__isnull=False, approved_go_live_at__gt=timezone.now()
            )
            .filter(
                object_id__in=visible.annotate(text_id=Cast("pk", CharField())).values("text_id")
            )
            .select_related("user")
            .order_by("approved_go_live_at")[:PANEL_LIMIT]
        )
        items = []
        for revision in revisions:
            page = revision.content_object
            if page is None:
                continue
            items.append(
                {
                    "page": page,
                    "go_live_at": timezone.localtime(
                        revision.approved_go_live_at, timezone=_shanghai()
                    ),
                    "by": revision.user,
                }
            )
        return {"items": items, "time_zone": SHANGHAI}


def _shanghai():
    return zoneinfo.ZoneInfo(SHANGHAI)
