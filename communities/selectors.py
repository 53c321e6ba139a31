"""Read-side queries for communities, as the public may see them."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page, PageQuerySet

from communities.models import CommunityPage
from home.selectors import ancestor_paths, community_roots_served, pages_served, pages_visible


def communities_select(locale: Locale, source: Locale) -> PageQuerySet:
    """Live communities served in `locale` (the source stands in for missing translations)."""
    queryset = pages_served(pages_visible(CommunityPage.objects.all()), locale, source)
    # Translated trees mirror the source tree's order; order by the source's position so a
    # fallback page sits where it belongs among translated ones.
    source_path = Page.objects.filter(
        locale=source, translation_key=OuterRef("translation_key")
    ).values("path")[:1]
    queryset = queryset.prefetch_related("contacts")
    return queryset.annotate(tree_position=Coalesce(Subquery(source_path), "path")).order_by(
        "tree_position"
    )


def community_get(slug: str, locale: Locale, source: Locale) -> CommunityPage | None:
    """The community with this slug, in `locale` if it is live there, else in the source locale.

    The slug is looked up in the requested locale's tree first, then in the source tree; a
    source match is served in the requested locale when its translation is live.
    """
    visible = pages_visible(CommunityPage.objects.all())
    page = visible.filter(locale=locale, slug=slug).first()
    if page is not None:
        return page
    page = visible.filter(locale=source, slug=slug).first()
    if page is None or locale.pk == source.pk:
        return page
    translated = visible.filter(locale=locale, translation_key=page.translation_key).first()
    return translated or page


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
