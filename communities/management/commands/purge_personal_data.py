"""Delete residents' personal data that is past its retention period."""

from django.core.management.base import BaseCommand

from communities.retention import personal_data_purge


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
        purged = personal_data_purge(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {purged.registrations} event registrations.")
        self.stdout.write(f"{verb} {purged.subscriptions} notice subscriptions.")
        self.stdout.write(
            f"{'Would anonymise' if dry_run else 'Anonymised'} {purged.feedback} feedback."
        )
