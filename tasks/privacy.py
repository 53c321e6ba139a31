"""Retention: residents' personal data is deleted once it is no longer needed."""

import logging

from celery import shared_task

from communities.retention import personal_data_purge

logger = logging.getLogger(__name__)


@shared_task(name="tasks.privacy.purge_personal_data", ignore_result=True)
def purge_personal_data() -> None:
    purged = personal_data_purge()
    logger.info(
        "Purged personal data: %s registrations, %s subscriptions deleted; %s feedback anonymised",
        purged.registrations,
        purged.subscriptions,
        purged.feedback,
    )
