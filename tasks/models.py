"""Records of background work: webhook endpoints and deliveries, notification preferences and
digests, and the database lock used where there is no Redis."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tasks.services.webhook_targets import (
    WebhookTargetRefused,
    webhook_target,
    webhook_url_refusal,
)


class Lock(models.Model):
    """A named lock with an expiry, for deployments without Redis (the embedded default)."""

    name = models.CharField(max_length=100, primary_key=True)
    owner = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class WebhookEvent(models.TextChoices):
    PAGE_PUBLISHED = "page.published", _("Page published")
    PAGE_UNPUBLISHED = "page.unpublished", _("Page unpublished")
    PAGE_DELETED = "page.deleted", _("Page deleted")
    PAGE_MOVED = "page.moved", _("Page moved")
    TRANSLATION_PUBLISHED = "translation.published", _("Translation published")


def _webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A frontend's URL that receives signed JSON events."""

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500, verbose_name="URL")
    secret = models.CharField(
        max_length=200,
        default=_webhook_secret,
        help_text=_("Shared with the receiver, which verifies the signature with it."),
    )
    events = models.JSONField(default=list, help_text=_("The events sent to this endpoint."))
    locales = models.ManyToManyField(
        "wagtailcore.Locale",
        blank=True,
        help_text=_("Only pages in these locales. None selected: every locale."),
    )
    communities = models.ManyToManyField(
        "communities.CommunityPage",
        blank=True,
        help_text=_(
            "Only pages of these communities (in any locale). None selected: every page, "
            "city-wide ones included."
        ),
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """An https URL without user info always; for an active endpoint also a host that
        resolves to public addresses only. An inactive endpoint receives nothing, so one whose
        host stopped resolving can still be switched off; switching it on checks it again, and
        every delivery checks it once more."""
        super().clean()
        if not self.url:
            return
        try:
            refusal = webhook_url_refusal(self.url)
            if refusal:
                raise refusal
            if self.active:
                webhook_target(self.url)
        except WebhookTargetRefused as refusal:
            raise ValidationError(
                {"url": ValidationError(refusal.message, code=refusal.code)}
            ) from refusal


class WebhookDelivery(models.Model):
    """One event for one endpoint; retried from the database until it succeeds or expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # Failed attempts are retried until then; after it the delivery shows as failed.
    retry_until = models.DateTimeField()
    # A worker that claims a delivery holds it until then; a crashed worker's claim runs out.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} to {self.endpoint}"


class NotificationPreference(models.Model):
    """How a user wants Tapestry's notification mails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tapestry_notifications"
    )
    daily_digest = models.BooleanField(
        default=False,
        verbose_name=_("Daily digest"),
        help_text=_(
            "One mail a day listing what awaits your review and which translations need "
            "work, instead of one mail per event."
        ),
    )

    def __str__(self) -> str:
        return f"notification preferences of {self.user}"

    @classmethod
    def for_user(cls, user) -> "NotificationPreference":
        preference, _created = cls.objects.get_or_create(user=user)
        return preference


class DigestEntry(models.Model):
    """A notification held for a user's next daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=20)
    text = models.TextField()
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "digest entries"
        indexes = [models.Index(fields=["user", "sent_at"])]

    def __str__(self) -> str:
        return self.text


class OutboxMessage(models.Model):
    """The intent to run one Celery task, written in the same transaction as the change that
    causes it (see tasks.services.outbox). The relay hands it to the broker and marks it sent;
    the task claims it by `key` and marks it done in the transaction of its effect."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    queue = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Not yet sent: when the relay tries (again). Sent: when it was last handed to the broker
    # (or last retried by its task); a message sent long ago and not done is stuck.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    send_attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbox message"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            ),
            models.Index(
                fields=["sent_at"],
                condition=models.Q(done_at__isnull=True, failed_at__isnull=True),
                name="outbox_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.key}"

    @property
    def state(self) -> str:
        if self.done_at:
            return "done"
        if self.failed_at:
            return "failed"
        return "sent" if self.sent_at else "pending"
