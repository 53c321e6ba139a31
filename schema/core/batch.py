"""Load what a list of pages needs in a constant number of queries, whatever its length.

The pages of one connection (or the one page of `page(path)`) form a batch. The first time a
field needs related data for any page of the batch (its community, hero image, topics,
translations, breadcrumbs), the data is loaded for every page of the batch at once and kept for
the rest of the request. Fields that are never asked for cost nothing.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from articles.models import ArticlePageTopic, Bureau, EventPage, Topic
from articles.selectors import bureaus_by_id, topics_by_page
from communities.registrations.selectors import Seats, seats_by_event_key
from home.mixins import community_root_models
from home.selectors import pages_visible
from home.translation_status import translation_statuses
from schema.core.locales import locale_get, source_get

STEP = Page.steplen


def url_path_public(page: Page) -> str:
    """The page's path below its locale's home page, e.g. `/communities/huacao-town/`.

    Every locale has its own home page, so this is the same for a page and its translations
    when their slugs are the same; frontends prefix it with the locale.
    """
    parts = [part for part in (page.url_path or "").split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts[1:])


def ancestor_paths(page: Page, *, inclusive: bool) -> list[str]:
    """Tree paths of the page's ancestors below the root (and its own when inclusive)."""
    depth = len(page.path) // STEP
    last = depth if inclusive else depth - 1
    return [page.path[: STEP * level] for level in range(2, last + 1)]


@dataclass(frozen=True)
class TranslationEntry:
    locale: str
    status: str
    url_path: str | None
    page_id: int | None


class PageBatch:
    """The pages of one list, served for one requested locale."""

    def __init__(self, pages: Sequence[Page], requested: Locale, source: Locale):
        self.pages = [page for page in pages if page is not None]
        self.requested = requested
        self.source = source
        for page in self.pages:
            page._tapestry_batch = self

    # Served locale -----------------------------------------------------------------------
    def is_fallback(self, page: Page) -> bool:
        return page.locale_id != self.requested.pk

    # Localising pages found in some locale's tree to the requested locale ------------------
    def _served(self, found: list[Page]) -> dict[int, Page]:
        """Map page id -> the page as served in the requested locale (itself as fallback)."""
        wanted = {page.translation_key for page in found if page.locale_id != self.requested.pk}
        translated = {}
        if wanted:
            rows = pages_visible(Page.objects.filter(locale=self.requested)).filter(
                translation_key__in=wanted
            )
            translated = {page.translation_key: page for page in rows}
        return {page.pk: translated.get(page.translation_key, page) for page in found}

    # Community ---------------------------------------------------------------------------
    @cached_property
    def _communities(self) -> dict[int, Page | None]:
        prefixes = {path for page in self.pages for path in ancestor_paths(page, inclusive=True)}
        if not prefixes:
            return {}
        types = ContentType.objects.get_for_models(*community_root_models()).values()
        roots = list(
            pages_visible(Page.objects.filter(path__in=prefixes, content_type__in=list(types)))
        )
        served = self._served(roots)
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in={p.pk for p in served.values()}).specific()
        }
        PageBatch(list(specific.values()), self.requested, self.source)
        by_path = {root.path: specific.get(served[root.pk].pk) for root in roots}
        result = {}
        for page in self.pages:
            paths = ancestor_paths(page, inclusive=True)
            result[page.pk] = next((by_path[p] for p in reversed(paths) if p in by_path), None)
        return result

    def community_of(self, page: Page) -> Page | None:
        return self._communities.get(page.pk)

    # Breadcrumbs -------------------------------------------------------------------------
    @cached_property
    def _ancestors(self) -> dict[str, Page]:
        prefixes = {path for page in self.pages for path in ancestor_paths(page, inclusive=False)}
        if not prefixes:
            return {}
        found = list(pages_visible(Page.objects.filter(path__in=prefixes)))
        served = self._served(found)
        return {page.path: served[page.pk] for page in found}

    def breadcrumbs_of(self, page: Page) -> list[Page]:
        """The page's visible ancestors from its locale's home page down, then the page itself."""
        trail = [self._ancestors.get(path) for path in ancestor_paths(page, inclusive=False)]
        return [crumb for crumb in trail if crumb is not None] + [page]

    # Translations ------------------------------------------------------------------------
    @cached_property
    def _translations(self) -> dict:
        keys = {page.translation_key for page in self.pages}
        rows = defaultdict(dict)
        visible = set(
            pages_visible(Page.objects.filter(translation_key__in=keys)).values_list(
                "pk", flat=True
            )
        )
        for row in Page.objects.filter(translation_key__in=keys).values(
            "pk", "translation_key", "locale__language_code", "live", "url_path"
        ):
            rows[row["translation_key"]][row["locale__language_code"]] = (row, row["pk"] in visible)
        return rows

    @cached_property
    def _statuses(self) -> dict:
        return translation_statuses(self.pages)

    def translations_of(self, page: Page) -> list[TranslationEntry]:
        """One entry per configured locale: the status of this page's translation there.

        Target locales take their status from the translation workflow's selector (missing,
        in_progress, awaiting_review, live, outdated); the source locale is live or in_progress.
        `urlPath` is given only where a version is public.
        """
        found = self._translations.get(page.translation_key, {})
        statuses = self._statuses.get(page.translation_key, {})
        entries = []
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            row, visible = found.get(code, (None, False))
            if row is None:
                status = statuses.get(code, "missing")
            elif code in statuses:
                status = statuses[code]
            else:
                status = "live" if visible else "in_progress"
            path = url_path_public(Page(url_path=row["url_path"])) if row and visible else None
            entries.append(TranslationEntry(code, status, path, row["pk"] if path else None))
        return entries

    # Hero images -------------------------------------------------------------------------
    @cached_property
    def _images(self) -> dict:
        ids = {getattr(page, "hero_image_id", None) for page in self.pages} - {None}
        if not ids:
            return {}
        images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions()
        return {image.pk: image for image in images}

    def hero_image_of(self, page: Page):
        image_id = getattr(page, "hero_image_id", None)
        if image_id is None:
            return None
        return self._images.get(image_id)

    # Event seats ---------------------------------------------------------------------------
    @cached_property
    def _seats(self) -> dict:
        keys = {page.translation_key for page in self.pages if isinstance(page, EventPage)}
        return seats_by_event_key(keys) if keys else {}

    def seats_of(self, page) -> Seats:
        return self._seats.get(page.translation_key, Seats(0, 0))

    # Topics and bureau (articles) ----------------------------------------------------------
    @cached_property
    def _topics(self) -> dict[int, list[Topic]]:
        ids = [page.pk for page in self.pages if hasattr(page, "topics")]
        links = (
            ArticlePageTopic.objects.filter(page_id__in=ids)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "topic__translation_key")
        )
        return topics_by_page(links, self.requested, self.source)

    def topics_of(self, page: Page) -> list[Topic]:
        return self._topics.get(page.pk, [])

    @cached_property
    def _bureaus(self) -> dict[int, Bureau]:
        ids = {getattr(page, "bureau_id", None) for page in self.pages} - {None}
        if not ids:
            return {}
        return bureaus_by_id(ids, self.requested, self.source)

    def bureau_of(self, page: Page) -> Bureau | None:
        bureau_id = getattr(page, "bureau_id", None)
        return self._bureaus.get(bureau_id) if bureau_id else None


def batch_of(page: Page, info) -> PageBatch:
    """The batch a page was served in; a batch of its own for a page reached another way."""
    batch = getattr(page, "_tapestry_batch", None)
    if batch is None:
        requested = getattr(info.context, "_tapestry_requested", None) or locale_get(info, None)
        batch = PageBatch([page], requested, source_get(info))
    return batch
