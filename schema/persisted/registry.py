"""Trusted documents from the manifests that frontends' build tools write.

Read (`manifest_documents`):
- GraphQL Code Generator's client preset with `persistedDocuments` (`persisted-documents.json`)
  and Relay's compiler with `persistConfig` (`--persist-output`): a JSON object mapping each
  document's id to its text. An id of 64 hexadecimal digits, bare or after `sha256:` (the client
  preset's ids with `hashAlgorithm: "sha256"`), is a SHA-256 hash and must be the hash of its
  text; any other id (Relay's MD5 ids, a SHA-1) is kept as the document's alias,
  which `documentId` may name;
- Apollo's persisted query manifest (`@apollo/generate-persisted-query-manifest`):
  `{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "name",
  "type", "body"}]}`, `id` being the SHA-256 of `body`.

Every document is keyed by the SHA-256 of its text. It must parse, pass the structure limits,
cost no more than the limit with its variables left out, and validate against the schema, as
`/graphql/` would check it (`documents_check`); `documents_register` then stores all of them in
one transaction, or none.
"""

from dataclasses import dataclass

from django.db import transaction
from graphql import GraphQLSchema, OperationDefinitionNode

from schema.models import PersistedDocument
from schema.persisted.documents import Prepared, sha256_hex
from schema.persisted.protocol import ALIAS, SHA256

APOLLO_FORMAT = "apollo-persisted-query-manifest"
# How GraphQL Code Generator's client preset prefixes SHA-256 ids.
HASH_PREFIX = "sha256:"


class ManifestError(Exception):
    """A manifest that cannot be registered; `problems` says every reason, one a line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Document:
    sha256: str
    alias: str | None
    text: str
    operation_names: list[str]

    @property
    def label(self) -> str:
        names = ", ".join(self.operation_names) or "(anonymous)"
        alias = f" (id {self.alias})" if self.alias else ""
        return f"{self.sha256} {names}{alias}"


def manifest_documents(manifest) -> list[tuple[str, str]]:
    """The (id, text) pairs of a decoded manifest, in its order."""
    if isinstance(manifest, dict) and manifest.get("format") == APOLLO_FORMAT:
        if manifest.get("version") != 1:
            raise ManifestError(["Only version 1 of Apollo's persisted query manifest is read."])
        operations = manifest.get("operations")
        if not isinstance(operations, list) or not all(
            isinstance(operation, dict) for operation in operations
        ):
            raise ManifestError(["`operations` must be a list of objects."])
        return [(operation.get("id"), operation.get("body")) for operation in operations]
    if isinstance(manifest, dict):
        return list(manifest.items())
    raise ManifestError(
        ["A manifest is a JSON object: {id: document}, or Apollo's persisted query manifest."]
    )


def documents_check(schema: GraphQLSchema, pairs: list[tuple[str, str]]) -> list[Document]:
    """The documents, each checked as `/graphql/` would; ManifestError listing every fault."""
    problems, documents = [], []
    for key, text in pairs:
        label = repr(key)[:80]
        if not isinstance(key, str) or not isinstance(text, str):
            problems.append(f"{label}: the id and the document must be strings.")
            continue
        digest = sha256_hex(text)
        alias = None
        hashed = key.removeprefix(HASH_PREFIX)
        if SHA256.fullmatch(hashed):
            if hashed.lower() != digest:
                problems.append(f"{label}: not the SHA-256 hash of its document ({digest}).")
                continue
        elif ALIAS.fullmatch(key) and not key.lower().startswith(HASH_PREFIX):
            alias = key
        else:
            problems.append(
                f"{label}: an id is 64 hexadecimal digits (SHA-256, optionally after "
                "`sha256:`) or up to 128 letters, digits and `_.:-`."
            )
            continue
        names, errors = _operation_names(schema, text)
        if errors:
            problems.extend(f"{label}: {error}" for error in errors)
            continue
        documents.append(Document(digest, alias, text, names))
    problems.extend(_duplicate_problems(documents))
    if problems:
        raise ManifestError(problems)
    return documents


def _operation_names(schema: GraphQLSchema, text: str) -> tuple[list[str], list[str]]:
    """The names of the document's operations, and why it may not be registered."""
    prepared = Prepared(schema, text)
    if prepared.document is None:
        return [], [error.message for error in prepared.errors]
    operations = [
        definition
        for definition in prepared.document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    if not operations:
        return [], ["it defines no operation."]
    names = [operation.name.value if operation.name else None for operation in operations]
    for operation, name in zip(operations, names, strict=True):
        errors = prepared.check(operation, name, None)
        if errors:
            return [], [error.message for error in errors]
    return [name for name in names if name], []


def _duplicate_problems(documents: list[Document]) -> list[str]:
    """One document under two different aliases, or one alias for two documents."""
    problems, aliases, owners = [], {}, {}
    for document in documents:
        if document.alias is None:
            continue
        if aliases.setdefault(document.sha256, document.alias) != document.alias:
            problems.append(
                f"{document.sha256}: listed under two ids, "
                f"{aliases[document.sha256]} and {document.alias}."
            )
        if owners.setdefault(document.alias, document.sha256) != document.sha256:
            problems.append(f"{document.alias!r}: the id of two different documents.")
    return problems


@dataclass
class Registered:
    created: list[Document]
    existing: list[Document]


@transaction.atomic
def documents_register(documents: list[Document], client_name: str = "") -> Registered:
    """Stores the documents not registered yet, all or none; an alias a document registered
    without is added to it. ManifestError when an alias is taken by another document."""
    result = Registered(created=[], existing=[])
    known = {
        row.sha256: row
        for row in PersistedDocument.objects.select_for_update().filter(
            sha256__in={document.sha256 for document in documents}
        )
    }
    taken = dict(
        PersistedDocument.objects.filter(
            alias__in={document.alias for document in documents if document.alias}
        ).values_list("alias", "sha256")
    )
    problems = []
    for document in documents:
        owner = taken.get(document.alias)
        if owner is not None and owner != document.sha256:
            problems.append(f"{document.alias!r}: already the id of the document {owner}.")
            continue
        row = known.get(document.sha256)
        if row is None:
            known[document.sha256] = PersistedDocument.objects.create(
                sha256=document.sha256,
                alias=document.alias,
                document=document.text,
                operation_names=document.operation_names,
                client_name=client_name,
            )
            result.created.append(document)
            continue
        if document.alias and row.alias != document.alias:
            if row.alias:
                problems.append(f"{document.sha256}: already registered with the id {row.alias!r}.")
                continue
            row.alias = document.alias
            row.save(update_fields=["alias"])
        result.existing.append(document)
    if problems:
        raise ManifestError(problems)
    return result
