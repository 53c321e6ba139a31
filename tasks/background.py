"""The Celery task that runs a django-task (see tasks.backends.CeleryBackend)."""

import logging

from celery import shared_task
from django.db import IntegrityError, OperationalError
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task, TaskContext, TaskResult, TaskResultStatus

from tasks.outbox import OutboxTask

logger = logging.getLogger(__name__)


@shared_task(
    name="tasks.background.run_django_task",
    base=OutboxTask,  # runs in the transaction that marks its outbox row done
    ignore_result=True,
    # Wagtail's background tasks recompute (a search or reference index entry) and are safe to
    # run again: retry when the database was locked (SQLite) or when two runs for the same object
    # raced to insert its entry (seen with two worker processes on SQLite under `make run`).
    autoretry_for=(OperationalError, IntegrityError),
    retry_backoff=5,
    max_retries=5,
)
def run_django_task(module_path: str, args: list, kwargs: dict, result_id: str = "") -> None:
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a django-task")
    if task.takes_context:
        now = timezone.now()
        result = TaskResult(
            task=task,
            id=result_id,
            status=TaskResultStatus.RUNNING,
            enqueued_at=None,
            started_at=now,
            last_attempted_at=now,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=task.backend,
            errors=[],
            worker_ids=[],
        )
        task.call(TaskContext(task_result=result), *args, **kwargs)
    else:
        task.call(*args, **kwargs)
