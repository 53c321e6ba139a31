"""How a page model finds its GraphQL type, and what every page type's fields share."""

import graphene
from django.utils import timezone
from wagtail.models import Page

from home.selectors import url_path_below_home

# Page model -> GraphQL object type; each domain package registers its types.
PAGE_TYPES: dict[type, type[graphene.ObjectType]] = {}


def page_type(model):
    """Register the decorated GraphQL type as the type of `model`'s pages."""

    def register(graphql_type):
        PAGE_TYPES[model] = graphql_type
        return graphql_type

    return register


def local(value):
    """Datetimes in Asia/Shanghai (the service's time zone), with their offset."""
    return timezone.localtime(value) if value else None


def url_path_public(page: Page) -> str:
    """The page's path below its locale's home page, e.g. `/communities/huacao-town/`.

    Every locale has its own home page, so this is the same for a page and its translations
    when their slugs are the same; frontends prefix it with the locale.
    """
    return url_path_below_home(page.url_path)
