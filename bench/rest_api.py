"""Wagtail's REST API (v2) with the fields the GraphQL benchmark queries ask for.

The content models declare no `api_fields` (the product serves GraphQL only), so the benchmark
sets them here, at import of `bench.urls`, on the model classes of this process. Equivalent
lines for the models themselves are listed in bench/README.md.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet

from articles.models import ArticlePage, ArticlePageTopic, EventPage
from communities.models import CommunityPage


class TopicField(serializers.Field):
    def to_representation(self, topic):
        return {"name": topic.name, "slug": topic.slug}


class BureauField(serializers.Field):
    def to_representation(self, bureau):
        return {"name": bureau.name} if bureau else None


class CommunityField(serializers.Field):
    """The article's community (found through the tree, as the model does), or null if city-wide."""

    def to_representation(self, community):
        return {"title": community.title, "slug": community.slug} if community else None


def _thumbnail():
    return APIField(
        "hero_thumbnail", serializer=ImageRenditionField("fill-400x225", source="hero_image")
    )


def api_fields_register() -> None:
    CommunityPage.api_fields = [
        APIField("local_name"),
        APIField("district"),
        APIField("hero_image"),
        APIField("hero_image_alt"),
        APIField("hero_medium", serializer=ImageRenditionField("width-960", source="hero_image")),
    ]
    ArticlePageTopic.api_fields = [APIField("topic", serializer=TopicField())]
    ArticlePage.api_fields = [
        APIField("kind"),
        APIField("priority"),
        APIField("summary"),
        APIField("hero_image_alt"),
        _thumbnail(),
        APIField("hero_large", serializer=ImageRenditionField("width-1600", source="hero_image")),
        APIField("topics"),
        APIField("community", serializer=CommunityField()),
        APIField("body"),
        APIField("bureau", serializer=BureauField()),
        APIField("effective_from"),
    ]
    EventPage.api_fields = [
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("venue"),
        APIField("hero_image_alt"),
        _thumbnail(),
    ]


api_fields_register()

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
