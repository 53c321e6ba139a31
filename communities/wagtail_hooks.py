"""Admin for the editorial workflow: translators' review path, the Translations report and the
dashboard panels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communities.translation_workflow import (
    ACTION_FIELD,
    translation_draft_save,
    translation_for_page,
    translation_submission_cancel,
    translation_submit,
)
from communities.views.dashboard import (
    AwaitingMyReviewPanel,
    MyDraftsInReviewPanel,
    OutdatedTranslationsPanel,
    ScheduledToGoLivePanel,
)
from communities.views.translation_sync import SyncTranslationsAsDraftsView
from communities.views.translations_report import TranslationsReportView


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


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    return [
        # Shadows wagtail-localize's own "update/<id>/" (same path, matched first).
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsAsDraftsView.as_view(),
            name="tapestry_sync_translations",
        ),
        path(
            "reports/translations/",
            TranslationsReportView.as_view(),
            name="tapestry_translations_report",
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
            OutdatedTranslationsPanel(),
            ScheduledToGoLivePanel(),
        ]
    )
