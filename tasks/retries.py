"""How mail tasks retry: with exponential backoff while the mail server is down.

SMTP errors and refused connections are both OSErrors (smtplib.SMTPException is one). Every task
that sends a mail, to staff or to residents, takes these options. A mail task takes at most
TAPESTRY_MAIL_TIME_LIMIT_SECONDS in all; one cut short by it is retried like a refused one.
"""

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

MAIL_RETRY = {
    "autoretry_for": (OSError, SoftTimeLimitExceeded),
    "soft_time_limit": settings.TAPESTRY_MAIL_TIME_LIMIT_SECONDS,
    "time_limit": settings.TAPESTRY_MAIL_TIME_LIMIT_SECONDS + 10,
    "retry_backoff": settings.TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": settings.TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS,
    "max_retries": settings.TAPESTRY_MAIL_MAX_RETRIES,
    "ignore_result": True,
}
