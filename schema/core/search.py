"""The search text every search argument takes (`search(query:)`, `articles(search:)`)."""

from schema.core.errors import InputError

SEARCH_LIMIT = 1000  # best matches considered by a search
SEARCH_MAX_LENGTH = 200


def search_text(query: str | None, field: str) -> str:
    """The search text, stripped; an input error when it is empty or too long."""
    text = (query or "").strip()
    if not text:
        raise InputError("The search text is empty.", field=field, code="REQUIRED")
    if len(text) > SEARCH_MAX_LENGTH:
        raise InputError(
            f"The search text is longer than {SEARCH_MAX_LENGTH} characters.",
            field=field,
            code="TOO_LONG",
        )
    return text
