"""Mails to residents about their event registrations, in the language they registered in."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from articles.models import EventPage
from communities.mail_texts import REGISTRATION, phrases
from communities.models import EventRegistration
from communities.registrations import cancel_token
from home.selectors import page_visible_in

Status = EventRegistration.Status


def cancel_url(registration: EventRegistration) -> str:
    """Where the resident cancels: the frontend's page, else Tapestry's own."""
    token = cancel_token(registration)
    if settings.TAPESTRY_FRONTEND_URL:
        base = settings.TAPESTRY_FRONTEND_URL.rstrip("/")
        return f"{base}/{registration.locale}/registrations/cancel?token={token}"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/residents/registrations/cancel/{token}/"


def event_in_locale(event: EventPage, code: str) -> EventPage:
    """The event as the resident reads it: its live translation in `code`, else the source."""
    return page_visible_in(event, code) or event


def ics_for(event: EventPage, registration: EventRegistration) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Tapestry//Shanghai International Communities//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{registration.event_id}-registration-{registration.pk}@tapestry")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", timezone.localtime(event.starts_at))
    entry.add("dtend", timezone.localtime(event.ends_at or event.starts_at + timedelta(hours=2)))
    entry.add("summary", event.title)
    entry.add("location", ", ".join(part for part in (event.venue, event.address) if part))
    if event.summary:
        entry.add("description", event.summary)
    calendar.add_component(entry)
    return calendar.to_ical()


def waitlist_position(registration: EventRegistration) -> int:
    ahead = EventRegistration.objects.filter(
        event_id=registration.event_id,
        status=Status.WAITLISTED,
        created_at__lt=registration.created_at,
    )
    return ahead.count() + 1


def registration_mail(registration: EventRegistration, kind: str) -> EmailMultiAlternatives:
    """The mail for `kind`: "confirmed", "waitlisted", "promoted" or "cancelled"; "created"
    picks confirmed or waitlisted from the registration's current status."""
    words = phrases(REGISTRATION, registration.locale)
    event = event_in_locale(registration.event, registration.locale)
    if kind == "created":
        kind = "confirmed" if registration.status == Status.CONFIRMED else "waitlisted"
    subject = words[f"{kind}_subject"].format(title=event.title)
    lead = words[kind].format(position=waitlist_position(registration))
    starts = timezone.localtime(event.starts_at)
    when = f"{starts:%Y-%m-%d %H:%M} ({settings.TIME_ZONE})"
    where = ", ".join(part for part in (event.venue, event.address) if part)
    details = [
        (words["when"], when),
        (words["where"], where),
        (words["party"], str(registration.party_size)),
    ]
    link = cancel_url(registration) if kind != "cancelled" else None
    lines = [lead, "", event.title, *[f"{label}: {value}" for label, value in details]]
    if link:
        lines += ["", words["cancel"], link]
    attach = kind in {"confirmed", "promoted"}
    if attach:
        lines += ["", words["calendar"]]
    html = format_html(
        "<p>{}</p><h2>{}</h2><dl>{}</dl>{}{}",
        lead,
        event.title,
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", details),
        format_html('<p>{} <a href="{}">{}</a></p>', words["cancel"], link, link) if link else "",
        format_html("<p>{}</p>", words["calendar"]) if attach else "",
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(str(html), "text/html")
    if attach:
        message.attach("event.ics", ics_for(event, registration), "text/calendar; method=PUBLISH")
    return message


def registration_mail_send(registration_id: int, kind: str) -> bool:
    """Send the mail; False when the registration no longer exists (nothing to send)."""
    registration = (
        EventRegistration.objects.select_related("event").filter(pk=registration_id).first()
    )
    if registration is None:
        return False
    registration_mail(registration, kind).send()
    return True
