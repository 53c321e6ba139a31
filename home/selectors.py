"""What the public may read: live, public, unexpired pages, in a locale with fallback to the source.

Every reader of published content (the GraphQL API, feeds, notifications) selects pages through
these functions, so the visibility rules live in one place.
"""

import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Exists, OuterRef, Q, TextField
from django.utils import timezone
from wagtail.models import Locale, Page, PageQuerySet, get_page_models
from wagtail.search import index

from home.mixins import community_root_models


def source_locale() -> Locale:
    return Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)


def pages_visible(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live pages, outside any view restriction, not past their expiry time, below the root.

    Wagtail's scheduled unpublishing clears `live` when the expiry job runs; until then a page
    whose expiry time has passed is already hidden here.
    """
    queryset = Page.objects.all() if queryset is None else queryset
    now = timezone.now()
    return (
        queryset.live()
        .public()
        .filter(depth__gt=1)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def children_visible(page: Page) -> PageQuerySet:
    """The page's children that the public may read, in tree order."""
    return pages_visible(page.get_children())


def pages_localized(queryset: PageQuerySet, locale: Locale, source: Locale) -> PageQuerySet:
    """The pages of `queryset` as served in `locale`.

    A page is served in the requested locale when it is visible there; otherwise its source
    version stands in (the API marks it as a fallback). Pages written natively in the requested
    locale are included; pages that exist only in a third locale are not.
    """
    if locale.pk == source.pk:
        return queryset.filter(locale=source)
    translated = pages_visible(
        Page.objects.filter(locale=locale, translation_key=OuterRef("translation_key"))
    )
    return queryset.filter(Q(locale=locale) | (Q(locale=source) & ~Exists(translated)))


def community_root_paths(slug: str, locales: Iterable[Locale]) -> list[str]:
    """Tree paths of the community pages with this slug in the given locales' trees.

    Slugs are resolved within a locale: each locale's copy of a community is found by its own
    slug (translated copies keep the source slug unless a translator changed it), and through
    the translation key of whichever copy matched, so a renamed translation is still found.
    """
    roots = Page.objects.filter(content_type__in=_community_root_types(), locale__in=list(locales))
    keys = roots.filter(slug=slug).values("translation_key")
    return list(roots.filter(translation_key__in=keys).values_list("path", flat=True))


def community_paths_for_key(translation_key, locales: Iterable[Locale]) -> list[str]:
    """Tree paths of a community's copies (by translation key) in the given locales' trees."""
    return list(
        Page.objects.filter(
            content_type__in=_community_root_types(),
            translation_key=translation_key,
            locale__in=list(locales),
        ).values_list("path", flat=True)
    )


def _community_root_types():
    return list(ContentType.objects.get_for_models(*community_root_models()).values())


def path_in_any(paths: Iterable[str]) -> Q:
    """A filter for pages at or below any of the given tree paths (nothing when there are none)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def page_at_path(path: str, locale: Locale, source: Locale) -> Page | None:
    """The visible page at `path` (below the locale's home page), served in `locale`.

    The path is looked up in the requested locale's tree, then in the source tree; a page found
    in the source tree is served in the requested locale when its translation is visible there.
    """
    homes = dict(
        pages_visible(Page.objects.filter(depth=2, locale__in=[locale, source])).values_list(
            "locale_id", "url_path"
        )
    )
    relative = path.strip("/")
    relative = f"{relative}/" if relative else ""
    for candidate in (locale, source):
        home = homes.get(candidate.pk)
        if home is None:
            continue
        page = pages_visible(
            Page.objects.filter(locale=candidate, url_path=f"{home}{relative}")
        ).first()
        if page is None:
            continue
        if candidate.pk != locale.pk:
            translated = pages_visible(
                Page.objects.filter(locale=locale, translation_key=page.translation_key)
            ).first()
            page = translated or page
        return page.specific
    return None


# Chinese, Japanese and Korean script: PostgreSQL's and SQLite's full-text parsers do not split
# these into words, so such queries match substrings of the indexed text fields instead.
CJK_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def pages_search_ids(queryset: PageQuerySet, text: str, limit: int) -> list[int]:
    """Ids of the pages of `queryset` matching `text`, best first (at most `limit`).

    `queryset` may only filter on indexed filter fields (e.g. `live`, `locale`): the search
    backend applies the filters itself. Callers apply the other visibility rules to the ids.
    """
    if not CJK_TEXT.search(text):
        return [page.pk for page in queryset.search(text, operator="and")[:limit]]
    ids = list(queryset.filter(title__icontains=text).values_list("pk", flat=True)[:limit])
    candidates = queryset.values("pk")
    for model in get_page_models():
        condition = Q()
        for name in _text_search_fields(model):
            condition |= Q(**{f"{name}__icontains": text})
        if not condition or len(ids) >= limit:
            continue
        matches = model.objects.filter(pk__in=candidates).filter(condition).exclude(pk__in=ids)
        ids.extend(matches.values_list("pk", flat=True)[: limit - len(ids)])
    return ids


def _text_search_fields(model) -> list[str]:
    """The model's own plain-text search fields (title is matched first by the caller)."""
    names = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, CharField | TextField) and field.model is model:
            names.append(field.name)
    return names


def page_in_source(page: Page) -> Page:
    """The source-locale version of `page` (its own model), or the page itself when it is one or
    has none."""
    if page.locale.language_code == settings.TAPESTRY_SOURCE_LOCALE:
        return page
    source = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key,
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE,
        )
        .first()
    )
    return source or page


def page_visible_in(page: Page, code: str) -> Page | None:
    """The version of `page` (its own model) that the public can read in locale `code`."""
    if page.locale.language_code == code:
        return page
    return pages_visible(
        type(page).objects.filter(translation_key=page.translation_key, locale__language_code=code)
    ).first()
