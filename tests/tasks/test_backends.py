from unittest import mock

import pytest
from django.db import transaction
from django_tasks import task

from tasks import background
from tasks.backends import CeleryBackend

calls = []


@task()
def record(value, *, label=""):
    calls.append((value, label))
    return value


@pytest.fixture
def sent():
    with mock.patch.object(background.run_django_task, "apply_async") as apply_async:
        yield apply_async


@pytest.mark.django_db
def test_enqueued_only_when_the_transaction_commits(sent, django_capture_on_commit_callbacks):
    backend = CeleryBackend("celery", {})

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        result = backend.enqueue(record, [1], {"label": "x"})
        assert not sent.called

    assert result.status == "READY"
    sent.assert_called_once_with(
        ("tests.tasks.test_backends.record", [1], {"label": "x"}, result.id), queue=None
    )


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
