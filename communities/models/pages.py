from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, PageQuerySet, TranslatableMixin
from wagtail.search import index

from home.fields import coordinates_error, latitude_field, longitude_field
from home.mixins import CommunityRootMixin, ServedUntilExpiryMixin
from home.models import HeroImageMixin
from home.panels import page_tabs
from home.preview import HeadlessPreviewMixin
from home.selectors import children_visible, pages_served, pages_visible, source_locale


def communities_served(queryset: PageQuerySet, locale: Locale, source: Locale) -> PageQuerySet:
    """The communities of `queryset` that are live and served in `locale` (the source stands in
    for missing translations), in the source tree's order.

    Translated trees mirror the source tree's order; ordering by the source's position puts a
    fallback page where it belongs among translated ones.
    """
    queryset = pages_served(pages_visible(queryset), locale, source)
    source_path = Page.objects.filter(
        locale=source, translation_key=OuterRef("translation_key")
    ).values("path")[:1]
    return queryset.annotate(tree_position=Coalesce(Subquery(source_path), "path")).order_by(
        "tree_position"
    )


class CommunityIndexPage(ServedUntilExpiryMixin, HeadlessPreviewMixin, Page):
    """Lists the alliance's member communities."""

    intro = models.TextField(blank=True, max_length=500)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "community index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["communities"] = communities_served(
            CommunityPage.objects.child_of(self), self.locale, source_locale()
        )
        return context


class CommunityPage(
    ServedUntilExpiryMixin, HeadlessPreviewMixin, CommunityRootMixin, HeroImageMixin, Page
):
    """One member township or subdistrict: the root of its own subtree, permissions and workflow."""

    class Kind(models.TextChoices):
        TOWN = "town", "Town"
        SUBDISTRICT = "subdistrict", "Subdistrict"

    local_name = models.CharField(
        max_length=60, blank=True, help_text="Official Chinese name, e.g. 华漕镇."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    district = models.CharField(max_length=80, help_text="e.g. Minhang District.")
    description = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="Who lives here and what the community offers international residents.",
    )

    centre_name = models.CharField("name", max_length=160, blank=True)
    centre_address = models.CharField("address", max_length=255, blank=True)
    centre_opening_hours = models.TextField(
        "opening hours", blank=True, help_text="e.g. “Mon–Fri 9:00–17:00; Sat 9:00–12:00”."
    )
    centre_phone = models.CharField("phone", max_length=40, blank=True)
    centre_email = models.EmailField("email", blank=True)
    centre_latitude = latitude_field("latitude")
    centre_longitude = longitude_field("longitude")

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = ["articles.ArticleIndexPage", "articles.EventIndexPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("local_name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("district")]),
        FieldPanel("description"),
        *HeroImageMixin.hero_panels,
    ]
    centre_panels = [
        MultiFieldPanel(
            [
                FieldPanel("centre_name"),
                FieldPanel("centre_address"),
                FieldPanel("centre_opening_hours"),
                FieldRowPanel([FieldPanel("centre_phone"), FieldPanel("centre_email")]),
                FieldRowPanel([FieldPanel("centre_latitude"), FieldPanel("centre_longitude")]),
            ],
            heading="Community centre",
        ),
        InlinePanel("contacts", label="Contact", heading="Contacts"),
    ]
    edit_handler = page_tabs(content_panels, **{"Centre & contacts": centre_panels})

    search_fields = [
        *Page.search_fields,
        index.SearchField("local_name"),
        index.SearchField("district"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "community"
        verbose_name_plural = "communities"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = children_visible(self)
        return context

    @property
    def has_centre(self) -> bool:
        return bool(self.centre_name)

    def clean(self):
        super().clean()
        if coordinates := coordinates_error(self.centre_latitude, self.centre_longitude):
            raise ValidationError({"centre_longitude": coordinates})


class CommunityContact(TranslatableMixin, Orderable):
    """A person or desk residents can reach in the community."""

    page = ParentalKey(CommunityPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, help_text="e.g. “International residents desk”.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "contact"
        unique_together = [("translation_key", "locale")]

    def clean(self):
        super().clean()
        if not self.phone and not self.email:
            raise ValidationError("Give a phone number or an email address.")
