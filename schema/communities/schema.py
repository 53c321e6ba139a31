import graphene

from communities.selectors import communities_select, community_get
from schema.communities.types import Community
from schema.core.batch import PageBatch
from schema.core.pagination import connection_arguments, connection_for, paginate
from schema.core.scope import scope_get

CommunityConnection = connection_for(Community)
LOCALE = graphene.String(description="Language code (default `en`); see `site.locales`.")


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

        def prepare(pages):
            PageBatch(pages, scope.locale, scope.source)
            return pages

        queryset = communities_select(scope.locale, scope.source)
        return paginate(CommunityConnection, queryset, first=first, after=after, prepare=prepare)

    @staticmethod
    def resolve_community(root, info, slug, locale=None):
        scope = scope_get(info, locale)
        page = community_get(slug, scope.locale, scope.source)
        if page is not None:
            PageBatch([page], scope.locale, scope.source)
        return page
