"""A django-tasks backend that runs tasks (Wagtail's search and reference index updates, file
deletions, ...) on Celery.

Each task is an outbox row written in the surrounding transaction (tasks.services.outbox), relayed
to Celery once it commits, even when the broker was down at that moment, as a Celery task that
imports the django-task by its path and calls it, once per row. No maintained package does this
(the Celery backends on PyPI are single early releases), so it is kept small here.
"""

import logging
from typing import Any

from django.utils import timezone
from django_tasks import DEFAULT_TASK_QUEUE_NAME
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id, normalize_json

from tasks.background import run_django_task
from tasks.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)


class CeleryBackend(BaseTaskBackend):
    supports_async_task = True

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        outbox_enqueue(
            run_django_task,
            task.module_path,
            result.args,
            result.kwargs,
            result.id,
            queue=self._celery_queue(task),
        )
        task_enqueued.send(type(self), task_result=result)
        return result

    def _celery_queue(self, task: Task) -> str | None:
        """django-tasks' default queue is Celery's default queue; other names pass through."""
        return None if task.queue_name == DEFAULT_TASK_QUEUE_NAME else task.queue_name
