"""The broker's visibility timeout against what the tasks really do.

On Redis a fetched message stays unacknowledged until its task finished (acks_late); one that
waits longer than the visibility timeout is handed to another worker. So the timeout must
outlast every task's longest legitimate hold (its longest retry countdown, which it waits out in
a worker, then its hard time limit), or a retry or a running task is delivered twice; and after
a whole-worker kill it is how long the in-flight tasks wait before they run again.
"""

from django.conf import settings

from cms.celery import app as celery_app
from tasks.retries import MailTask, mail_retry_countdown

# After a whole-worker kill, in-flight tasks run again within this.
REDELIVERY_TARGET_SECONDS = 300


def _longest_countdown(task) -> float:
    """The longest countdown a retry of this task waits: a mail task's own backoff with its
    jitter at the top, or autoretry's (Celery caps each at retry_backoff_max)."""
    if isinstance(task, MailTask):
        return mail_retry_countdown(task.max_retries, rand=lambda: 1.0)
    if not getattr(task, "autoretry_for", ()) or not getattr(task, "retry_backoff", False):
        return 0
    backoff = 1 if task.retry_backoff is True else task.retry_backoff
    uncapped = backoff * 2 ** max(0, task.max_retries - 1)
    return min(uncapped, getattr(task, "retry_backoff_max", 600))  # 600: Celery's default


def _tapestry_tasks():
    celery_app.loader.import_default_modules()
    return [task for name, task in celery_app.tasks.items() if name.startswith("tasks.")]


def test_the_visibility_timeout_outlasts_every_tasks_longest_hold():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    default_limit = settings.CELERY_TASK_TIME_LIMIT
    tasks = _tapestry_tasks()
    assert tasks
    for task in tasks:
        hold = _longest_countdown(task) + (task.time_limit or default_limit)
        assert hold < visibility, f"{task.name} may be held {hold} s, longer than {visibility} s"
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        assert soft < (task.time_limit or default_limit)


def test_a_killed_workers_tasks_come_back_within_five_minutes():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    sweep = options["unacked_restore_interval"] * options["unacked_restore_throttle"]
    assert options["visibility_timeout"] + sweep <= REDELIVERY_TARGET_SECONDS


def test_the_longest_countdown_setting_covers_every_task():
    for task in _tapestry_tasks():
        assert _longest_countdown(task) <= settings.TAPESTRY_LONGEST_RETRY_COUNTDOWN_SECONDS


def test_a_scheduled_publishing_run_ends_well_inside_its_time_limit():
    celery_app.loader.import_default_modules()
    task = celery_app.tasks["tasks.publishing.publish_scheduled"]
    soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert soft >= settings.TAPESTRY_PUBLISH_RUN_MAX_SECONDS + 20


def test_mail_and_webhook_tasks_are_bounded_in_total_time():
    celery_app.loader.import_default_modules()
    for name, task in celery_app.tasks.items():
        if name == "tasks.webhooks.deliver":
            assert task.time_limit <= settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS + 30
        elif name.endswith(("_mail", ".send_notice", ".send_notification", ".send_digest")):
            assert task.time_limit <= settings.TAPESTRY_MAIL_TIME_LIMIT_SECONDS + 10, name
