from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.mixins import CommunityMemberMixin, ServedUntilExpiryMixin
from home.preview import HeadlessPreviewMixin
from home.selectors import children_visible


class HomePage(ServedUntilExpiryMixin, HeadlessPreviewMixin, Page):
    """The root of one locale's tree. The English page is the source; translations are copies."""

    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="One or two sentences welcoming residents; frontends show it on the home screen.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.ArticleIndexPage",
        "articles.EventIndexPage",
        "communities.CommunityIndexPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = children_visible(self)
        return context


class SectionIndexPage(ServedUntilExpiryMixin, HeadlessPreviewMixin, CommunityMemberMixin, Page):
    """A section listing one kind of page: city-wide under a home page, or in a community."""

    intro = models.TextField(blank=True, max_length=500)

    parent_page_types = ["home.HomePage", "communities.CommunityPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True
