import graphene

from articles.models import ArticlePage, EventPage
from schema.articles import resolvers
from schema.articles.types import (
    Article,
    ArticleKind,
    ArticleOrder,
    Event,
    EventCategory,
    EventOrder,
    Topic,
)
from schema.core.locales import LOCALE
from schema.core.pagination import connection_arguments, connection_for
from schema.core.scope import list_recorded, miss_recorded, scope_get

ArticleConnection = connection_for(Article)
EventConnection = connection_for(Event)
TopicConnection = connection_for(Topic)


def article_filters() -> dict:
    return {
        "kind": graphene.Argument(ArticleKind),
        "topic": graphene.String(description="A topic's slug."),
        "search": graphene.String(description="Full-text search within the articles."),
        "published_after": graphene.DateTime(description="Without an offset: Asia/Shanghai."),
        "published_before": graphene.DateTime(),
        "order": graphene.Argument(ArticleOrder, default_value=ArticleOrder.NEWEST.value),
        **connection_arguments(),
    }


def event_filters() -> dict:
    return {
        "category": graphene.Argument(EventCategory),
        "starts_after": graphene.DateTime(description="Without an offset: Asia/Shanghai."),
        "starts_before": graphene.DateTime(),
        "upcoming": graphene.Boolean(
            description="True: events not yet over (now, Asia/Shanghai). False: past events."
        ),
        "order": graphene.Argument(EventOrder, default_value=EventOrder.STARTS_SOONEST.value),
        **connection_arguments(),
    }


class ArticleQueries(graphene.ObjectType):
    articles = graphene.Field(
        ArticleConnection,
        required=True,
        locale=LOCALE,
        community=graphene.String(description="A community's slug; omit for all."),
        **article_filters(),
    )
    article = graphene.Field(
        Article,
        slug=graphene.String(),
        id=graphene.ID(),
        community=graphene.String(),
        locale=LOCALE,
        description="One article by slug (within the locale) or id; null when not public.",
    )
    events = graphene.Field(
        EventConnection,
        required=True,
        locale=LOCALE,
        community=graphene.String(description="A community's slug; omit for all."),
        **event_filters(),
    )
    event = graphene.Field(
        Event,
        slug=graphene.String(),
        id=graphene.ID(),
        community=graphene.String(),
        locale=LOCALE,
        description="One event by slug (within the locale) or id; null when not public.",
    )
    topics = graphene.Field(TopicConnection, required=True, locale=LOCALE, **connection_arguments())

    @staticmethod
    def resolve_articles(root, info, locale=None, community=None, **args):
        scope = scope_get(info, locale, community)
        list_recorded(info, "articles", scope.locale, community)
        return resolvers.articles_connection(ArticleConnection, info, scope, args)

    @staticmethod
    def resolve_article(root, info, slug=None, id=None, community=None, locale=None):
        scope = scope_get(info, locale, community)
        article = resolvers.page_served(
            info, ArticlePage, scope, slug=slug, page_id=id, label="article"
        )
        if article is None:
            miss_recorded(info, scope)
        return article

    @staticmethod
    def resolve_events(root, info, locale=None, community=None, **args):
        scope = scope_get(info, locale, community)
        list_recorded(info, "events", scope.locale, community)
        return resolvers.events_connection(EventConnection, info, scope, args)

    @staticmethod
    def resolve_event(root, info, slug=None, id=None, community=None, locale=None):
        scope = scope_get(info, locale, community)
        event = resolvers.page_served(info, EventPage, scope, slug=slug, page_id=id, label="event")
        if event is None:
            miss_recorded(info, scope)
        return event

    @staticmethod
    def resolve_topics(root, info, **args):
        return resolvers.topics_connection(TopicConnection, info, args)
