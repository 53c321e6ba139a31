from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.mixins import CommunityMemberMixin, ServedUntilExpiryMixin
from home.models import HeroImageMixin, SectionIndexPage
from home.panels import page_tabs
from home.preview import HeadlessPreviewMixin


class ArticleIndexPage(SectionIndexPage):
    """Lists articles: city-wide under the home page, or one community's under its page."""

    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "article index page"


class ArticlePage(
    ServedUntilExpiryMixin, HeadlessPreviewMixin, CommunityMemberMixin, HeroImageMixin, Page
):
    """News, policy updates, assistance programmes, guides, stories and notices."""

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        POLICY = "policy", "Policy update"
        ASSISTANCE = "assistance", "Assistance programme"
        GUIDE = "guide", "Guide"
        STORY = "story", "Story"
        NOTICE = "notice", "Notice"

    class Priority(models.TextChoices):
        NORMAL = "normal", "Normal"
        URGENT = "urgent", "Urgent"

    OFFICIAL_KINDS = (Kind.POLICY, Kind.ASSISTANCE)

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    priority = models.CharField(
        max_length=10,
        choices=Priority.choices,
        default=Priority.NORMAL,
        help_text="Urgent notices are pushed to subscribers immediately and pinned by frontends.",
    )
    summary = models.TextField(
        max_length=300, help_text="One or two plain sentences shown in lists and previews."
    )
    body = StreamField(BodyStreamBlock())

    bureau = models.ForeignKey(
        "articles.Bureau",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="The issuing bureau. Required for policy updates and assistance programmes.",
    )
    effective_from = models.DateField(
        null=True, blank=True, help_text="Date the policy or programme takes effect."
    )
    expires_on = models.DateField(
        "review or expiry date",
        null=True,
        blank=True,
        help_text="When the information must be reviewed or stops applying.",
    )
    official_source_url = models.URLField(
        "official source", blank=True, help_text="Link to the bureau's own announcement."
    )
    supersedes = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text="An earlier article that this one replaces.",
    )

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("priority")]),
        FieldPanel("summary"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        InlinePanel("topics", label="Topics", heading="Topics"),
    ]
    official_panels = [
        HelpPanel(
            content="<p>Policy updates and assistance programmes must name the issuing bureau "
            "and the date they take effect; link the bureau's own announcement.</p>"
        ),
        FieldPanel("bureau"),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("expires_on")]),
        FieldPanel("official_source_url"),
        PageChooserPanel("supersedes", "articles.ArticlePage"),
    ]
    edit_handler = page_tabs(content_panels, **{"Policy & sources": official_panels})

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("priority"),
    ]

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        errors = {}
        if self.kind in self.OFFICIAL_KINDS:
            if not self.bureau_id:
                errors["bureau"] = "Name the bureau that issued this policy or programme."
            if not self.effective_from:
                errors["effective_from"] = "Give the date this takes effect."
        if self.effective_from and self.expires_on and self.expires_on < self.effective_from:
            errors["expires_on"] = "The review or expiry date cannot be before the effective date."
        if self.supersedes_id:
            if self.pk and self.supersedes_id == self.pk:
                errors["supersedes"] = "An article cannot supersede itself."
            elif not ArticlePage.objects.filter(pk=self.supersedes_id).exists():
                errors["supersedes"] = "Choose an article."
        if errors:
            raise ValidationError(errors)


class ArticlePageTopic(TranslatableMixin, Orderable):
    """Links an article to a topic; translatable, so a translation links its locale's topic."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        "articles.Topic", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "topic"
        unique_together = [("translation_key", "locale")]
