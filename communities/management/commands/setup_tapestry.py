from django.core.management.base import BaseCommand

from communities.setup.services import setup_tapestry


class Command(BaseCommand):
    help = (
        "Create the locales, site, page-tree skeleton (one subtree per community, in every locale) "
        "and editorial groups. Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        report = setup_tapestry()
        if verbosity >= 2:
            for change in report.changes:
                self.stdout.write(f"  {change}")
        if verbosity >= 1:
            if report.changes:
                summary = f"Setup done: {len(report.changes)} changes."
            else:
                summary = "Setup done: everything was already in place."
            self.stdout.write(self.style.SUCCESS(summary))
