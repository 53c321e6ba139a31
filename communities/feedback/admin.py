"""Feedback triage in the Wagtail admin: per-community access, CSV export, a chart.

Community staff (the Editors and Moderators groups of a community) read and triage their own
community's feedback and read what other communities shared; the CNS Editorial Desk reads and
triages everything. Residents' feedback is never added or deleted by hand.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from communities.feedback.services import (
    feedback_chart,
    feedback_clean,
    feedback_editable_by,
    feedback_triaged,
    feedback_visible_to,
    is_staff_member,
    staff_community_keys,
)
from communities.models import Feedback
from communities.roles import DESK_GROUP


class FeedbackForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        for field, message in feedback_clean(self.instance, cleaned).items():
            self.add_error(field, ValidationError(message))
        return cleaned


class FeedbackPermissionPolicy(BasePermissionPolicy):
    """View and change for community staff and the desk (per instance, by community)."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("view", "change"):
            return is_staff_member(user)
        return user.is_superuser  # add, delete: never by hand in practice

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not {"view", "change"} & set(actions):
            return users.filter(is_superuser=True)
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__name=DESK_GROUP)
            | Q(groups__page_permissions__page__content_type__model="communitypage")
        ).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "change" in actions:
            return feedback_editable_by(user)
        if "view" in actions:
            return feedback_visible_to(user)
        return Feedback.objects.all() if user.is_superuser else Feedback.objects.none()


FEEDBACK_POLICY = FeedbackPermissionPolicy(Feedback)
register_permission_policy(Feedback, FEEDBACK_POLICY)


class YesNoColumn(Column):
    """A yes/no field as a tick or a cross with the word, never Python's True/False."""

    cell_template_name = "communities/admin/yes_no_cell.html"


class ExcerptColumn(Column):
    def __init__(self, name, length: int = 90, **kwargs):
        super().__init__(name, **kwargs)
        self.length = length

    def get_value(self, instance):
        return Truncator(" ".join(str(super().get_value(instance)).split())).chars(self.length)


class FeedbackIndexView(IndexView):
    def get_base_queryset(self):
        return feedback_visible_to(self.request.user).select_related("handled_by")


class FeedbackEditView(EditView):
    def get_object(self, queryset=None):
        feedback = feedback_visible_to(self.request.user).filter(pk=self.object_pk).first()
        if feedback is None:
            raise PermissionDenied
        if not feedback_editable_by(self.request.user).filter(pk=feedback.pk).exists():
            raise PermissionDenied  # shared by another community: readable in the list only
        self.previous = Feedback.objects.get(pk=feedback.pk)
        return feedback

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            feedback_triaged(self.object, self.previous, self.request.user)
        return response


class FeedbackChartView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "communities/admin/feedback_chart.html"
    page_title = "Feedback by community, category and month"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chart = feedback_chart(feedback_visible_to(self.request.user))
        largest = max([count for _label, count in chart.by_community] + [1])
        context.update(
            chart=chart,
            largest=largest,
            rows=[
                ("By community", chart.by_community),
                ("By category", chart.by_category),
                ("By month", chart.by_month),
            ],
            scope="all communities"
            if not staff_community_keys(self.request.user) or self.request.user.is_superuser
            else "your communities and feedback shared with them",
        )
        return context


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    permission_policy = FEEDBACK_POLICY
    icon = "comment"
    menu_label = "Feedback"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    list_display = [
        "reference",
        ExcerptColumn("message", label="Message"),
        "community",
        "category",
        "status",
        UserColumn("handled_by", label="Assignee", blank_display_name="—"),
        "created_at",
        YesNoColumn("shared", label="Shared with other communities"),
    ]
    list_filter = ["status", "category", "community", "shared"]
    search_fields = ["reference", "message"]
    list_export = [
        "reference",
        "community",
        "category",
        "status",
        "locale",
        "message",
        "public_response",
        "bureau",
        "shared",
        "created_at",
        "answered_at",
        "closed_at",
    ]
    export_filename = "feedback"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("community", read_only=True),
                            FieldPanel("category", read_only=True),
                            FieldPanel("locale", read_only=True),
                        ]
                    ),
                    FieldPanel("message", read_only=True),
                    FieldPanel("page", read_only=True),
                    FieldRowPanel(
                        [
                            FieldPanel("email", read_only=True),
                            FieldPanel("contact_consent", read_only=True),
                        ]
                    ),
                ],
                heading="From the resident",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("status"), FieldPanel("bureau")]),
                    FieldPanel("public_response"),
                    FieldPanel("internal_notes"),
                    FieldPanel("shared"),
                ],
                heading="Triage",
            ),
        ],
        base_form_class=FeedbackForm,
    )
