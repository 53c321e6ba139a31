"""What every resident-facing service shares: its error, input checks, the public page a
resident's input refers to, tokens, mail phrases."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from wagtail.models import Page

from home.selectors import served_version, source_locale


class EngagementError(Exception):
    """Input a resident (or a frontend) can correct: a message, the field at fault, a code."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "INVALID"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


#: Domains no public mailbox lives under: special-use names (RFC 2606: test, example, invalid,
#: localhost; RFC 6762: local; RFC 7686: onion; RFC 8375: home.arpa) and ICANN's private-use
#: `internal`. RFC 2606's example.com/.net/.org stay valid: they are real, registered domains
#: and the documentation's examples.
RESERVED_EMAIL_DOMAINS = (
    "localhost",
    "local",
    "test",
    "invalid",
    "example",
    "onion",
    "internal",
    "home.arpa",
)
#: Providers that ignore dots in an address's local part (Google documents it for Gmail).
#: Elsewhere dots matter: jo.ann@ and joann@ may be two people.
_DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
#: At most this many values in any list a resident sends (communities, kinds, topics, ...).
MAX_LIST_VALUES = 50

# Django's validator lets `localhost` through (its allowlist) and IP literals (`a@[10.0.0.1]`).
_email_syntax = EmailValidator(allowlist=[])


def email_clean(value: str | None, *, field: str = "email", required: bool = True) -> str:
    """A resident's address, lower-cased; one that can reach a public mailbox, or INVALID."""
    email = (value or "").strip().lower()
    if not email:
        if required:
            raise EngagementError("Enter an email address.", field=field, code="REQUIRED")
        return ""
    if len(email) > 254:
        raise EngagementError("This email address is too long.", field=field, code="TOO_LONG")
    try:
        _email_syntax(email)
    except ValidationError:
        raise EngagementError("Enter a valid email address.", field=field, code="INVALID") from None
    if not _email_domain_public(email.rpartition("@")[2]):
        raise EngagementError(
            "Enter an email address at a public domain.", field=field, code="INVALID"
        )
    return email


def _email_domain_public(domain: str) -> bool:
    """False for IP literals, names without a dot, numeric top-level names, reserved names."""
    labels = domain.split(".")
    if domain.startswith("[") or len(labels) < 2 or labels[-1].isdigit():
        return False
    return not any(
        domain == reserved or domain.endswith("." + reserved) for reserved in RESERVED_EMAIL_DOMAINS
    )


def email_identity(value: str | None) -> str:
    """The mailbox an address reaches, for counting (rate limits), never for sending.

    Lower-case and without its `+tag` (victim+1@ and victim+2@ are one person's mail), and
    without dots where the provider ignores them (Gmail).
    """
    email = (value or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    local = local.split("+", 1)[0]
    domain = domain.rstrip(".")
    if domain in _DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), _DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def values_clean(values, *, field: str) -> list[str]:
    """A list input's values, stripped, lower-cased, without blanks or repeats.

    The cap counts what was sent, repeats and blanks included: the README promises at most
    `MAX_LIST_VALUES` values per list, and every value sent is work done.
    """
    values = list(values or [])
    if len(values) > MAX_LIST_VALUES:
        raise EngagementError(f"At most {MAX_LIST_VALUES} values.", field=field, code="TOO_MANY")
    cleaned = []
    for value in values:
        value = str(value or "").strip().lower()
        if value and value not in cleaned:
            cleaned.append(value)
    return cleaned


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


def page_canonical(page: Page | None, locale: str) -> Page | None:
    """The version of `page` that residents' records refer to (an event's registrations, the
    community of feedback), or None when a reader of `locale` is not served the page.

    The page must be served to a reader of `locale` (`home.selectors.served_version`: live,
    public, unexpired, in that locale or else the source), and so must its canonical version:
    its source-locale page, or the page itself when it exists only in its own language. A draft,
    expired, private or unpublished page counts as missing, as does a page of a third locale.
    """
    source = source_locale()
    served = served_version(page, locale, source) if page is not None else None
    if served is None or served.locale_id == source.pk:
        return served
    canonical = served_version(served, source, source)
    if canonical is None:
        has_source = Page.objects.filter(translation_key=page.translation_key, locale=source)
        return None if has_source.exists() else served
    return canonical


def token_new() -> tuple[str, str]:
    """A random token for a link in a mail, and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def phrases(table: dict, locale: str) -> dict:
    """A mail's fixed wording in `locale`, phrase by phrase, English where a phrase is missing.

    `table` maps language codes to phrases by name (each room's mail module holds its own).
    """
    return {**table["en"], **table.get(locale, {})}
