"""Mails to residents, sent from the worker after the change that causes them has committed."""

import logging

from celery import shared_task
from django.dispatch import receiver

from communities.models import EventRegistration
from communities.registration_mail import registration_mail_send
from communities.signals import (
    registration_cancelled,
    registration_created,
    registration_promoted,
)

logger = logging.getLogger(__name__)


@shared_task(
    name="tasks.residents.send_registration_mail",
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
    ignore_result=True,
)
def send_registration_mail(registration_id: int, kind: str) -> None:
    if registration_mail_send(registration_id, kind):
        logger.info("registration mail %s sent for registration %s", kind, registration_id)


@receiver(registration_created, sender=EventRegistration)
def _created(sender, registration, **kwargs):
    send_registration_mail.delay(registration.pk, "created")


@receiver(registration_promoted, sender=EventRegistration)
def _promoted(sender, registration, **kwargs):
    send_registration_mail.delay(registration.pk, "promoted")


@receiver(registration_cancelled, sender=EventRegistration)
def _cancelled(sender, registration, **kwargs):
    send_registration_mail.delay(registration.pk, "cancelled")
