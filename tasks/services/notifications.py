"""Notification mails: workflow events, translators' work, and the daily digest.

Receivers only record which event happened (ids); the mail is built in the worker, per
recipient, in the recipient's language: their admin language preference when they set one, else
the language of the content when the admin speaks it, else the site's default. Every mail has a
plain-text and an HTML body. Workflow mails reuse Wagtail's own (translated) templates.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from communities.editorial.review_diff import summary as review_summary
from communities.editorial.review_diff import task_state_changes
from communities.editorial.translation_queue import translation_editor_url
from communities.roles import translators_group_name
from tasks.models import DigestEntry, NotificationPreference

logger = logging.getLogger(__name__)

User = get_user_model()

WORKFLOW_SUBMITTED = "submitted"
WORKFLOW_APPROVED = "approved"
WORKFLOW_REJECTED = "rejected"
TRANSLATION_OUTDATED = "translation_outdated"
TRANSLATION_NEEDED = "translation_needed"
TRANSLATION_SYNCED = "translation_synced"
TRANSLATION_KINDS = {TRANSLATION_OUTDATED, TRANSLATION_NEEDED, TRANSLATION_SYNCED}
KINDS = {
    WORKFLOW_SUBMITTED,
    WORKFLOW_APPROVED,
    WORKFLOW_REJECTED,
    TRANSLATION_OUTDATED,
    TRANSLATION_NEEDED,
    TRANSLATION_SYNCED,
}
# Kinds a user can have collected into the daily digest: review requests and translation work.
DIGESTIBLE = {WORKFLOW_SUBMITTED, *TRANSLATION_KINDS}


def _admin_languages() -> set[str]:
    return {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}


def recipient_language(user, *, content_language: str | None = None) -> str:
    """The language of a mail to `user` about content in `content_language`."""
    preferred = UserProfile.get_for_user(user).preferred_language
    if preferred:
        return preferred
    if content_language and content_language in _admin_languages():
        return content_language
    return settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mailable(users) -> list:
    return [user for user in users if user.is_active and user.email]


def _wants(user, kind: str) -> bool:
    """Wagtail's own per-user switches for workflow mails (account settings › notifications)."""
    if kind not in {WORKFLOW_SUBMITTED, WORKFLOW_APPROVED, WORKFLOW_REJECTED}:
        return True
    return getattr(UserProfile.get_for_user(user), f"{kind}_notifications", True)


# Recipients -----------------------------------------------------------------------------------


def workflow_submitted_recipients(*, task_state: TaskState, actor_id: int | None) -> list:
    """Members of the stage's groups, never the person who submitted.

    Superusers too if WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS (off in Tapestry).
    """
    task = task_state.task.specific
    if hasattr(task, "notified_groups"):  # a stage whose approvers depend on the page
        groups = task.notified_groups(task_state.workflow_state.content_object)
    elif getattr(task, "groups", None) is not None:
        groups = task.groups.all()
    else:
        return []
    users = User.objects.filter(groups__in=groups)
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        users = users | User.objects.filter(is_superuser=True)
    if actor_id:
        users = users.exclude(pk=actor_id)
    return [user for user in _mailable(users.distinct()) if _wants(user, WORKFLOW_SUBMITTED)]


def workflow_finished_recipients(
    *, kind: str, workflow_state: WorkflowState, actor_id: int | None
) -> list:
    """The person who submitted, unless they approved or rejected it themselves."""
    submitter = workflow_state.requested_by
    if submitter is None or submitter.pk == actor_id:
        return []
    return [user for user in _mailable([submitter]) if _wants(user, kind)]


def translators(language_code: str, *, exclude_id: int | None = None) -> list:
    users = User.objects.filter(groups__name=translators_group_name(language_code))
    if exclude_id:
        users = users.exclude(pk=exclude_id)
    return _mailable(users.distinct())


# Building the mails ---------------------------------------------------------------------------


class Mail:
    """Subject, bodies and the content's language, rendered in the recipient's language."""

    def __init__(self, *, subject: str, text: str, html: str, digest_line: str, url: str) -> None:
        self.subject = subject
        self.text = text
        self.html = html
        self.digest_line = digest_line
        self.url = url


def _object_of(workflow_state: WorkflowState):
    content = workflow_state.content_object
    return content.specific if isinstance(content, Page) else content


def _content_language(content) -> str | None:
    locale = getattr(content, "locale", None)
    return locale.language_code if locale else None


def _edit_url(content) -> str:
    if isinstance(content, Page):
        return _absolute(reverse("wagtailadmin_pages:edit", args=[content.pk]))
    return _absolute(content.get_admin_url() if hasattr(content, "get_admin_url") else "/admin/")


def _render(template_base: str, context: dict) -> tuple[str, str, str]:
    subject = " ".join(render_to_string(template_base + "_subject.txt", context).split())
    text = render_to_string(template_base + ".txt", context).strip()
    html = render_to_string(template_base + ".html", context)
    return subject, text, html


def _workflow_mail(kind: str, user, ids: dict) -> Mail | None:
    task_state = TaskState.objects.filter(pk=ids["task_state_id"]).first()
    if task_state is None:
        return None
    task_state = task_state.specific
    workflow_state = task_state.workflow_state
    content = _object_of(workflow_state)
    context = {
        "user": user,
        "object": content,
        "model_name": content._meta.verbose_name,
        "workflow": workflow_state.workflow,
        "task": task_state.task.specific,
        "task_state": task_state,
    }
    if isinstance(content, Page):
        context["page"] = content
    if kind == WORKFLOW_SUBMITTED:
        # Wagtail's mail, with what changed against the live version and the review screen.
        template = "tasks/notifications/task_state_submitted"
        context["requested_by"] = workflow_state.requested_by
        if isinstance(content, Page):
            context["review_url"] = _absolute(reverse("tapestry_review_changes", args=[content.pk]))
            context["changes"] = review_summary(task_state_changes(task_state))
            context["is_live"] = content.live
    elif kind == WORKFLOW_APPROVED:
        template = "wagtailadmin/notifications/workflow_state_approved"
    else:
        template = "wagtailadmin/notifications/workflow_state_rejected"
        context["comment"] = task_state.get_comment()
    subject, text, html = _render(template, context)
    return Mail(subject=subject, text=text, html=html, digest_line=subject, url=_edit_url(content))


def _language_name(code: str) -> str:
    """The language's name in the active language ("简体中文" for zh-hans in Chinese)."""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _untranslated_count(source: Page, locale: Locale) -> int | None:
    """How many of the source's strings have no translation into `locale` yet."""
    translation = (
        Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=locale, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    total, translated = translation.get_progress()
    return total - translated


def _translation_mail(kind: str, user, ids: dict) -> Mail | None:
    source = Page.objects.filter(pk=ids["page_id"]).first()
    locale = Locale.objects.filter(language_code=ids["locale"]).first()
    if source is None or locale is None:
        return None
    source = source.specific
    translated = Page.objects.filter(translation_key=source.translation_key, locale=locale).first()
    target = translated.specific if translated else None
    # The translation editor (or "Translate this page" while there is no translation): the
    # translator may open it, unlike the source page's edit view.
    url = _absolute(
        translation_editor_url(
            source_id=source.pk,
            locale_code=locale.language_code,
            target_id=target.pk if target else None,
        )
    )
    context = {
        "user": user,
        "source": source,
        "title": source.get_admin_display_title(),
        "target": target,
        "locale_name": _language_name(locale.language_code),
        "url": url,
    }
    if kind == TRANSLATION_SYNCED:
        context["untranslated"] = _untranslated_count(source, locale)
    subject, text, html = _render(f"tasks/notifications/{kind}", context)
    return Mail(subject=subject, text=text, html=html, digest_line=subject, url=url)


def _content_language_of(kind: str, ids: dict) -> str | None:
    if kind in TRANSLATION_KINDS:
        return ids.get("locale")
    task_state = TaskState.objects.filter(pk=ids.get("task_state_id")).first()
    if task_state is None:
        return None
    return _content_language(_object_of(task_state.workflow_state))


def notification_mail_build(*, kind: str, user, ids: dict) -> Mail | None:
    """The mail about the event, for `user`, in their language; None if its subject is gone."""
    language = recipient_language(user, content_language=_content_language_of(kind, ids))
    with translation.override(language):
        if kind in TRANSLATION_KINDS:
            return _translation_mail(kind, user, ids)
        return _workflow_mail(kind, user, ids)


# Sending -------------------------------------------------------------------------------------


def _send(user, *, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def notification_send(*, kind: str, user_id: int, ids: dict) -> bool:
    """Send one notification mail now. Raises when the mail server fails (the task retries)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    mail = notification_mail_build(kind=kind, user=user, ids=ids)
    if mail is None:
        return False
    _send(user, subject=mail.subject, text=mail.text, html=mail.html)
    logger.info("notification %s sent to user %s", kind, user_id)
    return True


def notification_route(*, kind: str, users: list, ids: dict) -> list[int]:
    """Hold the event for the digest of users who chose one; return the ids to mail now."""
    digest_users = set(
        NotificationPreference.objects.filter(user__in=users, daily_digest=True).values_list(
            "user_id", flat=True
        )
    )
    now_ids = []
    for user in users:
        if kind in DIGESTIBLE and user.pk in digest_users:
            mail = notification_mail_build(kind=kind, user=user, ids=ids)
            if mail is not None:
                DigestEntry.objects.create(
                    user=user,
                    language=recipient_language(user),
                    text=mail.digest_line,
                    url=mail.url,
                )
        else:
            now_ids.append(user.pk)
    return now_ids


def digest_users_due() -> list[int]:
    return list(
        DigestEntry.objects.filter(sent_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


def digest_send(*, user_id: int) -> int:
    """Mail the user everything held for their digest; returns how many items it listed.

    The entries stay locked while the mail goes out and are marked sent only if it did, so a
    failed send leaves them for the retry.
    """
    user = User.objects.filter(pk=user_id).first()
    with transaction.atomic():
        entries = list(
            DigestEntry.objects.select_for_update().filter(user_id=user_id, sent_at__isnull=True)
        )
        if not entries:
            return 0
        if user is None or not user.is_active or not user.email:
            DigestEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
            return 0
        with translation.override(recipient_language(user)):
            subject, text, html = _render(
                "tasks/notifications/digest",
                {
                    "user": user,
                    "entries": entries,
                    "account_url": _absolute(reverse("wagtailadmin_account")),
                },
            )
        _send(user, subject=subject, text=text, html=html)
        DigestEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            sent_at=timezone.now()
        )
    logger.info("digest of %d items sent to user %s", len(entries), user_id)
    return len(entries)


def locales_missing_translation(*, page: Page) -> list[str]:
    """Target locales in which the source page has no translation (not even a draft)."""
    present = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    return [code for code in settings.TAPESTRY_TARGET_LOCALES if code not in present]
