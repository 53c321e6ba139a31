"""Admin hooks of the editorial workflow: translators' review path, the Translations report and
the dashboard panels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail_localize.views import convert

from communities.editorial.dashboard import (
    AwaitingMyReviewPanel,
    MyDraftsInReviewPanel,
    ScheduledToGoLivePanel,
    TranslationQueuePanel,
)
from communities.editorial.due_dates import TranslationDueDateView
from communities.editorial.review import ReviewChangesView
from communities.editorial.translation_sync import SyncTranslationsAsDraftsView
from communities.editorial.translation_workflow import (
    ACTION_FIELD,
    translation_draft_save,
    translation_for_page,
    translation_submission_cancel,
    translation_submit,
)
from communities.editorial.translations_report import TranslationsReportView
from communities.editorial.workflow_display import DashboardWorkflowAction


@hooks.register("before_edit_page", order=-10)
def translation_review_actions(request, page):
    """Save draft / submit / cancel on a page that wagtail-localize edits as a translation.

    Runs before wagtail-localize's own hook, which would otherwise take over every request to
    the edit view of a translated page.
    """
    if request.method != "POST" or ACTION_FIELD not in request.POST:
        return None
    translation = translation_for_page(page)
    if translation is None:
        return None
    action = request.POST[ACTION_FIELD]
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    locale_name = page.locale.get_display_name()
    try:
        if action == "save-draft":
            translation_draft_save(translation=translation, page=page, user=request.user)
            messages.success(request, f"Saved a draft of '{page.title}' in {locale_name}.")
        elif action == "submit":
            translation_submit(translation=translation, page=page, user=request.user)
            messages.success(
                request, f"Submitted '{page.title}' in {locale_name} for translation review."
            )
        elif action == "cancel":
            translation_submission_cancel(page=page, user=request.user)
            messages.success(request, f"Cancelled the review of '{page.title}' in {locale_name}.")
        else:
            messages.error(request, "Unknown action.")
    except PermissionDenied as error:
        messages.error(request, str(error) or "You cannot do that.")
    except ValidationError as error:
        messages.error(request, "The translation could not be saved: " + "; ".join(error.messages))
    return redirect(edit_url)


def convert_to_alias_for_publishers(request, page_id):
    """wagtail-localize's "Convert to alias page", for users who may publish the page.

    An alias mirrors the live source at once: for anyone else it would publish without review.
    """
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is None or page.permissions_for_user(request.user).can_publish():
        return
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    return [
        # Shadows wagtail-localize's own view (same path, matched first).
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias_for_publishers,
            name="tapestry_convert_to_alias",
        ),
        # Shadows wagtail-localize's own "update/<id>/" (same path, matched first).
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsAsDraftsView.as_view(),
            name="tapestry_sync_translations",
        ),
        path(
            "dashboard/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            DashboardWorkflowAction.as_view(),
            name="tapestry_dashboard_workflow_action",
        ),
        path(
            "reports/translations/",
            TranslationsReportView.as_view(),
            name="tapestry_translations_report",
        ),
        path(
            "review/page/<int:page_id>/",
            ReviewChangesView.as_view(),
            name="tapestry_review_changes",
        ),
        path(
            "reports/translations/due/<int:page_id>/<str:locale_code>/",
            TranslationDueDateView.as_view(),
            name="tapestry_translation_due_date",
        ),
        path(
            "reports/translations/results/",
            TranslationsReportView.as_view(results_only=True),
            name="tapestry_translations_report_results",
        ),
    ]


class TranslationsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return TranslationsReportView.permission_policy.user_has_any_permission(
            request.user, TranslationsReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_translations_report_menu_item():
    return TranslationsReportMenuItem(
        "Translations",
        reverse("tapestry_translations_report"),
        name="translations",
        icon_name="globe",
        order=650,
    )


# Wagtail's own workflow panels are replaced by the same lists under the names editors use.
REPLACED_PANELS = {"user_objects_in_workflow_moderation", "workflow_objects_to_moderate"}


@hooks.register("construct_homepage_panels")
def editorial_dashboard_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend(
        [
            AwaitingMyReviewPanel(),
            MyDraftsInReviewPanel(),
            TranslationQueuePanel(),
            ScheduledToGoLivePanel(),
        ]
    )
