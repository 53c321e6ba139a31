"""Register a frontend's GraphQL documents as trusted documents, from its build's manifest."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schema.persisted.registry import (
    ManifestError,
    documents_check,
    documents_register,
    manifest_documents,
)
from schema.schema import schema


class Command(BaseCommand):
    help = (
        "Register the documents of a persisted documents manifest (GraphQL Code Generator's "
        "client preset, Relay's --persist-output, or Apollo's persisted query manifest), so "
        "/graphql/ serves them by hash, also with TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY on. "
        "Every document is checked against the schema and the limits first: one bad document "
        "and none is registered."
    )

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path, help="The manifest, a JSON file.")
        parser.add_argument(
            "--client", default="", help="The frontend the documents belong to (a label)."
        )

    def handle(self, *args, manifest: Path, client: str, **options):
        try:
            decoded = json.loads(manifest.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {manifest}: {error.strerror}.") from None
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{manifest} is not a JSON file: {error}") from None
        try:
            documents = documents_check(schema.graphql_schema, manifest_documents(decoded))
            registered = documents_register(documents, client_name=client)
        except ManifestError as error:
            raise CommandError(
                f"Nothing registered: {len(error.problems)} problem(s) in {manifest}:\n"
                + "\n".join(f"  {problem}" for problem in error.problems)
            ) from None
        for document in registered.created:
            self.stdout.write(f"registered {document.label}")
        for document in registered.existing:
            self.stdout.write(f"already registered {document.label}")
        who = f" for {client}" if client else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(registered.created)} document(s) registered{who}, "
                f"{len(registered.existing)} already registered."
            )
        )
