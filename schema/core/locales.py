"""The `locale` argument: a configured language code, resolved once per request."""

from django.conf import settings
from wagtail.models import Locale

from schema.core.errors import InputError


def _cache(info) -> dict[str, Locale]:
    context = info.context
    if not hasattr(context, "_tapestry_locales"):
        context._tapestry_locales = {}
    return context._tapestry_locales


def locale_get(info, code: str | None) -> Locale:
    """The Locale for `code` (the source locale when omitted); an input error when unknown."""
    code = (code or settings.TAPESTRY_SOURCE_LOCALE).strip().lower()
    cache = _cache(info)
    if code not in cache:
        locales = {locale.language_code.lower(): locale for locale in Locale.objects.all()}
        cache.update(locales)
        if code not in cache:
            known = ", ".join(sorted(locales))
            raise InputError(
                f"Unknown locale “{code}”. Use one of: {known}.",
                field="locale",
                code="UNKNOWN_LOCALE",
            )
    return cache[code]


def source_get(info) -> Locale:
    return locale_get(info, settings.TAPESTRY_SOURCE_LOCALE)


def locale_by_id(info, locale_id: int) -> Locale:
    cache = _cache(info)
    for locale in cache.values():
        if locale.pk == locale_id:
            return locale
    locale = Locale.objects.get(pk=locale_id)
    cache[locale.language_code.lower()] = locale
    return locale
