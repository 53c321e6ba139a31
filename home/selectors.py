"""What the public may read: live, public, unexpired pages, in a locale with fallback to the source.

Every reader of published content (the GraphQL API, feeds, notifications) selects pages through
these functions, so the visibility rules live in one place.
"""

import re
from collections.abc import Callable, Hashable, Iterable, Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Now, RowNumber
from django.utils import timezone
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageQuerySet, PageViewRestriction, get_page_models
from wagtail.search import index

from home.mixins import community_root_models
from home.models.hero import HeroImageMixin
from home.prepared import prepared_rows

STEP = Page.steplen


def url_path_below_home(url_path: str | None) -> str:
    """A stored `url_path` (`/home/news/`) as the public sees it: the path below its locale's
    home page (`/news/`), the same in every locale unless a translator changed a slug."""
    parts = [part for part in (url_path or "").split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts[1:])


def source_locale() -> Locale:
    return Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)


def locales_all() -> list[Locale]:
    """Every configured locale."""
    return prepared_rows(("locales_all",), lambda: Locale.objects.all())


def pages_visible(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live pages, outside any view restriction, not past their expiry time, below the root.

    Wagtail's scheduled unpublishing clears `live` when the expiry job runs; until then a page
    whose expiry time has passed is already hidden here.
    """
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.filter(_visible())


def _visible() -> Q:
    """The condition of `pages_visible`. The expiry is compared with the database's clock
    (`Now()`: the statement's start), so the SQL of a query applying the rules is the same at
    any time, and can be compiled once (`home.prepared`)."""
    return (
        Q(live=True)
        & ~Q(_private())
        & Q(depth__gt=1)
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=Now()))
    )


def _private() -> "UnderViewRestriction":
    """Pages at or below a page with a view restriction: Wagtail's `public()` rule, as a subquery
    of the page's own query (`public()` reads every restriction in a query of its own first)."""
    return UnderViewRestriction()


class UnderViewRestriction(Expression):
    """True for a page at or below a page with a view restriction: `EXISTS` (a restriction whose
    page's path starts the page's path).

    The same SQL as `Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"),
    1, Length("page__path"))))`, written out: that subquery is built and compiled again in every
    query that applies the visibility rules, a large share of a list's time in Django. Only the
    page's own `path` column is compiled (aliased like any column, also inside subqueries).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, path=None):
        super().__init__()
        self.path = F("path") if path is None else path

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, expressions):
        (self.path,) = expressions

    def as_sql(self, compiler, connection):
        path, params = compiler.compile(self.path)
        quote = connection.ops.quote_name
        restriction, page = PageViewRestriction._meta, Page._meta
        restricted_path = f"restricted_page.{quote(page.get_field('path').column)}"
        # Table and column names from the models' metadata; the page's column compiled by Django.
        sql = (
            f"EXISTS (SELECT 1 FROM {quote(restriction.db_table)} view_restriction"  # noqa: S608
            f" INNER JOIN {quote(page.db_table)} restricted_page"
            f" ON view_restriction.{quote(restriction.get_field('page').column)}"
            f" = restricted_page.{quote(page.pk.column)}"
            f" WHERE {restricted_path} = SUBSTR({path}, 1, LENGTH({restricted_path})))"
        )
        return sql, params


def children_visible(page: Page) -> PageQuerySet:
    """The page's children that the public may read, in tree order."""
    return pages_visible(page.get_children())


def pages_counted(queryset: PageQuerySet) -> PageQuerySet:
    """The pages of `queryset` that count as their locale's version: visible, and not an alias
    of a page in another locale (such an alias mirrors its original's content, in the original's
    language, so a reader is served the original, as a fallback)."""
    return pages_visible(queryset).exclude(_FOREIGN_ALIAS)


_FOREIGN_ALIAS = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))


def pages_served(queryset: PageQuerySet, locale: Locale, source: Locale) -> PageQuerySet:
    """The pages of `queryset` as a reader of `locale` is served them: the one rule for lists.

    `queryset` holds visible pages (`pages_visible`) of the locale's and the source's trees. A
    page is served in the requested locale when it has a version there that counts
    (`pages_counted`); otherwise its source version stands in (the API marks it as a fallback).
    Pages written natively in the requested locale are included; pages that exist only in a
    third locale are not. `served_versions` is the same rule for pages in hand.
    """
    if locale.pk == source.pk:
        return queryset.filter(locale=source).exclude(_FOREIGN_ALIAS)
    translated = pages_counted(
        Page.objects.filter(locale=locale, translation_key=OuterRef("translation_key"))
    )
    own = Q(locale=locale) & ~_FOREIGN_ALIAS
    return queryset.filter(own | (Q(locale=source) & ~Exists(translated)))


def served_versions(
    pages: Iterable[Page],
    locale: Locale | str,
    source: Locale | None = None,
    *,
    specific: bool = True,
) -> dict[int, Page | None]:
    """For each page (any locale's version of it, keyed by its id): the version a reader of
    `locale` is served, or None when there is none to serve.

    The rule, the same as `pages_served` for lists: a version counts when it is visible (live,
    no view restriction, not expired, below the root) and is not an alias of a page in another
    locale. The reader is served the version in `locale` when one counts, else the source
    locale's version when it counts, else nothing (a page native to a third locale only reaches
    that locale's readers). A given page that is itself the version served comes back as the
    same object. Versions come back as their specific models (given pages of the base `Page`
    model are fetched again, one query per page type), or with `specific=False` as whatever
    was given, else base `Page` rows, in one query for the lot.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    locale = _locale(locale)
    source = source or source_locale()
    keys = sorted({page.translation_key for page in pages}, key=str)
    locales = sorted({locale.pk, source.pk})
    prepared = ("served_versions", tuple(keys), tuple(locales))

    def versions() -> PageQuerySet:
        return pages_counted(Page.objects.filter(translation_key__in=keys, locale__in=locales))

    if specific:
        rows = prepared_rows(
            (*prepared, "kinds"),
            lambda: versions().values_list("pk", "translation_key", "locale_id", "content_type_id"),
        )
        in_hand = {page.pk: page for page in pages if type(page) is not Page}
    else:
        rows = [
            (page.pk, page.translation_key, page.locale_id, page)
            for page in prepared_rows((*prepared, "pages"), versions)
        ]
        in_hand = {page.pk: page for page in pages}
    chosen: dict = {}
    for pk, key, locale_id, kind in rows:
        if locale_id == locale.pk or key not in chosen:
            chosen[key] = (pk, kind)
    missing = {pk: kind for pk, kind in chosen.values() if pk not in in_hand}
    if specific:
        in_hand.update(_specific_by_id(missing))
    else:
        in_hand.update(missing)
    return {
        page.pk: in_hand.get(chosen[page.translation_key][0])
        if page.translation_key in chosen
        else None
        for page in pages
    }


def _specific_by_id(type_ids: dict[int, int]) -> dict[int, Page]:
    """Pages by id, each as its specific model, from their content type ids (one query a type)."""
    by_type: dict[int, list[int]] = {}
    for pk, type_id in type_ids.items():
        by_type.setdefault(type_id, []).append(pk)
    found = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class() or Page
        found.update((page.pk, page) for page in model.objects.filter(pk__in=ids))
    return found


def served_version(
    page: Page, locale: Locale | str, source: Locale | None = None, *, specific: bool = True
) -> Page | None:
    """The version of `page` a reader of `locale` is served, or None (see `served_versions`)."""
    return served_versions([page], locale, source, specific=specific).get(page.pk)


def pages_linked(ids: Iterable[int], locale: Locale, source: Locale) -> dict[int, Page | None]:
    """Pages linked by id (e.g. from rich text), each as a reader of `locale` is served it (base
    `Page` rows: enough for a link)."""
    ids = sorted(set(ids))
    linked = prepared_rows(("pages_linked", tuple(ids)), lambda: Page.objects.filter(pk__in=ids))
    return served_versions(linked, locale, source, specific=False)


def ancestor_paths(page: Page, *, inclusive: bool) -> list[str]:
    """Tree paths of the page's ancestors below the root (and its own when inclusive)."""
    depth = len(page.path) // STEP
    last = depth if inclusive else depth - 1
    return [page.path[: STEP * level] for level in range(2, last + 1)]


def ancestors_served(pages: Iterable[Page], locale: Locale, source: Locale) -> dict[str, Page]:
    """The visible ancestors (below the root) of the given pages, by their tree path, each as a
    reader of `locale` is served it (base `Page` rows); an ancestor with no version to serve is
    left out.

    One query, whatever the pages: the ancestors and their versions in the requested and the
    source locale, each row marked visible and counted (`pages_counted`), then the one rule of
    `served_versions` applied to them (the version in `locale` when it counts, else the
    source's). An ancestor of the reader's locale that is no alias is its own version.
    """
    prefixes = sorted({path for page in pages for path in ancestor_paths(page, inclusive=False)})
    if not prefixes:
        return {}

    def build() -> PageQuerySet:
        keys = Page.objects.filter(path__in=prefixes).values("translation_key")
        visible = _visible()
        # Every version is found through its translation key (an index): an ancestor is one
        # of the versions of its own key. With `path IN` and the keys side by side under an
        # OR, PostgreSQL read the whole page table instead.
        return (
            Page.objects.filter(translation_key__in=keys)
            .filter(Q(path__in=prefixes) | Q(locale__in=[locale.pk, source.pk]))
            .annotate(
                is_visible=ExpressionWrapper(visible, output_field=BooleanField()),
                is_counted=ExpressionWrapper(
                    visible & ~_FOREIGN_ALIAS, output_field=BooleanField()
                ),
            )
        )

    # Pages under the same parents share their ancestors: compiled once for them.
    rows = prepared_rows(("ancestors_served", tuple(prefixes), locale.pk, source.pk), build)
    versions: dict = {}
    for row in rows:
        if not row.is_counted or row.locale_id not in (locale.pk, source.pk):
            continue
        if row.locale_id == locale.pk or row.translation_key not in versions:
            versions[row.translation_key] = row
    return {
        row.path: versions[row.translation_key]
        for row in rows
        if row.path in prefixes and row.is_visible and row.translation_key in versions
    }


def _served_as_is(page: Page, locale: Locale) -> bool:
    """Whether a visible page is, by the one rule, the version a reader of `locale` is served:
    it is of that locale and no alias (Wagtail keeps one version of a translation key per
    locale, and a visible page that is no alias counts)."""
    return page.locale_id == locale.pk and page.alias_of_id is None


def community_roots_served(
    pages: Iterable[Page], locale: Locale, source: Locale
) -> dict[str, Page]:
    """The visible community roots at or above the given pages, by their tree path, each as a
    reader of `locale` is served it (as its specific model)."""
    prefixes = {path for page in pages for path in ancestor_paths(page, inclusive=True)}
    if not prefixes:
        return {}
    roots = list(
        pages_visible(
            Page.objects.filter(path__in=prefixes, content_type__in=_community_root_types())
        )
    )
    served = served_versions(roots, locale, source)
    return {root.path: served[root.pk] for root in roots if served[root.pk] is not None}


def page_versions(keys: Iterable) -> dict:
    """Every version of the pages with these translation keys: {key: {language code: (row,
    visible)}}, a row holding `pk`, `live` and `url_path`."""
    keys = set(keys)
    found: dict = {}
    if not keys:
        return found
    visible = set(
        pages_visible(Page.objects.filter(translation_key__in=keys)).values_list("pk", flat=True)
    )
    rows = Page.objects.filter(translation_key__in=keys).values(
        "pk", "translation_key", "locale__language_code", "live", "url_path"
    )
    for row in rows:
        found.setdefault(row["translation_key"], {})[row["locale__language_code"]] = (
            row,
            row["pk"] in visible,
        )
    return found


def images_by_id(ids: Iterable[int], specs: Iterable[str]) -> dict:
    """Images by id, with their renditions for the given filter specs (none when none are
    given), so a list reads them without a query per image."""
    ids = set(ids) - {None}
    if not ids:
        return {}
    images = list(get_image_model().objects.filter(pk__in=ids))
    renditions_prefetch(images, specs)
    return {image.pk: image for image in images}


def renditions_prefetch(images: Iterable, specs: Iterable[str]) -> None:
    """Load the renditions for the given filter specs of images already in hand (e.g. those a
    StreamField block loaded), in one query for them all.

    Each image gets them as `prefetched_renditions`, where Wagtail's `get_renditions` and
    `find_existing_renditions` read them instead of the cache or the database (the attribute
    Wagtail's own `prefetch_renditions()` fills). One plain query: Django's
    `prefetch_related_objects` built a related manager's queryset per image for the same."""
    images = [image for image in images if image is not None]
    if not images:
        return
    specs = sorted(set(specs))
    # With no spec asked for, the empty lists say so without asking the database.
    by_image: dict = {image.pk: [] for image in images}
    if specs:
        ids = sorted(by_image)
        rendition_model = get_image_model().get_rendition_model()
        renditions = prepared_rows(
            ("renditions", tuple(ids), tuple(specs)),
            lambda: rendition_model.objects.filter(image_id__in=ids, filter_spec__in=specs),
        )
        for rendition in renditions:
            by_image[rendition.image_id].append(rendition)
    for image in images:
        image.prefetched_renditions = by_image[image.pk]


def embeds_by_hash(hashes: Iterable[str]) -> dict:
    """Stored oEmbed answers that are still fresh, by their hash (as `get_embed` reads them one
    at a time)."""
    hashes = set(hashes)
    if not hashes:
        return {}
    fresh = Embed.objects.exclude(cache_until__lte=timezone.now()).filter(hash__in=hashes)
    return {embed.hash: embed for embed in fresh}


def _locale(locale: Locale | str) -> Locale:
    if isinstance(locale, Locale):
        return locale
    return Locale.objects.get(language_code=locale)


def community_root_paths(slug: str, locales: Iterable[Locale]) -> list[str]:
    """Tree paths of the community pages with this slug in the given locales' trees.

    Slugs are resolved within a locale: each locale's copy of a community is found by its own
    slug (translated copies keep the source slug unless a translator changed it), and through
    the translation key of whichever copy matched, so a renamed translation is still found.
    """
    roots = Page.objects.filter(content_type__in=_community_root_types(), locale__in=list(locales))
    keys = roots.filter(slug=slug).values("translation_key")
    return list(roots.filter(translation_key__in=keys).values_list("path", flat=True))


def community_paths_for_keys(translation_keys: Iterable, locales: Iterable[Locale]) -> dict:
    """Tree paths of communities' copies in the given locales' trees: {path: translation key}."""
    keys = sorted(set(translation_keys), key=str)
    locale_ids = sorted({locale.pk for locale in locales})
    return dict(
        prepared_rows(
            ("community_paths_for_keys", tuple(map(str, keys)), tuple(locale_ids)),
            lambda: Page.objects.filter(
                content_type__in=_community_root_types(),
                translation_key__in=keys,
                locale__in=locale_ids,
            ).values_list("path", "translation_key"),
        )
    )


def _community_root_types():
    return list(ContentType.objects.get_for_models(*community_root_models()).values())


def path_in_any(paths: Iterable[str]) -> Q:
    """A filter for pages at or below any of the given tree paths (nothing when there are none)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def pages_windowed(
    select: Callable[[], PageQuerySet],
    groups: dict[str, object],
    order: Sequence[str],
    offset: int,
    size: int,
    *,
    key: Hashable | None = None,
) -> tuple[dict, dict]:
    """The pages of the queryset `select()` builds, in each group, counted, and sliced
    `[offset:offset + size]` in `order` (field names, `-` for descending): the same pages as
    slicing each group's queryset, in one query for all the groups instead of two per group.

    `groups` maps tree paths to group keys: a page belongs to the group of the path it is at or
    below (the paths must not be below one another). Returns ({key: total}, {key: [pages]}).

    Each row carries its group's total (a window count), so a group with a page of items is
    counted by the same query; only when a group has no row there and the window starts past
    the first item (its total may then be anything up to `offset`) is a second query, of counts
    only, needed. The database is never asked for an OFFSET: rows are numbered and filtered.

    With a `key` that names everything `select` builds its queryset from, the query is built
    and compiled once per process for that key, the groups, the order and the window
    (`home.prepared`); `select` is then not called again.
    """
    keys = list(dict.fromkeys(groups.values()))
    if not keys:
        return {}, {}

    def rows_of(build: Callable[[], PageQuerySet]) -> list:
        if key is None:
            return list(build())
        window = ("pages_windowed", key, tuple(groups.items()), tuple(order), offset, size)
        return prepared_rows(window, build)

    if len(keys) == 1:
        return _pages_windowed_one(select, rows_of, groups, keys[0], order, offset, size)
    number = {group_key: index for index, group_key in enumerate(keys)}

    def keyed() -> PageQuerySet:
        group = Case(
            *(
                When(path__startswith=path, then=Value(number[group]))
                for path, group in groups.items()
            ),
            output_field=IntegerField(),
        )
        return select().filter(path_in_any(groups)).annotate(page_group=group)

    def numbered() -> PageQuerySet:
        position = Window(
            RowNumber(),
            partition_by=[F("page_group")],
            order_by=[
                F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in order
            ],
        )
        return (
            keyed()
            .annotate(
                position=position,
                group_total=Window(Count("pk"), partition_by=[F("page_group")]),
            )
            .filter(position__gt=offset, position__lte=offset + size)
            .order_by("page_group", "position")
        )

    totals: dict = {}
    windows: dict = {}
    for page in rows_of(numbered):
        totals[keys[page.page_group]] = page.group_total
        windows.setdefault(keys[page.page_group], []).append(page)
    unknown = [group_key for group_key in keys if group_key not in totals]
    if unknown and offset > 0:
        counted = (
            keyed()
            .filter(page_group__in=[number[group_key] for group_key in unknown])
            .order_by()
            .values_list("page_group")
            .annotate(total=Count("pk"))
        )
        totals.update((keys[index], total) for index, total in counted)
    for group_key in unknown:
        totals.setdefault(group_key, 0)
    return totals, windows


#: Beyond any list's length, and inside PostgreSQL's bigint for OFFSET and LIMIT.
MAX_OFFSET = 2**62


def _pages_windowed_one(
    select: Callable[[], PageQuerySet],
    rows_of: Callable[[Callable[[], PageQuerySet]], list],
    groups: dict[str, object],
    key,
    order: Sequence[str],
    offset: int,
    size: int,
) -> tuple[dict, dict]:
    """`pages_windowed` for a single group (one community's list, the usual request): a plain
    slice whose rows carry the count of all matches (`COUNT(*) OVER ()`, counted before the
    LIMIT). Without a partition nothing needs filtering on a window, so Django does not wrap
    the query in a subquery to number the rows."""

    def grouped() -> PageQuerySet:
        return select().filter(path_in_any(groups)).order_by(*order)

    def sliced() -> PageQuerySet:
        return grouped().annotate(group_total=Window(Count("pk")))[offset : offset + size]

    # SQL's OFFSET is a bigint; no list reaches this far.
    rows = [] if offset + size > MAX_OFFSET else rows_of(sliced)
    if rows:
        total = rows[0].group_total
    elif offset > 0:
        total = grouped().count()
    else:
        total = 0
    return {key: total}, ({key: rows} if rows else {})


def page_at_path(path: str, locale: Locale, source: Locale) -> Page | None:
    """The page at `path` (below the locale's home page), as a reader of `locale` is served it.

    The path is looked up in the requested locale's tree, then in the source tree; what is found
    is served by the one rule (`served_version`): a page found in the source tree is served in
    the requested locale when its translation counts there. Each lookup's SQL is compiled once
    per process for its locales and path (`home.prepared`).
    """
    homes = dict(
        prepared_rows(
            ("locale_homes", locale.pk, source.pk),
            lambda: pages_visible(
                Page.objects.filter(depth=2, locale__in=[locale.pk, source.pk])
            ).values_list("locale_id", "url_path"),
        )
    )
    relative = path.strip("/")
    relative = f"{relative}/" if relative else ""
    for candidate in (locale, source):
        home = homes.get(candidate.pk)
        if home is None:
            continue
        page = _page_at_url_path(candidate.pk, f"{home}{relative}")
        if page is None:
            continue
        if _served_as_is(page, locale):
            # A visible page of the requested locale that is no alias is the version the rule
            # serves there (as in `communities.selectors.community_get`): no need to ask again.
            return _specific(page)
        return served_version(page, locale, source)
    return None


def _page_at_url_path(locale_id: int, url_path: str) -> Page | None:
    """The visible page with this `url_path` in the locale's tree (base `Page` row)."""
    found = prepared_rows(
        ("page_at_url_path", locale_id, url_path),
        lambda: pages_visible(Page.objects.filter(locale=locale_id, url_path=url_path)).order_by(
            "path"
        )[:1],
    )
    return found[0] if found else None


def _specific(page: Page) -> Page:
    """The page as its specific model (Wagtail's `page.specific`), with its hero image; the
    query is compiled once per page (`home.prepared`)."""
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    if model is None or model is Page:
        return page

    def build() -> PageQuerySet:
        queryset = model.objects.filter(pk=page.pk)
        if issubclass(model, HeroImageMixin):
            queryset = queryset.select_related("hero_image")
        return queryset

    found = prepared_rows(("specific", model._meta.label, page.pk), build)
    return found[0] if found else page


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


def pages_search_visible(text: str, locale: Locale, limit: int) -> list[int]:
    """Ids of the visible pages of `locale`'s tree matching `text`, best first (at most `limit`).

    The search backend can filter on indexed fields only (live, locale): the best matches are
    narrowed to visible pages here, keeping the backend's ranking.
    """
    ranked = pages_search_ids(Page.objects.live().filter(locale=locale), text, limit)
    visible = set(pages_visible(Page.objects.filter(pk__in=ranked)).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in visible]


def pages_by_id(ids: Iterable[int]) -> list[Page]:
    """Pages (base `Page` rows) in the order of `ids`; ids of pages that are gone are skipped."""
    ids = list(ids)
    found = Page.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
