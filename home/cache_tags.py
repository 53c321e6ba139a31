"""Cache tags: the names of what an API response was made of, and which of them a change affects.

A GraphQL response carries the tags of every page, snippet, image and list it was made from (in
its `Surrogate-Key` and `Cache-Tag` headers and in the response cache's index); a publish, an
unpublish, a move, a deletion, a snippet or image change purges the tags it affects, and with
them every cached response that carries any.

- `page-<id>`: one version (one locale) of a page. A change to any version purges every version:
  a translation going live changes what readers of its locale are served in the source's place,
  and every version's `translations` field.
- `snippet-<model>-<id>`: a snippet, `<model>` its lower-case model name (`snippet-topic-4`,
  `snippet-bureau-2`); every translation is purged with it.
- `image-<id>`, `document-<id>`.
- `list-<kind>-<scope>-<locale>`: a list. `<kind>` is `articles`, `events`, `communities`,
  `topics` (a snippet model's name plus `s`) or `pages`; `<scope>` a community's slug (any of
  its versions' slugs), `city` for the city-wide pages, or `all` for a list without a community
  filter (every community and the city); `<locale>` a lower-case language code. `pages` is any
  public page of the locale: search results, and a lookup by path, slug or id that found nothing
  (a new page may answer it next time).
- `graphql`: carried, with its list tags, by a response whose tags are too many for a header;
  every purge includes it.

Which locales' lists a page change touches: a source-locale (English) page is served as the
fallback wherever it has no translation, so every locale's; a translation, its own locale's.
Pages and snippets that refer to a changed object (Wagtail's reference index: rich-text links,
page and image choosers, foreign keys) are purged with it.
"""

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.dispatch import Signal
from wagtail.models import Page, ReferenceIndex, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from home.mixins import community_root_of
from home.selectors import locales_all

# Lists by page model (lower-case model name); the models live in higher apps, so only their
# names are known here.
PAGE_LIST_KINDS = {"articlepage": "articles", "eventpage": "events", "communitypage": "communities"}
# Kinds whose lists are kept per community as well as city-wide and for all.
COMMUNITY_LIST_KINDS = {"articles", "events"}
# What every list without a community filter is scoped as, and city-wide pages' scope.
ALL = "all"
CITY = "city"
# Any public page of a locale: search results and lookups that found nothing.
PAGES = "pages"
# Stands for everything in a response whose tags do not fit a header; every purge includes it.
COARSE_TAG = "graphql"


def page_tag(page_id) -> str:
    return f"page-{page_id}"


def snippet_tag(model: type[Model], pk) -> str:
    return f"snippet-{model._meta.model_name}-{pk}"


def image_tag(image_id) -> str:
    return f"image-{image_id}"


def document_tag(document_id) -> str:
    return f"document-{document_id}"


def list_tag(kind: str, scope: str | None, locale_code: str) -> str:
    """`scope`: a community slug, CITY, or None (ALL: no community filter). A slug outside
    ASCII is percent-encoded: tags go into HTTP headers."""
    return f"list-{kind}-{quote(scope or ALL, safe='')}-{locale_code.lower()}"


def snippet_list_kind(model: type[Model]) -> str:
    return f"{model._meta.model_name}s"


# Which tags a change affects -----------------------------------------------------------------


def tags_for_pages(pages: Iterable[Page]) -> set[str]:
    """The pages, every version of them, what refers to any version, and the lists of their kind
    (in their community, city-wide and for all) in every locale whose lists gain or lose them."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return set()
    versions = Page.objects.filter(
        translation_key__in={page.translation_key for page in pages}
    ).values_list("pk", flat=True)
    ids = {page.pk for page in pages} | set(versions)
    tags = {page_tag(pk) for pk in ids} | _referrers(Page, ids)
    for page in pages:
        tags |= page_list_tags(page, community_slugs(page))
    return tags


def tags_for_page_move(page: Page, parent_before: Page | None) -> set[str]:
    """A moved page: as `tags_for_pages`, plus the lists of the community it left and every
    page below it (their paths changed)."""
    descendants = Page.objects.descendant_of(page).values_list("pk", flat=True)
    tags = tags_for_pages([page]) | {page_tag(pk) for pk in descendants}
    if parent_before is not None:
        tags |= page_list_tags(page, community_slugs(parent_before))
    return tags


def page_list_tags(page: Page, slugs: set[str]) -> set[str]:
    """The list tags of `page`'s kind, as if it were in the community with these slugs (none:
    city-wide), for the locales that serve it."""
    kind = PAGE_LIST_KINDS.get(ContentType.objects.get_for_id(page.content_type_id).model)
    tags = set()
    for code in _locales_serving(page):
        tags.add(list_tag(PAGES, None, code))
        if kind is None:
            continue
        tags.add(list_tag(kind, None, code))
        if kind in COMMUNITY_LIST_KINDS:
            for scope in slugs or {CITY}:
                tags.add(list_tag(kind, scope, code))
    return tags


def community_slugs(page: Page) -> set[str]:
    """The slugs of every version of the community `page` is in; empty for a city-wide page."""
    root = community_root_of(page)
    if root is None:
        return set()
    return set(
        Page.objects.filter(translation_key=root.translation_key).values_list("slug", flat=True)
    )


def tags_for_versions(obj: Model) -> set[str]:
    """Every version of a page or snippet, nothing else: what a change of translation status
    (a draft submitted, a review approved) touches, the `translations` field."""
    if isinstance(obj, Page):
        versions = Page.objects.filter(translation_key=obj.translation_key)
        return {page_tag(pk) for pk in versions.values_list("pk", flat=True)}
    model = type(obj)
    versions = model.objects.filter(translation_key=obj.translation_key)
    return {snippet_tag(model, pk) for pk in versions.values_list("pk", flat=True)}


def tags_for_snippet(obj: Model) -> set[str]:
    """The snippet, its translations, what refers to any of them, and its model's lists."""
    model = type(obj)
    ids = {obj.pk}
    if isinstance(obj, TranslatableMixin):
        ids |= set(
            model.objects.filter(translation_key=obj.translation_key).values_list("pk", flat=True)
        )
    tags = {snippet_tag(model, pk) for pk in ids} | _referrers(model, ids)
    kind = snippet_list_kind(model)
    return tags | {list_tag(kind, None, code) for code in _locales_serving(obj)}


def tags_for_image(image: Model) -> set[str]:
    """The image and what uses it (pages' hero images, body blocks, rich-text embeds)."""
    return {image_tag(image.pk)} | _referrers(type(image), {image.pk})


def tags_for_document(document: Model) -> set[str]:
    """The document and what links to it."""
    return {document_tag(document.pk)} | _referrers(type(document), {document.pk})


def _locales_serving(obj) -> list[str]:
    """The lower-case codes of the locales that may be served `obj`: every locale for the
    source locale's (their fallback), else its own."""
    locale = getattr(obj, "locale", None)
    if locale is None or locale.language_code == settings.TAPESTRY_SOURCE_LOCALE:
        return [each.language_code.lower() for each in locales_all()]
    return [locale.language_code.lower()]


def _base_model(model: type[Model]) -> type[Model]:
    """The model holding the primary key (Page for every page type)."""
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def _referrers(model: type[Model], ids: Iterable) -> set[str]:
    """Tags of the pages and snippets that refer to these objects (Wagtail's reference index)."""
    ids = [str(pk) for pk in ids if pk is not None]
    if not ids:
        return set()
    target = ContentType.objects.get_for_model(_base_model(model))
    rows = (
        ReferenceIndex.objects.filter(Q(to_content_type=target) & Q(to_object_id__in=ids))
        .values_list("base_content_type_id", "content_type_id", "object_id")
        .distinct()
    )
    page_type = ContentType.objects.get_for_model(Page)
    snippets = {
        ContentType.objects.get_for_model(snippet).pk: snippet for snippet in get_snippet_models()
    }
    tags = set()
    for base_type_id, type_id, object_id in rows:
        if base_type_id == page_type.pk:
            tags.add(page_tag(object_id))
        elif type_id in snippets:
            tags.add(snippet_tag(snippets[type_id], object_id))
    return tags


# Purges gathered into one ------------------------------------------------------------------
# A bulk load (the demo content) publishes thousands of pages; one purge task per publish would
# queue thousands of tasks ahead of the first real change. Inside `purges_gathered()` the tags
# each change affects are kept, and `purges_released` is sent once with all of them at the end
# (tasks/signal_handlers.py queues one purge for it).
_gathered: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "tapestry_purges_gathered", default=None
)
#: Sent with `tags` (a set) when a `purges_gathered()` block ends having gathered any.
purges_released = Signal()


def purge_gather(tags: Iterable[str]) -> bool:
    """Inside `purges_gathered()`: keep `tags` for the one purge at its end and answer True.
    Elsewhere answer False (purge now)."""
    gathered = _gathered.get()
    if gathered is None:
        return False
    gathered.update(tags)
    return True


@contextmanager
def purges_gathered() -> Iterator[None]:
    """Gather the purges of the changes made in the block into one, released when it ends."""
    if _gathered.get() is not None:  # already gathering: the outer block releases them
        yield
        return
    token = _gathered.set(set())
    try:
        yield
        tags = _gathered.get()
    finally:
        _gathered.reset(token)
    if tags:
        purges_released.send(sender=None, tags=tags)
