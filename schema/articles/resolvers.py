"""Thin resolvers: arguments in, selectors called, a connection or a page out."""

import datetime

from django.utils import timezone

from articles.selectors import (
    ARTICLE_ORDERS,
    EVENT_ORDERS,
    articles_search_ids,
    articles_select,
    events_select,
    pages_found,
    topics_select,
)
from home.cache_tags import list_tag
from schema.core.enums import enum_value
from schema.core.errors import InputError
from schema.core.loaders import loaders_of
from schema.core.locales import locale_get, source_get
from schema.core.pagination import paginate
from schema.core.search import SEARCH_LIMIT, search_text


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


def page_of_served(connection_type, info, scope, queryset, args: dict):
    """One page of `queryset`'s pages (served in the scope's locale), registered as served."""
    return paginate(
        connection_type,
        queryset,
        first=args.get("first"),
        after=args.get("after"),
        prepare=lambda pages: loaders_of(info).register(pages, scope.locale, scope.source),
    )


def article_order(args: dict) -> tuple[str, ...]:
    """The fields an article list is ordered by (`order`, default newest first)."""
    return ARTICLE_ORDERS[_order(args, "newest")]


def event_order(args: dict) -> tuple[str, ...]:
    """The fields an event list is ordered by (`order`, default soonest first)."""
    return EVENT_ORDERS[_order(args, "starts_soonest")]


def _order(args: dict, default: str) -> str:
    return enum_value(args.get("order")) or default


def articles_connection(connection_type, info, scope, args: dict):
    return page_of_served(connection_type, info, scope, articles_filtered(scope, args), args)


def articles_filtered(scope, args: dict):
    """The articles in `scope` that the list arguments select (checked), in their order."""
    published_after = aware(args.get("published_after"), "publishedAfter")
    published_before = aware(args.get("published_before"), "publishedBefore")
    date_range_check(published_after, published_before, "published")
    matching = None
    if args.get("search") is not None:
        matching = articles_search_ids(search_text(args["search"], "search"), scope, SEARCH_LIMIT)
    return articles_select(
        scope,
        kind=enum_value(args.get("kind")),
        topic=args.get("topic"),
        published_after=published_after,
        published_before=published_before,
        matching=matching,
        order=_order(args, "newest"),
    )


def events_connection(connection_type, info, scope, args: dict):
    return page_of_served(connection_type, info, scope, events_filtered(scope, args), args)


def events_filtered(scope, args: dict):
    """The events in `scope` that the list arguments select (checked), in their order."""
    starts_after = aware(args.get("starts_after"), "startsAfter")
    starts_before = aware(args.get("starts_before"), "startsBefore")
    date_range_check(starts_after, starts_before, "starts")
    return events_select(
        scope,
        category=enum_value(args.get("category")),
        starts_after=starts_after,
        starts_before=starts_before,
        upcoming=args.get("upcoming"),
        order=_order(args, "starts_soonest"),
    )


def page_served(info, model, scope, *, slug: str | None, page_id: str | None, label: str):
    """One page of `model` by slug (within the requested locale, then the source) or id, as
    the reader of the scope's locale is served it."""
    if page_id is not None:
        try:
            number = int(page_id)
        except ValueError:
            raise InputError(
                f"“{page_id}” is not a {label} id.", field="id", code="INVALID"
            ) from None
        found = pages_found(model, scope, page_id=number)
    elif slug:
        found = pages_found(model, scope, slug=slug)
        if len(found) > 1:
            raise InputError(
                f"Several {label}s have the slug “{slug}”: add `community`.",
                field="slug",
                code="AMBIGUOUS",
            )
    else:
        raise InputError(f"Give the {label}'s `slug` or `id`.", field="slug", code="REQUIRED")
    if not found:
        return None
    return loaders_of(info).serve(found[:1], scope.locale, scope.source).get(found[0].pk)


def topics_connection(connection_type, info, args: dict):
    locale = locale_get(info, args.get("locale"))
    info.context.tags.add(list_tag("topics", None, locale.language_code))
    queryset = topics_select(locale, source_get(info))
    return paginate(connection_type, queryset, first=args.get("first"), after=args.get("after"))
