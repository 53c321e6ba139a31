"""The outbox's Celery side (see tasks.services.outbox): the base class of every task enqueued
through the outbox, the relay that beat runs every few seconds, and the daily housekeeping."""

import logging

from celery import Task, shared_task
from kombu.exceptions import OperationalError as BrokerError

from tasks.services.outbox import (
    KEY_HEADER,
    outbox_claim,
    outbox_failed,
    outbox_housekeeping,
    outbox_is_open,
    outbox_relay,
    outbox_retrying,
)

logger = logging.getLogger(__name__)


def outbox_key(request) -> str | None:
    """The key a message carries: a header (a worker puts custom headers on the request; an
    eager run keeps them under `headers`)."""
    return getattr(request, KEY_HEADER, None) or (request.headers or {}).get(KEY_HEADER)


class OutboxTask(Task):
    """A task that takes effect once per outbox row, however often its message is delivered.

    With `outbox_atomic` (the default) the row is claimed in the same database transaction as
    the task's work: an error rolls both back, and a concurrent second copy waits for the first
    and then finds the row done. A task whose work is outside the database and idempotent on
    its own (a webhook send claims its delivery row; a purge may run twice) sets it False: the
    row is checked before and marked done after. A message without a key (beat, a direct
    `.delay`) just runs.
    """

    takes_outbox_key = True
    outbox_atomic = True

    def __call__(self, *args, **kwargs):
        from django.db import transaction

        key = outbox_key(self.request)
        if key is None:
            return super().__call__(*args, **kwargs)
        if not self.outbox_atomic:
            if not outbox_is_open(key):
                logger.info("outbox: %s %s already done, skipped", self.name, key)
                return None
            result = super().__call__(*args, **kwargs)
            outbox_claim(key)
            return result
        with transaction.atomic():
            if not outbox_claim(key):
                logger.info("outbox: %s %s already done, skipped", self.name, key)
                return None
            return super().__call__(*args, **kwargs)

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        if key := outbox_key(self.request):
            outbox_retrying(key, exc)
        super().on_retry(exc, task_id, args, kwargs, einfo)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        key = outbox_key(self.request)
        # A retry that could not be sent (the broker went away) is not the task giving up: the
        # row stays open and the relay sends it again once it is stuck.
        if key and not isinstance(exc, BrokerError):
            outbox_failed(key, exc)
        super().on_failure(exc, task_id, args, kwargs, einfo)


class ExternalOutboxTask(OutboxTask):
    """An outbox task whose work is outside the database and idempotent by itself."""

    outbox_atomic = False


@shared_task(name="tasks.outbox.relay", ignore_result=True)
def relay() -> None:
    """Beat: hand every due outbox row to the broker."""
    outbox_relay()


@shared_task(name="tasks.outbox.housekeeping", ignore_result=True)
def housekeeping() -> None:
    """Beat, daily: forget old done and failed rows, log the stuck ones."""
    outbox_housekeeping()
