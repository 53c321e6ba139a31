"""Passwords resist guessing: login lockout, throttled page passwords and reset mails.

- Failed logins are counted by django-axes (settings: AXES_*, TAPESTRY_LOGIN_*); this module
  gives it the client's address and the response a locked-out user sees.
- Two-factor sign-in is in cms/two_factor.py.
- Guesses at a private page's password and password reset mails are counted per client address
  (and per address asked for) in fixed windows in the cache, which every web process shares.
"""

import hashlib
import logging
import math
import time
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import PasswordResetForm

from home.client_address import client_address

logger = logging.getLogger(__name__)


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def _retry_message(seconds: int) -> str:
    minutes = _minutes(seconds)
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


# Logins (django-axes).


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out login gets (AXES_LOCKOUT_CALLABLE): the same login form, saying when to
    try again, with status 429 and Retry-After.

    The login views (Wagtail's, Django's admin, Wagtail's private-page login) answer a refused
    login with their form re-rendered; it is rendered again with the lockout as its only error,
    so the user learns nothing about whether the password was right.
    """
    seconds = settings.TAPESTRY_LOGIN_COOLOFF_MINUTES * 60
    message = _retry_message(seconds)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None and form.is_bound:
        form.errors.clear()
        form.add_error(None, message)
        response = TemplateResponse(
            request, original_response.template_name, context, status=429
        ).render()
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


# Fixed-window counters in the cache.


def throttle_hit(scope: str, subject: str, window: int) -> tuple[int, int]:
    """Count one attempt by `subject` at `scope` in the current window of `window` seconds.

    Returns the attempts counted in this window so far (this one included) and the seconds until
    the window ends. The subject is hashed: keys never hold an address in clear.
    """
    now = time.time()
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count, max(1, math.ceil(window - now % window))


def too_many_attempts(request, retry_after: int) -> HttpResponse:
    response = HttpResponse(
        render_to_string(
            "cms/too_many_attempts.html", {"message": _retry_message(retry_after)}, request
        ),
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


class PagePasswordThrottleMiddleware:
    """Refuses guesses at the password of a private page (or document collection) past
    TAPESTRY_PAGE_PASSWORD_ATTEMPTS per client address and restriction in the window, with 429
    and before the password is looked at, so a right guess past the limit does not get in.

    Every submission counts: the view only answers a right password by letting the visitor in,
    after which there is nothing left to submit.
    """

    # Wagtail's password views, and the keyword that names their restriction.
    VIEWS = {
        "wagtailcore_authenticate_with_password": "page_view_restriction_id",
        "wagtaildocs_authenticate_with_password": "restriction_id",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.url_name not in self.VIEWS:
            return None
        restriction = view_kwargs.get(self.VIEWS[match.url_name])
        window = settings.TAPESTRY_PAGE_PASSWORD_WINDOW_MINUTES * 60
        count, retry_after = throttle_hit(
            f"{match.url_name}:{restriction}", client_address(request) or "unknown", window
        )
        if count <= settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS:
            return None
        logger.warning("Password guesses throttled: %s restriction %s", match.url_name, restriction)
        return too_many_attempts(request, retry_after)


# Password reset mails.


def _address_key(email: str) -> str:
    """One key per mailbox as Django matches it (case-insensitively, NFKC-normalised)."""
    return unicodedata.normalize("NFKC", email.strip()).casefold()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form, sending at most TAPESTRY_PASSWORD_RESET_PER_ADDRESS mails
    to one address and TAPESTRY_PASSWORD_RESET_PER_IP for one client address in the window.

    Past a limit the view answers exactly as when it sends, so the answer still says nothing
    about whether the address belongs to anyone.
    """

    def save(self, *args, request=None, **kwargs):
        window = settings.TAPESTRY_PASSWORD_RESET_WINDOW_MINUTES * 60
        per_address, _ = throttle_hit(
            "password-reset:address", _address_key(self.cleaned_data["email"]), window
        )
        per_ip, _ = throttle_hit(
            "password-reset:ip", (request and client_address(request)) or "unknown", window
        )
        if (
            per_address > settings.TAPESTRY_PASSWORD_RESET_PER_ADDRESS
            or per_ip > settings.TAPESTRY_PASSWORD_RESET_PER_IP
        ):
            logger.warning("Password reset throttled: no mail sent")
            return
        super().save(*args, request=request, **kwargs)
