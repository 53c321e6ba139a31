from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.fields import coordinates_error, latitude_field, longitude_field
from home.mixins import CommunityMemberMixin, ServedUntilExpiryMixin
from home.models import HeroImageMixin, SectionIndexPage
from home.panels import page_tabs
from home.preview import HeadlessPreviewMixin

SHANGHAI_HELP = "Shanghai time (UTC+8)."


class EventIndexPage(SectionIndexPage):
    """Lists events: city-wide under the home page, or one community's under its page."""

    subpage_types = ["articles.EventPage"]

    class Meta:
        verbose_name = "event index page"


def language_choices():
    return list(settings.LANGUAGES)


class EventPageForm(WagtailAdminPageForm):
    languages = forms.MultipleChoiceField(
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages spoken",
        help_text="Languages the host or interpreters use at the event.",
    )


class EventPage(
    ServedUntilExpiryMixin, HeadlessPreviewMixin, CommunityMemberMixin, HeroImageMixin, Page
):
    """An offline community event: celebration, family activity, forum, seminar or class."""

    class Category(models.TextChoices):
        CULTURAL = "cultural", "Cultural celebration"
        FAMILY = "family", "Family-friendly"
        BUSINESS_FORUM = "business_forum", "Business forum"
        SEMINAR = "seminar", "Industry seminar"
        WORKSHOP = "workshop", "Class or workshop"

    category = models.CharField(max_length=20, choices=Category.choices)
    summary = models.TextField(
        max_length=300, help_text="One or two plain sentences shown in lists and previews."
    )
    starts_at = models.DateTimeField(help_text=SHANGHAI_HELP)
    ends_at = models.DateTimeField(help_text=SHANGHAI_HELP)
    venue = models.CharField(
        max_length=160, help_text="e.g. “Huacao International Community Center, Hall 2”."
    )
    address = models.CharField(max_length=255)
    latitude = latitude_field()
    longitude = longitude_field()
    languages = models.JSONField(default=list, blank=True)
    price = models.DecimalField(
        "price (CNY)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Leave empty for a free event.",
    )
    price_note = models.CharField(
        max_length=120, blank=True, help_text="e.g. “Includes tea and snacks”."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Seats available. Leave empty for unlimited."
    )
    registration_required = models.BooleanField(default=False)
    registration_deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text=f"{SHANGHAI_HELP} Empty: registration closes when the event starts.",
    )
    max_party_size = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Most people one registration may bring, the registrant included.",
    )
    organiser = models.CharField(max_length=160, blank=True)
    contact_email = models.EmailField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    base_form_class = EventPageForm
    parent_page_types = ["articles.EventIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Where",
        ),
        FieldPanel("languages"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("price"), FieldPanel("price_note")])], heading="Price"
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_party_size")]),
                FieldPanel("registration_deadline"),
            ],
            heading="Registration",
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("contact_email")], heading="Organiser"
        ),
    ]
    edit_handler = page_tabs(content_panels, Registration=registration_panels)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]

    class Meta:
        verbose_name = "event"

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def starts_at_local(self):
        return timezone.localtime(self.starts_at) if self.starts_at else None

    @property
    def ends_at_local(self):
        return timezone.localtime(self.ends_at) if self.ends_at else None

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The event must end after it starts."
        if self.registration_deadline:
            if not self.registration_required:
                errors["registration_deadline"] = (
                    "Only events that need registration have a deadline."
                )
            elif self.starts_at and self.registration_deadline > self.starts_at:
                errors["registration_deadline"] = "Registration must close before the event starts."
        if coordinates := coordinates_error(self.latitude, self.longitude):
            errors["longitude"] = coordinates
        unknown = set(self.languages or []) - {code for code, _name in settings.LANGUAGES}
        if unknown:
            errors["languages"] = f"Unknown language codes: {', '.join(sorted(unknown))}."
        if errors:
            raise ValidationError(errors)
