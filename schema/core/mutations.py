"""What every mutation shares: the `errors` list, rate limits and the honeypot.

A mutation answers bad input in its payload's `errors { field code message }` (never a 500, never
a top-level error), and changes nothing when it does.
"""

import hashlib
import time

import graphene
from django.conf import settings
from django.core.cache import cache

from communities.engagement import EngagementError
from home.client_address import client_address


class MutationError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault (camelCase), if one is.")
    code = graphene.String(required=True)
    message = graphene.String(required=True)


def error_list(error: EngagementError) -> list[MutationError]:
    return [MutationError(field=error.field, code=error.code, message=error.message)]


def rate_limit(info, action: str, *, email: str | None = None) -> None:
    """Count this request against `action`'s per-IP (and per-email) limits; refuse the excess.

    Fixed windows counted in the cache (Redis in production, so every web process shares
    them). Limits are `TAPESTRY_RATE_LIMITS[action]`: {"ip": (requests, seconds), "email": ...}.
    The client's address comes from `client_address` (proxies as configured).
    """
    limits = settings.TAPESTRY_RATE_LIMITS.get(action, {})
    subjects = [("ip", client_address(info.context))]
    if email:
        subjects.append(("email", email.strip().lower()))
    now = time.time()
    for kind, value in subjects:
        if kind not in limits:
            continue
        allowed, window = limits[kind]
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        key = f"ratelimit:{action}:{kind}:{digest}:{int(now // window)}"
        cache.add(key, 0, timeout=window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 5)
            count = 1
        if count > allowed:
            wait = int(window - now % window) + 1
            raise EngagementError(
                f"Too many requests. Try again in {max(1, wait // 60)} minute(s).",
                field="email" if kind == "email" else None,
                code="RATE_LIMITED",
            )


def honeypot_check(value: str | None) -> None:
    """The `website` input is hidden from people in every form: only bots fill it in."""
    if value:
        raise EngagementError("This request looks automated.", code="REJECTED")
