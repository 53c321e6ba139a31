import graphene

from communities.selectors import communities_select, community_get
from schema.communities.types import Community
from schema.core.loaders import loaders_of
from schema.core.locales import LOCALE
from schema.core.pagination import connection_arguments, connection_for, paginate
from schema.core.scope import list_recorded, miss_recorded, scope_get

CommunityConnection = connection_for(Community)


class CommunityQueries(graphene.ObjectType):
    communities = graphene.Field(
        CommunityConnection, required=True, locale=LOCALE, **connection_arguments()
    )
    community = graphene.Field(
        Community,
        slug=graphene.String(required=True),
        locale=LOCALE,
        description="One community by slug (within the locale); null when there is none.",
    )

    @staticmethod
    def resolve_communities(root, info, locale=None, first=None, after=None):
        scope = scope_get(info, locale)
        list_recorded(info, "communities", scope.locale)
        queryset = communities_select(scope.locale, scope.source)
        return paginate(
            CommunityConnection,
            queryset,
            first=first,
            after=after,
            prepare=lambda pages: loaders_of(info).register(pages, scope.locale, scope.source),
        )

    @staticmethod
    def resolve_community(root, info, slug, locale=None):
        scope = scope_get(info, locale)
        page = community_get(slug, scope.locale, scope.source)
        loaders_of(info).register([page], scope.locale, scope.source)
        if page is None:
            miss_recorded(info, scope)
        return page
