import re
from unittest import mock

import pytest
from django.core import mail
from django.utils import translation
from wagtail.admin import signal_handlers as wagtail_mail_handlers
from wagtail.models import TaskState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from cms.celery import app
from home.signals import translation_status_changed
from tasks import notifications
from tasks.models import DigestEntry, NotificationPreference
from tests.helpers import (
    admin_edit_url,
    article_create,
    article_form_data,
    city_news_index,
    community_news_index,
    home_page,
    user_create,
)
from tests.tasks.workflows import eager_celery, people, review_workflow  # noqa: F401

pytestmark = pytest.mark.usefixtures("eager_celery")


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def _html(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


@pytest.fixture
def submitted(django_capture_on_commit_callbacks):
    """An article in Huacao Town submitted to its review workflow by its editor."""
    review_workflow()
    who = people()
    page = article_create(community_news_index(), title="Night market opens")
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, who["editor"])
    return page, who


def test_wagtails_synchronous_mailers_are_not_connected():
    receivers = {
        task_submitted: wagtail_mail_handlers.task_submission_email_notifier,
        workflow_approved: wagtail_mail_handlers.workflow_approval_email_notifier,
        workflow_rejected: wagtail_mail_handlers.workflow_rejection_email_notifier,
    }
    for signal, wagtail_receiver in receivers.items():
        connected = [ref() for _key, ref, *_rest in signal.receivers]
        assert wagtail_receiver not in connected


@pytest.mark.django_db
def test_submission_mails_the_stage_group_but_not_the_submitter(submitted):
    page, who = submitted

    assert _recipients() == sorted([who["moderator"].email, who["other_moderator"].email])
    message = mail.outbox[0]
    assert "Night market opens" in message.subject
    assert "Moderator review" in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body
    assert "Night market opens" in _html(message)


@pytest.mark.django_db
def test_a_moderator_who_submits_is_not_mailed_about_it(django_capture_on_commit_callbacks):
    review_workflow()
    who = people()
    page = article_create(community_news_index())
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, who["moderator"])

    assert _recipients() == [who["other_moderator"].email]


@pytest.mark.django_db
def test_approval_mails_the_submitter(submitted, django_capture_on_commit_callbacks):
    page, who = submitted
    mail.outbox.clear()
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))

    with django_capture_on_commit_callbacks(execute=True):
        task_state.specific.task.specific.on_action(task_state, who["moderator"], "approve")

    assert _recipients() == [who["editor"].email]
    assert "approved" in mail.outbox[0].subject


@pytest.mark.django_db
def test_rejection_mails_the_submitter_with_the_comment(
    submitted, django_capture_on_commit_callbacks
):
    page, who = submitted
    mail.outbox.clear()
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))

    with django_capture_on_commit_callbacks(execute=True):
        task_state.specific.task.specific.on_action(
            task_state, who["moderator"], "reject", comment="Please add the opening hours."
        )

    assert _recipients() == [who["editor"].email]
    message = mail.outbox[0]
    assert "Please add the opening hours." in message.body
    assert "Please add the opening hours." in _html(message)


@pytest.mark.django_db
def test_mail_is_in_the_recipients_admin_language(django_capture_on_commit_callbacks):
    review_workflow()
    who = people()
    profile = UserProfile.get_for_user(who["moderator"])
    profile.preferred_language = "zh-hans"
    profile.save()
    page = article_create(community_news_index(), title="Night market opens")

    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, who["editor"])

    by_recipient = {message.to[0]: message for message in mail.outbox}
    with translation.override("zh-hans"):
        greeting = translation.gettext("Hello %(username)s,") % {"username": "Mo"}
    assert greeting != "Hello Mo,"  # Wagtail ships this string in Chinese
    assert greeting in by_recipient[who["moderator"].email].body
    assert "Hello Olga," in by_recipient[who["other_moderator"].email].body


@pytest.mark.django_db
def test_digest_subscribers_get_one_daily_mail_instead(django_capture_on_commit_callbacks):
    review_workflow()
    who = people()
    NotificationPreference.objects.create(user=who["moderator"], daily_digest=True)
    pages = [article_create(community_news_index(), title=f"Notice {n}") for n in (1, 2)]

    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            page.get_workflow().start(page, who["editor"])

    assert _recipients() == [who["other_moderator"].email] * 2
    assert DigestEntry.objects.filter(user=who["moderator"], sent_at=None).count() == 2

    mail.outbox.clear()
    notifications.send_digests.delay()

    assert _recipients() == [who["moderator"].email]
    digest = mail.outbox[0]
    assert "Notice 1" in digest.body and "Notice 2" in digest.body
    assert "Notice 1" in _html(digest)
    assert not DigestEntry.objects.filter(sent_at=None).exists()
    mail.outbox.clear()
    notifications.send_digests.delay()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_digest_keeps_its_entries(monkeypatch):
    who = people()
    DigestEntry.objects.create(user=who["moderator"], language="en", text="Notice 1")
    from tasks.services import notifications as service

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(service, "_send", down)
    with pytest.raises(ConnectionRefusedError):
        service.digest_send(user_id=who["moderator"].pk)

    assert DigestEntry.objects.filter(user=who["moderator"], sent_at=None).count() == 1


@pytest.mark.django_db
def test_translators_hear_when_their_translation_went_out_of_date(
    django_capture_on_commit_callbacks,
):
    translator = user_create(groups=["Translators (zh-hans)"])
    user_create(groups=["Translators (ja)"])
    source = article_create(city_news_index(), publish=True, title="Tax filing guide")

    with django_capture_on_commit_callbacks(execute=True):
        translation_status_changed.send(
            sender=type(source),
            source=source,
            instance=None,
            locale="zh-hans",
            old_status="live",
            new_status="outdated",
        )

    assert _recipients() == [translator.email]
    message = mail.outbox[0]
    # Chinese: the translators' locale, as they set no admin language of their own.
    assert message.subject == "Tax filing guide：简体中文译文已过时"
    assert "Tax filing guide" in message.body and "Tax filing guide" in _html(message)


@pytest.mark.django_db
def test_other_status_changes_mail_nobody(django_capture_on_commit_callbacks):
    user_create(groups=["Translators (zh-hans)"])
    source = article_create(city_news_index(), publish=True)

    with django_capture_on_commit_callbacks(execute=True):
        for old, new in [
            (None, "missing"),
            ("in_progress", "awaiting_review"),
            ("awaiting_review", "live"),
        ]:
            translation_status_changed.send(
                sender=type(source),
                source=source,
                instance=None,
                locale="zh-hans",
                old_status=old,
                new_status=new,
            )

    assert mail.outbox == []


@pytest.mark.django_db
def test_a_new_source_page_is_announced_to_locales_without_it(
    django_capture_on_commit_callbacks,
):
    zh = user_create(groups=["Translators (zh-hans)"])
    ja = user_create(groups=["Translators (ja)"])
    page = article_create(city_news_index(), title="Metro line 21 opens")
    page.copy_for_translation(home_page("ja").locale, copy_parents=False)  # ja has a draft

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert _recipients() == [zh.email]
    assert "Metro line 21 opens" in mail.outbox[0].subject

    mail.outbox.clear()
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # a republish is not news
    assert mail.outbox == []
    assert ja  # has the page in progress already


@pytest.mark.django_db
def test_the_editors_submission_never_touches_the_mail_server(
    client, django_capture_on_commit_callbacks, settings
):
    """With the mail server down the submission succeeds: the request only enqueues."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    review_workflow()
    who = people()
    page = article_create(community_news_index())
    client.force_login(who["editor"])
    app.conf.task_always_eager = False  # the queue, as in production
    sent = []
    with (
        mock.patch.object(
            notifications.notify_workflow_submitted,
            "apply_async",
            lambda *a, **options: sent.append(a),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            admin_edit_url(page),
            article_form_data(title=page.title, slug=page.slug, **{"action-submit": "Submit"}),
        )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert len(sent) == 1


@pytest.mark.django_db
def test_a_translation_submitted_for_review_mails_that_locales_reviewers(
    django_capture_on_commit_callbacks,
):
    """The translation review stage has no fixed group: its reviewers depend on the locale."""
    from home.translation import translation_create
    from tests.helpers import ZH_REVIEWERS, ZH_TRANSLATORS, locale, workflow_submit

    source = article_create(community_news_index(), publish=True, title="Bus timetable")
    translated = translation_create(
        instance=source,
        locale=locale("zh-hans"),
        strings={"Bus timetable": "公交时刻表"},
        publish=False,
    )
    translator = user_create(groups=[ZH_TRANSLATORS])
    reviewer = user_create(groups=[ZH_REVIEWERS])
    user_create(groups=["Translation reviewers (fr)"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow_submit(translated, translator)

    assert _recipients() == [reviewer.email]


# The links and the content of translators' and reviewers' mails --------------------------------


def _urls(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.django_db
def test_new_page_mail_links_to_translate_it_not_to_the_english_edit_view(
    client, django_capture_on_commit_callbacks
):
    """Row 4: the link led to /admin/pages/<en id>/edit/, which translators may not open."""
    translator = user_create(groups=["Translators (zh-hans)"])
    page = article_create(city_news_index(), title="Metro line 22 opens")

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    message = next(message for message in mail.outbox if message.to == [translator.email])
    url = f"/admin/localize/submit/page/{page.pk}/?select_locale=zh-hans"
    assert any(link.endswith(url) for link in _urls(message))
    assert admin_edit_url(page) not in message.body
    assert url.replace("&", "&amp;") in _html(message) or url in _html(message)
    client.force_login(translator)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_outdated_mail_links_to_the_translation_editor(client, django_capture_on_commit_callbacks):
    from home.translation import translation_create
    from tests.helpers import locale

    translator = user_create(groups=["Translators (zh-hans)"])
    source = article_create(city_news_index(), publish=True, title="Tax filing guide")
    translated = translation_create(instance=source, locale=locale("zh-hans"))

    with django_capture_on_commit_callbacks(execute=True):
        translation_status_changed.send(
            sender=type(source),
            source=source,
            instance=translated,
            locale="zh-hans",
            old_status="live",
            new_status="outdated",
        )

    (message,) = mail.outbox
    assert any(link.endswith(admin_edit_url(translated)) for link in _urls(message))
    assert admin_edit_url(source) not in message.body
    client.force_login(translator)
    response = client.get(admin_edit_url(translated))
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()


@pytest.mark.django_db
def test_sync_mails_the_locales_translators_with_a_link_to_the_new_draft(
    client, django_capture_on_commit_callbacks
):
    """Row 5: the desk's sync turned a live translation into a draft and nobody was told."""
    from wagtail_localize.models import TranslationSource

    from home.translation import translation_create
    from tests.helpers import DESK, locale

    zh = user_create(groups=["Translators (zh-hans)"])
    ja = user_create(groups=["Translators (ja)"])
    desk = user_create(groups=[DESK])
    source = article_create(community_news_index(), publish=True, title="Bus routes change")
    zh_page = translation_create(
        instance=source, locale=locale("zh-hans"), strings={"Bus routes change": "公交线路调整"}
    )
    source.summary = "Routes 2 and 5 now stop at the metro."
    source.save_revision(user=desk).publish(user=desk)
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    client.force_login(desk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/update/{translation_source.pk}/")

    assert response.status_code == 302
    assert _recipients() == [zh.email]
    assert ja.email not in _recipients()
    (message,) = mail.outbox
    # Chinese, as the translator set no admin language; the untranslated summary is counted.
    assert message.subject == "Bus routes change：新的简体中文草稿等待翻译"
    assert "需要翻译" in message.body
    assert any(link.endswith(admin_edit_url(zh_page)) for link in _urls(message))


@pytest.mark.django_db
def test_approval_request_mail_shows_what_changed_and_links_the_review_screen(
    django_capture_on_commit_callbacks,
):
    review_workflow()
    who = people()
    page = article_create(community_news_index(), title="Night market opens", publish=True)
    page.summary = "Stalls now open until midnight."
    page.save_revision(user=who["editor"])

    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, who["editor"])

    message = next(message for message in mail.outbox if message.to == [who["moderator"].email])
    changes = message.body.split("What changed against the live version:")[1]
    assert "Summary" in changes
    assert "A short summary for lists." in changes  # before
    assert "Stalls now open until midnight." in changes  # after
    assert "Title" not in changes and "Body" not in changes  # unchanged fields are left out
    assert f"/admin/review/page/{page.pk}/" in message.body
    assert "Stalls now open until midnight." in _html(message)
