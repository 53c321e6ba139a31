"""Translations go live through the workflow of the translated page, never around it.

wagtail-localize saves a translator's work as strings and writes the translated page only when
someone clicks "Publish in <locale>" (refused without publish permission). These services give
translators the other path: write the strings into a draft revision of the page, then submit
that draft to the page's workflow, whose translation review stage publishes it when approved.
"""

import contextlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.models import Page, Revision, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from communities.editorial.translation_access import (
    translation_frozen_check,
    translation_sync_check,
)
from home.signals import translations_synced

ACTION_FIELD = "tapestry-translation-action"


def translation_for_page(page: Page) -> Translation | None:
    """The enabled (synced) wagtail-localize translation whose target is this page."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def _check_can_write(page: Page, user) -> None:
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied("You cannot edit this page.")
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise PermissionDenied(str(lock.get_message(user)))


@transaction.atomic
def translation_target_draft_write(*, translation: Translation, user) -> None:
    """`Translation.save_target(publish=False)`, without touching what is live.

    wagtail-localize's draft save still writes the translated content into the object's own row
    (for a page, the row the site serves) and marks a snippet translation not live. For a live
    translation the row is put back as its live revision, with the new draft as latest revision,
    exactly as Wagtail's editor saves a draft of a live page.
    """
    model = translation.source.specific_content_type.model_class()
    target = model._default_manager.filter(
        translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    ).first()
    live_revision_id = target.live_revision_id if target is not None and target.live else None

    translation.save_target(user=user, publish=False)
    if live_revision_id is None:
        return

    draft = type(target)._default_manager.get(pk=target.pk).latest_revision
    live_version = Revision.objects.get(pk=live_revision_id).as_object()
    live_version.live = True
    live_version.live_revision_id = live_revision_id
    live_version.latest_revision = draft
    live_version.has_unpublished_changes = True
    if isinstance(live_version, Page):
        live_version.draft_title = draft.as_object().title
        live_version.save(clean=False)
    else:
        live_version.save()


@transaction.atomic
def translation_draft_save(*, translation: Translation, page: Page, user) -> Page:
    """Write the translated strings into a new draft revision of the page (nothing goes live).

    Refused while the page awaits review: the reviewers decide on the revision submitted.
    """
    _check_can_write(page, user)
    translation_frozen_check(page)
    translation_target_draft_write(translation=translation, user=user)
    page.refresh_from_db()
    return page.specific


def _active_workflow_state(page: Page) -> WorkflowState | None:
    return WorkflowState.objects.active().for_instance(page).first()


@transaction.atomic
def translation_submit(*, translation: Translation, page: Page, user) -> WorkflowState:
    """Save the draft and submit it to the page's workflow (resuming one that asked for changes)."""
    page = translation_draft_save(translation=translation, page=page, user=user)
    workflow_state = _active_workflow_state(page)
    if workflow_state is not None:
        if workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
            raise PermissionDenied("This translation is already awaiting review.")
        workflow_state.resume(user)
        return workflow_state
    workflow = page.get_workflow()
    if workflow is None:
        raise PermissionDenied("No review workflow applies to this page.")
    return workflow.start(page, user)


@transaction.atomic
def translation_submission_cancel(*, page: Page, user) -> None:
    workflow_state = _active_workflow_state(page)
    if workflow_state is None or not workflow_state.user_can_cancel(user):
        raise PermissionDenied("You cannot cancel this review.")
    workflow_state.cancel(user=user)


@transaction.atomic
def translations_sync_as_drafts(*, source: TranslationSource, user) -> int:
    """Re-read the source and write every enabled translation as a draft needing review again.

    Refused unless `user` may update every translation and none awaits review (see
    `translation_sync_check`). Returns how many translated objects received a new draft.
    """
    translation_sync_check(source=source, user=user)
    source.update_from_db()
    synced = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        with contextlib.suppress(ValidationError):
            translation_target_draft_write(translation=translation, user=user)
            synced.append(translation.target_locale.language_code)
    if synced:
        # Each locale's translators have a new draft to finish (and the reviewers a review).
        translations_synced.send(
            sender=TranslationSource, source=source.get_source_instance(), locales=synced, user=user
        )
    return len(synced)
