"""Receivers for Wagtail's and Tapestry's signals. They only record: webhook deliveries and
outbox rows (tasks.services.outbox) in the change's own transaction, sent on once it commits.

Wagtail sends its workflow mails synchronously from the editor's request. Tapestry's receivers
are connected first (TasksConfig is the first installed app) under the same dispatch_uids that
`wagtail.admin` uses, so Wagtail's own mail receivers are never connected.
"""

import logging

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    task_submitted,
    unpublished,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.snippets.models import get_snippet_models

from home.cache_tags import (
    purge_gather,
    purges_released,
    tags_for_document,
    tags_for_image,
    tags_for_page_move,
    tags_for_pages,
    tags_for_snippet,
    tags_for_versions,
)
from home.signals import translation_status_changed, translations_synced
from tasks import cache, images, notifications, webhooks
from tasks.models import WebhookEvent
from tasks.services import notifications as notification_service
from tasks.services.outbox import outbox_enqueue
from tasks.services.webhooks import webhook_event_record

logger = logging.getLogger(__name__)

# wagtail.admin.signal_handlers.register_signal_handlers connects its mailers under these.
WAGTAIL_MAIL_RECEIVERS = {
    "task_submitted": "group_approval_task_submitted_email_notification",
    "workflow_submitted": "workflow_state_submitted_email_notification",
    "workflow_rejected": "workflow_state_rejected_email_notification",
    "workflow_approved": "workflow_state_approved_email_notification",
}


def _on_commit(task, *args) -> None:
    """Run `task` once the change commits: an outbox row in the change's transaction."""
    outbox_enqueue(task, *args)


def _actor_id(user) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


# Workflow mails ------------------------------------------------------------------------------


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs) -> None:
    _on_commit(notifications.notify_workflow_submitted, instance.pk, _actor_id(user))


def on_workflow_submitted(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """Nothing: Wagtail mails every superuser here; Tapestry mails the first stage's group when
    task_submitted follows."""


def on_workflow_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _on_commit(
        notifications.notify_workflow_finished,
        notification_service.WORKFLOW_APPROVED,
        instance.pk,
        instance.current_task_state_id,
        _actor_id(user),
    )


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _on_commit(
        notifications.notify_workflow_finished,
        notification_service.WORKFLOW_REJECTED,
        instance.pk,
        instance.current_task_state_id,
        _actor_id(user),
    )


# Translators ---------------------------------------------------------------------------------


def on_translation_status_changed(
    sender, source=None, instance=None, locale=None, old_status=None, new_status=None, **kwargs
) -> None:
    if new_status != "outdated" or old_status == "outdated" or not isinstance(source, Page):
        return
    _on_commit(
        notifications.notify_translators,
        notification_service.TRANSLATION_OUTDATED,
        source.pk,
        locale,
    )


def on_translations_synced(sender, source=None, locales=(), user=None, **kwargs) -> None:
    """A sync wrote new drafts: each locale's translators have work (the dashboard's queue lists
    it as in progress)."""
    if not isinstance(source, Page):
        return
    for code in locales:
        _on_commit(
            notifications.notify_translators,
            notification_service.TRANSLATION_SYNCED,
            source.pk,
            code,
            _actor_id(user),
        )


def _is_first_publication(page: Page) -> bool:
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


# Webhooks ------------------------------------------------------------------------------------


def _record(event_type: str, page: Page, **kwargs) -> None:
    for delivery in webhook_event_record(event_type=event_type, page=page, **kwargs):
        _on_commit(webhooks.deliver, delivery.pk)


def on_page_published(sender, instance: Page, revision=None, **kwargs) -> None:
    if not instance.live:  # Wagtail sends it also when it schedules a never-live page
        return
    _record(WebhookEvent.PAGE_PUBLISHED, instance)
    if instance.locale.language_code != settings.TAPESTRY_SOURCE_LOCALE:
        _record(WebhookEvent.TRANSLATION_PUBLISHED, instance)
    elif _is_first_publication(instance):
        _on_commit(notifications.notify_new_source_page, instance.pk)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    _record(WebhookEvent.PAGE_UNPUBLISHED, instance)


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    # Only pages frontends can have seen; sent before the rows go, while the tree is whole.
    if instance.live:
        _record(WebhookEvent.PAGE_DELETED, instance)


def on_page_moved(sender, instance: Page, url_path_before="", url_path_after="", **kwargs) -> None:
    if url_path_before == url_path_after:
        return
    _record(WebhookEvent.PAGE_MOVED, instance, previous_url_path=url_path_before)


# Cache purges ---------------------------------------------------------------------------------
# The tags are worked out now, while the change's rows (and a deleted object's references) are
# still there; the purge runs once the change has committed.


def _purge(tags: set[str]) -> None:
    if tags and not purge_gather(tags):
        _on_commit(cache.purge_cache_tags, sorted(tags))


def purge_released(sender, tags: set[str], **kwargs) -> None:
    """The one purge of a `purges_gathered()` block (a bulk load)."""
    _on_commit(cache.purge_cache_tags, sorted(tags))


def _is_snippet(instance) -> bool:
    return type(instance) in get_snippet_models()


def purge_page_published(sender, instance: Page, **kwargs) -> None:
    if instance.live:
        _purge(tags_for_pages([instance]))


def purge_page_unpublished(sender, instance: Page, **kwargs) -> None:
    _purge(tags_for_pages([instance]))


def purge_page_moved(sender, instance: Page, parent_page_before=None, **kwargs) -> None:
    _purge(tags_for_page_move(instance, parent_page_before))


def purge_page_deleted(sender, instance: Page, **kwargs) -> None:
    _purge(tags_for_pages([instance]))


def purge_snippet_published(sender, instance, **kwargs) -> None:
    """A snippet with drafts published or unpublished (Topic, Bureau, ...)."""
    if _is_snippet(instance):
        _purge(tags_for_snippet(instance))


def purge_snippet_saved(sender, instance, **kwargs) -> None:
    """A snippet without drafts is live as soon as it is saved."""
    if _is_snippet(instance) and not isinstance(instance, DraftStateMixin):
        _purge(tags_for_snippet(instance))


def purge_snippet_deleted(sender, instance, **kwargs) -> None:
    if _is_snippet(instance):
        _purge(tags_for_snippet(instance))


def purge_image(sender, instance, **kwargs) -> None:
    """An image saved (a new file, a focal point, its title or description) or deleted."""
    _purge(tags_for_image(instance))


def purge_document(sender, instance, **kwargs) -> None:
    _purge(tags_for_document(instance))


def purge_translation_status(sender, source=None, **kwargs) -> None:
    """Every version's `translations` field shows the status."""
    if source is not None:
        _purge(tags_for_versions(source))


# Renditions ------------------------------------------------------------------------------------
# What a rendition depends on: the file and the focal point.
RENDITION_FIELDS = frozenset(
    {"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"}
)


def make_image_renditions(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """An image saved with a new file or focal point (or saved whole, as the admin does): its
    renditions are made in the background; the task makes only those that are missing."""
    if raw or (update_fields is not None and not RENDITION_FIELDS & set(update_fields)):
        return
    _on_commit(images.make_renditions, instance.pk)


def connect() -> None:
    task_submitted.connect(
        on_task_submitted, sender=TaskState, dispatch_uid=WAGTAIL_MAIL_RECEIVERS["task_submitted"]
    )
    workflow_submitted.connect(
        on_workflow_submitted,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_MAIL_RECEIVERS["workflow_submitted"],
    )
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_MAIL_RECEIVERS["workflow_approved"],
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_MAIL_RECEIVERS["workflow_rejected"],
    )
    translation_status_changed.connect(
        on_translation_status_changed, dispatch_uid="tapestry_translators_outdated"
    )
    translations_synced.connect(on_translations_synced, dispatch_uid="tapestry_translators_synced")
    page_published.connect(on_page_published, dispatch_uid="tapestry_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="tapestry_page_unpublished")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="tapestry_page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="tapestry_page_moved")
    post_save.connect(
        make_image_renditions,
        sender=get_image_model(),
        dispatch_uid="tapestry_make_image_renditions",
    )
    connect_purges()


def connect_purges() -> None:
    page_published.connect(purge_page_published, dispatch_uid="tapestry_purge_page_published")
    page_unpublished.connect(purge_page_unpublished, dispatch_uid="tapestry_purge_page_unpublished")
    post_page_move.connect(purge_page_moved, dispatch_uid="tapestry_purge_page_moved")
    pre_delete.connect(purge_page_deleted, sender=Page, dispatch_uid="tapestry_purge_page_deleted")
    published.connect(purge_snippet_published, dispatch_uid="tapestry_purge_snippet_published")
    unpublished.connect(purge_snippet_published, dispatch_uid="tapestry_purge_snippet_unpublished")
    post_save.connect(purge_snippet_saved, dispatch_uid="tapestry_purge_snippet_saved")
    pre_delete.connect(purge_snippet_deleted, dispatch_uid="tapestry_purge_snippet_deleted")
    image = get_image_model()
    post_save.connect(purge_image, sender=image, dispatch_uid="tapestry_purge_image_saved")
    pre_delete.connect(purge_image, sender=image, dispatch_uid="tapestry_purge_image_deleted")
    document = get_document_model()
    post_save.connect(purge_document, sender=document, dispatch_uid="tapestry_purge_document_saved")
    pre_delete.connect(
        purge_document, sender=document, dispatch_uid="tapestry_purge_document_deleted"
    )
    translation_status_changed.connect(
        purge_translation_status, dispatch_uid="tapestry_purge_translation_status"
    )
    purges_released.connect(purge_released, dispatch_uid="tapestry_purge_released")
