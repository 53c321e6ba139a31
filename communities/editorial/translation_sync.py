"""wagtail-localize's "Sync translated pages", without its "Publish immediately".

Syncing writes every translation as a draft, which then goes through the translation review
stage of its page's workflow like any other translator's work.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail_localize.views.update_translations import UpdateTranslationsView

from communities.editorial.translation_access import translation_sync_check
from communities.editorial.translation_workflow import translations_sync_as_drafts


class SyncTranslationsForm(forms.Form):
    """No fields: the choice to publish immediately is not offered."""


class SyncTranslationsAsDraftsView(UpdateTranslationsView):
    """Only for users who may update every translation of the source, none awaiting review."""

    def get(self, request, *args, **kwargs):
        try:
            translation_sync_check(source=self.object, user=request.user)
        except PermissionDenied as error:
            return self._refused(error)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PermissionDenied as error:
            return self._refused(error)

    def _refused(self, error):
        messages.error(self.request, str(error))
        return redirect(self.get_success_url() or self.get_default_success_url())

    def get_form(self):
        return SyncTranslationsForm(self.request.POST if self.request.method == "POST" else None)

    def form_valid(self, form):
        translations_sync_as_drafts(source=self.object, user=self.request.user)
        self.components.save(
            self.object,
            sources_and_translations={
                self.object: list(self.object.translations.filter(enabled=True))
            },
        )
        messages.success(
            self.request,
            f"Updated the translations of '{self.object.object_repr}' as drafts: each goes live "
            "when its locale's reviewers approve it.",
        )
        return redirect(self.get_success_url() or self.get_default_success_url())
