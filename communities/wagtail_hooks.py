from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communities.feedback import is_staff_member
from communities.feedback_admin import FeedbackChartView, FeedbackViewSet
from communities.registration_admin import RegistrationViewSet
from communities.registration_admin import admin_urls as registration_admin_urls


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


@hooks.register("register_admin_urls")
def register_feedback_chart_url():
    return [
        path("feedback-chart/", FeedbackChartView.as_view(), name="feedback_chart"),
        *registration_admin_urls(),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_chart_menu_item():
    return StaffMenuItem(
        "Feedback by community", reverse("feedback_chart"), icon_name="comment", order=800
    )
