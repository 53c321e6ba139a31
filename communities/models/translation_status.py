"""What each translation's status was last seen to be, and every change of it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

STATUS_CHOICES = [
    ("missing", _("Missing")),
    ("in_progress", _("In progress")),
    ("awaiting_review", _("Awaiting review")),
    ("live", _("Live")),
    ("outdated", _("Outdated")),
]


class TranslationStatus(models.Model):
    """The current status of one object's translation into one locale."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale"],
                name="translation_status_unique_per_locale",
            )
        ]

    def __str__(self):
        return f"{self.translation_key} {self.locale}: {self.status}"


class TranslationStatusChange(models.Model):
    """One change of a translation's status (the history notifications are made from)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    old_status = models.CharField(max_length=20, choices=STATUS_CHOICES, null=True, blank=True)
    new_status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    changed_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("translation status change")
        verbose_name_plural = _("translation status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.translation_key} {self.locale}: {self.old_status} -> {self.new_status}"
