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
from wagtail.models import Locale

from articles.models import ArticlePage, Topic
from communities.engagement import EngagementError, phrases
from communities.models import CommunityPage, NoticeSubscription
from communities.subscriptions.services import (
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
from home.selectors import served_versions, source_locale

#: The fixed wording of the mails, by language (a missing one falls back to English); content
#: (titles, summaries) comes from the content's own translations.
SUBSCRIPTION = {
    "en": {
        "confirm_subject": "Confirm your subscription to community notices",
        "confirm_lead": "Someone (we hope you) asked to receive community notices at this address.",
        "confirm_action": "To start receiving them, confirm here (the link works for 7 days):",
        "confirm_ignore": "If you did not ask for this, ignore this mail and nothing will be sent.",
        "immediate": "Notices as soon as they are published",
        "weekly": "A weekly digest (urgent notices at once)",
        "communities": "Communities",
        "topics": "Topics",
        "all": "All",
        "urgent_subject": "Urgent: {title}",
        "notice_subject": "{title}",
        "read": "Read it online:",
        "fallback": "This page is not yet available in your language; here it is in the original.",
        "digest_subject": "Your weekly community digest: {count} new",
        "digest_lead": "Published this week for you:",
        "unsubscribe": "To stop these mails, unsubscribe in one click:",
    },
    "zh-hans": {
        "confirm_subject": "请确认订阅社区通知",
        "confirm_lead": "有人（希望是您本人）申请用此邮箱接收社区通知。",
        "confirm_action": "请点击以下链接确认订阅（7 天内有效）：",
        "confirm_ignore": "如果不是您本人申请，请忽略此邮件，我们不会再发送任何内容。",
        "immediate": "通知发布后立即发送",
        "weekly": "每周摘要（紧急通知立即发送）",
        "communities": "社区",
        "topics": "主题",
        "all": "全部",
        "urgent_subject": "紧急：{title}",
        "notice_subject": "{title}",
        "read": "在线阅读：",
        "fallback": "此页面暂无您所选语言的版本，以下为原文。",
        "digest_subject": "本周社区摘要：{count} 条新内容",
        "digest_lead": "本周为您发布的内容：",
        "unsubscribe": "如不想再收到此类邮件，一键退订：",
    },
    "ja": {
        "confirm_subject": "地域のお知らせ配信の登録確認",
        "confirm_lead": "このアドレスで地域のお知らせを受け取る申し込みがありました。",
        "confirm_action": "配信を開始するには、こちらで確認してください（7日間有効）：",
        "confirm_ignore": "お心当たりがない場合は、このメールを無視してください。今後送信されることはありません。",
        "immediate": "公開され次第お知らせ",
        "weekly": "週1回のまとめ（緊急のお知らせはすぐに）",
        "communities": "地域",
        "topics": "トピック",
        "all": "すべて",
        "urgent_subject": "緊急：{title}",
        "notice_subject": "{title}",
        "read": "オンラインで読む：",
        "fallback": "このページはまだお使いの言語に翻訳されていないため、原文でお送りします。",
        "digest_subject": "今週の地域のまとめ：新着 {count} 件",
        "digest_lead": "今週公開された記事：",
        "unsubscribe": "配信停止はワンクリックで：",
    },
    "ko": {
        "confirm_subject": "지역 소식 구독을 확인해 주세요",
        "confirm_lead": "이 주소로 지역 소식을 받겠다는 신청이 접수되었습니다.",
        "confirm_action": "구독을 시작하려면 여기에서 확인해 주세요(7일간 유효):",
        "confirm_ignore": "신청하지 않으셨다면 이 메일을 무시하세요. 더 이상 메일이 발송되지 않습니다.",
        "immediate": "게시 즉시 알림",
        "weekly": "주간 요약(긴급 공지는 즉시)",
        "communities": "지역",
        "topics": "주제",
        "all": "전체",
        "urgent_subject": "긴급: {title}",
        "notice_subject": "{title}",
        "read": "온라인으로 읽기:",
        "fallback": "이 페이지는 아직 선택하신 언어로 번역되지 않아 원문으로 보내 드립니다.",
        "digest_subject": "이번 주 지역 소식 요약: 새 글 {count}건",
        "digest_lead": "이번 주에 게시된 글:",
        "unsubscribe": "수신을 원하지 않으시면 클릭 한 번으로 구독을 해지하세요:",
    },
    "fr": {
        "confirm_subject": "Confirmez votre abonnement aux avis de quartier",
        "confirm_lead": "Quelqu'un (vous, nous l'espérons) a demandé à recevoir les avis de "
        "quartier à cette adresse.",
        "confirm_action": "Pour commencer à les recevoir, confirmez ici (lien valable 7 jours) :",
        "confirm_ignore": "Si vous n'avez rien demandé, ignorez ce message : rien ne sera envoyé.",
        "immediate": "Les avis dès leur publication",
        "weekly": "Un résumé hebdomadaire (les avis urgents aussitôt)",
        "communities": "Quartiers",
        "topics": "Thèmes",
        "all": "Tous",
        "urgent_subject": "Urgent : {title}",
        "notice_subject": "{title}",
        "read": "À lire en ligne :",
        "fallback": "Cette page n'est pas encore traduite dans votre langue ; voici l'original.",
        "digest_subject": "Votre résumé hebdomadaire : {count} nouveautés",
        "digest_lead": "Publié cette semaine pour vous :",
        "unsubscribe": "Pour ne plus recevoir ces messages, désabonnez-vous en un clic :",
    },
    "de": {
        "confirm_subject": "Bitte bestätigen Sie Ihr Abonnement der Gemeindemitteilungen",
        "confirm_lead": "Jemand (hoffentlich Sie) möchte Gemeindemitteilungen an diese Adresse "
        "erhalten.",
        "confirm_action": "Bestätigen Sie hier, um sie zu erhalten (der Link gilt 7 Tage):",
        "confirm_ignore": "Wenn Sie das nicht waren, ignorieren Sie diese Mail; wir senden nichts.",
        "immediate": "Mitteilungen sofort nach Veröffentlichung",
        "weekly": "Eine wöchentliche Übersicht (dringende Mitteilungen sofort)",
        "communities": "Gemeinden",
        "topics": "Themen",
        "all": "Alle",
        "urgent_subject": "Dringend: {title}",
        "notice_subject": "{title}",
        "read": "Online lesen:",
        "fallback": "Diese Seite ist noch nicht in Ihre Sprache übersetzt; hier ist das Original.",
        "digest_subject": "Ihre Wochenübersicht: {count} neue Beiträge",
        "digest_lead": "Diese Woche für Sie veröffentlicht:",
        "unsubscribe": "Keine Mails mehr? Mit einem Klick abbestellen:",
    },
    "es": {
        "confirm_subject": "Confirme su suscripción a los avisos de su comunidad",
        "confirm_lead": "Alguien (esperamos que usted) pidió recibir avisos de la comunidad en "
        "esta dirección.",
        "confirm_action": "Para empezar a recibirlos, confirme aquí (el enlace vale 7 días):",
        "confirm_ignore": "Si no lo pidió, ignore este mensaje y no se le enviará nada.",
        "immediate": "Avisos en cuanto se publican",
        "weekly": "Un resumen semanal (los avisos urgentes, al momento)",
        "communities": "Comunidades",
        "topics": "Temas",
        "all": "Todos",
        "urgent_subject": "Urgente: {title}",
        "notice_subject": "{title}",
        "read": "Léalo en línea:",
        "fallback": "Esta página aún no está traducida a su idioma; aquí está el original.",
        "digest_subject": "Su resumen semanal: {count} novedades",
        "digest_lead": "Publicado esta semana para usted:",
        "unsubscribe": "Para dejar de recibir estos mensajes, cancele la suscripción con un clic:",
    },
}


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


def pages_in_locale(pages: list[ArticlePage], code: str) -> list[tuple]:
    """Each page as a subscriber reading `code` is served it (`served_versions`): the page to
    show, True when it is not in their language, and its link. A page no longer public is
    shown as given, without a link."""
    locale = Locale.objects.get(language_code=code)
    served = served_versions(pages, locale)
    entries = []
    for page in pages:
        shown = served.get(page.pk)
        if shown is None:
            entries.append((page, False, None))
        else:
            entries.append((shown, shown.locale_id != locale.pk, page_url(shown)))
    return entries


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


def _community_names(keys: list[str], code: str) -> list[str]:
    """Names of the communities (by translation key) as a reader of `code` is served them."""
    sources = list(CommunityPage.objects.filter(translation_key__in=keys, locale=source_locale()))
    served = served_versions(sources, code)
    names = {
        str(page.translation_key): served[page.pk].title for page in sources if served[page.pk]
    }
    return [names[key] for key in keys if key in names]


def _topic_names(keys: list[str], code: str) -> list[str]:
    """Names of the live topics (by translation key) in `code`, else in the source."""
    names = {}
    for topic in Topic.objects.filter(translation_key__in=keys, live=True).select_related("locale"):
        key = str(topic.translation_key)
        if topic.locale.language_code == code or key not in names:
            names[key] = topic.name
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
    communities = _community_names(chosen["communities"], code)
    topics = _topic_names(chosen["topics"], code)
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
    [(shown, fell_back, link)] = pages_in_locale([page], subscription.locale)
    urgent = page.priority == ArticlePage.Priority.URGENT
    subject = words["urgent_subject" if urgent else "notice_subject"].format(title=shown.title)
    lines = [words["fallback"], ""] if fell_back else []
    lines += [shown.title, "", shown.summary]
    if link:
        lines += ["", words["read"], link]
    html = format_html(
        "{}<h2>{}</h2><p>{}</p>{}",
        format_html("<p><em>{}</em></p>", words["fallback"]) if fell_back else "",
        shown.title,
        shown.summary,
        format_html('<p>{} <a href="{}">{}</a></p>', words["read"], link, link) if link else "",
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
    entries = pages_in_locale(pages, subscription.locale)
    lines = [words["digest_lead"], ""]
    for shown, fell_back, link in entries:
        lines += [f"* {shown.title}", f"  {shown.summary}"]
        if fell_back:
            lines.append(f"  ({words['fallback']})")
        if link:
            lines.append(f"  {link}")
        lines.append("")
    html = format_html(
        "<p>{}</p>{}",
        words["digest_lead"],
        format_html_join(
            "",
            "<h3>{}</h3><p>{}</p>{}",
            (
                (
                    format_html('<a href="{}">{}</a>', link, shown.title) if link else shown.title,
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
