"""wagtail-localize's "Sync translated pages", without its "Publish immediately".

Syncing writes every translation as a draft, which then goes through the translation review
stage of its page's workflow like any other translator's work.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from wagtail_localize.views.update_translations import UpdateTranslationsView

from communities.editorial.translation_workflow import translations_sync_as_drafts


class SyncTranslationsForm(forms.Form):
    """No fields: the choice to publish immediately is not offered."""


class SyncTranslationsAsDraftsView(UpdateTranslationsView):
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
