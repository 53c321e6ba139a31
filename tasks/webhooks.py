"""Webhook tasks: send one delivery now; beat sends whatever is due again."""

from celery import shared_task
from django.conf import settings

from tasks.outbox import ExternalOutboxTask
from tasks.services.webhooks import webhook_deliveries_due, webhook_delivery_attempt


# Enqueued through the outbox on commit; the delivery row, claimed per attempt, is what makes a
# second copy harmless, so no transaction is held open while the receiver answers. The POST
# itself ends within TAPESTRY_WEBHOOK_TIMEOUT_SECONDS; the limits bound the whole task (the
# database work around it included), so a stuck delivery never holds a worker for long.
@shared_task(
    name="tasks.webhooks.deliver",
    base=ExternalOutboxTask,
    ignore_result=True,
    soft_time_limit=settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS + 20,
    time_limit=settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS + 30,
)
def deliver(delivery_id: int) -> None:
    webhook_delivery_attempt(delivery_id=delivery_id)


@shared_task(name="tasks.webhooks.deliver_due", ignore_result=True)
def deliver_due() -> None:
    """Beat: enqueue every delivery whose (next) attempt is due."""
    for delivery_id in webhook_deliveries_due():
        # A copy still queued after a minute is dropped; beat enqueues the delivery again.
        deliver.apply_async((delivery_id,), expires=60)
