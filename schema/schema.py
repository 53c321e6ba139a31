"""Joins the per-domain query and mutation classes into the one GraphQL schema."""

import graphene

from schema.site.schema import SiteQueries


class Query(SiteQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
