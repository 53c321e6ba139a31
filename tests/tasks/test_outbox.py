"""The transactional outbox in-process: intents are rows of the change's transaction, a broker
that is down at commit loses nothing (and breaks no later on_commit hook), a message delivered
twice takes effect once, mail retries keep their documented backoff, and every webhook attempt
is in the log."""

import ast
import datetime
import uuid
from pathlib import Path
from unittest import mock

import pytest
from celery.app.task import Task
from celery.exceptions import Retry
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from wagtail.models import Page

from tasks import cache, notifications
from tasks.models import OutboxMessage, WebhookDelivery, WebhookEndpoint
from tasks.retries import mail_retry_countdown
from tasks.services import notifications as notification_service
from tasks.services import outbox as outbox_service
from tasks.services import webhooks as webhook_service
from tasks.services.outbox import (
    KEY_HEADER,
    outbox_enqueue,
    outbox_housekeeping,
    outbox_relay,
)
from tests.helpers import admin_edit_url, article_create, article_form_data, community_news_index
from tests.tasks.workflows import eager_celery, people, review_workflow  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _kick_not_paused(monkeypatch, request):
    monkeypatch.setattr(outbox_service, "_kick_paused_until", 0.0)
    if request.node.get_closest_marker("django_db"):
        # The setup data's own intents (purges of its pages and images) are not this test's.
        request.getfixturevalue("db")
        OutboxMessage.objects.all().delete()


@pytest.fixture
def broker_down():
    """Every publish fails the way kombu fails when Redis does not answer."""
    with mock.patch.object(
        Task, "apply_async", side_effect=OperationalError("Error 111 connecting. Refused.")
    ) as publish:
        yield publish


def _due_now():
    OutboxMessage.objects.update(next_attempt_at=timezone.now())


# Rows 1 and 2: at commit, with the broker down -------------------------------------------------


@pytest.mark.django_db
def test_an_intent_commits_and_rolls_back_with_its_change(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(), transaction.atomic():
        outbox_enqueue(cache.purge_cache_tags, ["page-1"])
        transaction.set_rollback(True)
    assert not OutboxMessage.objects.exists()

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        outbox_enqueue(cache.purge_cache_tags, ["page-1"])
    message = OutboxMessage.objects.get()
    assert (message.task, message.args, message.sent_at) == (
        "tasks.cache.purge_cache_tags",
        [["page-1"]],
        None,
    )
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_only_tasks_that_check_their_key_go_through_the_outbox():
    with pytest.raises(TypeError, match="OutboxTask"):
        outbox_enqueue(notifications.send_digests)


@pytest.mark.django_db
def test_moderation_submitted_with_the_broker_down_keeps_its_mail_and_later_hooks(
    client, django_capture_on_commit_callbacks, broker_down
):
    """Row 1: the robust on_commit hook used to be a functools.partial, which crashed Django's
    error handler (no __qualname__) and skipped every later hook; the mail was lost."""
    review_workflow()
    who = people()
    page = article_create(community_news_index())
    client.force_login(who["editor"])
    later = []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_edit_url(page),
            article_form_data(title=page.title, slug=page.slug, **{"action-submit": "Submit"}),
        )
        transaction.on_commit(lambda: later.append("ran"))

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    assert later == ["ran"]
    intent = OutboxMessage.objects.get(task="tasks.notifications.notify_workflow_submitted")
    assert intent.sent_at is None
    assert "OperationalError" in intent.last_error


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_the_relay_sends_what_the_broker_missed_once_it_is_back(
    client, django_capture_on_commit_callbacks
):
    """Row 2: the mails of a submission made while the broker was down go out, once each."""
    review_workflow()
    who = people()
    page = article_create(community_news_index())
    client.force_login(who["editor"])
    with (
        mock.patch.object(Task, "apply_async", side_effect=OperationalError("refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(
            admin_edit_url(page),
            article_form_data(title=page.title, slug=page.slug, **{"action-submit": "Submit"}),
        )
    assert mail.outbox == []

    _due_now()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_relay()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_relay()  # nothing left: nobody is mailed twice

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([who["moderator"].email, who["other_moderator"].email])
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_failed_send_backs_off_and_pauses_the_kick(django_capture_on_commit_callbacks):
    with mock.patch.object(Task, "apply_async", side_effect=OperationalError("down")) as publish:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            first = outbox_enqueue(cache.purge_cache_tags, ["a"])
            outbox_enqueue(cache.purge_cache_tags, ["b"])
        # The second row's kick did not wait on a broker that had just failed.
        assert publish.call_count == 1
    first.refresh_from_db()
    assert first.send_attempts == 1
    assert first.next_attempt_at > timezone.now()
    with mock.patch.object(Task, "apply_async") as publish:
        assert outbox_relay() == 1  # the untried one; the failed one is not due yet
    assert publish.call_args.args[0] == [["b"]]


@pytest.mark.django_db
def test_on_commit_hooks_are_never_partials_or_lambdas_with_robust():
    """Django's robust on_commit handler names the callback by __qualname__: a
    functools.partial has none. Every robust hook in the project is a named function."""
    offenders = []
    for package in ("cms", "schema", "tasks", "communities", "articles", "home"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) == "on_commit"
                ):
                    continue
                robust = any(
                    k.arg == "robust" and getattr(k.value, "value", False) for k in node.keywords
                )
                callback = node.args[0] if node.args else None
                partial = isinstance(callback, ast.Call) and "partial" in ast.unparse(callback.func)
                if robust and (partial or isinstance(callback, ast.Lambda)):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# Exactly one effect per intent ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_a_message_delivered_twice_mails_once():
    who = people()
    intent = outbox_enqueue(
        notifications.send_notification,
        "translation_outdated",
        who["moderator"].pk,
        {"page_id": Page.objects.filter(depth=2).first().pk, "locale": "zh-hans"},
    )
    headers = {KEY_HEADER: str(intent.key)}
    notifications.send_notification.apply(intent.args, headers=headers)
    notifications.send_notification.apply(intent.args, headers=headers)

    assert len(mail.outbox) == 1
    intent.refresh_from_db()
    assert intent.done_at is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_an_effect_that_fails_leaves_its_intent_open(monkeypatch):
    calls = []

    def down(tags):
        calls.append(tags)
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr("django.conf.settings.TAPESTRY_CACHE_PURGERS", ["x.y"])
    monkeypatch.setattr(cache, "import_string", lambda path: down)
    intent = outbox_enqueue(cache.purge_cache_tags, ["page-1"])
    with (
        mock.patch.object(cache.purge_cache_tags, "retry", side_effect=Retry()),
        pytest.raises(Retry),
    ):
        cache.purge_cache_tags.apply(intent.args, headers={KEY_HEADER: str(intent.key)}, throw=True)
    intent.refresh_from_db()
    assert intent.done_at is None and intent.failed_at is None
    assert len(calls) == 1


# As a worker delivers: relayed, retried, redelivered ------------------------------------------


def _deliver_as_a_worker(task, headers: dict, args: list, retries: int = 0):
    """Run `task` as a worker runs a message: the message's custom headers become fields of the
    request itself and `request.headers` stays empty (an eager `.apply` keeps them there)."""
    task.push_request(
        id=str(uuid.uuid4()),
        args=args,
        kwargs={},
        retries=retries,
        is_eager=False,
        called_directly=False,
        delivery_info={"exchange": "", "routing_key": "celery"},
        headers=None,
        **headers,
    )
    try:
        return task(*args)
    finally:
        task.pop_request()


@pytest.mark.django_db
def test_a_relayed_message_that_retries_keeps_its_key_and_is_done_once():
    who = people()
    intent = outbox_enqueue(
        notifications.send_notification,
        "translation_outdated",
        who["moderator"].pk,
        {"page_id": Page.objects.filter(depth=2).first().pk, "locale": "zh-hans"},
    )
    with mock.patch.object(Task, "apply_async") as publish:
        assert outbox_relay() == 1
    sent = publish.call_args.kwargs["headers"]
    assert sent == {KEY_HEADER: str(intent.key)}

    real_send = notification_service.notification_send
    calls = []

    def mail_server_down_once(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OSError("mail server down")
        return real_send(**kwargs)

    with (
        mock.patch.object(notification_service, "notification_send", mail_server_down_once),
        mock.patch.object(Task, "apply_async") as publish,
        pytest.raises(Retry),
    ):
        _deliver_as_a_worker(notifications.send_notification, sent, intent.args)
    retried = publish.call_args.kwargs["headers"] or {}
    assert retried.get(KEY_HEADER) == str(intent.key), "the retry lost the outbox key"
    intent.refresh_from_db()
    assert intent.done_at is None and len(mail.outbox) == 0

    with mock.patch.object(notification_service, "notification_send", mail_server_down_once):
        _deliver_as_a_worker(notifications.send_notification, retried, intent.args, retries=1)
        # The relay's copy, sent again (the row looked stuck), finds the row done.
        _deliver_as_a_worker(notifications.send_notification, sent, intent.args)
    intent.refresh_from_db()
    assert intent.done_at is not None
    assert len(mail.outbox) == 1
    assert len(calls) == 2


# Housekeeping ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_housekeeping_forgets_old_rows_and_the_relay_resends_stuck_ones(settings):
    now = timezone.now()
    old = now - datetime.timedelta(days=settings.TAPESTRY_OUTBOX_KEEP_DAYS + 1)
    done_long_ago = OutboxMessage.objects.create(task="t", sent_at=old, done_at=old)
    done_recently = OutboxMessage.objects.create(task="t", sent_at=now, done_at=now)
    stuck = OutboxMessage.objects.create(
        task="tasks.cache.purge_cache_tags",
        args=[["x"]],
        sent_at=now
        - datetime.timedelta(seconds=settings.TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS + 5),
    )

    report = outbox_housekeeping()
    assert report["purged"] == 1
    assert not OutboxMessage.objects.filter(pk=done_long_ago.pk).exists()
    assert OutboxMessage.objects.filter(pk=done_recently.pk).exists()

    with mock.patch.object(Task, "apply_async") as publish:
        assert outbox_relay() == 1
    assert publish.call_args.kwargs["headers"] == {KEY_HEADER: str(stuck.key)}
    stuck.refresh_from_db()
    assert stuck.sent_at > now and stuck.send_attempts == 1


# Row 8: the mail retry backoff -----------------------------------------------------------------


def test_mail_retry_countdowns_follow_the_documented_backoff(settings):
    settings.TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS = 30
    settings.TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS = 600
    low, high = (lambda: 0.0), (lambda: 0.999999)
    assert mail_retry_countdown(0, rand=low) == 30
    assert mail_retry_countdown(0, rand=high) == pytest.approx(37.5, abs=0.01)
    assert mail_retry_countdown(1, rand=low) == 60
    assert mail_retry_countdown(4, rand=low) == 480
    assert mail_retry_countdown(5, rand=low) == 600
    assert mail_retry_countdown(12, rand=high) == pytest.approx(750, abs=0.01)


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_a_failed_mail_is_first_retried_after_30_seconds_not_1(monkeypatch):
    """Row 8: Celery's retry_backoff draws the wait from 0 to 30 s (full jitter)."""
    who = people()
    monkeypatch.setattr("random.random", lambda: 0.0)
    monkeypatch.setattr("random.randrange", lambda *args: 0)  # Celery's full jitter, at worst

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    countdowns = []

    def retry(self, *args, countdown=None, **kwargs):
        countdowns.append(countdown)
        raise Retry()

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refused)
    monkeypatch.setattr(Task, "retry", retry)
    page_id = Page.objects.filter(depth=2).first().pk
    with pytest.raises(Retry):
        notifications.send_notification.apply(
            ("translation_outdated", who["moderator"].pk, {"page_id": page_id, "locale": "en"}),
            throw=True,
        )
    assert countdowns and countdowns[0] >= 30


# Row 6: every webhook attempt is in the log -----------------------------------------------------


@pytest.mark.django_db
def test_an_attempt_is_logged_before_the_receiver_answers(monkeypatch, settings):
    """A worker killed after the receiver got the POST (here: right after it) still leaves the
    attempt counted, so the log never shows fewer attempts than the receiver saw."""
    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = True
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    endpoint = WebhookEndpoint.objects.create(
        name="Frontend", url="http://127.0.0.1:9/hook", events=["page.published"]
    )
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type="page.published",
        payload={"id": "x"},
        retry_until=now + datetime.timedelta(hours=1),
    )
    seen = []

    class WorkerKilled(BaseException):
        pass

    def receiver_answers_then_the_worker_dies(url, **kwargs):
        seen.append(WebhookDelivery.objects.get(pk=delivery.pk).attempts)
        raise WorkerKilled

    monkeypatch.setattr(webhook_service, "_send", receiver_answers_then_the_worker_dies)
    with pytest.raises(WorkerKilled):
        webhook_service.webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert seen == [1]  # counted before the POST left
    assert delivery.attempts == 1
    assert delivery.last_error == webhook_service.IN_FLIGHT
    assert delivery.status == WebhookDelivery.Status.PENDING

    monkeypatch.setattr(
        webhook_service, "_send", lambda url, **kwargs: webhook_service._Outcome(status_code=200)
    )
    delivery.claimed_until = None
    delivery.save()
    webhook_service.webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status, delivery.last_error) == (2, "succeeded", "")


@pytest.mark.django_db
def test_the_desk_sees_the_outbox_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("outbox-admin", "o@example.org", "x")
    OutboxMessage.objects.create(task="tasks.cache.purge_cache_tags", last_error="send failed")
    client.force_login(admin)
    response = client.get("/admin/outbox/")
    assert response.status_code == 200
    assert "tasks.cache.purge_cache_tags" in response.content.decode()


# A bulk load's purges, gathered into one -------------------------------------------------------


@pytest.mark.django_db
def test_a_bulk_loads_purges_are_one_task_with_every_tag():
    from home.cache_tags import purges_gathered

    purges = OutboxMessage.objects.filter(task="tasks.cache.purge_cache_tags")
    with purges_gathered():
        pages = [
            article_create(community_news_index(), title=f"Bulk {n}", publish=True)
            for n in range(3)
        ]
        assert not purges.exists()  # nothing queued while gathering
    (purge,) = purges.all()
    (tags,) = purge.args
    assert {f"page-{page.pk}" for page in pages} <= set(tags)

    article_create(community_news_index(), title="One more", publish=True)
    assert purges.all().count() == 2  # outside a bulk load, each publish purges at once
