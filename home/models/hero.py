from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class HeroImageMixin(models.Model):
    """A lead image with its alt text, as every public page type has one."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Landscape, at least 1600 × 900 pixels.",
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for screen readers. Required when the image has no "
        "description of its own.",
    )

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"
        )
    ]

    class Meta:
        abstract = True

    @property
    def hero_alt_text(self) -> str:
        if self.hero_image_alt:
            return self.hero_image_alt
        return getattr(self.hero_image, "description", "") if self.hero_image else ""

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_alt_text:
            raise ValidationError(
                {"hero_image_alt": "Describe the hero image for residents who cannot see it."}
            )
