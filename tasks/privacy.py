"""Retention: residents' personal data is deleted once it is no longer needed."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="tasks.privacy.purge_personal_data", ignore_result=True)
def purge_personal_data() -> None:
    call_command("purge_personal_data")
