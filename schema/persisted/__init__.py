"""Persisted queries and the document cache of `/graphql/`.

- `protocol`: which document a request runs: its `query`, an Automatic Persisted Query's hash,
  or a trusted document's `documentId`; trusted-documents-only mode;
- `documents`: parsed, checked and validated documents, kept per process by their SHA-256;
- `registry`: reading the manifests frontends' build tools write and registering their documents
  as trusted ones (`register_persisted_documents`).

May import `schema.core` and the `schema` app's models; the view imports it, never the reverse.
"""
