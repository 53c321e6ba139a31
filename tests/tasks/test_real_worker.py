"""A real Celery worker and beat (subprocesses) against the test database and Redis.

These tests commit, so the module restores the database afterwards; each test after the first
gets the setup tree back (`tree_present`).
"""

import datetime
import hashlib
import hmac
import json

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.tasks import update_reference_index_task

from articles.models import ArticlePage
from tasks.backends import CeleryBackend
from tasks.models import WebhookEndpoint
from tests.helpers import (
    admin_edit_url,
    article_create,
    article_form_data,
    city_news_index,
    community_news_index,
)
from tests.tasks.celery_processes import CeleryProcesses, wait_until
from tests.tasks.receivers import SMTPServer, WebhookReceiver, free_port, message_text
from tests.tasks.workflows import people, review_workflow

pytestmark = pytest.mark.usefixtures("database_restored", "tree_present")

# The target: live within 15 seconds of the go-live time.
GO_LIVE_TARGET = datetime.timedelta(seconds=15)


@pytest.fixture(scope="module")
def smtp_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def celery(tmp_path_factory, smtp_port, django_db_blocker):
    with django_db_blocker.unblock():
        processes = CeleryProcesses(
            tmp_path_factory.mktemp("celery"), TAPESTRY_TEST_SMTP_PORT=str(smtp_port)
        )
        try:
            processes.start_worker()
            processes.start_publisher()
            processes.start_beat()
            yield processes
        finally:
            processes.stop()


def _publish_log_count(page: Page) -> int:
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count()


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_page_goes_live_within_the_target(celery):
    page = article_create(city_news_index(), title="Lantern festival programme")
    go_live_at = timezone.now() + datetime.timedelta(seconds=3)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    assert not Page.objects.get(pk=page.pk).live

    live = wait_until(
        lambda: Page.objects.filter(pk=page.pk, live=True).first(),
        timeout=30,
        message="the page never went live",
    )

    assert live.last_published_at >= go_live_at
    assert live.last_published_at - go_live_at < GO_LIVE_TARGET
    assert _publish_log_count(page) == 1


@pytest.mark.django_db(transaction=True)
def test_an_expiring_page_is_unpublished(celery):
    page = article_create(city_news_index(), publish=True)
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(seconds=2))

    expired = wait_until(
        lambda: Page.objects.filter(pk=page.pk, live=False).first(),
        timeout=30,
        message="the page never expired",
    )

    assert expired.expired


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_nothing_half_done(celery):
    # Slow each publication down so the kill lands in the middle of the run.
    celery.kill_publisher()
    celery.start_publisher(TAPESTRY_TEST_PUBLISH_DELAY="0.8")
    later = timezone.now() + datetime.timedelta(hours=1)
    pages = []
    for number in range(8):
        page = article_create(city_news_index(), title=f"Scheduled notice {number}")
        page.go_live_at = later
        page.save_revision().publish()
        pages.append(page)
    ids = [page.pk for page in pages]
    # All become due at once, in one commit.
    due = timezone.now() - datetime.timedelta(seconds=1)
    with transaction.atomic():
        for revision in Revision.objects.filter(object_id__in=[str(pk) for pk in ids]).exclude(
            approved_go_live_at=None
        ):
            content = dict(revision.content, go_live_at=due.isoformat())
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=due, content=content)
        Page.objects.filter(pk__in=ids).update(go_live_at=due)

    wait_until(
        lambda: Page.objects.filter(pk__in=ids, live=True).count() >= 2,
        timeout=30,
        interval=0.05,
        message="publishing never started",
    )
    celery.kill_publisher()

    live = set(Page.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True))
    assert 2 <= len(live) < len(ids)
    for page in ArticlePage.objects.filter(pk__in=ids):
        pending = Revision.objects.filter(object_id=str(page.pk)).exclude(approved_go_live_at=None)
        if page.pk in live:  # fully published
            assert page.live_revision_id is not None and page.last_published_at is not None
            assert not pending.exists()
            assert _publish_log_count(page) == 1
        else:  # untouched: still scheduled, nothing logged
            assert page.live_revision_id is None and page.first_published_at is None
            assert pending.count() == 1
            assert _publish_log_count(page) == 0

    celery.start_publisher()
    wait_until(
        lambda: Page.objects.filter(pk__in=ids, live=True).count() == len(ids),
        timeout=60,
        message="the next run did not finish the job",
    )
    for page in pages:
        assert _publish_log_count(page) == 1


@pytest.mark.django_db(transaction=True)
def test_mail_goes_out_on_retry_once_the_server_is_back(celery, client, smtp_port):
    """The mail server is down when the editor submits: the submission succeeds, the worker
    retries with backoff, and the moderators get the mail once the server answers."""
    review_workflow()
    who = people()
    page = article_create(community_news_index(), title="Dragon boat race route")
    client.force_login(who["editor"])

    response = client.post(
        admin_edit_url(page),
        article_form_data(title=page.title, slug=page.slug, **{"action-submit": "Submit"}),
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    wait_until(
        lambda: "Retry in" in celery.worker_log.read_text(errors="replace"),
        timeout=30,
        message="the worker never tried the mail server",
    )
    server = SMTPServer(smtp_port)
    try:
        wait_until(lambda: len(server.messages) >= 2, timeout=30, message="no mail arrived")
    finally:
        server.close()
    recipients = sorted(address for addresses, _message in server.messages for address in addresses)
    assert recipients == sorted([who["moderator"].email, who["other_moderator"].email])
    message = server.messages[0][1]
    assert "Dragon boat race route" in message["Subject"]
    assert "Dragon boat race route" in message_text(message)
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


@pytest.mark.django_db(transaction=True)
def test_webhooks_leave_from_the_worker(celery):
    receiver = WebhookReceiver(statuses=[500])
    try:
        endpoint = WebhookEndpoint.objects.create(
            name="Frontend", url=receiver.url, events=["page.published"]
        )
        page = article_create(city_news_index(), publish=True)

        # First attempt fails; beat sends it again when due (backoff of 1 s in these processes).
        wait_until(lambda: len(receiver.requests) >= 2, timeout=60, message="no retry arrived")
    finally:
        receiver.close()
    first, second = receiver.requests[:2]
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    timestamp = second.headers["X-Tapestry-Timestamp"]
    expected = hmac.new(
        endpoint.secret.encode(), timestamp.encode() + b"." + second.body, hashlib.sha256
    ).hexdigest()
    assert second.headers["X-Tapestry-Signature"] == f"sha256={expected}"
    assert json.loads(second.body)["page"]["id"] == page.pk


@pytest.mark.django_db(transaction=True)
def test_wagtails_background_tasks_run_on_the_worker(celery):
    other = article_create(city_news_index(), publish=True)
    page = article_create(city_news_index(), publish=True, supersedes=other)
    ReferenceIndex.objects.filter(object_id=str(page.pk)).delete()
    backend = CeleryBackend("celery", {})

    with transaction.atomic():
        backend.enqueue(update_reference_index_task, ["articles", "articlepage", str(page.pk)], {})

    wait_until(
        lambda: ReferenceIndex.objects.filter(
            object_id=str(page.pk), to_object_id=str(other.pk)
        ).exists(),
        timeout=30,
        message="the reference index was not updated by the worker",
    )
