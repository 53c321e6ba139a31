"""Webhooks: signed JSON events for frontends, recorded in the database and retried from it.

An event is recorded as one WebhookDelivery per matching endpoint in the same transaction as
the change it reports, so a committed change always has its deliveries. Workers send them; beat
picks up whatever is due again (a retry, or a delivery whose first send was never enqueued).
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import ssl
import time
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from home.mixins import community_root_of
from home.selectors import served_version
from tasks.models import WebhookDelivery, WebhookEndpoint
from tasks.services.webhook_targets import WebhookTargetRefused, webhook_target
from tasks.services.webhook_transport import webhook_post

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Tapestry-Signature"
TIMESTAMP_HEADER = "X-Tapestry-Timestamp"
EVENT_HEADER = "X-Tapestry-Event"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# What the delivery log keeps of a failed attempt (cleaned by log_text): the status and this
# many characters of the answer's body, or an error message of at most ERROR_LENGTH.
RESPONSE_EXCERPT_LENGTH = 200
ERROR_LENGTH = 500


def page_frontend_path(url_path: str) -> str:
    """The path a frontend routes on: Wagtail's url_path without the locale's home page slug."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + parts[1] + "/" if len(parts) == 2 and parts[1] else "/"


def _page_facts(page: Page, served: Page | None) -> dict:
    community = community_root_of(page)
    return {
        "id": page.pk,
        "type": page.specific_class.__name__ if page.specific_class else "Page",
        "title": page.title,
        "locale": page.locale.language_code,
        "community": community.slug if community else None,
        "url_path": page_frontend_path(served.url_path) if served else None,
        "_community_key": str(community.translation_key) if community else None,
    }


def _endpoint_wants(endpoint: WebhookEndpoint, event_type: str, facts: dict) -> bool:
    if event_type not in endpoint.events:
        return False
    locales = [locale.language_code for locale in endpoint.locales.all()]
    if locales and facts["locale"] not in locales:
        return False
    community_keys = [str(community.translation_key) for community in endpoint.communities.all()]
    return not community_keys or facts["_community_key"] in community_keys


def webhook_event_record(
    *,
    event_type: str,
    page: Page,
    previous_url_path: str | None = None,
) -> list[WebhookDelivery]:
    """Record the event for every active endpoint that wants it; returns the new deliveries.

    The payload's `url_path` is where a reader of the page's locale reads it now, by the one rule
    of `home.selectors.served_version`: the page's own path, or its source's when that is served
    in its place; None when nothing is served (a draft, an unpublished, expired or
    view-restricted page). `previous_url_path` (Wagtail's url_path before a move) is sent only
    for a page served at its own path.
    """
    endpoints = WebhookEndpoint.objects.filter(active=True).prefetch_related(
        "locales", "communities"
    )
    endpoints = [endpoint for endpoint in endpoints if event_type in endpoint.events]
    if not endpoints:
        return []
    served = served_version(page, page.locale)
    facts = _page_facts(page, served)
    wanting = [endpoint for endpoint in endpoints if _endpoint_wants(endpoint, event_type, facts)]
    if not wanting:
        return []
    event_id = uuid.uuid4()
    occurred_at = timezone.now()
    payload = {
        "id": str(event_id),
        "type": event_type,
        "occurred_at": occurred_at.isoformat(),
        "page": {key: value for key, value in facts.items() if not key.startswith("_")},
    }
    if previous_url_path is not None:
        own_path = served is not None and served.pk == page.pk
        payload["previous_url_path"] = page_frontend_path(previous_url_path) if own_path else None
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event_id=event_id,
            event_type=event_type,
            payload=payload,
            next_attempt_at=occurred_at,
            created_at=occurred_at,
            retry_until=occurred_at + _retry_window(),
        )
        for endpoint in wanting
    )


def webhook_body(payload: dict) -> bytes:
    """The exact bytes sent (and signed): compact JSON with sorted keys, UTF-8."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _retry_window() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TAPESTRY_WEBHOOK_GIVE_UP_AFTER_SECONDS)


def webhook_retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff after the n-th failed attempt, capped."""
    base = settings.TAPESTRY_WEBHOOK_RETRY_BASE_SECONDS
    cap = settings.TAPESTRY_WEBHOOK_RETRY_MAX_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** (attempts - 1), cap))


def log_text(text: str, *, limit: int) -> str:
    """Text from outside (a receiver's answer, a TLS or socket error) as the delivery log may
    keep it: control and format characters (NULs, terminal escapes, bidi overrides) become
    spaces, runs of white space one space, and at most `limit` characters remain. The admin
    escapes it like any other value when it shows it."""
    cleaned = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


@dataclass(frozen=True)
class _Outcome:
    status_code: int | None = None
    error: str = ""  # empty: delivered
    permanent: bool = False  # trying again cannot help (the URL itself is refused)


def _send(url: str, *, body: bytes, headers: dict[str, str]) -> _Outcome:
    """One POST to the URL if it may receive webhooks, to the addresses just checked."""
    timeout = settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS
    try:
        target = webhook_target(url)
    except WebhookTargetRefused as refusal:
        # Never connected to. At delivery time this can mean the host's DNS changed since the
        # endpoint was saved (a mistake, or someone aiming the worker at the inside).
        logger.warning("webhook to %s refused: %s", url, refusal.message)
        return _Outcome(error=f"Refused: {refusal.message}", permanent=refusal.permanent)
    try:
        response = webhook_post(target, body=body, headers=headers, timeout=timeout)
    except TimeoutError:
        return _Outcome(error=f"Timeout: no answer within {timeout} s")
    except ssl.SSLError as exc:
        return _Outcome(error=log_text(f"TLSError: {exc}", limit=ERROR_LENGTH))
    except http.client.HTTPException as exc:
        return _Outcome(error=log_text(f"InvalidResponse: {exc!r}", limit=ERROR_LENGTH))
    except OSError as exc:
        return _Outcome(error=log_text(f"ConnectionError: {exc}", limit=ERROR_LENGTH))
    if 200 <= response.status < 300:
        return _Outcome(status_code=response.status)
    excerpt = log_text(
        response.body.decode("utf-8", errors="replace"), limit=RESPONSE_EXCERPT_LENGTH
    )
    return _Outcome(
        status_code=response.status,
        error=f"HTTP {response.status}: {excerpt}" if excerpt else f"HTTP {response.status}",
    )


def _claim(delivery_id, *, now: datetime.datetime, force: bool) -> WebhookDelivery | None:
    """Take the delivery for one attempt, unless it is not due or another worker has it."""
    claim_until = now + datetime.timedelta(seconds=settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS * 3)
    due = Q(status=WebhookDelivery.Status.PENDING) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )
    if not force:
        due &= Q(next_attempt_at__lte=now)
    claimed = WebhookDelivery.objects.filter(due, pk=delivery_id).update(claimed_until=claim_until)
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


IN_FLIGHT = "In flight: sent, no outcome recorded yet (a worker stopped while waiting?)"


def _attempt_started(delivery: WebhookDelivery, *, now: datetime.datetime) -> None:
    """Count the attempt before the POST leaves, so the log shows every attempt the receiver
    may have seen, even one whose worker is killed before it can record the answer."""
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = None
    delivery.last_error = IN_FLIGHT
    delivery.save(update_fields=["attempts", "last_attempt_at", "last_status_code", "last_error"])


def webhook_delivery_attempt(*, delivery_id, force: bool = False) -> WebhookDelivery | None:
    """POST the delivery once if it is due; record the attempt before it leaves, then the
    outcome and when to try again.

    Returns the delivery, or None when there was nothing to do (not due, already done, or
    being sent by another worker).
    """
    now = timezone.now()
    delivery = _claim(delivery_id, now=now, force=force)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    body = webhook_body(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Tapestry-Webhooks/1",
        EVENT_HEADER: delivery.event_type,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: webhook_signature(secret=endpoint.secret, timestamp=timestamp, body=body),
        IDEMPOTENCY_HEADER: str(delivery.idempotency_key),
    }
    _attempt_started(delivery, now=now)
    outcome = _send(endpoint.url, body=body, headers=headers)

    finished = timezone.now()
    delivery.last_attempt_at = finished
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    delivery.claimed_until = None
    if not outcome.error:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = finished
    else:
        if outcome.permanent or finished >= delivery.retry_until:
            delivery.status = WebhookDelivery.Status.FAILED
            logger.warning(
                "webhook %s to %s failed for good: %s", delivery.pk, endpoint.url, outcome.error
            )
        else:
            delivery.next_attempt_at = finished + webhook_retry_delay(delivery.attempts)
            logger.info(
                "webhook %s to %s failed (attempt %d), retrying at %s: %s",
                delivery.pk,
                endpoint.url,
                delivery.attempts,
                delivery.next_attempt_at.isoformat(),
                outcome.error,
            )
    delivery.save(
        update_fields=[
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "claimed_until",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery


def webhook_deliveries_due(*, limit: int = 500) -> list:
    """Ids of pending deliveries whose next attempt is due and that no worker holds."""
    now = timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=now,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def webhook_delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again (from the admin), with the same body and idempotency key.

    The retry window starts again from now.
    """
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    now = timezone.now()
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.next_attempt_at = now
    delivery.retry_until = now + _retry_window()
    delivery.claimed_until = None
    delivery.save(update_fields=["status", "next_attempt_at", "retry_until", "claimed_until"])
    return delivery


@dataclass(frozen=True)
class EndpointEnsured:
    endpoint: WebhookEndpoint
    created: bool
    changed: list[str]


def webhook_endpoint_ensure(
    *, name: str, url: str, secret: str, events: list[str]
) -> EndpointEnsured:
    """The active endpoint at `url` with this secret and these events, every locale and
    community: created, or brought back to that; idempotent. Checked like one saved in the
    admin (ValidationError when the URL is refused)."""
    endpoint = WebhookEndpoint.objects.filter(url=url).order_by("pk").first()
    created = endpoint is None
    if created:
        endpoint = WebhookEndpoint(url=url)
    wanted = {"name": name, "secret": secret, "events": sorted(events), "active": True}
    changed = [field for field, value in wanted.items() if getattr(endpoint, field) != value]
    scoped = not created and (endpoint.locales.exists() or endpoint.communities.exists())
    if scoped:
        changed.append("scope")
    if created or changed:
        for field in set(changed) & set(wanted):
            setattr(endpoint, field, wanted[field])
        endpoint.full_clean()
        with transaction.atomic():
            endpoint.save()
            if scoped:
                endpoint.locales.clear()
                endpoint.communities.clear()
    return EndpointEnsured(endpoint, created, [] if created else changed)
