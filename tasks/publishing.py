"""Scheduled publishing: beat runs this every TAPESTRY_PUBLISH_INTERVAL_SECONDS."""

from celery import shared_task

from tasks.services.publishing import scheduled_publishing_run


@shared_task(name="tasks.publishing.publish_scheduled", ignore_result=True)
def publish_scheduled() -> None:
    """Publish every revision whose go-live time has passed and unpublish expired objects."""
    scheduled_publishing_run()
