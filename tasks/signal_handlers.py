"""Receivers for Wagtail's and Tapestry's signals. They only record or enqueue, on commit.

Wagtail sends its workflow mails synchronously from the editor's request. Tapestry's receivers
are connected first (TasksConfig is the first installed app) under the same dispatch_uids that
`wagtail.admin` uses, so Wagtail's own mail receivers are never connected.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from home.signals import translation_status_changed
from tasks import notifications, webhooks
from tasks.models import WebhookEvent
from tasks.services import notifications as notification_service
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
    transaction.on_commit(partial(task.delay, *args), robust=True)


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
    page_published.connect(on_page_published, dispatch_uid="tapestry_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="tapestry_page_unpublished")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="tapestry_page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="tapestry_page_moved")
