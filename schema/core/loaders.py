"""The request's loader registry, and the loaders of what every page has.

A resolver that serves pages registers them (`Loaders.register`) with the locale they are served
for; a list registers all its pages at once. The first time a field needs related data for a
registered page (its translations, breadcrumbs, hero image, community, topics, ...), the loader
of that data loads it for every page registered for that locale that it has not loaded yet, in
one go, and keeps it for the rest of the request: the queries a request makes do not grow with
the length of its lists, and fields that are never asked for cost nothing.

A page that was never registered is a programming error (`UnregisteredPage`). A preview
(`Loaders.register_preview`) is registered with its id (an unsaved page has none of its own), and
its related data is read from the unsaved instance instead of the database.

Loaders read through the apps' selectors; the per-domain ones live in `schema/<domain>/loaders.py`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale, Page

from home.cache_tags import image_tag, page_tag
from home.selectors import (
    ancestor_paths,
    ancestors_served,
    images_by_id,
    locales_all,
    page_versions,
    pages_linked,
    served_versions,
)
from home.translation_status import translation_statuses
from schema.core.pages import url_path_below_home


class UnregisteredPage(LookupError):
    """A resolver handed out a page without registering it with the request's loaders."""


@dataclass(frozen=True)
class Served:
    """For whom a page is served: the requested locale and the source locale."""

    locale: Locale
    source: Locale
    preview_id: int | str | None = None  # set for a preview: its id, even when unsaved

    @property
    def is_preview(self) -> bool:
        return self.preview_id is not None


Fetch = Callable[[list[Page], Served], dict]


class Loaders:
    """One request's registry of served pages and of what has been loaded for them."""

    def __init__(self, tags: set[str] | None = None):
        # The cache tags of the request (schema.core.context): every page served is recorded.
        self.tags = tags if tags is not None else set()
        # id(page) -> (page, how it is served); the page is kept so that its id stays its own.
        self._served: dict[int, tuple[Page, Served]] = {}
        # (locale id, source id) -> the pages registered for that locale, in order.
        self._pages: dict[tuple[int, int], list[Page]] = {}
        # (loader name, locale id, source id) -> what it loaded, and for which pages (by id()).
        self._loaded: dict[tuple[str, int, int], dict] = {}
        self._covered: dict[tuple[str, int, int], set[int]] = {}
        # Lower-case language code -> Locale, all loaded on the first use.
        self._locales: dict[str, Locale] = {}

    # Pages ---------------------------------------------------------------------------------
    def register(self, pages: Iterable[Page | None], locale: Locale, source: Locale) -> list:
        """Record the pages as served for `locale`; returns them (without Nones)."""
        pages = [page for page in pages if page is not None]
        for page in pages:
            self._add(page, Served(locale, source))
        return pages

    def register_preview(self, page: Page, locale: Locale, source: Locale, preview_id) -> Page:
        self._add(page, Served(locale, source, preview_id))
        return page

    def _add(self, page: Page, served: Served) -> None:
        entry = self._served.get(id(page))
        if entry is not None and entry[0] is page and entry[1] == served:
            return  # already registered (e.g. the community of many pages)
        self._served[id(page)] = (page, served)
        if not served.is_preview:
            self.tags.add(page_tag(page.pk))
        self._pages.setdefault((served.locale.pk, served.source.pk), []).append(page)

    def served(self, page: Page) -> Served:
        """How `page` is served; UnregisteredPage when no resolver registered it."""
        entry = self._served.get(id(page))
        if entry is None or entry[0] is not page:
            raise UnregisteredPage(f"{type(page).__name__} {page.pk} was served unregistered.")
        return entry[1]

    def serve(self, pages: Iterable[Page], locale: Locale, source: Locale) -> dict:
        """The version of each page a reader of `locale` is served (the one rule of
        `home.selectors.served_versions`), registered; keyed by the given page's id."""
        served = served_versions(pages, locale, source)
        self.register(served.values(), locale, source)
        return served

    def load(self, name: str, page: Page, fetch: Fetch) -> dict:
        """What loader `name` loaded for the pages of `page`'s locale, `page` included.

        When `page` is not covered yet, `fetch(pages, served)` loads it for every page registered
        for the same locale that `name` has not loaded yet, and its answer joins the rest.
        """
        served = self.served(page)
        key = (name, served.locale.pk, served.source.pk)
        loaded = self._loaded.setdefault(key, {})
        covered = self._covered.setdefault(key, set())
        if id(page) not in covered:
            registered = self._pages[(served.locale.pk, served.source.pk)]
            pending = [each for each in registered if id(each) not in covered]
            loaded.update(fetch(pending, served))
            covered.update(id(each) for each in pending)
        return loaded

    # Locales -------------------------------------------------------------------------------
    def locale(self, code: str) -> Locale | None:
        """The Locale for a (lower-case) language code, or None; all are loaded at once."""
        if code not in self._locales:
            self._locales.update((locale.language_code.lower(), locale) for locale in locales_all())
        return self._locales.get(code)

    def locale_codes(self) -> list[str]:
        self.locale(settings.TAPESTRY_SOURCE_LOCALE)
        return sorted(self._locales)

    def locale_by_id(self, locale_id: int) -> Locale:
        for locale in self._locales.values():
            if locale.pk == locale_id:
                return locale
        self._locales.clear()  # a locale added since they were loaded
        self.locale(settings.TAPESTRY_SOURCE_LOCALE)
        for locale in self._locales.values():
            if locale.pk == locale_id:
                return locale
        raise LookupError(f"No locale has the id {locale_id}.")


def loaders_of(info) -> Loaders:
    return info.context.loaders


def served_of(info, page: Page) -> Served:
    return loaders_of(info).served(page)


# What every page has -------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationEntry:
    locale: str
    status: str
    url_path: str | None
    page_id: int | None


def _translations(pages: list[Page], served: Served) -> dict:
    keys = {page.translation_key for page in pages}
    versions = page_versions(keys)
    statuses = translation_statuses(pages)
    return {key: (versions.get(key, {}), statuses.get(key, {})) for key in keys}


def translations_of(info, page: Page) -> list[TranslationEntry]:
    """One entry per configured locale: the status of this page's translation there.

    Target locales take their status from the translation workflow's selector (missing,
    in_progress, awaiting_review, live, outdated); the source locale is live or in_progress.
    `url_path` is given only where a version is public.
    """
    found, statuses = loaders_of(info).load("translations", page, _translations)[
        page.translation_key
    ]
    entries = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        row, visible = found.get(code, (None, False))
        if row is None:
            status = statuses.get(code, "missing")
        elif code in statuses:
            status = statuses[code]
        else:
            status = "live" if visible else "in_progress"
        path = url_path_below_home(row["url_path"]) if row and visible else None
        entries.append(TranslationEntry(code, status, path, row["pk"] if path else None))
    return entries


def _ancestors(pages: list[Page], served: Served) -> dict:
    return ancestors_served(pages, served.locale, served.source)


def breadcrumbs_of(info, page: Page) -> list[Page]:
    """The page's visible ancestors from its locale's home page down, then the page itself."""
    ancestors = loaders_of(info).load("ancestors", page, _ancestors)
    info.context.tags.update(page_tag(crumb.pk) for crumb in ancestors.values())
    trail = [ancestors.get(path) for path in ancestor_paths(page, inclusive=False)]
    return [crumb for crumb in trail if crumb is not None] + [page]


def _hero_images(pages: list[Page], served: Served) -> dict:
    return images_by_id(getattr(page, "hero_image_id", None) for page in pages)


def hero_image_of(info, page: Page):
    """The page's hero image (a preview's as the editor left it), or None."""
    if served_of(info, page).is_preview:
        return page.hero_image
    image_id = getattr(page, "hero_image_id", None)
    if image_id is None:
        return None
    info.context.tags.add(image_tag(image_id))
    return loaders_of(info).load("hero_images", page, _hero_images).get(image_id)


def page_id_of(info, page: Page):
    """The page's id; a preview's stands in for a page that was never saved."""
    served = served_of(info, page)
    return served.preview_id if served.is_preview else page.pk


def linked_pages(ids: Iterable[int], served: Served) -> dict[int, Page | None]:
    """Pages linked by id (rich text, blocks), as the reader of `served.locale` is served them."""
    return pages_linked(ids, served.locale, served.source)


def embedded_images(ids: Iterable[int]) -> dict:
    """Images embedded by id (rich text), with their renditions."""
    return images_by_id(ids)
