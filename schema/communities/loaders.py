"""Loaders of communities' data: the community a page belongs to, and an event's seats."""

from articles.models import EventPage
from communities.registrations.selectors import Seats, seats_by_event_key
from communities.selectors import communities_of
from schema.core.loaders import Served, loaders_of


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
