"""Arguments shared by content queries: the locale and the optional community."""

from articles.selectors import Scope
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
