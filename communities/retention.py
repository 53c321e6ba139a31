"""Residents' personal data past its retention period (`TAPESTRY_PERSONAL_DATA_RETENTION_DAYS`):
deleted, or for feedback anonymised, by `personal_data_purge`.

Each room says what of its own is past the period; this runs them together, in one transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from communities.feedback.services import feedback_anonymise, feedback_expired
from communities.registrations.services import registrations_expired
from communities.subscriptions.services import subscriptions_expired


@dataclass(frozen=True)
class Purged:
    """How many records were deleted or anonymised (or would be, on a dry run)."""

    registrations: int
    subscriptions: int
    feedback: int


def personal_data_purge(*, dry_run: bool = False, now=None) -> Purged:
    """Delete registrations for events that ended before the retention period, subscriptions
    unsubscribed before it or never confirmed while their link worked, and anonymise closed
    feedback (message, email and notes removed; category, community and dates kept).

    With `dry_run`, count what would go and change nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        deleted = {}
        for name, queryset in (
            ("registrations", registrations_expired(now=now)),
            ("subscriptions", subscriptions_expired(now=now)),
        ):
            if dry_run:
                deleted[name] = queryset.count()
            else:
                deleted[name] = queryset.delete()[1].get(queryset.model._meta.label, 0)
        expired = feedback_expired(now=now)
        anonymised = expired.count() if dry_run else feedback_anonymise(expired)
    return Purged(**deleted, feedback=anonymised)
