"""The `Page` interface every page type implements, and how a model finds its GraphQL type."""

import graphene
from django.utils import timezone

from schema.core.batch import batch_of, url_path_public
from schema.core.locales import locale_by_id

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


class Translation(graphene.ObjectType):
    locale = graphene.String(required=True)
    status = graphene.String(
        required=True,
        description="`live`, `missing`, `in_progress`, `awaiting_review` or `outdated`.",
    )
    url_path = graphene.String(description="Where the live translation is; null when not live.")


class Breadcrumb(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    url_path = graphene.String(required=True)


class Page(graphene.Interface):
    """Fields every page has. `locale` is the locale served: when the page has no live
    translation in `requestedLocale`, the source (en) version is served and `isFallback` is true."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url_path = graphene.String(
        required=True, description="Path below the locale's home page, e.g. `/news/some-slug/`."
    )
    seo_title = graphene.String(required=True, description="The SEO title, else the title.")
    search_description = graphene.String(required=True)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    locale = graphene.String(required=True, description="The locale of the content served.")
    requested_locale = graphene.String(required=True)
    is_fallback = graphene.Boolean(required=True)
    translations = graphene.List(graphene.NonNull(Translation), required=True)
    community = graphene.Field(
        lambda: _community_type(),
        description="The community the page belongs to (null: city-wide).",
    )
    breadcrumbs = graphene.List(
        graphene.NonNull(Breadcrumb),
        required=True,
        description="From the locale's home page down to this page (included).",
    )

    @classmethod
    def resolve_type(cls, instance, info):
        for model in type(instance).__mro__:
            if model in PAGE_TYPES:
                return PAGE_TYPES[model]
        raise TypeError(f"No GraphQL type for {type(instance).__name__}")

    @staticmethod
    def resolve_id(root, info):
        return root.pk or getattr(root, "_tapestry_preview_id", None)

    @staticmethod
    def resolve_url_path(root, info):
        return url_path_public(root)

    @staticmethod
    def resolve_seo_title(root, info):
        return root.seo_title or root.title

    @staticmethod
    def resolve_search_description(root, info):
        return root.search_description or ""

    @staticmethod
    def resolve_first_published_at(root, info):
        return local(root.first_published_at)

    @staticmethod
    def resolve_last_published_at(root, info):
        return local(root.last_published_at)

    @staticmethod
    def resolve_locale(root, info):
        return locale_by_id(info, root.locale_id).language_code

    @staticmethod
    def resolve_requested_locale(root, info):
        return batch_of(root, info).requested.language_code

    @staticmethod
    def resolve_is_fallback(root, info):
        return batch_of(root, info).is_fallback(root)

    @staticmethod
    def resolve_translations(root, info):
        return batch_of(root, info).translations_of(root)

    @staticmethod
    def resolve_community(root, info):
        return batch_of(root, info).community_of(root)

    @staticmethod
    def resolve_breadcrumbs(root, info):
        return [
            Breadcrumb(id=crumb.pk, title=crumb.title, url_path=url_path_public(crumb))
            for crumb in batch_of(root, info).breadcrumbs_of(root)
        ]


def _community_type():
    from schema.communities.types import Community

    return Community


class PageMeta:
    """`class Meta(PageMeta)` for page object types."""

    interfaces = (Page,)
