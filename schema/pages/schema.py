import re

import graphene
from wagtail.models import Page as PageModel

from home.preview import PreviewError, preview_take
from home.selectors import page_at_path, pages_search_ids, pages_visible
from schema.articles.resolvers import SEARCH_LIMIT
from schema.core.batch import PageBatch
from schema.core.errors import InputError
from schema.core.locales import locale_by_id, source_get
from schema.core.pages import Page
from schema.core.pagination import connection_arguments, connection_for, paginate
from schema.core.scope import scope_get
from schema.pages.types import HomePage  # noqa: F401 (registers the type)

PageConnection = connection_for(Page)
LOCALE = graphene.String(description="Language code (default `en`); see `site.locales`.")
# Segments separated by single slashes, optionally led and ended by one. Each segment but the
# last must end in a slash, so there is one way to match a path and matching takes linear time
# (`([a-z0-9_-]+/?)*` could split a run of letters in exponentially many ways when it fails).
PATH = re.compile(r"^/?(?:[a-z0-9_-]+/)*[a-z0-9_-]*$", re.IGNORECASE)


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
            page = preview_take(token)
        except PreviewError as error:
            raise InputError(str(error), field="token", code=error.code) from None
        locale = locale_by_id(info, page.locale_id)
        info.context._tapestry_requested = locale
        PageBatch([page], locale, source_get(info))
        return page

    @staticmethod
    def resolve_page(root, info, path, locale=None):
        scope = scope_get(info, locale)
        if len(path) > 500 or not PATH.match(path):
            raise InputError("This is not a page path.", field="path", code="INVALID")
        page = page_at_path(path, scope.locale, scope.source)
        if page is not None:
            PageBatch([page], scope.locale, scope.source)
        return page

    @staticmethod
    def resolve_search(root, info, query, locale=None, first=None, after=None):
        scope = scope_get(info, locale)
        text = query.strip()
        if not text:
            raise InputError("The search text is empty.", field="query", code="REQUIRED")
        if len(text) > 200:
            raise InputError(
                "The search text is longer than 200 characters.", field="query", code="TOO_LONG"
            )
        # The search backend can filter on indexed fields only (live, locale): the best matches
        # are narrowed to visible pages here, keeping the backend's ranking.
        candidates = PageModel.objects.live().filter(locale=scope.locale)
        ranked = pages_search_ids(candidates, text, SEARCH_LIMIT)
        visible = set(
            pages_visible(PageModel.objects.filter(pk__in=ranked)).values_list("pk", flat=True)
        )
        ids = [pk for pk in ranked if pk in visible]

        def prepare(page_ids):
            specific = {
                page.pk: page for page in PageModel.objects.filter(pk__in=page_ids).specific()
            }
            served = [specific[pk] for pk in page_ids if pk in specific]
            PageBatch(served, scope.locale, scope.source)
            return served

        return paginate(PageConnection, ids, first=first, after=after, prepare=prepare)
