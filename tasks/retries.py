"""How mail tasks retry: with exponential backoff while the mail server is down.

SMTP errors and refused connections are both OSErrors (smtplib.SMTPException is one). Every task
that sends a mail, to staff or to residents, takes these options.
"""

from django.conf import settings

MAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": settings.TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": settings.TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS,
    "max_retries": settings.TAPESTRY_MAIL_MAX_RETRIES,
    "ignore_result": True,
}
