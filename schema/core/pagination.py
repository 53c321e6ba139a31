"""Relay connections with `totalCount`, `first`/`after` (default 20, at most 100), opaque cursors.

A connection's items are fetched in one query (plus one for the count); whatever the nodes need
beyond their own row is loaded for the whole page of items at once (see `schema.core.loaders`).
Lists nested in the nodes of a list (each community's articles) are fetched together, for all
the nodes at once (`connection_of` builds each one's connection).
"""

import base64
import binascii
from collections.abc import Callable, Sequence

import graphene
from django.conf import settings

from schema.core.errors import InputError

CURSOR_PREFIX = "tapestry:"


def cursor_encode(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def cursor_decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError(cursor)
        offset = int(text.removeprefix(CURSOR_PREFIX))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InputError(
            "This cursor is not one the API gave out.", field="after", code="INVALID_CURSOR"
        ) from None
    if offset < 0:
        raise InputError(
            "This cursor is not one the API gave out.", field="after", code="INVALID_CURSOR"
        )
    return offset


def page_size(first: int | None) -> int:
    limit = settings.TAPESTRY_GRAPHQL_MAX_PAGE_SIZE
    if first is None:
        return settings.TAPESTRY_GRAPHQL_DEFAULT_PAGE_SIZE
    if first < 1 or first > limit:
        raise InputError(
            f"`first` must be between 1 and {limit}.", field="first", code="OUT_OF_RANGE"
        )
    return first


class CountedConnection(graphene.relay.Connection):
    """A Relay connection that also tells how many items there are in all."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="How many items match, in all pages.")


def connection_for(node_type) -> type[CountedConnection]:
    """The connection type of `node_type`, e.g. `ArticleConnection`."""
    name = node_type._meta.name
    return type(
        f"{name}Connection", (CountedConnection,), {"Meta": type("Meta", (), {"node": node_type})}
    )


def page_bounds(first: int | None, after: str | None) -> tuple[int, int]:
    """The size and offset of the page `first` and `after` ask for (checked)."""
    size = page_size(first)
    offset = cursor_decode(after) + 1 if after else 0
    return size, offset


def paginate(
    connection_type: type[CountedConnection],
    items,  # a queryset, search results, or a list
    *,
    first: int | None,
    after: str | None,
    prepare: Callable[[Sequence], Sequence] | None = None,
) -> CountedConnection:
    """Slice `items` (a queryset or search results) into one page of `connection_type`.

    `prepare` receives the page of items and returns the nodes (e.g. after registering them with
    the request's loaders); it sees only the items of this page.
    """
    size, offset = page_bounds(first, after)
    total = len(items) if isinstance(items, list) else items.count()
    # A cursor past the end (the list shrank since, or it was made up) is an empty page; the
    # database is never asked for an offset beyond its rows, which it may not even represent.
    window = list(items[offset : offset + size]) if offset < total else []
    nodes = prepare(window) if prepare else window
    return connection_of(connection_type, nodes, offset=offset, window=len(window), total=total)


def connection_of(
    connection_type: type[CountedConnection],
    nodes: Sequence,
    *,
    offset: int,
    window: int,
    total: int,
) -> CountedConnection:
    """The connection of one page of nodes: the `window` items from `offset` of `total` in all
    (e.g. sliced by `paginate`, or loaded with the same page of other lists)."""
    edge_type = connection_type.Edge
    edges = [
        edge_type(node=node, cursor=cursor_encode(offset + index))
        for index, node in enumerate(nodes)
    ]
    return connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            has_previous_page=offset > 0,
            has_next_page=offset + window < total,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def connection_arguments() -> dict:
    return {
        "first": graphene.Int(description="How many items (default 20, at most 100)."),
        "after": graphene.String(description="The `endCursor` of the previous page."),
    }
