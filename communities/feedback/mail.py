"""Mails about feedback: to the community's staff when it arrives, to the resident when answered."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import GroupPagePermission

from communities.engagement import phrases
from communities.models import CommunityPage, Feedback
from home.selectors import served_version

#: The fixed wording of the resident's mail, by language (a missing one falls back to English).
FEEDBACK = {
    "en": {
        "answered_subject": "Your feedback {reference} has an answer",
        "answered": "Thank you for your feedback to {community}. Here is our answer:",
        "status": "You can follow it with your status token on the service's website.",
    },
    "zh-hans": {
        "answered_subject": "您的意见 {reference} 已有回复",
        "answered": "感谢您向{community}提出意见。我们的回复如下：",
        "status": "您可以在服务网站上用状态码查看处理进度。",
    },
    "ja": {
        "answered_subject": "ご意見 {reference} への回答",
        "answered": "{community}へのご意見ありがとうございます。回答は次のとおりです：",
        "status": "サービスのサイトでステータスコードから進捗を確認できます。",
    },
    "ko": {
        "answered_subject": "의견 {reference}에 대한 답변",
        "answered": "{community}에 의견을 보내 주셔서 감사합니다. 답변은 다음과 같습니다:",
        "status": "서비스 웹사이트에서 상태 코드로 진행 상황을 확인할 수 있습니다.",
    },
    "fr": {
        "answered_subject": "Votre avis {reference} a reçu une réponse",
        "answered": "Merci pour votre message à {community}. Voici notre réponse :",
        "status": "Vous pouvez suivre son traitement avec votre code de suivi sur le site du service.",
    },
    "de": {
        "answered_subject": "Ihr Feedback {reference} wurde beantwortet",
        "answered": "Danke für Ihre Nachricht an {community}. Hier ist unsere Antwort:",
        "status": "Mit Ihrem Status-Code können Sie den Stand auf der Website verfolgen.",
    },
    "es": {
        "answered_subject": "Su opinión {reference} tiene respuesta",
        "answered": "Gracias por su mensaje a {community}. Esta es nuestra respuesta:",
        "status": "Puede seguirla con su código de estado en el sitio web del servicio.",
    },
}


def paragraphs_html(text: str) -> SafeString:
    """A resident's (or staff's) plain text as HTML paragraphs: the text escaped once, the
    <p> and <br> tags kept as markup (format_html would escape an unmarked string again)."""
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 (escaped just above)


def staff_recipients(feedback: Feedback) -> list[str]:
    """Emails of the active users in the groups that hold permissions on the community's pages."""
    groups = GroupPagePermission.objects.filter(
        page__in=CommunityPage.objects.filter(translation_key=feedback.community.translation_key)
    ).values("group")
    users = get_user_model().objects.filter(is_active=True, groups__in=groups).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def staff_mail(feedback: Feedback) -> EmailMultiAlternatives | None:
    recipients = staff_recipients(feedback)
    if not recipients:
        return None
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("feedback:edit", args=[feedback.pk])
    subject = (
        f"New {feedback.get_category_display().lower()} for {feedback.community.title}: "
        f"{feedback.reference}"
    )
    body = "\n".join(
        [
            f"{feedback.get_category_display()} received in {feedback.locale}:",
            "",
            feedback.message,
            "",
            f"Triage it: {url}",
        ]
    )
    html = format_html(
        '<p>{} received in {}:</p><blockquote>{}</blockquote><p><a href="{}">Triage it</a></p>',
        feedback.get_category_display(),
        feedback.locale,
        paragraphs_html(feedback.message),
        url,
    )
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(str(html), "text/html")
    return message


def resident_answer_mail(feedback: Feedback) -> EmailMultiAlternatives | None:
    if not (feedback.email and feedback.contact_consent and feedback.public_response):
        return None
    words = phrases(FEEDBACK, feedback.locale)
    community = served_version(feedback.community, feedback.locale) or feedback.community
    subject = words["answered_subject"].format(reference=feedback.reference)
    lead = words["answered"].format(community=community.title)
    body = "\n".join([lead, "", feedback.public_response, "", words["status"]])
    html = format_html(
        "<p>{}</p><blockquote>{}</blockquote><p>{}</p>",
        lead,
        paragraphs_html(feedback.public_response),
        words["status"],
    )
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [feedback.email])
    message.attach_alternative(str(html), "text/html")
    return message


def feedback_mail_send(feedback_id: int, kind: str) -> bool:
    """Send the `kind` ("staff" or "answer") mail; False when there is nothing to send."""
    feedback = Feedback.objects.select_related("community").filter(pk=feedback_id).first()
    if feedback is None:
        return False
    message = staff_mail(feedback) if kind == "staff" else resident_answer_mail(feedback)
    if message is None:
        return False
    message.send()
    return True
