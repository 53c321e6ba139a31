import re

import graphene

from home.cache_tags import PAGES
from home.preview import PreviewError, preview_take
from home.selectors import page_at_path, pages_by_id, pages_search_visible
from schema.core.errors import InputError
from schema.core.loaders import loaders_of
from schema.core.locales import LOCALE, locale_by_id, source_get
from schema.core.pagination import connection_arguments, connection_for, paginate
from schema.core.scope import list_recorded, miss_recorded, scope_get
from schema.core.search import SEARCH_LIMIT, search_text
from schema.pages.interface import Page
from schema.pages.types import HomePage  # noqa: F401 (registers the type)

PageConnection = connection_for(Page)
PATH_SEGMENT = re.compile(r"[a-z0-9_-]+", re.IGNORECASE)
PATH_MAX_LENGTH = 500


def page_path_valid(path: str) -> bool:
    """Slug segments (letters, digits, `_`, `-`) between single slashes; either end may have one.

    Checked segment by segment, in time linear in the path: one regex with a repeated group of
    repeated characters backtracks exponentially on a near miss ("aaaa...a!").
    """
    if len(path) > PATH_MAX_LENGTH:
        return False
    inner = path.removeprefix("/").removesuffix("/")
    if not inner:
        return len(path) <= 1  # "" and "/"; "//" has an empty segment
    return all(PATH_SEGMENT.fullmatch(segment) for segment in inner.split("/"))


class PageQueries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        path=graphene.String(required=True, description="e.g. `/communities/huacao-town/`."),
        locale=LOCALE,
        description="Any public page by its URL path below the locale's home page.",
    )
    search = graphene.Field(
        PageConnection,
        required=True,
        query=graphene.String(required=True),
        locale=LOCALE,
        **connection_arguments(),
        description="Full-text search over the public pages of one locale, best match first.",
    )

    preview = graphene.Field(
        Page,
        token=graphene.String(required=True),
        required=True,
        description="A draft, for the admin's Preview button. A token works once, for minutes.",
    )

    @staticmethod
    def resolve_preview(root, info, token):
        try:
            draft = preview_take(token)
        except PreviewError as error:
            raise InputError(str(error), field="token", code=error.code) from None
        locale = locale_by_id(info, draft.page.locale_id)
        return loaders_of(info).register_preview(draft.page, locale, source_get(info), draft.id)

    @staticmethod
    def resolve_page(root, info, path, locale=None):
        scope = scope_get(info, locale)
        if not page_path_valid(path):
            raise InputError("This is not a page path.", field="path", code="INVALID")
        page = page_at_path(path, scope.locale, scope.source)
        loaders_of(info).register([page], scope.locale, scope.source)
        if page is None:
            miss_recorded(info, scope)
        return page

    @staticmethod
    def resolve_search(root, info, query, locale=None, first=None, after=None):
        scope = scope_get(info, locale)
        list_recorded(info, PAGES, scope.locale)
        ids = pages_search_visible(search_text(query, "query"), scope.locale, SEARCH_LIMIT)

        def prepare(page_ids):
            found = pages_by_id(page_ids)
            served = loaders_of(info).serve(found, scope.locale, scope.source)
            return [served[page.pk] for page in found if served[page.pk] is not None]

        return paginate(PageConnection, ids, first=first, after=after, prepare=prepare)
