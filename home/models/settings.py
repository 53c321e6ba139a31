from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Facts about the service that frontends and notification mails show."""

    service_name = models.CharField(max_length=120, default="City News Service")
    tagline = models.CharField(
        max_length=200, blank=True, default="Shanghai International Community Info-Services"
    )
    contact_email = models.EmailField(blank=True)
    hotline = models.CharField(
        max_length=40, blank=True, help_text="Public phone number, e.g. 12345 city hotline."
    )
    frontend_base_url = models.URLField(
        blank=True,
        help_text="Public website that renders this content, e.g. https://community.example.org. "
        "Used for links in mails and for previews.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("service_name"), FieldPanel("tagline")], heading="Service"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("hotline"), FieldPanel("frontend_base_url")],
            heading="Contact and frontend",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
