"""Joins the per-domain query and mutation classes into the one GraphQL schema."""

import graphene

from schema.articles.schema import ArticleQueries
from schema.communities.feedback import FeedbackMutations, FeedbackQueries
from schema.communities.mutations import CommunityMutations
from schema.communities.schema import CommunityQueries
from schema.communities.subscription_mutations import SubscriptionMutations
from schema.core.blocks import ALL_BLOCK_TYPES
from schema.core.inputs import unstorable_text_refused
from schema.core.pages import PAGE_TYPES
from schema.pages.schema import PageQueries
from schema.site.schema import SiteQueries


class Query(
    SiteQueries,
    CommunityQueries,
    ArticleQueries,
    PageQueries,
    FeedbackQueries,
    graphene.ObjectType,
):
    pass


class Mutation(CommunityMutations, FeedbackMutations, SubscriptionMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(
    query=Query, mutation=Mutation, types=[*ALL_BLOCK_TYPES, *PAGE_TYPES.values()]
)
# Text no column can hold is refused in every argument (NUL, unpaired surrogates).
unstorable_text_refused(schema.graphql_schema)
