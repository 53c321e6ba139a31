from django.urls import path

from communities.resident_views import registration_cancel_view

app_name = "residents"
urlpatterns = [
    path(
        "registrations/cancel/<str:token>/",
        registration_cancel_view,
        name="registration_cancel",
    ),
]
