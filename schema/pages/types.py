"""Page types that belong to no content domain: the locale's home page."""

import graphene

from home.models import HomePage as HomePageModel
from schema.core.pages import page_type
from schema.pages.interface import PageMeta


@page_type(HomePageModel)
class HomePage(graphene.ObjectType):
    intro = graphene.String(required=True)

    class Meta(PageMeta):
        pass
