"""The `locale` argument: a configured language code, resolved once per request."""

import graphene
from django.conf import settings
from wagtail.models import Locale

from schema.core.errors import InputError
from schema.core.loaders import loaders_of

LOCALE = graphene.String(description="Language code (default `en`); see `site.locales`.")


def locale_get(info, code: str | None) -> Locale:
    """The Locale for `code` (the source locale when omitted); an input error when unknown."""
    code = (code or settings.TAPESTRY_SOURCE_LOCALE).strip().lower()
    loaders = loaders_of(info)
    locale = loaders.locale(code)
    if locale is None:
        known = ", ".join(loaders.locale_codes())
        raise InputError(
            f"Unknown locale “{code}”. Use one of: {known}.",
            field="locale",
            code="UNKNOWN_LOCALE",
        )
    return locale


def source_get(info) -> Locale:
    return locale_get(info, settings.TAPESTRY_SOURCE_LOCALE)


def locale_by_id(info, locale_id: int) -> Locale:
    return loaders_of(info).locale_by_id(locale_id)
