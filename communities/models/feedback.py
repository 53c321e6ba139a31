from django.conf import settings
from django.db import models


class Feedback(models.Model):
    """A resident's suggestion, question, complaint, praise or activity idea for a community.

    Triage moves it new -> in review -> forwarded to a bureau -> answered -> closed. The message
    and the email are personal data: only staff of its community (and the desk) read them, and
    only the public response is ever shown to the resident through their status token.
    """

    class Category(models.TextChoices):
        SUGGESTION = "suggestion", "Suggestion"
        QUESTION = "question", "Question"
        COMPLAINT = "complaint", "Complaint"
        PRAISE = "praise", "Praise"
        ACTIVITY_IDEA = "activity_idea", "Activity idea"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        FORWARDED = "forwarded", "Forwarded to bureau"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=16, unique=True, editable=False)
    community = models.ForeignKey(
        "communities.CommunityPage",
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text="The community's source page.",
    )
    category = models.CharField(max_length=16, choices=Category.choices)
    message = models.TextField(max_length=5000)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the resident was reading, if any.",
    )
    locale = models.CharField(max_length=16, help_text="The language the resident wrote in.")
    email = models.EmailField(blank=True, help_text="Given with consent to be contacted.")
    contact_consent = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    bureau = models.ForeignKey(
        "articles.Bureau",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The bureau it was forwarded to.",
    )
    internal_notes = models.TextField(
        blank=True, help_text="Staff only: never shown to the resident or other communities."
    )
    public_response = models.TextField(
        blank=True, help_text="Shown to the resident (and mailed, if they gave an email)."
    )
    shared = models.BooleanField(
        "shared with other communities",
        default=False,
        help_text="Every community's staff can read it (e.g. roundtable findings).",
    )
    status_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self):
        return f"{self.reference} ({self.get_category_display()})"
