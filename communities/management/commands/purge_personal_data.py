"""Delete residents' personal data that is past its retention period."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from communities.feedback import feedback_anonymise, feedback_expired
from communities.models import EventRegistration
from communities.subscriptions import subscriptions_expired


def registrations_expired(*, now=None):
    """Registrations for events that ended more than the retention period ago."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS)
    return EventRegistration.objects.filter(
        Q(event__ends_at__lt=before) | Q(event__ends_at__isnull=True, event__starts_at__lt=before)
    )


class Command(BaseCommand):
    help = (
        "Delete personal data past TAPESTRY_PERSONAL_DATA_RETENTION_DAYS: registrations for "
        "events that ended before it, subscriptions unsubscribed before it, and subscriptions "
        "never confirmed while their confirmation link worked; closed feedback is anonymised "
        "(message, email and notes removed; category, community and dates kept for statistics)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        targets = {
            "event registrations": registrations_expired(now=now),
            "notice subscriptions": subscriptions_expired(now=now),
        }
        verb = "Would delete" if dry_run else "Deleted"
        with transaction.atomic():
            for label, queryset in targets.items():
                if dry_run:
                    count = queryset.count()
                else:
                    count = queryset.delete()[1].get(queryset.model._meta.label, 0)
                self.stdout.write(f"{verb} {count} {label}.")
            expired = feedback_expired(now=now)
            count = expired.count() if dry_run else feedback_anonymise(expired)
            self.stdout.write(f"{'Would anonymise' if dry_run else 'Anonymised'} {count} feedback.")
