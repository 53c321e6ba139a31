"""Mails to residents, and to staff about residents' feedback, sent from the worker after the
change that causes them has committed: the receivers write outbox rows in the change's own
transaction (tasks.services.outbox)."""

import logging

from celery import shared_task
from django.dispatch import receiver

from communities.feedback.mail import feedback_mail_send
from communities.models import EventRegistration, Feedback
from communities.registrations.mail import registration_mail_send
from communities.signals import (
    feedback_answered,
    feedback_submitted,
    registration_cancelled,
    registration_created,
    registration_promoted,
)
from tasks.retries import MAIL_RETRY
from tasks.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)


@shared_task(name="tasks.residents.send_registration_mail", **MAIL_RETRY)
def send_registration_mail(registration_id: int, kind: str) -> None:
    if registration_mail_send(registration_id, kind):
        logger.info("registration mail %s sent for registration %s", kind, registration_id)


@receiver(registration_created, sender=EventRegistration)
def _created(sender, registration, **kwargs):
    # The status at registration decides the mail, whatever happens before the worker sends it.
    outbox_enqueue(send_registration_mail, registration.pk, str(registration.status))


@receiver(registration_promoted, sender=EventRegistration)
def _promoted(sender, registration, **kwargs):
    outbox_enqueue(send_registration_mail, registration.pk, "promoted")


@receiver(registration_cancelled, sender=EventRegistration)
def _cancelled(sender, registration, **kwargs):
    outbox_enqueue(send_registration_mail, registration.pk, "cancelled")


@shared_task(name="tasks.residents.send_feedback_mail", **MAIL_RETRY)
def send_feedback_mail(feedback_id: int, kind: str) -> None:
    if feedback_mail_send(feedback_id, kind):
        logger.info("feedback mail %s sent for feedback %s", kind, feedback_id)


@receiver(feedback_submitted, sender=Feedback)
def _feedback_submitted(sender, feedback, **kwargs):
    outbox_enqueue(send_feedback_mail, feedback.pk, "staff")


@receiver(feedback_answered, sender=Feedback)
def _feedback_answered(sender, feedback, **kwargs):
    outbox_enqueue(send_feedback_mail, feedback.pk, "answer")
