"""The desk's form for a translation's due date (linked from the Translations report)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page

from communities.editorial.translation_queue import translation_due_date_set
from communities.models import TranslationDueDate

DUE_DATE_PERMISSION = "communities.change_translationduedate"


class TranslationDueDateForm(forms.Form):
    due_on = forms.DateField(
        label="Due on",
        required=False,
        widget=AdminDateInput,
        help_text="Leave empty to clear the due date.",
    )


class TranslationDueDateView(WagtailAdminTemplateMixin, FormView):
    form_class = TranslationDueDateForm
    template_name = "communities/admin/translation_due_date.html"
    header_icon = "date"
    page_title = "Translation due date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DUE_DATE_PERMISSION):
            raise PermissionDenied
        self.page = get_object_or_404(
            Page,
            pk=kwargs["page_id"],
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE,
            depth__gt=2,
        )
        self.locale = get_object_or_404(
            Locale.objects.exclude(language_code=settings.TAPESTRY_SOURCE_LOCALE),
            language_code=kwargs["locale_code"],
        )
        self.current = TranslationDueDate.objects.filter(page=self.page, locale=self.locale).first()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("tapestry_translations_report"), "label": "Translation status"},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_page_subtitle(self):
        return f"{self.page.get_admin_display_title()} ({self.locale.get_display_name()})"

    def get_initial(self):
        return {"due_on": self.current.due_on} if self.current else {}

    def _next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return candidate
        return reverse("tapestry_translations_report")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "page": self.page,
                "locale": self.locale,
                "current": self.current,
                "next_url": self._next_url(),
            }
        )
        return context

    def form_valid(self, form):
        due_on = None if "clear" in self.request.POST else form.cleaned_data["due_on"]
        translation_due_date_set(
            page=self.page, locale=self.locale, due_on=due_on, user=self.request.user
        )
        title, locale_name = self.page.get_admin_display_title(), self.locale.get_display_name()
        if due_on is None:
            messages.success(self.request, f"Cleared the due date of '{title}' in {locale_name}.")
        else:
            messages.success(
                self.request, f"'{title}' is due in {locale_name} on {due_on:%Y-%m-%d}."
            )
        return redirect(self._next_url())
