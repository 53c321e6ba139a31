"""Trusted documents: the GraphQL operations a frontend registered at build time.

`register_persisted_documents` writes them from a manifest; `/graphql/` serves each by its
SHA-256 hash (Automatic Persisted Queries' `sha256Hash`, or `documentId`) or by its alias (the id
Relay's compiler gave it), and with TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY on they are the only
documents anonymous clients may run.
"""

from django.db import models


class PersistedDocument(models.Model):
    sha256 = models.CharField(
        "SHA-256", max_length=64, unique=True, help_text="Hex digest of the document's UTF-8 text."
    )
    alias = models.CharField(
        max_length=128,
        unique=True,
        null=True,
        blank=True,
        help_text="The id the manifest gave it, when that is not its SHA-256 (Relay's MD5 ids).",
    )
    document = models.TextField()
    operation_names = models.JSONField(
        default=list, help_text="The names of the operations it defines (anonymous ones left out)."
    )
    client_name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        names = ", ".join(self.operation_names) or "anonymous"
        return f"{names} ({self.sha256[:12]})"
