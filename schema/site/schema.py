import graphene

from schema.site.resolvers import resolve_site
from schema.site.types import SiteType


class SiteQueries(graphene.ObjectType):
    site = graphene.Field(SiteType, required=True, description="The service and its locales.")

    @staticmethod
    def resolve_site(root, info):
        return resolve_site()
