"""Admin views that the generic viewsets do not provide: redelivering a webhook."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tasks.models import WebhookDelivery
from tasks.services.outbox import outbox_enqueue
from tasks.services.webhooks import webhook_delivery_redeliver
from tasks.webhooks import deliver


def redeliver_view(request, pk, *, permission_policy, index_url_name):
    """GET asks to confirm; POST puts the delivery back in the queue and enqueues it."""
    if not permission_policy.user_has_permission(request.user, "redeliver"):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            webhook_delivery_redeliver(delivery=delivery)
            outbox_enqueue(deliver, delivery.pk)
        messages.success(
            request,
            _("Delivery of %(event)s to %(endpoint)s queued again.")
            % {"event": delivery.event_type, "endpoint": delivery.endpoint},
        )
        return redirect(index_url_name)
    return TemplateResponse(
        request,
        "tasks/admin/redeliver_confirm.html",
        {"delivery": delivery, "page_title": _("Redeliver webhook")},
    )
