from django.db import models
from django.db.models import Q


class NoticeSubscription(models.Model):
    """A resident's request to be told when matching content is published.

    Double opt-in: a subscription is `pending` until the link in its confirmation mail is
    followed. Empty `communities`, `kinds` or `topics` mean "all". Communities and topics are
    stored by translation key, so they hold in every language and survive a renamed slug. The
    email is personal data: never served by a public query, deleted by `purge_personal_data`
    once unsubscribed (or never confirmed) for longer than the retention period.
    """

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately"
        WEEKLY = "weekly", "Weekly digest"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Active"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True, help_text="Stored lower-case; one subscription each.")
    locale = models.CharField(max_length=16, help_text="The language the resident reads mails in.")
    communities = models.JSONField(
        default=list, blank=True, help_text="Translation keys of community pages; empty: all."
    )
    kinds = models.JSONField(default=list, blank=True, help_text="Article kinds; empty: all.")
    topics = models.JSONField(
        default=list, blank=True, help_text="Translation keys of topics; empty: all."
    )
    frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last weekly digest was sent."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "frequency"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=["immediate", "weekly"]),
                name="subscription_frequency_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "active", "unsubscribed"]),
                name="subscription_status_known",
            ),
        ]

    def __str__(self):
        return f"Subscription {self.pk} ({self.get_status_display()}, {self.locale})"


class NoticeDelivery(models.Model):
    """A page sent to a subscriber, by translation key: nobody receives the same page twice."""

    subscription = models.ForeignKey(
        NoticeSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    translation_key = models.UUIDField(help_text="The page's, shared by all its translations.")
    sent_at = models.DateTimeField(auto_now_add=True)
    digest = models.BooleanField(default=False, help_text="Sent in a weekly digest.")

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "translation_key"], name="one_delivery_per_page"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} to subscription {self.subscription_id}"
