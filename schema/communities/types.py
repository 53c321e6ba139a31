"""Communities: the nine townships and subdistricts, their centres, contacts and content."""

import graphene

from communities.models import CommunityIndexPage as CommunityIndexModel
from communities.models import CommunityPage
from schema.articles.resolvers import (
    article_order,
    articles_filtered,
    event_order,
    events_filtered,
)
from schema.articles.schema import (
    ArticleConnection,
    EventConnection,
    article_filters,
    event_filters,
)
from schema.articles.types import HeroFields, Location, location_of
from schema.communities.loaders import community_list, contacts_of
from schema.core.enums import choices_enum
from schema.core.loaders import served_of
from schema.core.pages import page_type
from schema.core.richtext import richtext_html
from schema.core.scope import list_recorded
from schema.pages.interface import PageMeta

CommunityKind = choices_enum("CommunityKind", CommunityPage.Kind.choices)


class CommunityCentre(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    opening_hours = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)
    location = graphene.Field(Location)


class CommunityContact(graphene.ObjectType):
    name = graphene.String(required=True)
    role = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)


@page_type(CommunityPage)
class Community(HeroFields, graphene.ObjectType):
    local_name = graphene.String(required=True, description="The name in Chinese, e.g. 华漕镇.")
    kind = graphene.Field(CommunityKind, required=True)
    district = graphene.String(required=True)
    description_html = graphene.String(required=True)
    centre = graphene.Field(CommunityCentre, description="The community centre, if it has one.")
    contacts = graphene.List(graphene.NonNull(CommunityContact), required=True)
    articles = graphene.Field(ArticleConnection, required=True, **article_filters())
    events = graphene.Field(EventConnection, required=True, **event_filters())

    class Meta(PageMeta):
        pass

    @staticmethod
    def resolve_description_html(root, info):
        return richtext_html(root.description, info, root)

    @staticmethod
    def resolve_centre(root, info):
        if not root.has_centre:
            return None
        return CommunityCentre(
            name=root.centre_name,
            address=root.centre_address,
            opening_hours=root.centre_opening_hours,
            phone=root.centre_phone,
            email=root.centre_email,
            location=location_of(root.centre_latitude, root.centre_longitude),
        )

    @staticmethod
    def resolve_contacts(root, info):
        return contacts_of(info, root)

    @staticmethod
    def resolve_articles(root, info, **args):
        list_recorded(info, "articles", served_of(info, root).locale, root.slug)
        return community_list(
            ArticleConnection, info, root, args, articles_filtered, article_order(args)
        )

    @staticmethod
    def resolve_events(root, info, **args):
        list_recorded(info, "events", served_of(info, root).locale, root.slug)
        return community_list(EventConnection, info, root, args, events_filtered, event_order(args))


@page_type(CommunityIndexModel)
class CommunityIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)

    class Meta(PageMeta):
        pass
