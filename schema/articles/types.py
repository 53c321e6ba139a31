"""Articles, events, their index pages, topics and bureaus."""

import graphene

from articles.models import (
    ArticleIndexPage as ArticleIndexModel,
)
from articles.models import (
    ArticlePage,
    EventPage,
)
from articles.models import (
    EventIndexPage as EventIndexModel,
)
from communities.registrations.services import registration_refusal
from schema.articles.loaders import bureau_of, supersedes_of, topics_of
from schema.communities.loaders import seats_of
from schema.core.blocks import StreamBlock, body_blocks, body_html
from schema.core.enums import choices_enum
from schema.core.images import Image, image_value
from schema.core.loaders import hero_image_of
from schema.core.pages import local, page_type
from schema.pages.interface import PageMeta

ArticleKind = choices_enum("ArticleKind", ArticlePage.Kind.choices, "What an article is.")
ArticlePriority = choices_enum("ArticlePriority", ArticlePage.Priority.choices)
EventCategory = choices_enum("EventCategory", EventPage.Category.choices)
ArticleOrder = graphene.Enum(
    "ArticleOrder",
    [
        ("NEWEST", "newest"),
        ("OLDEST", "oldest"),
        ("TITLE", "title"),
        ("URGENT_FIRST", "urgent_first"),
    ],
    description="`NEWEST` (default) and `OLDEST` by first publication; `TITLE`; `URGENT_FIRST` "
    "puts urgent articles first, newest first within each group.",
)
EventOrder = graphene.Enum(
    "EventOrder",
    [
        ("STARTS_SOONEST", "starts_soonest"),
        ("STARTS_LATEST", "starts_latest"),
        ("NEWEST", "newest"),
        ("TITLE", "title"),
    ],
    description="`STARTS_SOONEST` (default), `STARTS_LATEST`, `NEWEST` (by publication), `TITLE`.",
)


class Topic(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.String(required=True)
    locale = graphene.String(required=True)

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_locale(root, info):
        return root.locale.language_code


class Bureau(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    short_name = graphene.String(required=True)
    slug = graphene.String(required=True)
    website = graphene.String(required=True)
    description = graphene.String(required=True)

    @staticmethod
    def resolve_id(root, info):
        return root.pk


class Location(graphene.ObjectType):
    latitude = graphene.Float(required=True)
    longitude = graphene.Float(required=True)


def location_of(latitude, longitude) -> Location | None:
    if latitude is None or longitude is None:
        return None
    return Location(latitude=float(latitude), longitude=float(longitude))


class HeroFields:
    """`heroImage` for page types with HeroImageMixin."""

    hero_image = graphene.Field(Image, description="The lead image, with the page's alt text.")

    @staticmethod
    def resolve_hero_image(root, info):
        image = hero_image_of(info, root)
        if image is None:
            return None
        # The page's own alt text, else the image's description (as `hero_alt_text`, without
        # loading the image a second time).
        return image_value(image, root.hero_image_alt or image.description or "")


class BodyFields:
    body = graphene.List(graphene.NonNull(StreamBlock), required=True)
    body_html = graphene.String(required=True)

    @staticmethod
    def resolve_body(root, info):
        return body_blocks(info, root)

    @staticmethod
    def resolve_body_html(root, info):
        return body_html(info, root)


@page_type(ArticlePage)
class Article(HeroFields, BodyFields, graphene.ObjectType):
    kind = graphene.Field(ArticleKind, required=True)
    priority = graphene.Field(ArticlePriority, required=True)
    summary = graphene.String(required=True)
    topics = graphene.List(graphene.NonNull(Topic), required=True)
    bureau = graphene.Field(Bureau, description="Issuing bureau (policy and assistance).")
    effective_from = graphene.Date()
    expires_on = graphene.Date(description="When the policy stops applying or is reviewed.")
    official_source_url = graphene.String(required=True)
    supersedes = graphene.Field(lambda: Article, description="The article this one replaces.")

    class Meta(PageMeta):
        pass

    @staticmethod
    def resolve_topics(root, info):
        return topics_of(info, root)

    @staticmethod
    def resolve_bureau(root, info):
        return bureau_of(info, root)

    @staticmethod
    def resolve_supersedes(root, info):
        return supersedes_of(info, root)


@page_type(EventPage)
class Event(HeroFields, BodyFields, graphene.ObjectType):
    category = graphene.Field(EventCategory, required=True)
    summary = graphene.String(required=True)
    starts_at = graphene.DateTime(required=True, description="With its offset (Asia/Shanghai).")
    ends_at = graphene.DateTime(required=True)
    venue = graphene.String(required=True)
    address = graphene.String(required=True)
    location = graphene.Field(Location)
    languages = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Language codes spoken."
    )
    price = graphene.Decimal(description="In yuan; null when free.")
    is_free = graphene.Boolean(required=True)
    price_note = graphene.String(required=True)
    capacity = graphene.Int(description="Seats; null when unlimited.")
    registration_required = graphene.Boolean(required=True)
    registration_deadline = graphene.DateTime(
        description="Registration closes then (or when the event starts, when empty)."
    )
    registration_open = graphene.Boolean(
        required=True,
        description="The event takes registrations and neither its deadline nor its start has "
        "passed (a full event still takes waitlist registrations).",
    )
    spots_left = graphene.Int(
        description="Seats not yet confirmed (null when capacity is unlimited); 0 means full: "
        "new registrations join the waitlist."
    )
    waitlist_length = graphene.Int(required=True, description="Parties on the waitlist.")
    max_party_size = graphene.Int(required=True)
    organiser = graphene.String(required=True)
    contact_email = graphene.String(required=True)

    class Meta(PageMeta):
        pass

    @staticmethod
    def resolve_starts_at(root, info):
        return local(root.starts_at)

    @staticmethod
    def resolve_ends_at(root, info):
        return local(root.ends_at)

    @staticmethod
    def resolve_registration_deadline(root, info):
        return local(root.registration_deadline)

    @staticmethod
    def resolve_location(root, info):
        return location_of(root.latitude, root.longitude)

    @staticmethod
    def resolve_languages(root, info):
        return list(root.languages or [])

    @staticmethod
    def resolve_price(root, info):
        return root.price or None

    @staticmethod
    def resolve_is_free(root, info):
        return root.is_free

    @staticmethod
    def resolve_spots_left(root, info):
        if root.capacity is None:
            return None
        taken = seats_of(info, root).confirmed_seats
        return max(0, root.capacity - taken)

    @staticmethod
    def resolve_waitlist_length(root, info):
        return seats_of(info, root).waitlist_length

    @staticmethod
    def resolve_registration_open(root, info):
        return registration_refusal(root) is None


class IndexFields:
    intro = graphene.String(required=True)


@page_type(ArticleIndexModel)
class ArticleIndexPage(IndexFields, graphene.ObjectType):
    class Meta(PageMeta):
        pass


@page_type(EventIndexModel)
class EventIndexPage(IndexFields, graphene.ObjectType):
    class Meta(PageMeta):
        pass
