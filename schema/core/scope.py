"""Arguments shared by content queries: the locale and the optional community."""

from wagtail.models import Locale

from articles.selectors import Scope
from home.cache_tags import PAGES, list_tag
from home.selectors import community_root_paths
from schema.core.errors import InputError
from schema.core.locales import locale_get, source_get


def scope_get(info, locale: str | None, community: str | None = None) -> Scope:
    """The Scope for a query's `locale` and `community` (a slug) arguments."""
    requested = locale_get(info, locale)
    source = source_get(info)
    paths = None
    if community is not None:
        paths = tuple(community_root_paths(community, {requested, source}))
        if not paths:
            raise InputError(
                f"There is no community “{community}”.", field="community", code="NOT_FOUND"
            )
    return Scope(locale=requested, source=source, community_paths=paths)


def list_recorded(info, kind: str, locale: Locale, community: str | None = None) -> None:
    """Record the cache tag of a list of `kind` in `locale` (`home.cache_tags`): in
    `community` (a slug), or of every community and the city when None."""
    info.context.tags.add(list_tag(kind, community, locale.language_code))


def miss_recorded(info, scope: Scope) -> None:
    """A lookup that found nothing: whichever page goes live next may answer it."""
    list_recorded(info, PAGES, scope.locale)
