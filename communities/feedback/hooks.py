"""Admin hooks of residents' feedback: the triage viewset and the chart in the reports menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communities.feedback.admin import FeedbackChartView, FeedbackViewSet
from communities.feedback.services import is_staff_member


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")


@hooks.register("register_admin_urls")
def register_feedback_chart_url():
    return [path("feedback-chart/", FeedbackChartView.as_view(), name="feedback_chart")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_chart_menu_item():
    return StaffMenuItem(
        "Feedback by community", reverse("feedback_chart"), icon_name="comment", order=800
    )
