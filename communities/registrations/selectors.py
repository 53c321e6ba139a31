"""Read-side queries of event registrations: seats taken, waitlist lengths and positions."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from articles.models import EventPage
from communities.models import EventRegistration

Status = EventRegistration.Status


@dataclass(frozen=True)
class Seats:
    confirmed_seats: int
    waitlist_length: int


def seats_taken(event: EventPage) -> int:
    """Seats held by the event's confirmed parties."""
    confirmed = EventRegistration.objects.filter(event=event, status=Status.CONFIRMED)
    return confirmed.aggregate(seats=Sum("party_size"))["seats"] or 0


def seats_by_event_key(translation_keys: Iterable) -> dict:
    """Confirmed seats and waitlist length per event translation key, in one query."""
    rows = (
        EventRegistration.objects.filter(event__translation_key__in=set(translation_keys))
        .values("event__translation_key")
        .annotate(
            seats=Sum("party_size", filter=Q(status=Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        )
    )
    return {row["event__translation_key"]: Seats(row["seats"] or 0, row["waiting"]) for row in rows}


def waitlist_position(registration: EventRegistration) -> int:
    """The registration's place in its event's waitlist: 1 for the head of the line."""
    ahead = EventRegistration.objects.filter(
        event_id=registration.event_id,
        status=Status.WAITLISTED,
        created_at__lt=registration.created_at,
    )
    return ahead.count() + 1


def with_event_seats(registrations):
    """Registrations annotated with their event's confirmed seats (`event_seats_taken`)."""
    confirmed = (
        EventRegistration.objects.filter(event_id=OuterRef("event_id"), status=Status.CONFIRMED)
        .order_by()
        .values("event_id")
        .annotate(seats=Sum("party_size"))
        .values("seats")
    )
    return registrations.annotate(
        event_seats_taken=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)
    )
