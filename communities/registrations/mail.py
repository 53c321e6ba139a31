"""Mails to residents about their event registrations, in the language they registered in.

Content (event titles, venues) comes from the content's own translations; only the fixed
phrases are written here (`REGISTRATION`). A language missing from the table falls back to
English.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from articles.models import EventPage
from communities.engagement import phrases
from communities.models import EventRegistration
from communities.registrations.selectors import waitlist_position
from communities.registrations.services import cancel_token
from home.selectors import served_version

Status = EventRegistration.Status

REGISTRATION = {
    "en": {
        "confirmed_subject": "Registration confirmed: {title}",
        "waitlisted_subject": "You are on the waitlist: {title}",
        "promoted_subject": "A place opened up: {title}",
        "cancelled_subject": "Registration cancelled: {title}",
        "confirmed": "Your place is confirmed.",
        "waitlisted": "The event is full, so you are on the waitlist (number {position}). We "
        "will write to you if a place opens up.",
        "promoted": "Good news: a place opened up and your registration is now confirmed.",
        "cancelled": "Your registration has been cancelled. Thank you for letting us know.",
        "when": "When",
        "where": "Where",
        "party": "People",
        "cancel": "Can't come? Cancel your registration so someone else can take your place:",
        "calendar": "The attached file adds the event to your calendar.",
    },
    "zh-hans": {
        "confirmed_subject": "报名成功：{title}",
        "waitlisted_subject": "您已进入候补名单：{title}",
        "promoted_subject": "已有空位，您的报名已确认：{title}",
        "cancelled_subject": "报名已取消：{title}",
        "confirmed": "您的名额已确认。",
        "waitlisted": "活动名额已满，您在候补名单第 {position} 位。如有空位，我们会发邮件通知您。",
        "promoted": "好消息：有名额空出，您的报名现已确认。",
        "cancelled": "您的报名已取消，感谢告知。",
        "when": "时间",
        "where": "地点",
        "party": "人数",
        "cancel": "无法参加？请取消报名，把名额留给其他居民：",
        "calendar": "附件可将活动添加到您的日历。",
    },
    "ja": {
        "confirmed_subject": "お申し込みが確定しました：{title}",
        "waitlisted_subject": "キャンセル待ちに登録されました：{title}",
        "promoted_subject": "空きが出たため、お申し込みが確定しました：{title}",
        "cancelled_subject": "お申し込みを取り消しました：{title}",
        "confirmed": "お席が確定しました。",
        "waitlisted": "満席のため、キャンセル待ち（{position}番目）に登録しました。空きが出ましたらご連絡します。",
        "promoted": "空きが出たため、お申し込みが確定しました。",
        "cancelled": "お申し込みを取り消しました。ご連絡ありがとうございます。",
        "when": "日時",
        "where": "会場",
        "party": "人数",
        "cancel": "参加できなくなった場合は、他の方のために取り消してください：",
        "calendar": "添付ファイルでカレンダーに追加できます。",
    },
    "ko": {
        "confirmed_subject": "신청이 확정되었습니다: {title}",
        "waitlisted_subject": "대기자 명단에 등록되었습니다: {title}",
        "promoted_subject": "자리가 생겨 신청이 확정되었습니다: {title}",
        "cancelled_subject": "신청이 취소되었습니다: {title}",
        "confirmed": "자리가 확정되었습니다.",
        "waitlisted": "정원이 찼습니다. 대기 {position}번으로 등록되었으며 자리가 나면 알려 드리겠습니다.",
        "promoted": "좋은 소식입니다. 자리가 생겨 신청이 확정되었습니다.",
        "cancelled": "신청이 취소되었습니다. 알려 주셔서 감사합니다.",
        "when": "일시",
        "where": "장소",
        "party": "인원",
        "cancel": "참석할 수 없으면 다른 분을 위해 신청을 취소해 주세요:",
        "calendar": "첨부 파일로 일정을 캘린더에 추가할 수 있습니다.",
    },
    "fr": {
        "confirmed_subject": "Inscription confirmée : {title}",
        "waitlisted_subject": "Vous êtes sur liste d'attente : {title}",
        "promoted_subject": "Une place s'est libérée : {title}",
        "cancelled_subject": "Inscription annulée : {title}",
        "confirmed": "Votre place est confirmée.",
        "waitlisted": "L'événement est complet : vous êtes sur liste d'attente (n° {position}). "
        "Nous vous écrirons si une place se libère.",
        "promoted": "Bonne nouvelle : une place s'est libérée et votre inscription est confirmée.",
        "cancelled": "Votre inscription est annulée. Merci de nous avoir prévenus.",
        "when": "Quand",
        "where": "Où",
        "party": "Personnes",
        "cancel": "Vous ne pouvez pas venir ? Annulez pour laisser votre place :",
        "calendar": "Le fichier joint ajoute l'événement à votre agenda.",
    },
    "de": {
        "confirmed_subject": "Anmeldung bestätigt: {title}",
        "waitlisted_subject": "Sie stehen auf der Warteliste: {title}",
        "promoted_subject": "Ein Platz ist frei geworden: {title}",
        "cancelled_subject": "Anmeldung storniert: {title}",
        "confirmed": "Ihr Platz ist bestätigt.",
        "waitlisted": "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste (Nr. "
        "{position}); wir schreiben Ihnen, sobald ein Platz frei wird.",
        "promoted": "Gute Nachricht: Ein Platz ist frei geworden, Ihre Anmeldung ist bestätigt.",
        "cancelled": "Ihre Anmeldung wurde storniert. Danke für Ihre Nachricht.",
        "when": "Wann",
        "where": "Wo",
        "party": "Personen",
        "cancel": "Sie können nicht kommen? Bitte stornieren Sie, damit andere Ihren Platz bekommen:",
        "calendar": "Mit der angehängten Datei tragen Sie den Termin in Ihren Kalender ein.",
    },
    "es": {
        "confirmed_subject": "Inscripción confirmada: {title}",
        "waitlisted_subject": "Está en la lista de espera: {title}",
        "promoted_subject": "Se ha liberado una plaza: {title}",
        "cancelled_subject": "Inscripción cancelada: {title}",
        "confirmed": "Su plaza está confirmada.",
        "waitlisted": "El evento está completo: está en la lista de espera (n.º {position}). Le "
        "escribiremos si se libera una plaza.",
        "promoted": "Buenas noticias: se ha liberado una plaza y su inscripción está confirmada.",
        "cancelled": "Su inscripción ha sido cancelada. Gracias por avisarnos.",
        "when": "Cuándo",
        "where": "Dónde",
        "party": "Personas",
        "cancel": "¿No puede asistir? Cancele su inscripción para dejar su plaza a otra persona:",
        "calendar": "El archivo adjunto añade el evento a su calendario.",
    },
}


def cancel_url(registration: EventRegistration) -> str:
    """Where the resident cancels: the frontend's page, else Tapestry's own."""
    token = cancel_token(registration)
    if settings.TAPESTRY_FRONTEND_URL:
        base = settings.TAPESTRY_FRONTEND_URL.rstrip("/")
        return f"{base}/{registration.locale}/registrations/cancel?token={token}"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/residents/registrations/cancel/{token}/"


def event_in_locale(event: EventPage, code: str) -> EventPage:
    """The event as a reader of `code` is served it (its translation, else the source); the
    registration's own event when it is no longer public (the mails never link to it)."""
    return served_version(event, code) or event


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
