"""What every resident-facing service shares: its error, input checks, tokens."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator


class EngagementError(Exception):
    """Input a resident (or a frontend) can correct: a message, the field at fault, a code."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "INVALID"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


def email_clean(value: str | None, *, field: str = "email", required: bool = True) -> str:
    email = (value or "").strip().lower()
    if not email:
        if required:
            raise EngagementError("Enter an email address.", field=field, code="REQUIRED")
        return ""
    if len(email) > 254:
        raise EngagementError("This email address is too long.", field=field, code="TOO_LONG")
    try:
        EmailValidator()(email)
    except ValidationError:
        raise EngagementError("Enter a valid email address.", field=field, code="INVALID") from None
    return email


def text_clean(value: str | None, *, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise EngagementError("This field is required.", field=field, code="REQUIRED")
    if len(text) > max_length:
        raise EngagementError(f"At most {max_length} characters.", field=field, code="TOO_LONG")
    return text


def locale_clean(value: str | None, *, field: str = "locale") -> str:
    code = (value or settings.TAPESTRY_SOURCE_LOCALE).strip().lower()
    known = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    if code not in known:
        raise EngagementError(
            f"Unknown locale “{code}”. Use one of: {', '.join(sorted(known))}.",
            field=field,
            code="UNKNOWN_LOCALE",
        )
    return code


def token_new() -> tuple[str, str]:
    """A random token for a link in a mail, and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()
