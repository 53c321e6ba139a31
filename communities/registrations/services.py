"""Event registration: seats while they last, then a waitlist promoted in order.

Capacity holds under concurrency because every change to an event's registrations happens
while holding a row lock on the event's source page (`SELECT ... FOR UPDATE`): two residents
racing for the last seat are served one after the other, and the second sees the first's seat.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import EventPage
from communities.engagement import (
    EngagementError,
    email_clean,
    locale_clean,
    page_canonical,
    text_clean,
)
from communities.models import EventRegistration
from communities.registrations.selectors import seats_taken
from communities.signals import (
    registration_cancelled,
    registration_created,
    registration_promoted,
)

Status = EventRegistration.Status


def registration_refusal(event: EventPage, *, now=None) -> EngagementError | None:
    """Why the event takes no registrations now, or None when it does."""
    now = now or timezone.now()
    if not event.registration_required:
        return EngagementError(
            "This event does not take registrations.", field="eventId", code="REGISTRATION_CLOSED"
        )
    if now >= event.starts_at:
        return EngagementError(
            "This event has already started.", field="eventId", code="EVENT_STARTED"
        )
    if event.registration_deadline and now >= event.registration_deadline:
        return EngagementError(
            "Registration for this event has closed.", field="eventId", code="DEADLINE_PASSED"
        )
    return None


@dataclass(frozen=True)
class Registered:
    registration: EventRegistration
    cancel_token: str


def registration_create(
    *, event_id, name: str, email: str, party_size: int, locale: str | None, now=None
) -> Registered:
    """Register a party: confirmed while seats remain, else waitlisted.

    Refused (EngagementError) when the event is not served to the public (a draft, expired,
    private or unpublished event, in any of its versions: see `page_canonical`), takes no
    registrations, has started or is past its deadline, the party is larger than allowed, or
    the email is already registered for the event.
    """
    name = text_clean(name, field="name", max_length=120)
    email = email_clean(email)
    locale = locale_clean(locale)
    try:
        event = EventPage.objects.filter(pk=int(event_id)).first()
    except (TypeError, ValueError):
        event = None
    source = page_canonical(event, locale)  # the version that holds the registrations
    if source is None:
        raise EngagementError("There is no such event.", field="eventId", code="NOT_FOUND")
    if party_size is None or party_size < 1:
        raise EngagementError(
            "A party is at least one person.", field="partySize", code="OUT_OF_RANGE"
        )
    if party_size > source.max_party_size:
        raise EngagementError(
            f"At most {source.max_party_size} people per registration.",
            field="partySize",
            code="PARTY_TOO_LARGE",
        )
    if refusal := registration_refusal(source, now=now):
        raise refusal

    try:
        with transaction.atomic():
            locked = EventPage.objects.select_for_update().get(pk=source.pk)
            active = EventRegistration.objects.filter(event=locked, email=email).exclude(
                status=Status.CANCELLED
            )
            if active.exists():
                raise EngagementError(
                    "This email address is already registered for this event.",
                    field="email",
                    code="ALREADY_REGISTERED",
                )
            fits = locked.capacity is None or seats_taken(locked) + party_size <= locked.capacity
            registration = EventRegistration.objects.create(
                event=locked,
                name=name,
                email=email,
                party_size=party_size,
                locale=locale,
                status=Status.CONFIRMED if fits else Status.WAITLISTED,
                confirmed_at=timezone.now() if fits else None,
            )
            registration_created.send(EventRegistration, registration=registration)
    except IntegrityError:  # the same email won a race to the unique constraint
        raise EngagementError(
            "This email address is already registered for this event.",
            field="email",
            code="ALREADY_REGISTERED",
        ) from None
    return Registered(registration=registration, cancel_token=cancel_token(registration))


_SIGNER = Signer(salt="tapestry.registration.cancel")


def cancel_token(registration: EventRegistration) -> str:
    """The registration's cancel token: signed, so every mail can carry it and none is stored."""
    return _SIGNER.sign(str(registration.pk))


def registration_by_token(token: str) -> EventRegistration | None:
    try:
        pk = int(_SIGNER.unsign(token or ""))
    except (BadSignature, ValueError):
        return None
    return EventRegistration.objects.select_related("event").filter(pk=pk).first()


def registration_cancel(token: str) -> EventRegistration:
    """Cancel the registration behind `token`, then promote the waitlist in order."""
    with transaction.atomic():
        found = registration_by_token(token)
        if found is None:
            raise EngagementError(
                "This cancellation link is not valid.", field="token", code="INVALID_TOKEN"
            )
        EventPage.objects.select_for_update().get(pk=found.event_id)
        registration = EventRegistration.objects.get(pk=found.pk)
        if registration.status == Status.CANCELLED:
            raise EngagementError(
                "This registration was already cancelled.", field="token", code="ALREADY_CANCELLED"
            )
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = waitlist_promote(registration.event)
        registration_cancelled.send(EventRegistration, registration=registration)
        for each in promoted:
            registration_promoted.send(EventRegistration, registration=each)
    return registration


def waitlist_promote(event: EventPage) -> list[EventRegistration]:
    """Confirm waitlisted parties first-come first-served while their seats fit.

    Strictly in order: a party that does not fit keeps its place at the head of the line and
    nobody behind it jumps ahead. The caller holds the event's row lock.
    """
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    promoted = []
    for registration in EventRegistration.objects.filter(event=event, status=Status.WAITLISTED):
        if free is not None and registration.party_size > free:
            break
        registration.status = Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        promoted.append(registration)
        if free is not None:
            free -= registration.party_size
    return promoted


def registrations_expired(*, now=None):
    """Registrations for events that ended more than the retention period ago."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS)
    return EventRegistration.objects.filter(
        Q(event__ends_at__lt=before) | Q(event__ends_at__isnull=True, event__starts_at__lt=before)
    )
