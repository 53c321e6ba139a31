"""Admin: webhook endpoints and their delivery log (Settings › Webhooks, desk and superusers),
the outbox of side effects (Settings › Outbox, read-only), and the daily-digest choice in each
user's account settings."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy

from tasks.forms import NotificationPreferenceForm, WebhookEndpointForm
from tasks.models import (
    NotificationPreference,
    OutboxMessage,
    WebhookDelivery,
    WebhookEndpoint,
)
from tasks.permissions import DeskOnlyPermissionPolicy
from tasks.views import redeliver_view

endpoint_policy = DeskOnlyPermissionPolicy(WebhookEndpoint)
# Deliveries are written by Tapestry only: desk members read them and may redeliver.
delivery_policy = DeskOnlyPermissionPolicy(WebhookDelivery, actions=("view", "redeliver"))
register_permission_policy(WebhookEndpoint, endpoint_policy)
register_permission_policy(WebhookDelivery, delivery_policy)
# Outbox rows are written and consumed by Tapestry only: desk members read them.
outbox_policy = DeskOnlyPermissionPolicy(OutboxMessage, actions=("view",))
register_permission_policy(OutboxMessage, outbox_policy)


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Endpoints")
    list_display = ["name", "url", "active"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm


class DeliveryIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Redeliver"),
                url=reverse("webhook_deliveries:redeliver", args=[instance.pk]),
                icon_name="redirect",
                priority=5,
            )
        )
        return buttons


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    index_view_class = DeliveryIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "event_type",
        "endpoint",
        StatusTagColumn("status", primary=lambda delivery: delivery.status == "succeeded"),
        "attempts",
        Column("last_status_code", label=_("Last response")),
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event_type", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "event_type",
        "event_id",
        "idempotency_key",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "retry_until",
        "delivered_at",
        "payload",
    ]
    # Never editable (the policy has no "change"); the generic views still want a form.
    form_fields = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "redeliver/<int:pk>/",
                lambda request, pk: redeliver_view(
                    request,
                    pk,
                    permission_policy=delivery_policy,
                    index_url_name=self.get_url_name("index"),
                ),
                name="redeliver",
            ),
        ]


class WebhooksViewSetGroup(ModelViewSetGroup):
    items = (
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_name = "webhooks"


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksViewSetGroup()


class OutboxViewSet(ModelViewSet):
    """Side effects waiting, sent, done or failed: a row pending for long means the broker is
    down; one failed needs a look at its last error."""

    model = OutboxMessage
    icon = "tasks"
    menu_label = _("Outbox")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "task",
        Column("state", label=_("State")),
        "created_at",
        "sent_at",
        "send_attempts",
        "done_at",
        "failed_at",
    ]
    list_filter = ["task"]
    search_fields = ["task"]
    inspect_view_fields = [
        "key",
        "task",
        "args",
        "kwargs",
        "queue",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "send_attempts",
        "done_at",
        "failed_at",
        "last_error",
    ]
    form_fields = ["task"]


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox")


class DigestSettingsPanel(BaseSettingsPanel):
    name = "tapestry_digest"
    title = _("Tapestry digest")
    tab = notifications_tab
    order = 200
    form_class = NotificationPreferenceForm

    @cached_property
    def preference(self) -> NotificationPreference:
        return NotificationPreference.for_user(self.user)

    def get_form(self):
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=self.preference, prefix=self.name)
        return self.form_class(instance=self.preference, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_digest_panel(request, user, profile):
    return DigestSettingsPanel(request, user, profile)
