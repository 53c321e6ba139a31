"""Admin hooks of the editorial workflow: translators' review path and what wagtail-localize may
offer them, the Translation status report and the dashboard panels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import wagtail_hooks as admin_hooks
from wagtail.admin.menu import MenuItem
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import edit_translation

from communities.editorial.dashboard import (
    AwaitingMyReviewPanel,
    MyDraftsInReviewPanel,
    ScheduledToGoLivePanel,
    TranslationQueuePanel,
)
from communities.editorial.due_dates import TranslationDueDateView
from communities.editorial.review import ReviewChangesView
from communities.editorial.translation_access import (
    translation_frozen_check,
    translation_locales_to_start,
    translation_review_state,
    translation_sync_allowed,
)
from communities.editorial.translation_sync import SyncTranslationsAsDraftsView
from communities.editorial.translation_views import (
    SubmitPageTranslationInOwnLocalesView,
    SubmitSnippetTranslationInOwnLocalesView,
    convert_to_alias_for_publishers,
    translation_write_guarded,
)
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


@hooks.register("before_delete_page")
def keep_translations_in_review(request, page):
    """A translation awaiting review is frozen: deleting it waits for the reviewers too."""
    try:
        translation_frozen_check(page)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is None or page.permissions_for_user(request.user).can_publish():
        return
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# wagtail-localize's views that write a translation's strings or change how it is edited, and
# whether each answers the translation editor's API (JSON) or a form post.
GUARDED_TRANSLATION_WRITES = [
    ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation, True),
    ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override, True),
    ("pofile/upload/", edit_translation.upload_pofile, False),
    ("machine_translate/", edit_translation.machine_translate, False),
    ("disable/", edit_translation.stop_translation, False),
]


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    # Each path below shadows wagtail-localize's view at the same path (matched first).
    guarded_writes = [
        path(
            f"localize/translate/<int:translation_id>/{suffix}",
            translation_write_guarded(view, api=api),
            name=f"tapestry_{view.__name__}",
        )
        for suffix, view, api in GUARDED_TRANSLATION_WRITES
    ]
    return [
        *guarded_writes,
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationInOwnLocalesView.as_view(),
            name="tapestry_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationInOwnLocalesView.as_view(),
            name="tapestry_submit_snippet_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias_for_publishers,
            name="tapestry_convert_to_alias",
        ),
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
        TranslationsReportView.page_title,
        reverse("tapestry_translations_report"),
        name="translations",
        icon_name="globe",
        order=650,
    )


@hooks.register("construct_reports_menu")
def name_translation_reports_apart(request, menu_items):
    """Two reports were both called "Translations": wagtail-localize's lists its translation
    jobs with the share of strings translated, Tapestry's the status of each page per locale."""
    localize_report_url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == localize_report_url:
            item.label = "Translation progress"


def _offered_translation_buttons(buttons, *, instance, user):
    """Keep wagtail-localize's "Translate" and "Sync" buttons only where the user may use them."""
    for button in buttons:
        url = button.url or ""
        if "/localize/submit/" in url:
            if translation_locales_to_start(user=user, instance=instance):
                yield button
        elif "/localize/update/" in url:
            source = TranslationSource.objects.get_for_instance_or_none(instance)
            if source is not None and translation_sync_allowed(user=user, source=source):
                yield button
        else:
            yield button


def translation_page_buttons(page, user, view_name=None, next_url=None):
    buttons = localize_hooks.page_listing_more_buttons(
        page, user, view_name=view_name, next_url=next_url
    )
    instance = page.alias_of if page.alias_of_id else page
    yield from _offered_translation_buttons(buttons, instance=instance, user=user)


def translation_snippet_buttons(snippet, user, next_url=None):
    buttons = localize_hooks.register_snippet_listing_buttons(snippet, user, next_url=next_url)
    yield from _offered_translation_buttons(buttons, instance=snippet, user=user)


def _without_delete_in_review(buttons, page):
    """Wagtail's buttons for `page`, without Delete while it awaits review (refused then)."""
    frozen = None
    for button in buttons:
        if isinstance(button, admin_hooks.PageListingDeleteButton):
            if frozen is None:
                frozen = translation_review_state(page) is not None
            if frozen:
                continue
        yield button


def page_header_buttons(page, user, view_name, next_url=None):
    buttons = admin_hooks.page_header_buttons(page, user, view_name, next_url=next_url)
    yield from _without_delete_in_review(buttons, page)


def page_listing_more_buttons(page, user, next_url=None):
    buttons = admin_hooks.page_listing_more_buttons(page, user, next_url=next_url)
    yield from _without_delete_in_review(buttons, page)


def _hook_replace(hook_name: str, registered_fn, replacement) -> None:
    """Put `replacement` where Wagtail or wagtail-localize registered `registered_fn` (Wagtail
    offers no way to unregister a hook; importing their hook modules above registered theirs)."""
    entries = hooks._hooks.get(hook_name, [])
    entries[:] = [(replacement if fn is registered_fn else fn, order) for fn, order in entries]


_hook_replace(
    "register_page_header_buttons",
    localize_hooks.page_listing_more_buttons,
    translation_page_buttons,
)
_hook_replace(
    "register_page_listing_more_buttons",
    localize_hooks.page_listing_more_buttons,
    translation_page_buttons,
)
_hook_replace("register_page_header_buttons", admin_hooks.page_header_buttons, page_header_buttons)
_hook_replace(
    "register_page_listing_more_buttons",
    admin_hooks.page_listing_more_buttons,
    page_listing_more_buttons,
)
_hook_replace(
    "register_snippet_listing_buttons",
    localize_hooks.register_snippet_listing_buttons,
    translation_snippet_buttons,
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
