from django.core.management.base import BaseCommand

from communities.setup import setup_tapestry


class Command(BaseCommand):
    help = (
        "Create the locales, site, page-tree skeleton (one subtree per community, in every locale) "
        "and editorial groups. Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        report = setup_tapestry()
        if report.created:
            for item in report.created:
                self.stdout.write(f"  created {item}")
            self.stdout.write(
                self.style.SUCCESS(f"Setup done: {len(report.created)} items created.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Setup done: everything was already in place."))
