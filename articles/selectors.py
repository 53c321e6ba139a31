"""Read-side queries for articles, events and their snippets, as the public may see them."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Now
from wagtail.models import Locale, Page, PageQuerySet

from articles.models import ArticlePage, ArticlePageTopic, Bureau, EventPage, Topic
from home.prepared import prepared_rows
from home.selectors import pages_search_ids, pages_served, pages_visible, path_in_any

# "published" is when the source page was first published: a translation published later
# keeps its article's place in lists (see `published_annotate`).
ARTICLE_ORDERS = {
    "newest": ("-published", "-pk"),
    "oldest": ("published", "pk"),
    "title": ("title", "pk"),
    "urgent_first": ("-priority_rank", "-published", "-pk"),
}
EVENT_ORDERS = {
    "starts_soonest": ("starts_at", "pk"),
    "starts_latest": ("-starts_at", "-pk"),
    "newest": ("-published", "-pk"),
    "title": ("title", "pk"),
}


@dataclass(frozen=True)
class Scope:
    """Where content is read from: the requested locale, the source locale, and optionally the
    tree paths of one community's copies (see `home.selectors.community_root_paths`)."""

    locale: Locale
    source: Locale
    community_paths: tuple[str, ...] | None = None

    def community_filter(self) -> Q | None:
        if self.community_paths is None:
            return None
        return path_in_any(self.community_paths)


def published_annotate(queryset: PageQuerySet, scope: Scope) -> PageQuerySet:
    """Annotate `published`: the source version's first publication (else the page's own).

    A list in the source locale serves source pages only, each its own source version: their
    own first publication, without a subquery per row."""
    source = scope.source
    if scope.locale.pk == source.pk:
        # An expression, not the bare column (a live page always has a first publication):
        # ordered by the indexed column under a LIMIT, PostgreSQL walked that index backwards
        # through every page of every community, expecting to stop after a few rows, but a
        # list's count (a window over all its matches) reads every match first. Ordered by an
        # expression, it reads the community's pages and sorts those.
        return queryset.annotate(
            published=Coalesce(F("first_published_at"), F("last_published_at"))
        )
    source_published = Page.objects.filter(
        locale=source, translation_key=OuterRef("translation_key")
    ).values("first_published_at")[:1]
    return queryset.annotate(
        published=Coalesce(Subquery(source_published), F("first_published_at"))
    )


def _scoped(queryset: PageQuerySet, scope: Scope) -> PageQuerySet:
    queryset = pages_served(pages_visible(queryset), scope.locale, scope.source)
    if (community := scope.community_filter()) is not None:
        queryset = queryset.filter(community)
    return queryset


def articles_select(
    scope: Scope,
    *,
    kind: str | None = None,
    topic: str | None = None,
    published_after: datetime | None = None,
    published_before: datetime | None = None,
    matching: list[int] | None = None,
    order: str = "newest",
) -> PageQuerySet:
    """Live articles in `scope`, filtered, with their hero images; `topic` is a topic slug in
    any locale; `matching` the ids of search matches (in any locale)."""
    queryset = published_annotate(_scoped(ArticlePage.objects.all(), scope), scope)
    if kind:
        queryset = queryset.filter(kind=kind)
    if topic:
        # Only a published topic filters: an unpublished one's slug answers as an unknown one.
        topic_keys = Topic.objects.filter(slug=topic, live=True).values("translation_key")
        linked = ArticlePageTopic.objects.filter(
            page=OuterRef("pk"), topic__translation_key__in=topic_keys
        )
        queryset = queryset.filter(Exists(linked))
    if published_after:
        queryset = queryset.filter(published__gte=published_after)
    if published_before:
        queryset = queryset.filter(published__lt=published_before)
    if matching is not None:
        # A search match in the source or in the requested locale selects the article, served
        # in the requested locale either way.
        keys = ArticlePage.objects.filter(pk__in=matching).values("translation_key")
        queryset = queryset.filter(translation_key__in=keys)
    if order == "urgent_first":
        urgent = When(priority=ArticlePage.Priority.URGENT, then=Value(1))
        queryset = queryset.annotate(
            priority_rank=Case(urgent, default=Value(0), output_field=IntegerField())
        )
    # A list shows its articles' hero images: they come in the same query.
    return queryset.select_related("hero_image").order_by(*ARTICLE_ORDERS[order])


def articles_search_ids(text: str, scope: Scope, limit: int) -> list[int]:
    """Ids of the live articles of the requested or the source locale matching `text`, best
    first (at most `limit`); `articles_select(matching=...)` applies the other rules.

    The search backend filters on indexed fields only (live, locale, type). Only the ids are
    needed: the base Page model's rows are built for the matches, half the time of building
    each full article.
    """
    candidates = (
        Page.objects.live().type(ArticlePage).filter(locale__in=[scope.locale, scope.source])
    )
    return pages_search_ids(candidates, text, limit)


def pages_found(
    model, scope: Scope, *, page_id: int | None = None, slug: str | None = None
) -> list[Page]:
    """Visible `model` pages in `scope` with this id, else with this slug in the requested
    locale's tree, else in the source's: at most two (two mean the slug is ambiguous)."""
    visible = pages_visible(model.objects.all())
    if (community := scope.community_filter()) is not None:
        visible = visible.filter(community)
    if page_id is not None:
        return list(visible.filter(pk=page_id)[:1])
    for locale in (scope.locale, scope.source):
        matches = list(visible.filter(locale=locale, slug=slug)[:2])
        if matches:
            return matches
    return []


def articles_by_id(ids: Iterable[int]) -> list[ArticlePage]:
    """Articles by id, in any state (the caller serves them by the one rule)."""
    return list(ArticlePage.objects.filter(pk__in=set(ids)))


def topic_links(page_ids: Iterable[int]) -> list[tuple[int, object]]:
    """(page id, topic translation key) for the pages' topic links, in the editor's order."""
    page_ids = sorted(set(page_ids))
    return prepared_rows(
        ("topic_links", tuple(page_ids)),
        lambda: (
            ArticlePageTopic.objects.filter(page_id__in=page_ids)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "topic__translation_key")
        ),
    )


def index_articles(index: Page, source: Locale) -> PageQuerySet:
    """The articles an article index page lists: its children as the API serves them."""
    return articles_select(Scope(index.locale, source)).child_of(index)


def events_select(
    scope: Scope,
    *,
    category: str | None = None,
    starts_after: datetime | None = None,
    starts_before: datetime | None = None,
    upcoming: bool | None = None,
    order: str = "starts_soonest",
    now: datetime | None = None,
) -> PageQuerySet:
    """Live events in `scope`, with their hero images. `upcoming` means not yet over (true) or
    already over (false)."""
    queryset = published_annotate(_scoped(EventPage.objects.all(), scope), scope)
    if category:
        queryset = queryset.filter(category=category)
    if starts_after:
        queryset = queryset.filter(starts_at__gte=starts_after)
    if starts_before:
        queryset = queryset.filter(starts_at__lt=starts_before)
    if upcoming is not None:
        # The database's clock unless a time is given, as the visibility rules (one SQL at any
        # time: `home.prepared`).
        now = now or Now()
        queryset = (
            queryset.filter(ends_at__gte=now) if upcoming else queryset.filter(ends_at__lt=now)
        )
    return queryset.select_related("hero_image").order_by(*EVENT_ORDERS[order])


def index_events(index: Page, source: Locale, now: datetime | None = None) -> PageQuerySet:
    """The events an event index page lists: its children as the API serves them, not yet over,
    soonest first."""
    return events_select(Scope(index.locale, source), upcoming=True, now=now).child_of(index)


def snippets_localized(model, locale: Locale, source: Locale) -> QuerySet:
    """Live snippets in `locale`, with the source version standing in for missing translations."""
    live = model.objects.filter(live=True)
    if locale.pk == source.pk:
        return live.filter(locale=source)
    translated = model.objects.filter(
        live=True, locale=locale, translation_key=OuterRef("translation_key")
    )
    return live.filter(Q(locale=locale) | (Q(locale=source) & ~Exists(translated)))


def topics_select(locale: Locale, source: Locale) -> QuerySet:
    return snippets_localized(Topic, locale, source).order_by("name", "pk")


def snippets_for_keys(model, keys, locale: Locale, source: Locale) -> dict:
    """Live snippets by translation key, in `locale` where translated, else the source version."""
    keys = sorted({key for key in keys if key is not None}, key=str)
    rows = prepared_rows(
        ("snippets_for_keys", model._meta.label, tuple(keys), locale.pk, source.pk),
        lambda: model.objects.filter(
            live=True, translation_key__in=keys, locale__in=[locale.pk, source.pk]
        ),
    )
    return _served_snippets(rows, locale)


def _served_snippets(rows: Iterable, locale: Locale) -> dict:
    """{translation key: the row in `locale` where there is one, else the other (the source's)}
    from rows of live snippets in `locale` and the source locale."""
    found: dict = {}
    for snippet in rows:
        if snippet.translation_key not in found or snippet.locale_id == locale.pk:
            found[snippet.translation_key] = snippet
    return found


def topics_by_page(
    links: Iterable[tuple[int | None, object]], locale: Locale, source: Locale
) -> dict[int | None, list[Topic]]:
    """Live topics per page from (page id, topic translation key) links given in their order,
    each in `locale` where translated there; a topic that is not live is left out."""
    links = list(links)
    topics = snippets_for_keys(Topic, {key for _, key in links}, locale, source)
    result = defaultdict(list)
    for page_id, key in links:
        if key in topics and topics[key] not in result[page_id]:
            result[page_id].append(topics[key])
    return result


def bureaus_by_id(ids: Iterable[int], locale: Locale, source: Locale) -> dict[int, Bureau]:
    """Live bureaus by the id an article links, each in `locale` where translated there (by
    the rule of `snippets_for_keys`).

    One query: the linked bureaus and the versions of their translation keys in the two
    locales, found through the keys."""
    ids = sorted(set(ids))
    locales = (locale.pk, source.pk)

    def build() -> QuerySet:
        keys = Bureau.objects.filter(pk__in=ids).values("translation_key")
        return Bureau.objects.filter(translation_key__in=keys).filter(
            Q(pk__in=ids) | Q(live=True, locale__in=locales)
        )

    rows = prepared_rows(("bureaus_by_id", tuple(ids), locales), build)
    versions = _served_snippets(
        (row for row in rows if row.live and row.locale_id in locales), locale
    )
    linked_ids = set(ids)
    linked = {row.pk: row.translation_key for row in rows if row.pk in linked_ids}
    return {pk: versions[key] for pk, key in linked.items() if key in versions}


def article_topics(page: ArticlePage, locale: Locale, source: Locale) -> list[Topic]:
    """One article's live topics in the editor's order, from its links as they are in memory
    (an unsaved preview's included)."""
    links = sorted(page.topics.all(), key=lambda link: (link.sort_order or 0, link.pk or 0))
    keys = dict(
        Topic.objects.filter(pk__in={link.topic_id for link in links}).values_list(
            "pk", "translation_key"
        )
    )
    pairs = [(page.pk, keys[link.topic_id]) for link in links if link.topic_id in keys]
    return topics_by_page(pairs, locale, source).get(page.pk, [])


def article_bureau(page: ArticlePage, locale: Locale, source: Locale) -> Bureau | None:
    """One article's issuing bureau if it is live, in `locale` where translated there."""
    if not page.bureau_id:
        return None
    return bureaus_by_id([page.bureau_id], locale, source).get(page.bureau_id)
