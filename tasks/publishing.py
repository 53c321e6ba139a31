"""Scheduled publishing: the database's go-live and expiry times are the truth."""

import logging

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)


@shared_task(name="tasks.publishing.publish_scheduled", ignore_result=True)
def publish_scheduled() -> None:
    """Publish every revision whose go-live time has passed and unpublish expired pages.

    Runs Wagtail's own `publish_scheduled` (which fires the normal publish signals) from beat,
    every TAPESTRY_PUBLISH_INTERVAL_SECONDS instead of an hourly cron.
    """
    call_command("publish_scheduled")
    logger.info("scheduled publishing run finished")
