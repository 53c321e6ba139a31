"""The `Page` interface every page type implements."""

import graphene

from schema.communities.loaders import community_of
from schema.core.loaders import breadcrumbs_of, page_id_of, served_of, translations_of
from schema.core.locales import locale_by_id
from schema.core.pages import PAGE_TYPES, local, url_path_public


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
        "schema.communities.types.Community",
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
        return page_id_of(info, root)

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
        return served_of(info, root).locale.language_code

    @staticmethod
    def resolve_is_fallback(root, info):
        return root.locale_id != served_of(info, root).locale.pk

    @staticmethod
    def resolve_translations(root, info):
        return translations_of(info, root)

    @staticmethod
    def resolve_community(root, info):
        return community_of(info, root)

    @staticmethod
    def resolve_breadcrumbs(root, info):
        return [
            Breadcrumb(id=crumb.pk, title=crumb.title, url_path=url_path_public(crumb))
            for crumb in breadcrumbs_of(info, root)
        ]


class PageMeta:
    """`class Meta(PageMeta)` for page object types."""

    interfaces = (Page,)
