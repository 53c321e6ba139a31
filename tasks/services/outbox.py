"""The transactional outbox: every side effect of a change (a mail, a notice, a search or
reference index update, a cache purge, a webhook send) is first a row written in the same
transaction as the change, so a committed change always has its intents and a rolled-back one
has none, whatever happens to the broker.

- `outbox_enqueue` writes the row and, once the transaction commits, tries to hand it to the
  broker at once (the "kick"). A broker that does not answer loses nothing: the row waits.
- `outbox_relay` (beat, every TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS) hands every due row to the
  broker, backing off a row whose send failed, and sends again a row sent long ago and still not
  done (its message lost with a broker's data, say).
- The task claims its row by key (`outbox_claim`), in the transaction of its effect where the
  effect is in the database, and marks it done; a second copy of the message finds it done and
  does nothing. So a row may be sent twice (a crash between the send and its record) but takes
  effect once.
- `outbox_housekeeping` forgets done and failed rows after TAPESTRY_OUTBOX_KEEP_DAYS and logs
  rows that are stuck.
"""

import datetime
import logging
import time
import uuid

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tasks.models import OutboxMessage

logger = logging.getLogger(__name__)

# The header that carries a message's key to its task.
KEY_HEADER = "outbox_key"
# Rows handed to the broker per transaction by one relay pass.
BATCH = 100
# How often a publish is tried before the row waits for the relay (kombu's retry policy).
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# After a failed kick, this process leaves sending to the relay for this long.
KICK_PAUSE_SECONDS = 5.0

_kick_paused_until = 0.0


def outbox_enqueue(task, *args, queue: str | None = None, **kwargs) -> OutboxMessage:
    """Record that `task` is to run with these arguments once the current transaction commits.

    The task must take its key (tasks.outbox.OutboxTask): that is what makes a second delivery
    of the same message harmless.
    """
    if not getattr(task, "takes_outbox_key", False):
        raise TypeError(f"{task.name} does not check outbox keys; give it base=OutboxTask")
    message = OutboxMessage.objects.create(
        task=task.name, args=list(args), kwargs=kwargs, queue=queue or ""
    )
    pk = message.pk

    def send_committed_message() -> None:
        outbox_kick([pk])

    # A named function: Django's robust on_commit error handler logs the callback's
    # __qualname__ (a functools.partial has none and would crash it).
    transaction.on_commit(send_committed_message, robust=True)
    return message


def outbox_kick(ids: list[int]) -> int:
    """Right after the commit: send these rows now unless the broker just failed in this
    process (then the relay sends them). Never raises for a broker that does not answer."""
    if time.monotonic() < _kick_paused_until:
        return 0
    return outbox_send(ids)


def _backoff(attempts: int) -> datetime.timedelta:
    """Before the relay tries a row again after `attempts` failed sends: 1, 2, 4, 8, 10 s..."""
    cap = settings.TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS * 2
    return datetime.timedelta(seconds=min(2 ** max(attempts - 1, 0), cap))


def _publish(message: OutboxMessage) -> None:
    options = {
        "headers": {KEY_HEADER: str(message.key)},
        "retry_policy": PUBLISH_RETRY_POLICY,
    }
    if message.queue:
        options["queue"] = message.queue
    task = current_app.tasks.get(message.task)
    if task is not None:  # honours CELERY_TASK_ALWAYS_EAGER and the task's own options
        task.apply_async(message.args, message.kwargs, **options)
    else:
        current_app.send_task(message.task, message.args, message.kwargs, **options)


def outbox_send(ids: list[int] | None = None, *, limit: int = 5000) -> int:
    """Hand unsent rows to the broker, oldest first: these `ids`, or every due one. Stops at the
    first failed send (the broker is down) and backs that row off. Returns how many were sent.
    """
    global _kick_paused_until
    sent = 0
    while sent < limit:
        with transaction.atomic():
            rows = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
                sent_at__isnull=True, failed_at__isnull=True, done_at__isnull=True
            )
            if ids is not None:
                rows = rows.filter(pk__in=ids)
            else:
                rows = rows.filter(next_attempt_at__lte=timezone.now())
            batch = list(rows.order_by("pk")[: min(BATCH, limit - sent)])
            if not batch:
                return sent
            for message in batch:
                now = timezone.now()
                message.send_attempts += 1
                try:
                    _publish(message)
                except Exception as error:
                    message.next_attempt_at = now + _backoff(message.send_attempts)
                    message.last_error = f"send failed: {type(error).__name__}: {error}"[:500]
                    message.save(update_fields=["send_attempts", "next_attempt_at", "last_error"])
                    _kick_paused_until = time.monotonic() + KICK_PAUSE_SECONDS
                    logger.warning(
                        "outbox: could not send %s (%s), the relay tries again: %s",
                        message.task,
                        message.key,
                        error,
                    )
                    return sent
                message.sent_at = now
                message.save(update_fields=["send_attempts", "sent_at"])
                sent += 1
        if ids is not None and len(batch) >= len(ids):
            return sent
    return sent


def outbox_redeliver_stuck() -> int:
    """Rows sent (or last retried) more than TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS ago and
    still not done: their message is presumed lost (a broker that lost its data, a task killed
    with its worker); they are sent again. A copy that turns up after all finds the row done."""
    cutoff = timezone.now() - datetime.timedelta(
        seconds=settings.TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS
    )
    stuck = OutboxMessage.objects.filter(
        sent_at__lt=cutoff, done_at__isnull=True, failed_at__isnull=True
    )
    keys = list(stuck.values_list("key", flat=True)[:1000])
    if keys:
        logger.warning("outbox: %s messages not done long after sending, sending again", len(keys))
        OutboxMessage.objects.filter(key__in=keys, done_at__isnull=True).update(
            sent_at=None,
            next_attempt_at=timezone.now(),
            last_error="sent again: not done in time",
        )
    return len(keys)


def outbox_relay() -> int:
    """Beat: send every due row; send again the stuck ones."""
    outbox_redeliver_stuck()
    sent = outbox_send()
    if sent:
        logger.info("outbox: relayed %s messages", sent)
    return sent


# The consumer side ---------------------------------------------------------------------------


def outbox_claim(key) -> bool:
    """Take the row for its task, in the caller's transaction: True when this task is to take
    effect, False when it is done, failed or unknown (purged). A second copy of the message
    waits on the row until the first one's transaction ends, then finds it done; if the first
    one rolled back, the second takes it."""
    return bool(
        OutboxMessage.objects.filter(
            key=_uuid(key), done_at__isnull=True, failed_at__isnull=True
        ).update(done_at=timezone.now())
    )


def outbox_is_open(key) -> bool:
    return OutboxMessage.objects.filter(
        key=_uuid(key), done_at__isnull=True, failed_at__isnull=True
    ).exists()


def outbox_retrying(key, error: BaseException) -> None:
    """The task failed and retries: note why, and count the wait from now (not stuck)."""
    OutboxMessage.objects.filter(key=_uuid(key), done_at__isnull=True).update(
        sent_at=timezone.now(), last_error=f"retrying: {type(error).__name__}: {error}"[:500]
    )


def outbox_failed(key, error: BaseException) -> None:
    """The task gave up: the row shows it as failed and is never sent again."""
    OutboxMessage.objects.filter(key=_uuid(key), done_at__isnull=True).update(
        failed_at=timezone.now(), last_error=f"{type(error).__name__}: {error}"[:500]
    )
    logger.error("outbox: %s failed for good: %s", key, error)


def _uuid(key) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(key))
    except ValueError:
        return None


# Housekeeping --------------------------------------------------------------------------------


def outbox_housekeeping() -> dict[str, int]:
    """Daily: forget rows done or failed more than TAPESTRY_OUTBOX_KEEP_DAYS ago; log how many
    wait unsent for over a minute (the broker down) and how many failed."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(days=settings.TAPESTRY_OUTBOX_KEEP_DAYS)
    purged, _by_model = OutboxMessage.objects.filter(
        Q(done_at__lt=cutoff) | Q(failed_at__lt=cutoff)
    ).delete()
    waiting = OutboxMessage.objects.filter(
        sent_at__isnull=True,
        done_at__isnull=True,
        failed_at__isnull=True,
        created_at__lt=now - datetime.timedelta(minutes=1),
    ).count()
    failed = OutboxMessage.objects.filter(failed_at__isnull=False).count()
    if waiting:
        logger.warning("outbox: %s messages wait unsent for over a minute", waiting)
    if failed:
        logger.warning("outbox: %s messages failed (see Settings › Outbox)", failed)
    logger.info("outbox: purged %s done or failed messages", purged)
    return {"purged": purged, "waiting": waiting, "failed": failed}
