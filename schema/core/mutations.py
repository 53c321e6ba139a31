"""What every mutation shares: the `errors` list, rate limits and the honeypot.

A mutation answers bad input in its payload's `errors { field code message }` (never a 500, never
a top-level error), and changes nothing when it does.
"""

import contextlib
import hashlib
import itertools
import math
import time

import graphene
from django.conf import settings
from django.core.cache import cache

from communities.engagement import EngagementError, email_identity
from home.client_address import client_address


class MutationError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault (camelCase), if one is.")
    code = graphene.String(required=True)
    message = graphene.String(required=True)


def error_list(error: EngagementError) -> list[MutationError]:
    return [MutationError(field=error.field, code=error.code, message=error.message)]


#: Each window is counted in this many slices (see `_window_count`).
WINDOW_SLICES = 10


def rate_limit(info, action: str, *, email: str | None = None) -> None:
    """Count this request against `action`'s per-IP (and per-email) limits; refuse the excess.

    Limits are `TAPESTRY_RATE_LIMITS[action]`: {"ip": (requests, seconds), "email": ...}. The
    client's address comes from `client_address` (proxies as configured); an email is counted
    as the mailbox it reaches (`email_identity`: no +tags, any case), so variants of one address
    share its limit.
    """
    limits = settings.TAPESTRY_RATE_LIMITS.get(action, {})
    subjects = [("ip", client_address(info.context.request) or "unknown")]
    if email:
        subjects.append(("email", email_identity(email)))
    now = time.time()
    for kind, value in subjects:
        if kind not in limits:
            continue
        allowed, window = limits[kind]
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        wait = _window_count(f"ratelimit:{action}:{kind}:{digest}", allowed, window, now)
        if wait is not None:
            minutes = max(1, math.ceil(wait / 60))
            raise EngagementError(
                f"Too many requests. Try again in {minutes} minute(s).",
                field="email" if kind == "email" else None,
                code="RATE_LIMITED",
            )


def _window_count(prefix: str, allowed: int, window: int, now: float) -> float | None:
    """Count one request in a sliding window; None when it is allowed, else the seconds to wait.

    Fixed clock windows let twice the limit through around a window's edge. Here the window is
    cut into `WINDOW_SLICES` slices counted in the cache (Redis in production, so every web
    process shares them), and a request counts for as long as any part of its slice lies within
    the last `window` seconds. So no interval of `window` seconds ever holds more than `allowed`
    accepted requests; the price is waiting at most one slice longer than the window. A refused
    request gives its place back: a client is held to its limit, not locked out for retrying.
    """
    width = max(1, math.ceil(window / WINDOW_SLICES))
    current = int(now // width)
    first = int((now - window) // width)
    keys = [f"{prefix}:{width}:{index}" for index in range(first, current + 1)]
    timeout = window + width + 5
    cache.add(keys[-1], 0, timeout=timeout)
    try:
        counted = cache.incr(keys[-1])
    except ValueError:  # expired between add and incr
        cache.set(keys[-1], 1, timeout=timeout)
        counted = 1
    earlier = cache.get_many(keys[:-1])
    counts = [int(earlier.get(key, 0)) for key in keys[:-1]] + [counted]
    excess = sum(counts) - allowed
    if excess <= 0:
        return None
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
        cache.decr(keys[-1])
    # The oldest slices leave the window first; wait until enough of them have.
    freed = itertools.accumulate(counts)
    offset = next(offset for offset, total in enumerate(freed) if total >= excess)
    return (first + offset + 1) * width + window - now


def honeypot_check(value: str | None) -> None:
    """The `website` input is hidden from people in every form: only bots fill it in."""
    if value:
        raise EngagementError("This request looks automated.", code="REJECTED")
