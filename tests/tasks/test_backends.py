from unittest import mock

import pytest
from django.db import transaction
from django_tasks import task
from kombu.exceptions import OperationalError

from tasks import background
from tasks.backends import CeleryBackend
from tasks.models import OutboxMessage
from tasks.services import outbox as outbox_service
from tasks.services.outbox import KEY_HEADER, PUBLISH_RETRY_POLICY

calls = []


@task()
def record(value, *, label=""):
    calls.append((value, label))
    return value


@pytest.fixture
def sent(monkeypatch, request):
    monkeypatch.setattr(outbox_service, "_kick_paused_until", 0.0)
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        OutboxMessage.objects.all().delete()  # the setup data's own intents
    with mock.patch.object(background.run_django_task, "apply_async") as apply_async:
        yield apply_async


@pytest.mark.django_db
def test_enqueued_only_when_the_transaction_commits(sent, django_capture_on_commit_callbacks):
    backend = CeleryBackend("celery", {})

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        result = backend.enqueue(record, [1], {"label": "x"})
        assert not sent.called

    assert result.status == "READY"
    intent = OutboxMessage.objects.get()
    sent.assert_called_once_with(
        ["tests.tasks.test_backends.record", [1], {"label": "x"}, result.id],
        {},
        headers={KEY_HEADER: str(intent.key)},
        retry_policy=PUBLISH_RETRY_POLICY,
    )
    assert intent.sent_at is not None


@pytest.mark.django_db
def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    sent, django_capture_on_commit_callbacks
):
    backend = CeleryBackend("celery", {})

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        backend.enqueue(record, [1], {})
        raise RuntimeError

    assert not sent.called
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_broker_down_at_commit_leaves_the_task_for_the_relay(
    sent, django_capture_on_commit_callbacks
):
    sent.side_effect = OperationalError("Connection refused")
    backend = CeleryBackend("celery", {})

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        backend.enqueue(record, [2], {})

    intent = OutboxMessage.objects.get()
    assert intent.sent_at is None and intent.done_at is None


def test_the_celery_task_runs_the_django_task_by_its_path():
    calls.clear()

    background.run_django_task.run("tests.tasks.test_backends.record", [7], {"label": "y"})

    assert calls == [(7, "y")]


def test_only_django_tasks_can_be_run():
    with pytest.raises(TypeError):
        background.run_django_task.run("os.getcwd", [], {})


def test_production_settings_route_wagtails_tasks_to_celery():
    from cms.settings import base

    assert base.TASKS["default"]["BACKEND"] == "tasks.backends.CeleryBackend"
