from django.db import models
from django.db.models import Q


class EventRegistration(models.Model):
    """A resident's place (or places) at an event, confirmed or on the waitlist.

    Registrations belong to the event's source page, so every translation of an event shares one
    capacity. The resident's name and email are personal data: never served by a public query,
    deleted by `purge_personal_data` once the retention period after the event has passed.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "Waitlisted"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(
        "articles.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(help_text="Stored lower-case; one active registration per event.")
    party_size = models.PositiveSmallIntegerField(default=1)
    locale = models.CharField(max_length=16, help_text="The language the resident registered in.")
    status = models.CharField(max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=Q(party_size__gte=1), name="registration_party_at_least_one"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} × {self.party_size} ({self.get_status_display()})"
