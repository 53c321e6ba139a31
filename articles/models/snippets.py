from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class PublishableSnippet(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    """A translatable snippet with drafts: only its published revision is public."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def snippet_search_fields(*text_fields: str) -> list:
    """The snippet's full-text fields, then what every snippet is found and filtered by."""
    return [
        *(index.SearchField(name) for name in text_fields),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]


def slug_unique_per_locale(name: str) -> models.UniqueConstraint:
    """A snippet's slug is the same in every language, and unique within one."""
    return models.UniqueConstraint(fields=["slug", "locale"], name=name)


class Topic(PublishableSnippet):
    """A subject residents follow across articles: healthcare, visas, transport..."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(
        max_length=80,
        allow_unicode=False,
        help_text="Stable identifier for frontends and subscriptions; the same in every language.",
    )
    description = models.TextField(blank=True, max_length=400)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="topic")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
    ]
    search_fields = snippet_search_fields("name")

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [slug_unique_per_locale("unique_topic_slug_per_locale")]

    def __str__(self):
        return self.name


class Bureau(PublishableSnippet):
    """A city bureau that issues policy updates or runs assistance programmes."""

    name = models.CharField(max_length=160, help_text="Full official name.")
    short_name = models.CharField(max_length=60, blank=True, help_text="e.g. “Exit-Entry Bureau”.")
    slug = models.SlugField(max_length=80, help_text="The same in every language.")
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, max_length=600)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="bureau")

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("slug"),
        SynchronizedField("website"),
        TranslatableField("description"),
    ]
    search_fields = snippet_search_fields("name", "short_name")

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [slug_unique_per_locale("unique_bureau_slug_per_locale")]

    def __str__(self):
        return self.short_name or self.name
