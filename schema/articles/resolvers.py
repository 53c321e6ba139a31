"""Thin resolvers: arguments in, selectors called, a connection or a page out."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from articles.models import ArticlePage
from articles.selectors import articles_select, events_select, topics_select
from home.selectors import pages_search_ids, pages_visible, path_in_any
from schema.core.batch import PageBatch
from schema.core.enums import enum_value
from schema.core.errors import InputError
from schema.core.locales import locale_get, source_get
from schema.core.pagination import paginate

SEARCH_LIMIT = 1000  # best matches considered by a search


def batched(scope):
    def prepare(pages):
        PageBatch(pages, scope.locale, scope.source)
        return pages

    return prepare


def aware(value, field: str):
    """Datetime arguments without an offset are read as Asia/Shanghai time.

    Each reaches the database in UTC: an offset may be up to ±23:59 in ISO 8601 (and Python)
    but only ±15:59 in PostgreSQL. A moment UTC cannot hold (e.g. 0001-01-01T00:00+14:00) is
    out of range.
    """
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise InputError(
            f"`{field}` must fall between the years 1 and 9999 in UTC.",
            field=field,
            code="OUT_OF_RANGE",
        ) from None


def date_range_check(after, before, field: str):
    if after and before and after >= before:
        raise InputError(
            f"`{field}After` must be earlier than `{field}Before`.",
            field=f"{field}Before",
            code="INVALID_RANGE",
        )


def search_ids(model, query: str, scope, field: str = "search") -> list[int]:
    query = (query or "").strip()
    if not query:
        raise InputError("The search text is empty.", field=field, code="REQUIRED")
    if len(query) > 200:
        raise InputError(
            "The search text is longer than 200 characters.", field=field, code="TOO_LONG"
        )
    # The search backend filters on indexed fields only (live, locale, type); the selector
    # applies the rest of the visibility rules to the matches. Only their ids are needed: the
    # base Page model's rows are built for the (up to SEARCH_LIMIT) matches, half the time of
    # building each full article.
    candidates = Page.objects.live().type(model).filter(locale__in=[scope.locale, scope.source])
    return pages_search_ids(candidates, query, SEARCH_LIMIT)


def articles_connection(connection_type, info, scope, args: dict):
    published_after = aware(args.get("published_after"), "publishedAfter")
    published_before = aware(args.get("published_before"), "publishedBefore")
    date_range_check(published_after, published_before, "published")
    matching = None
    if args.get("search") is not None:
        matching = search_ids(ArticlePage, args["search"], scope)
    queryset = articles_select(
        scope,
        kind=enum_value(args.get("kind")),
        topic=args.get("topic"),
        published_after=published_after,
        published_before=published_before,
        matching=matching,
        order=enum_value(args.get("order")) or "newest",
    )
    return paginate(
        connection_type,
        queryset,
        first=args.get("first"),
        after=args.get("after"),
        prepare=batched(scope),
    )


def events_connection(connection_type, info, scope, args: dict):
    starts_after = aware(args.get("starts_after"), "startsAfter")
    starts_before = aware(args.get("starts_before"), "startsBefore")
    date_range_check(starts_after, starts_before, "starts")
    queryset = events_select(
        scope,
        category=enum_value(args.get("category")),
        starts_after=starts_after,
        starts_before=starts_before,
        upcoming=args.get("upcoming"),
        order=enum_value(args.get("order")) or "starts_soonest",
    )
    return paginate(
        connection_type,
        queryset,
        first=args.get("first"),
        after=args.get("after"),
        prepare=batched(scope),
    )


def page_served(model, scope, *, slug: str | None, page_id: str | None, label: str):
    """One page of `model` by slug (within the requested locale, then the source) or id."""
    visible = pages_visible(model.objects.all())
    if scope.community_paths is not None:
        visible = visible.filter(path_in_any(scope.community_paths))
    if page_id is not None:
        try:
            found = visible.filter(pk=int(page_id)).first()
        except ValueError:
            raise InputError(
                f"“{page_id}” is not a {label} id.", field="id", code="INVALID"
            ) from None
    elif slug:
        found = None
        for locale in (scope.locale, scope.source):
            matches = list(visible.filter(locale=locale, slug=slug)[:2])
            if len(matches) > 1:
                raise InputError(
                    f"Several {label}s have the slug “{slug}”: add `community`.",
                    field="slug",
                    code="AMBIGUOUS",
                )
            if matches:
                found = matches[0]
                break
    else:
        raise InputError(f"Give the {label}'s `slug` or `id`.", field="slug", code="REQUIRED")
    if found is None:
        return None
    if found.locale_id != scope.locale.pk:
        translated = visible.filter(
            locale=scope.locale, translation_key=found.translation_key
        ).first()
        found = translated or found
    PageBatch([found], scope.locale, scope.source)
    return found


def article_served(info, page_id: int, batch: PageBatch):
    """A linked article (e.g. `supersedes`), served in the batch's locale, if public."""
    page = pages_visible(ArticlePage.objects.filter(pk=page_id)).first()
    if page is None:
        return None
    if page.locale_id != batch.requested.pk:
        translated = pages_visible(
            ArticlePage.objects.filter(locale=batch.requested, translation_key=page.translation_key)
        ).first()
        page = translated or page
    PageBatch([page], batch.requested, batch.source)
    return page


def topics_connection(connection_type, info, args: dict):
    locale = locale_get(info, args.get("locale"))
    queryset = topics_select(locale, source_get(info))
    return paginate(connection_type, queryset, first=args.get("first"), after=args.get("after"))
