"""Read-side queries for communities, as the public may see them."""

from wagtail.models import Locale, PageQuerySet

from communities.models import CommunityContact, CommunityPage
from communities.models.pages import communities_served
from home.prepared import prepared_rows
from home.selectors import ancestor_paths, community_roots_served, pages_visible, served_version


def communities_select(locale: Locale, source: Locale) -> PageQuerySet:
    """All live communities served in `locale` (the source stands in for missing translations),
    in tree order, with their hero images."""
    return communities_served(CommunityPage.objects.select_related("hero_image"), locale, source)


def community_get(slug: str, locale: Locale, source: Locale) -> CommunityPage | None:
    """The community with this slug, as a reader of `locale` is served it, or None.

    The slug is looked up among visible communities in the requested locale's tree first, then
    in the source tree; what is found is served by the one rule (`served_version`). A visible
    page of the requested locale that is no alias is what that rule serves (the one version of
    its translation key there, and it counts), so it is served without asking again. The hero
    image comes with the page.
    """
    page = _community_by_slug(slug, locale)
    if page is not None and page.alias_of_id is None:
        return page
    if page is None and locale.pk != source.pk:
        page = _community_by_slug(slug, source)
    return served_version(page, locale, source) if page is not None else None


def _community_by_slug(slug: str, locale: Locale) -> CommunityPage | None:
    """The visible community with this slug in the locale's tree (the first in tree order),
    with its hero image; the query is compiled once per slug and locale (`home.prepared`)."""

    def build():
        visible = pages_visible(CommunityPage.objects.select_related("hero_image"))
        return visible.filter(locale=locale, slug=slug).order_by("path")[:1]

    found = prepared_rows(("community_by_slug", slug, locale.pk), build)
    return found[0] if found else None


def communities_of(pages, locale: Locale, source: Locale) -> dict[int, CommunityPage | None]:
    """The community each page belongs to (its nearest community root at or above it, the page
    itself included), by the page's id, as a reader of `locale` is served it; None: city-wide."""
    roots = community_roots_served(pages, locale, source)
    return {
        page.pk: next(
            (
                roots[path]
                for path in reversed(ancestor_paths(page, inclusive=True))
                if path in roots
            ),
            None,
        )
        for page in pages
    }


def contacts_by_page(page_ids) -> dict[int, list[CommunityContact]]:
    """The contacts of the given community pages, by page id (in no particular order)."""
    found: dict[int, list[CommunityContact]] = {}
    for contact in CommunityContact.objects.filter(page_id__in=set(page_ids)):
        found.setdefault(contact.page_id, []).append(contact)
    return found
