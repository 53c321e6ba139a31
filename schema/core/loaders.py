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

Bodies are loaders too: the blocks of every body of a locale's registered pages are converted
together (`body_of`: one query for all their images, with the renditions the schema makes, one
for all the pages chosen in them), and what those bodies and the pages' rich text link to and
embed is loaded together (`references_of`: linked pages as served, embedded images, stored
embeds, documents), not once per page or per paragraph.

Loaders read through the apps' selectors; the per-domain ones live in `schema/<domain>/loaders.py`.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.blocks import Block, StreamValue
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter

from home.cache_tags import image_tag, page_tag
from home.images import rendition_specs
from home.selectors import (
    ancestor_paths,
    ancestors_served,
    embeds_by_hash,
    images_by_id,
    locales_all,
    page_versions,
    pages_linked,
    renditions_prefetch,
    served_versions,
)
from home.translation_status import translation_statuses
from schema.core.images import rendition_specs_asked
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
        for the same locale that `name` has not loaded yet, and its answer joins the rest. What a
        key was first loaded as stays: a later batch may load the same row again (e.g. the
        community of an article reached through another article's `supersedes`), as an object
        that was never loaded for; the first one has been, and is the one handed out.
        """
        served = self.served(page)
        key = (name, served.locale.pk, served.source.pk)
        loaded = self._loaded.setdefault(key, {})
        covered = self._covered.setdefault(key, set())
        if id(page) not in covered:
            registered = self._pages[(served.locale.pk, served.source.pk)]
            pending = [each for each in registered if id(each) not in covered]
            for key, value in fetch(pending, served).items():
                loaded.setdefault(key, value)
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


def _hero_images(pages: list[Page], specs: list[str]) -> dict:
    """The pages' hero images by id, with their renditions for `specs`: images a list selected
    with its pages are used as they are (one query for their renditions), the others loaded."""
    in_hand: dict = {}
    missing = set()
    for page in pages:
        image_id = getattr(page, "hero_image_id", None)
        if image_id is None:
            continue
        if type(page).hero_image.is_cached(page):
            in_hand.setdefault(image_id, page.hero_image)
        else:
            missing.add(image_id)
    renditions_prefetch(in_hand.values(), specs)
    return {**images_by_id(missing - set(in_hand), specs), **in_hand}


def hero_image_of(info, page: Page):
    """The page's hero image (a preview's as the editor left it), or None."""
    if served_of(info, page).is_preview:
        return page.hero_image
    image_id = getattr(page, "hero_image_id", None)
    if image_id is None:
        return None
    info.context.tags.add(image_tag(image_id))

    def fetch(pages: list[Page], served: Served) -> dict:
        # Only the renditions the request's document can ask for: a page of a list has a hero
        # image, and each of the seven sizes the schema makes of it is a row to read.
        return _hero_images(pages, rendition_specs_asked(info))

    return loaders_of(info).load("hero_images", page, fetch).get(image_id)


def page_id_of(info, page: Page):
    """The page's id; a preview's stands in for a page that was never saved."""
    served = served_of(info, page)
    return served.preview_id if served.is_preview else page.pk


def linked_pages(ids: Iterable[int], served: Served) -> dict[int, Page | None]:
    """Pages linked by id (rich text, blocks), as the reader of `served.locale` is served them."""
    return pages_linked(ids, served.locale, served.source)


def embedded_images(ids: Iterable[int]) -> dict:
    """Images embedded by id (rich text), with the renditions the schema makes."""
    return images_by_id(ids, rendition_specs())


# Bodies, and what bodies and rich text refer to ------------------------------------------------


@dataclass(frozen=True)
class BodyChild:
    """One block of a page's body: its type, its id and its value as Wagtail converts it."""

    block_type: str
    id: str
    value: object


def found_in(value, kind: type) -> Iterator:
    """The instances of `kind` in a block value, however deep in its structs and lists."""
    if isinstance(value, kind):
        yield value
    elif isinstance(value, Mapping):
        for each in value.values():
            yield from found_in(each, kind)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for each in value:
            yield from found_in(each, kind)


def _block_group(groups: list[tuple[Block, list]], block: Block) -> list:
    for known, entries in groups:
        if known == block:
            return entries
    groups.append((block, []))
    return groups[-1][1]


def _bodies(pages: list[Page], served: Served) -> dict:
    """The body of each page that has one (by the page's `id()`), each block type converted for
    all the pages at once: Wagtail converts a body on its own (a query per body for its images,
    another for its chosen pages). The images come with the renditions the schema makes."""
    converted: dict[int, list] = {}
    groups: list[tuple[Block, list]] = []
    for page in pages:
        stream = getattr(page, "body", None)
        if not isinstance(stream, StreamValue):
            continue
        items = list(stream.raw_data)
        converted[id(page)] = [None] * len(items)
        for index, item in enumerate(items):
            block = stream.stream_block.child_blocks.get(item["type"])
            if block is not None:
                _block_group(groups, block).append((id(page), index, item))
    for block, entries in groups:
        values = block.bulk_to_python([item["value"] for _key, _index, item in entries])
        for (key, index, item), value in zip(entries, values, strict=True):
            converted[key][index] = BodyChild(block.name, item.get("id") or "", value)
    bodies = {key: [child for child in children if child] for key, children in converted.items()}
    renditions_prefetch(
        (
            image
            for children in bodies.values()
            for child in children
            for image in found_in(child.value, AbstractImage)
        ),
        rendition_specs(),
    )
    return bodies


def body_of(info, page: Page) -> list[BodyChild]:
    """The page's body blocks (none for a page without a body)."""
    return loaders_of(info).load("bodies", page, _bodies).get(id(page), [])


def richtexts_of(page: Page, body: list[BodyChild]) -> list[str]:
    """The stored rich text of a page: its rich-text fields, and the rich text in its body."""
    fields = [
        getattr(page, field.name) or ""
        for field in page._meta.concrete_fields
        if isinstance(field, RichTextField)
    ]
    return fields + [text.source for child in body for text in found_in(child.value, RichText)]


def attrs_key(attrs: dict) -> tuple:
    """A rich-text tag's attributes as a key of what it expands to."""
    return tuple(sorted(attrs.items()))


def embed_key(url: str, max_width=None, max_height=None) -> tuple:
    return ("embed", get_embed_hash(url, max_width, max_height))


@dataclass
class _Refs:
    """What a set of bodies and rich texts refer to, collected before anything is loaded."""

    pages: set = field(default_factory=set)
    images: set = field(default_factory=set)
    embeds: dict = field(default_factory=dict)  # key -> hash
    tags: dict = field(default_factory=dict)  # (kind, tag type) -> {attrs key: attrs}

    def add_richtext(self, html: str) -> None:
        link_types = features.get_link_types()
        for tag_type, matches in LinkRewriter().extract_tags(html).items():
            if tag_type == "page":
                self.pages.update(_ids(match.attrs for match in matches))
            elif tag_type in link_types:
                self._tags("link", tag_type, matches)
        embed_types = features.get_embed_types()
        for tag_type, matches in EmbedRewriter().extract_tags(html).items():
            if tag_type == "image":
                self.images.update(_ids(match.attrs for match in matches))
            elif tag_type == "media" and tag_type in embed_types:
                for match in matches:
                    self.add_embed(match.attrs.get("url", ""))
            elif tag_type in embed_types:
                self._tags("embed", tag_type, matches)

    def add_embed(self, url: str, max_width=None, max_height=None) -> None:
        key = embed_key(url, max_width, max_height)
        self.embeds[key] = key[1]

    def _tags(self, kind: str, tag_type: str, matches) -> None:
        found = self.tags.setdefault((kind, tag_type), {})
        found.update((attrs_key(match.attrs), match.attrs) for match in matches)


def _ids(attrs_list: Iterable[dict]) -> set[int]:
    ids = set()
    for attrs in attrs_list:
        try:
            ids.add(int(attrs.get("id")))
        except (TypeError, ValueError):
            continue
    return ids


def references_of(info, page: Page) -> dict:
    """What the bodies and rich text of the pages of `page`'s locale link to and embed, loaded
    for them all at once: `("page", id)` the linked page as served (or None), `("image", id)`
    the embedded image with its renditions (or None), `("embed", hash)` the stored oEmbed answer
    (None: not stored yet), `("link" | "embed", tag type, attrs key)` the HTML Wagtail's handler
    expands another kind of tag to (e.g. a document link)."""

    def fetch(pages: list[Page], served: Served) -> dict:
        refs = _Refs()
        for each in pages:
            body = body_of(info, each)
            for child in body:
                refs.pages.update(linked.pk for linked in found_in(child.value, Page))
                for value in found_in(child.value, EmbedValue):
                    refs.add_embed(value.url, value.max_width, value.max_height)
            for html in richtexts_of(each, body):
                refs.add_richtext(html)
        found: dict = {}
        linked = linked_pages(refs.pages, served)
        found.update((("page", pk), linked.get(pk)) for pk in refs.pages)
        images = embedded_images(refs.images)
        found.update((("image", pk), images.get(pk)) for pk in refs.images)
        embeds = embeds_by_hash(refs.embeds.values())
        found.update((key, embeds.get(embed_hash)) for key, embed_hash in refs.embeds.items())
        handlers = {"link": features.get_link_types(), "embed": features.get_embed_types()}
        for (kind, tag_type), tags in refs.tags.items():
            expanded = handlers[kind][tag_type].expand_db_attributes_many(list(tags.values()))
            found.update(
                ((kind, tag_type, key), html) for key, html in zip(tags, expanded, strict=True)
            )
        return found

    return loaders_of(info).load("references", page, fetch)


def linked_page_of(info, page: Page, linked_id: int) -> Page | None:
    """A page that `page`'s body or rich text links to, as the reader of its locale is served it
    (or None)."""
    references = references_of(info, page)
    if ("page", linked_id) in references:
        return references["page", linked_id]
    return linked_pages([linked_id], served_of(info, page)).get(linked_id)
