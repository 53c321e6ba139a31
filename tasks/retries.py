"""How mail tasks retry while the mail server is down: exponential backoff with jitter.

The n-th retry (n = 0, 1, ...) waits TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS × 2ⁿ, capped at
TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS, plus a random 0–25 % of that on top, so mails that
failed together do not all come back at once: with the defaults the first retry comes 30–37.5 s
after the failure, the second 60–75 s, then at most 100–125 s between tries, for
TAPESTRY_MAIL_MAX_RETRIES tries. (Celery's own `retry_backoff` draws the wait from 0 to the
backoff, "full jitter", so a first retry could come after 1 s.)

SMTP errors and refused connections are both OSErrors (smtplib.SMTPException is one). Every task
that sends a mail, to staff or to residents, takes these options; the tasks are outbox tasks,
so a mail is sent once per intent even when its message is delivered twice. A mail task takes at
most TAPESTRY_MAIL_TIME_LIMIT_SECONDS in all; one cut short by it is retried like a refused one.
"""

import random

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from tasks.outbox import OutboxTask

JITTER = 0.25


def mail_retry_countdown(retries: int, *, rand=random.random) -> float:
    """Seconds before retry number `retries` + 1 (`retries` is Celery's count so far)."""
    base = settings.TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS
    cap = settings.TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS
    backoff = min(base * 2**retries, cap)
    return backoff * (1 + JITTER * rand())


class MailTask(OutboxTask):
    """An outbox task that retries on OSError after `mail_retry_countdown`."""

    retry_for = (OSError, SoftTimeLimitExceeded)

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except self.retry_for as error:
            countdown = mail_retry_countdown(self.request.retries)
            raise self.retry(exc=error, countdown=countdown) from error


MAIL_RETRY = {
    "base": MailTask,
    "soft_time_limit": settings.TAPESTRY_MAIL_TIME_LIMIT_SECONDS,
    "time_limit": settings.TAPESTRY_MAIL_TIME_LIMIT_SECONDS + 10,
    "max_retries": settings.TAPESTRY_MAIL_MAX_RETRIES,
    "ignore_result": True,
}
