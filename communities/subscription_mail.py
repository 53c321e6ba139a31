"""Mails to notice subscribers, in their language, each with a one-click unsubscribe.

Every mail carries `List-Unsubscribe` (Tapestry's own unsubscribe URL, which accepts the RFC 8058
one-click POST) and `List-Unsubscribe-Post`; the link in the body goes to the frontend's page
when `TAPESTRY_FRONTEND_URL` is set.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.models import ArticlePage, Topic
from communities.engagement import EngagementError
from communities.mail_texts import SUBSCRIPTION, phrases
from communities.models import CommunityPage, NoticeSubscription
from communities.subscriptions import (
    Frequency,
    Status,
    confirm_payload,
    digest_pages,
    notice_claim,
    notice_for,
    notice_visible,
    subscription_matches,
    unsubscribe_token,
)
from home.selectors import page_visible_in


def _own_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/residents/{path}"


def _frontend_url(locale: str, path: str, token: str) -> str:
    base = settings.TAPESTRY_FRONTEND_URL.rstrip("/")
    return f"{base}/{locale}/{path}?token={quote(token, safe='')}"


def confirm_url(subscription: NoticeSubscription, token: str, *, code: str | None = None) -> str:
    if settings.TAPESTRY_FRONTEND_URL:
        return _frontend_url(code or subscription.locale, "subscriptions/confirm", token)
    return _own_url(f"subscriptions/confirm/{quote(token, safe=':')}/")


def one_click_unsubscribe_url(subscription: NoticeSubscription) -> str:
    """Tapestry's own unsubscribe URL: mail clients POST to it (RFC 8058) without a form."""
    return _own_url(
        f"subscriptions/unsubscribe/{quote(unsubscribe_token(subscription), safe=':')}/"
    )


def unsubscribe_url(subscription: NoticeSubscription) -> str:
    if settings.TAPESTRY_FRONTEND_URL:
        token = unsubscribe_token(subscription)
        return _frontend_url(subscription.locale, "subscriptions/unsubscribe", token)
    return one_click_unsubscribe_url(subscription)


def page_url(page: ArticlePage) -> str:
    """Where residents read the page: on the frontend when configured, else Tapestry's own."""
    if settings.TAPESTRY_FRONTEND_URL:
        parts = [part for part in (page.url_path or "").split("/") if part][1:]
        path = "/" + "".join(f"{part}/" for part in parts)
        return f"{settings.TAPESTRY_FRONTEND_URL.rstrip('/')}/{page.locale.language_code}{path}"
    return page.get_full_url() or ""


def page_in_locale(page: ArticlePage, code: str) -> tuple[ArticlePage, bool]:
    """The page in the subscriber's language if live there, else as is; True when it fell back."""
    translated = page_visible_in(page, code)
    return (translated, False) if translated else (page, True)


def _mail(
    subscription: NoticeSubscription, subject: str, lines: list[str], html, *, code=None
) -> EmailMultiAlternatives:
    words = phrases(SUBSCRIPTION, code or subscription.locale)
    link = unsubscribe_url(subscription)
    lines = [*lines, "", "--", words["unsubscribe"], link]
    html = format_html(
        '{}<hr><p><small>{} <a href="{}">{}</a></small></p>', html, words["unsubscribe"], link, link
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{one_click_unsubscribe_url(subscription)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(str(html), "text/html")
    return message


def _names_in_locale(model, keys: list[str], code: str) -> list[str]:
    """Names of communities or topics (by translation key) in `code`, else in the source."""
    names = {}
    for item in model.objects.filter(translation_key__in=keys, live=True).select_related("locale"):
        name = getattr(item, "name", None) or item.title
        key = str(item.translation_key)
        if item.locale.language_code == code or key not in names:
            names[key] = name
    return [names[key] for key in keys if key in names]


def confirmation_mail(
    subscription: NoticeSubscription, token: str, preferences: dict | None = None
):
    """Asks to confirm the subscription, or (with `preferences`) a change to an active one, in
    the language the resident asked for."""
    code = (preferences or {}).get("locale") or subscription.locale
    words = phrases(SUBSCRIPTION, code)
    chosen = preferences or {
        "frequency": subscription.frequency,
        "communities": subscription.communities,
        "topics": subscription.topics,
    }
    communities = _names_in_locale(CommunityPage, chosen["communities"], code)
    topics = _names_in_locale(Topic, chosen["topics"], code)
    details = [
        (words["communities"], ", ".join(communities) or words["all"]),
        (words["topics"], ", ".join(topics) or words["all"]),
    ]
    link = confirm_url(subscription, token, code=code)
    how = words[chosen["frequency"]]
    lines = [
        words["confirm_lead"],
        "",
        how,
        *[f"{label}: {value}" for label, value in details],
        "",
        words["confirm_action"],
        link,
        "",
        words["confirm_ignore"],
    ]
    html = format_html(
        '<p>{}</p><p>{}</p><dl>{}</dl><p>{} <a href="{}">{}</a></p><p>{}</p>',
        words["confirm_lead"],
        how,
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", details),
        words["confirm_action"],
        link,
        link,
        words["confirm_ignore"],
    )
    return _mail(subscription, words["confirm_subject"], lines, html, code=code)


def confirmation_mail_send(subscription_id: int, token: str) -> bool:
    """Send the confirmation mail; False when there is nobody to send it to any more."""
    subscription = NoticeSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    try:
        payload = confirm_payload(token)
    except EngagementError:  # expired while queued: the resident can simply subscribe again
        return False
    confirmation_mail(subscription, token, payload.get("p")).send()
    return True


def notice_mail(subscription: NoticeSubscription, page: ArticlePage) -> EmailMultiAlternatives:
    words = phrases(SUBSCRIPTION, subscription.locale)
    shown, fell_back = page_in_locale(page, subscription.locale)
    urgent = page.priority == ArticlePage.Priority.URGENT
    subject = words["urgent_subject" if urgent else "notice_subject"].format(title=shown.title)
    link = page_url(shown)
    lines = [words["fallback"], ""] if fell_back else []
    lines += [shown.title, "", shown.summary, "", words["read"], link]
    html = format_html(
        '{}<h2>{}</h2><p>{}</p><p>{} <a href="{}">{}</a></p>',
        format_html("<p><em>{}</em></p>", words["fallback"]) if fell_back else "",
        shown.title,
        shown.summary,
        words["read"],
        link,
        link,
    )
    return _mail(subscription, subject, lines, html)


def notice_send(subscription_id: int, page_id: int) -> bool:
    """Send the page to the subscriber unless they got it already or no longer want it.

    The delivery record is written in the transaction that sends: a failed send leaves no record
    (the task retries), and a second task for the same page finds the record and sends nothing.
    """
    page = notice_visible(page_id)
    if page is None:
        return False
    with transaction.atomic():
        subscription = (
            NoticeSubscription.objects.select_for_update().filter(pk=subscription_id).first()
        )
        if subscription is None or subscription.status != Status.ACTIVE:
            return False
        notice = notice_for(page)
        wanted_now = notice.urgent or subscription.frequency == Frequency.IMMEDIATE
        if not wanted_now or not subscription_matches(subscription, notice):
            return False
        if not notice_claim(subscription, page):
            return False
        notice_mail(subscription, page).send()
    return True


def digest_mail(subscription: NoticeSubscription, pages: list[ArticlePage]):
    words = phrases(SUBSCRIPTION, subscription.locale)
    entries = []
    for page in pages:
        shown, fell_back = page_in_locale(page, subscription.locale)
        entries.append((shown, fell_back, page_url(shown)))
    lines = [words["digest_lead"], ""]
    for shown, fell_back, link in entries:
        lines += [f"* {shown.title}", f"  {shown.summary}"]
        if fell_back:
            lines.append(f"  ({words['fallback']})")
        lines += [f"  {link}", ""]
    html = format_html(
        "<p>{}</p>{}",
        words["digest_lead"],
        format_html_join(
            "",
            '<h3><a href="{}">{}</a></h3><p>{}</p>{}',
            (
                (
                    link,
                    shown.title,
                    shown.summary,
                    format_html("<p><em>{}</em></p>", words["fallback"]) if fell_back else "",
                )
                for shown, fell_back, link in entries
            ),
        ),
    )
    subject = words["digest_subject"].format(count=len(pages))
    return _mail(subscription, subject, lines, html)


def digest_send(subscription_id: int, *, now=None) -> int:
    """Send the subscriber's weekly digest; the number of pages in it (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = (
            NoticeSubscription.objects.select_for_update().filter(pk=subscription_id).first()
        )
        if subscription is None or subscription.status != Status.ACTIVE:
            return 0
        if subscription.frequency != Frequency.WEEKLY:
            return 0
        pages = [
            page
            for page in digest_pages(subscription, now=now)
            if notice_claim(subscription, page, digest=True)
        ]
        subscription.last_digest_at = now
        subscription.save(update_fields=["last_digest_at"])
        if pages:
            digest_mail(subscription, pages).send()
    return len(pages)
