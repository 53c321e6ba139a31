"""Notices to subscribers: fan out a first publication, weekly digests, confirmation mails.

Receivers only write outbox rows, in the transaction of the change (tasks.services.outbox);
each task calls a service that holds the logic and is idempotent (a delivery record per
subscriber and page makes a second run send nothing).
"""

import logging

from celery import shared_task
from django.dispatch import receiver
from wagtail.signals import page_published

from articles.models import ArticlePage
from communities.models import NoticeSubscription
from communities.subscriptions.mail import confirmation_mail_send, digest_send, notice_send
from communities.subscriptions.services import (
    digest_due,
    notice_is_original,
    notice_visible,
    subscribers_for,
    subscription_requested,
)
from tasks.outbox import OutboxTask
from tasks.retries import MAIL_RETRY
from tasks.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)


@shared_task(name="tasks.subscriptions.send_confirmation_mail", **MAIL_RETRY)
def send_confirmation_mail(subscription_id: int, token: str) -> None:
    if confirmation_mail_send(subscription_id, token):
        logger.info("subscription confirmation mail sent for subscription %s", subscription_id)


@shared_task(name="tasks.subscriptions.fan_out_notice", base=OutboxTask, ignore_result=True)
def fan_out_notice(page_id: int) -> None:
    """One task per subscriber who gets the page now, so one bad address delays nobody."""
    page = notice_visible(page_id)
    if page is None:
        return
    recipients = subscribers_for(page)
    for subscription in recipients:
        outbox_enqueue(send_notice, subscription.pk, page.pk)
    logger.info("notice %s queued for %s subscribers", page.pk, len(recipients))


@shared_task(name="tasks.subscriptions.send_notice", **MAIL_RETRY)
def send_notice(subscription_id: int, page_id: int) -> None:
    if notice_send(subscription_id, page_id):
        logger.info("notice %s sent to subscription %s", page_id, subscription_id)


@shared_task(name="tasks.subscriptions.send_weekly_digests", ignore_result=True)
def send_weekly_digests() -> None:
    due = digest_due()
    for subscription_id in due:
        send_digest.delay(subscription_id)
    logger.info("weekly digest queued for %s subscribers", len(due))


@shared_task(name="tasks.subscriptions.send_digest", **MAIL_RETRY)
def send_digest(subscription_id: int) -> None:
    if count := digest_send(subscription_id):
        logger.info("digest of %s pages sent to subscription %s", count, subscription_id)


@receiver(page_published)
def _page_published(sender, instance, **kwargs):
    if not issubclass(sender, ArticlePage) or not notice_is_original(instance):
        return
    outbox_enqueue(fan_out_notice, instance.pk)


@receiver(subscription_requested, sender=NoticeSubscription)
def _requested(sender, subscription, token, **kwargs):
    outbox_enqueue(send_confirmation_mail, subscription.pk, token)
