from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from tasks.models import NotificationPreference, WebhookEndpoint, WebhookEvent


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text=_("An https:// URL whose host has public addresses only."),
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events sent to this endpoint."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "locales", "communities", "active"]
        widgets = {
            "locales": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Communities are chosen by their source-locale page; a filter covers every translation.
        communities = self.fields["communities"]
        communities.queryset = communities.queryset.filter(
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE
        ).order_by("title")


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["daily_digest"]
