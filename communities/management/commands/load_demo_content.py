from django.core.management.base import BaseCommand

from communities.setup.demo.builder import (
    DEMO_PASSWORD,
    DEMO_USERS,
    demo_content_load,
    demo_users_default,
)


class Command(BaseCommand):
    help = (
        "Run setup_tapestry, then add realistic demo content: articles and events for every "
        "community and city-wide, topics, bureaus, generated images and translations. "
        "Idempotent: a second run creates nothing. Demo users are created on the embedded "
        "SQLite default, or with --with-demo-users."
    )

    def add_arguments(self, parser):
        users = parser.add_mutually_exclusive_group()
        users.add_argument(
            "--with-demo-users",
            action="store_true",
            help=f"Create the demo users (password {DEMO_PASSWORD!r}) on any database.",
        )
        users.add_argument("--no-demo-users", action="store_true", help="Do not create demo users.")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if options["with_demo_users"]:
            with_users = True
        elif options["no_demo_users"]:
            with_users = False
        else:
            with_users = demo_users_default()
        report = demo_content_load(
            with_users=with_users, stdout=self.stdout if verbosity >= 1 else None
        )
        if verbosity < 1:
            return

        totals = ", ".join(f"{count} {what}" for what, count in report.totals.items())
        per_locale = ", ".join(f"{code} {count}" for code, count in report.pages_per_locale.items())
        self.stdout.write(f"Content: {totals}.")
        self.stdout.write(f"Pages per locale: {per_locale}.")
        if report.created_anything:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded in {report.elapsed:.1f} s: created "
                    f"{report.articles} articles, {report.events} events, "
                    f"{report.page_translations} page translations, {report.topics} topics, "
                    f"{report.bureaus} bureaus, {report.snippet_translations} snippet "
                    f"translations, {report.images} images."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content already in place ({report.elapsed:.1f} s): nothing created."
                )
            )
        self._users(report, with_users)

    def _users(self, report, with_users: bool) -> None:
        if not with_users:
            return
        roles = {user.username: user.role for user in DEMO_USERS}
        if report.users_created:
            self.stdout.write(f"Demo users (password {DEMO_PASSWORD!r}):")
            for username in report.users_created:
                self.stdout.write(f"  {username:<18} {roles[username]}")
        if report.users_existing:
            self.stdout.write(
                "Demo users already present (passwords left unchanged): "
                + ", ".join(report.users_existing)
            )
        if report.users_skipped:
            self.stdout.write(
                self.style.WARNING(
                    "Demo users skipped, their group does not exist: "
                    + ", ".join(report.users_skipped)
                )
            )
