"""Tapestry's own pages for the links in residents' mails (`/residents/`), from the rooms."""

from django.urls import path

from communities.registrations.views import registration_cancel_view
from communities.subscriptions.views import (
    subscription_confirm_view,
    subscription_unsubscribe_view,
)

app_name = "residents"
urlpatterns = [
    path(
        "registrations/cancel/<str:token>/",
        registration_cancel_view,
        name="registration_cancel",
    ),
    path(
        "subscriptions/confirm/<str:token>/",
        subscription_confirm_view,
        name="subscription_confirm",
    ),
    path(
        "subscriptions/unsubscribe/<str:token>/",
        subscription_unsubscribe_view,
        name="subscription_unsubscribe",
    ),
]
