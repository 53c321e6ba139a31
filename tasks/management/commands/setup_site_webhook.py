"""Create or update a frontend's webhook endpoint (`make run` does it for the residents' site)."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tasks.models import WebhookEvent
from tasks.services.webhooks import webhook_endpoint_ensure


class Command(BaseCommand):
    help = (
        "Make sure an active webhook endpoint posts every page event to URL (default: "
        "TAPESTRY_SITE_WEBHOOK_URL; neither: nothing to do), signed with the secret from "
        "--secret-file (written with a new secret when the file does not exist) or "
        "TAPESTRY_SITE_WEBHOOK_SECRET. Idempotent: run again, it changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url",
            nargs="?",
            default=os.environ.get("TAPESTRY_SITE_WEBHOOK_URL", "").strip(),
            help="The receiver, e.g. http://127.0.0.1:3000/api/revalidate",
        )
        parser.add_argument("--name", default="Residents' site")
        parser.add_argument(
            "--secret-file",
            type=Path,
            help="A file holding the secret; created with a new random secret when missing.",
        )

    def handle(self, *args, url: str, name: str, secret_file: Path | None, **options):
        if not url:
            if options["verbosity"] >= 1:
                self.stdout.write("No site webhook to set up (TAPESTRY_SITE_WEBHOOK_URL is empty).")
            return
        secret = self._secret(secret_file)
        try:
            ensured = webhook_endpoint_ensure(
                name=name, url=url, secret=secret, events=list(WebhookEvent.values)
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(f"Webhook endpoint {url} refused: {problems}") from None
        if ensured.created:
            self.stdout.write(self.style.SUCCESS(f"Webhook endpoint {name!r} created for {url}."))
        elif ensured.changed:
            fields = ", ".join(ensured.changed)
            self.stdout.write(self.style.SUCCESS(f"Webhook endpoint for {url} updated ({fields})."))
        elif options["verbosity"] >= 1:
            self.stdout.write(f"Webhook endpoint for {url} already in place.")

    def _secret(self, secret_file: Path | None) -> str:
        if secret_file is None:
            secret = os.environ.get("TAPESTRY_SITE_WEBHOOK_SECRET", "").strip()
            if not secret:
                raise CommandError("Give --secret-file or set TAPESTRY_SITE_WEBHOOK_SECRET.")
            return secret
        if not secret_file.exists():
            secret_file.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as output:
                output.write(secrets.token_urlsafe(32) + "\n")
        secret = secret_file.read_text().strip()
        if not secret:
            raise CommandError(f"{secret_file} is empty.")
        return secret
