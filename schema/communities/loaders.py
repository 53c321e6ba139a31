"""Loaders of communities' data: the community a page belongs to, its contacts, the lists
nested in it (its articles, its events), and an event's seats."""

from collections.abc import Callable, Sequence

from articles.models import EventPage
from articles.selectors import Scope
from communities.models import CommunityPage
from communities.registrations.selectors import Seats, seats_by_event_key
from communities.selectors import communities_of, contacts_by_page
from home.selectors import community_paths_for_keys, pages_windowed
from schema.core.loaders import Served, loaders_of, served_of
from schema.core.pagination import CountedConnection, connection_of, page_bounds


def community_of(info, page):
    """The community the page belongs to (None: city-wide), served for the page's locale; the
    communities found are registered for that locale."""
    loaders = loaders_of(info)

    def fetch(pages: list, served: Served) -> dict:
        found = communities_of(pages, served.locale, served.source)
        loaders.register(found.values(), served.locale, served.source)
        return found

    return loaders.load("communities", page, fetch).get(page.pk)


def _seats(pages: list, served: Served) -> dict:
    events = [page for page in pages if isinstance(page, EventPage)]
    if not events:
        return {}
    seats = seats_by_event_key({event.translation_key for event in events})
    return {event.pk: seats.get(event.translation_key, Seats(0, 0)) for event in events}


def seats_of(info, event: EventPage) -> Seats:
    """The event's confirmed seats and waitlist (held by its source page, in every locale)."""
    return loaders_of(info).load("seats", event, _seats).get(event.pk, Seats(0, 0))


def _contacts(pages: list, served: Served) -> dict:
    return contacts_by_page(page.pk for page in pages if isinstance(page, CommunityPage))


def contacts_of(info, community: CommunityPage) -> list:
    """The community's contacts, in the editor's order; a preview's as the editor left them."""
    if served_of(info, community).is_preview:
        contacts = community.contacts.all()
    else:
        contacts = loaders_of(info).load("contacts", community, _contacts).get(community.pk, [])
    # The model has no default ordering.
    return sorted(contacts, key=lambda contact: (contact.sort_order or 0, contact.pk or 0))


def _community_paths(pages: list, served: Served) -> dict:
    """Where the copies (in the served and the source locale) of each community are in the
    tree: {translation key: [paths]}."""
    keys = {page.translation_key for page in pages if isinstance(page, CommunityPage)}
    if not keys:
        return {}
    found: dict = {}
    for path, key in community_paths_for_keys(keys, {served.locale, served.source}).items():
        found.setdefault(key, []).append(path)
    return found


def community_list(
    connection_type: type[CountedConnection],
    info,
    community: CommunityPage,
    args: dict,
    select: Callable[[Scope, dict], object],
    order: Sequence[str],
) -> CountedConnection:
    """One page of a list nested in a community (its articles or events, as `select` selects
    them for a scope and the list's arguments, in `order`), in the locale the community is
    served for.

    The same list (the same arguments) of every community served for that locale is loaded with
    it: the first time one is asked for, one query (each community's page of items, with its
    total) serves them all, and their items are registered together, so what the items need is
    loaded for all of them at once too. Where each community's copies are in the tree is loaded
    once for all its lists. Cursors are offsets within each community's list, as in any
    connection.
    """
    loaders = loaders_of(info)
    name = f"{connection_type.__name__}:{sorted(args.items())!r}"

    def fetch(pages: list, served: Served) -> dict:
        communities = [page for page in pages if isinstance(page, CommunityPage)]
        if not communities:
            return {}
        scope = Scope(served.locale, served.source)
        size, offset = page_bounds(args.get("first"), args.get("after"))
        keys = {page.translation_key for page in communities}
        trees: dict = {}
        for page in communities:  # one query at most, for every community not covered yet
            trees = loaders.load("community_paths", page, _community_paths)
        paths = {path: key for key in keys for path in trees.get(key, ())}
        # A search's matches come from the search backend: only lists without one are the same
        # SQL whenever their arguments are (compiled once: `home.prepared`).
        prepared = (
            None if args.get("search") is not None else (name, served.locale.pk, served.source.pk)
        )
        totals, windows = pages_windowed(
            lambda: select(scope, args), paths, order, offset, size, key=prepared
        )
        for window in windows.values():
            loaders.register(window, served.locale, served.source)
        return {key: (windows.get(key, []), totals.get(key, 0)) for key in keys}

    nodes, total = loaders.load(name, community, fetch)[community.translation_key]
    _size, offset = page_bounds(args.get("first"), args.get("after"))
    return connection_of(connection_type, nodes, offset=offset, window=len(nodes), total=total)
