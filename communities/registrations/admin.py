"""Event registrations in the admin: who is coming to each event, check-in at the door, CSV.

Staff see the registrations of the events they may edit (a community's Editors and Moderators
their community's events, the desk all of them): names and emails are personal data.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from articles.models import EventPage
from communities.models import EventRegistration
from communities.registrations.selectors import with_event_seats


def events_managed_by(user):
    """Event pages the user may edit (their registrations are theirs to manage)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return EventPage.objects.filter(pk__in=editable.type(EventPage).values("pk"))


def registrations_managed_by(user):
    return EventRegistration.objects.select_related("event").filter(
        event__in=events_managed_by(user)
    )


class RegistrationPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("view", "change"):
            return user.is_superuser or events_managed_by(user).exists()
        return user.is_superuser

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not {"view", "change"} & set(actions):
            return users.filter(is_superuser=True)
        return users  # narrowed per instance; listing access is checked per user

    def instances_user_has_any_permission_for(self, user, actions):
        if {"view", "change"} & set(actions):
            return registrations_managed_by(user)
        return EventRegistration.objects.none()


REGISTRATION_POLICY = RegistrationPermissionPolicy(EventRegistration)
register_permission_policy(EventRegistration, REGISTRATION_POLICY)


class CheckInColumn(Column):
    cell_template_name = "communities/admin/registration_check_in_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["registration"] = instance
        context["url"] = reverse("registrations_check_in", args=[instance.pk])
        # Cells are rendered without a RequestContext: the form needs the token handed in.
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


class EventSeatsColumn(Column):
    """Seats left of the event's capacity, so the door knows how full the room is."""

    def get_value(self, instance):
        capacity = instance.event.capacity
        if capacity is None:
            return f"{instance.event_seats_taken} taken (no limit)"
        left = max(capacity - instance.event_seats_taken, 0)
        return f"{left} of {capacity} left"


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        return with_event_seats(registrations_managed_by(self.request.user))

    @property
    def columns(self):
        return [
            *super().columns,
            EventSeatsColumn("event_seats", label="Event seats"),
            CheckInColumn("checked_in_at", label="Check-in"),
        ]


class RegistrationViewSet(ModelViewSet):
    model = EventRegistration
    permission_policy = REGISTRATION_POLICY
    icon = "group"
    menu_label = "Registrations"
    menu_order = 260
    add_to_admin_menu = True
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RegistrationIndexView
    list_display = ["name", "email", "party_size", "status", "event", "created_at"]
    list_filter = ["event", "status"]
    search_fields = ["name", "email"]
    list_export = [
        "event",
        "name",
        "email",
        "party_size",
        "status",
        "locale",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
    ]
    export_filename = "registrations"
    form_fields = ["checked_in_at"]


@require_POST
def check_in(request, pk: int):
    """Mark a confirmed party as arrived (or undo it)."""
    registration = get_object_or_404(registrations_managed_by(request.user), pk=pk)
    back = request.META.get("HTTP_REFERER") or reverse("registrations:index")
    if registration.status != EventRegistration.Status.CONFIRMED:
        messages.error(
            request, f"{registration.name} is {registration.get_status_display().lower()}."
        )
        return redirect(back)
    registration.checked_in_at = None if registration.checked_in_at else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    verb = "checked in" if registration.checked_in_at else "no longer checked in"
    messages.success(request, f"{registration.name} ({registration.party_size}) {verb}.")
    return redirect(back)


def admin_urls():
    return [path("registrations-check-in/<int:pk>/", check_in, name="registrations_check_in")]
