from django.conf import settings
from django.conf.locale import LANG_INFO

from home.selectors import locales_all
from schema.site.types import LocaleType, SiteType


def resolve_site() -> SiteType:
    codes = {locale.language_code for locale in locales_all()}
    locales = [
        LocaleType(code=code, name=name, local_name=LANG_INFO[code]["name_local"])
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code in codes
    ]
    return SiteType(
        name=settings.WAGTAIL_SITE_NAME,
        default_locale=settings.TAPESTRY_SOURCE_LOCALE,
        locales=locales,
    )
