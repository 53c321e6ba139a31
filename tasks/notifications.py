"""Notification tasks: fan an event out to its recipients, then one mail task per recipient, each
retried with backoff while the mail server is down. The fan-out tasks are outbox tasks that
write their mails' outbox rows in their own transaction, so a fan-out delivered twice mails
nobody twice."""

from celery import shared_task
from wagtail.models import Page, TaskState, WorkflowState

from tasks.outbox import OutboxTask
from tasks.retries import MAIL_RETRY
from tasks.services import notifications as service
from tasks.services.outbox import outbox_enqueue


@shared_task(name="tasks.notifications.send_notification", **MAIL_RETRY)
def send_notification(kind: str, user_id: int, ids: dict) -> None:
    service.notification_send(kind=kind, user_id=user_id, ids=ids)


def _enqueue_mails(kind: str, users: list, ids: dict) -> None:
    for user_id in service.notification_route(kind=kind, users=users, ids=ids):
        outbox_enqueue(send_notification, kind, user_id, ids)


@shared_task(
    name="tasks.notifications.notify_workflow_submitted", base=OutboxTask, ignore_result=True
)
def notify_workflow_submitted(task_state_id: int, actor_id: int | None) -> None:
    task_state = TaskState.objects.filter(pk=task_state_id).first()
    if task_state is None:
        return
    users = service.workflow_submitted_recipients(task_state=task_state, actor_id=actor_id)
    _enqueue_mails(service.WORKFLOW_SUBMITTED, users, {"task_state_id": task_state_id})


@shared_task(
    name="tasks.notifications.notify_workflow_finished", base=OutboxTask, ignore_result=True
)
def notify_workflow_finished(
    kind: str, workflow_state_id: int, task_state_id: int, actor_id: int | None
) -> None:
    workflow_state = WorkflowState.objects.filter(pk=workflow_state_id).first()
    if workflow_state is None:
        return
    users = service.workflow_finished_recipients(
        kind=kind, workflow_state=workflow_state, actor_id=actor_id
    )
    _enqueue_mails(kind, users, {"task_state_id": task_state_id})


@shared_task(name="tasks.notifications.notify_translators", base=OutboxTask, ignore_result=True)
def notify_translators(kind: str, page_id: int, locale: str, actor_id: int | None = None) -> None:
    """Tell a locale's translators that a page's translation is outdated or still missing."""
    users = service.translators(locale, exclude_id=actor_id)
    _enqueue_mails(kind, users, {"page_id": page_id, "locale": locale})


@shared_task(name="tasks.notifications.notify_new_source_page", base=OutboxTask, ignore_result=True)
def notify_new_source_page(page_id: int) -> None:
    """A source page went live for the first time: tell every locale that lacks it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for code in service.locales_missing_translation(page=page):
        outbox_enqueue(notify_translators, service.TRANSLATION_NEEDED, page_id, code)


@shared_task(name="tasks.notifications.send_digest", **MAIL_RETRY)
def send_digest(user_id: int) -> None:
    service.digest_send(user_id=user_id)


@shared_task(name="tasks.notifications.send_digests", ignore_result=True)
def send_digests() -> None:
    """Beat, once a day: one digest task per user with something held."""
    for user_id in service.digest_users_due():
        send_digest.delay(user_id)
