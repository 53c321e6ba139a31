"""Scheduled publishing and expiry, as Wagtail's `publish_scheduled` command does it, made safe to
run every few seconds from several processes.

The database is the truth: a revision with `approved_go_live_at` in the past is due, an object
that is live with `expire_at` in the past has expired. One run at a time holds a lock that dies
with its holder (tasks/locks.py), and a run stops taking new objects after
TAPESTRY_PUBLISH_RUN_MAX_SECONDS so it ends well inside its task's time limit; each object
is handled in its own transaction after re-reading it under a row lock, so a run that dies
half-way leaves every object either done or untouched, and the next run finishes the rest.
Publishing goes through Wagtail's own `revision.publish()` and `unpublish()`, so its signals,
log entries and reference/search index updates happen as for an editor's click.
"""

import dataclasses
import logging
import time

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from tasks.locks import HeldLock, LockLost, lock_held

logger = logging.getLogger(__name__)

LOCK_NAME = "scheduled-publishing"


@dataclasses.dataclass
class PublishingRun:
    locked_out: bool = False
    # Out of time with objects left: the next run (one beat interval later) carries on.
    cut_short: bool = False
    published: list[str] = dataclasses.field(default_factory=list)
    unpublished: list[str] = dataclasses.field(default_factory=list)


def draft_state_models() -> list[type]:
    """Page, then every other model with drafts (snippets such as Topic and Bureau)."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _expired_unpublish(model: type, pk, run: PublishingRun) -> None:
    with transaction.atomic():
        now = timezone.now()
        obj = model.objects.select_for_update().filter(pk=pk, live=True, expire_at__lt=now).first()
        if obj is None:  # someone else unpublished it, or its expiry moved
            return
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        run.unpublished.append(f"{model._meta.label} {pk}")


def _revision_publish(pk, run: PublishingRun) -> None:
    with transaction.atomic():
        now = timezone.now()
        revision = (
            Revision.objects.select_for_update().filter(pk=pk, approved_go_live_at__lt=now).first()
        )
        if revision is None:  # published by another run, or rescheduled
            return
        # Publishing clears approved_go_live_at of the object's revisions, in this transaction.
        revision.publish(log_action="wagtail.publish.scheduled")
        run.published.append(
            f"{revision.content_type.model_class()._meta.label} {revision.object_id}"
        )


def scheduled_publishing_run(
    *, lock_timeout: float | None = None, max_seconds: float | None = None
) -> PublishingRun:
    """Unpublish what has expired and publish what is due, unless another run holds the lock.

    Call it outside any transaction: each object commits on its own.
    """
    timeout = lock_timeout or settings.TAPESTRY_PUBLISH_LOCK_TIMEOUT
    budget = max_seconds or settings.TAPESTRY_PUBLISH_RUN_MAX_SECONDS
    run = PublishingRun()
    with lock_held(LOCK_NAME, timeout=timeout) as held:
        if held is None:
            run.locked_out = True
            return run
        try:
            _run(held, run, deadline=time.monotonic() + budget)
        except LockLost:
            # Another run took over after our lock expired; it carries on from the database.
            logger.warning("scheduled publishing lost its lock; stopping this run")
    if run.published or run.unpublished:
        logger.info(
            "scheduled publishing: published %d, unpublished %d",
            len(run.published),
            len(run.unpublished),
        )
    return run


def _run(held: HeldLock, run: PublishingRun, *, deadline: float) -> None:
    now = timezone.now()
    for model in draft_state_models():
        expired = model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
        for pk in list(expired.values_list("pk", flat=True)):
            if time.monotonic() > deadline:
                run.cut_short = True
                return
            _expired_unpublish(model, pk, run)
            held.extend()

    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for pk in list(due.values_list("pk", flat=True)):
        if time.monotonic() > deadline:
            run.cut_short = True
            return
        _revision_publish(pk, run)
        held.extend()
