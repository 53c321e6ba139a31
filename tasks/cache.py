"""Cache purging: after a change commits, every purger of TAPESTRY_CACHE_PURGERS forgets the
cached responses that carry one of the cache tags the change affects (`home.cache_tags`).

A purger is a callable `purge(tags: set[str]) -> None` named by its dotted path: the Redis
response cache's by default, Varnish's or a CDN's where configured. One that fails (its cache
unreachable) retries the whole task with exponential backoff; purging twice is harmless.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.utils.module_loading import import_string

from home.cache_tags import COARSE_TAG
from tasks.outbox import ExternalOutboxTask

logger = logging.getLogger(__name__)


@shared_task(
    name="tasks.cache.purge_cache_tags",
    base=ExternalOutboxTask,  # purging twice is harmless
    autoretry_for=(Exception,),
    retry_backoff=1,
    retry_backoff_max=60,
    max_retries=10,
    ignore_result=True,
)
def purge_cache_tags(tags: list[str]) -> None:
    """Purge `tags` (and COARSE_TAG, which responses with too many tags for a header carry)
    from every configured cache."""
    purged = {*tags, COARSE_TAG}
    for path in settings.TAPESTRY_CACHE_PURGERS:
        import_string(path)(purged)
    logger.info(
        "Purged %s cache tags from %s caches", len(purged), len(settings.TAPESTRY_CACHE_PURGERS)
    )
