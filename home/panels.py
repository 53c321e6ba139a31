"""Edit-form layout shared by every page type."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface
from wagtail.models import Page

from home.translation_status import STATUS_LABELS, translation_statuses


class TranslationStatusPanel(Panel):
    """Read-only: the page's translation status in every target locale, with links."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/panels/translation_status.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            statuses = translation_statuses([page]).get(page.translation_key, {})
            translations = {
                translated.locale.language_code: translated
                for translated in Page.objects.filter(translation_key=page.translation_key)
                .select_related("locale")
                .only("pk", "locale")
            }
            context["is_source"] = page.locale.language_code == settings.TAPESTRY_SOURCE_LOCALE
            context["rows"] = [
                {
                    "code": code,
                    "status": status,
                    "label": STATUS_LABELS[status],
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[translations[code].pk])
                    if code in translations
                    else None,
                }
                for code, status in statuses.items()
            ]
            return context


def page_tabs(content_panels, **extra_tabs) -> TabbedInterface:
    """Content first, then the page type's own tabs (heading=panels), then Wagtail's own."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            *(ObjectList(panels, heading=heading) for heading, panels in extra_tabs.items()),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
            ObjectList(
                [TranslationStatusPanel(heading="Translation status")], heading="Translations"
            ),
        ]
    )
