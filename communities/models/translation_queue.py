"""When the desk wants a page translated by: one due date per source page and target locale."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationDueDate(models.Model):
    """The date by which the desk wants `page` (a source-locale page) translated into `locale`.

    Translators' queues sort by it (after urgency); it outlives status changes, so a page synced
    again keeps its date until the desk clears it.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(_("due on"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation due date")
        verbose_name_plural = _("translation due dates")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "locale"], name="translation_due_date_unique_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.locale}: {self.due_on:%Y-%m-%d}"
