"""Renditions made ahead: after an image is uploaded, given a new file or a new focal point, a
task makes every rendition the API serves (home.images), so no request has to, then purges the
responses that served the original in their place."""

import logging

from celery import shared_task
from django.db import transaction
from wagtail.images import get_image_model

from home.cache_tags import tags_for_image
from home.images import image_renditions_make
from tasks import cache
from tasks.outbox import ExternalOutboxTask
from tasks.services.outbox import outbox_enqueue

logger = logging.getLogger(__name__)


@shared_task(
    name="tasks.images.make_renditions",
    base=ExternalOutboxTask,  # makes only what is missing: running twice is harmless
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=120,
    max_retries=5,
    ignore_result=True,
)
def make_renditions(image_id: int) -> None:
    made = image_renditions_make(image_id=image_id)
    if not made:
        return
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return
    with transaction.atomic():
        outbox_enqueue(cache.purge_cache_tags, sorted(tags_for_image(image)))
