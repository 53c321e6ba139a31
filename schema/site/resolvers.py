from django.conf import settings
from django.conf.locale import LANG_INFO
from wagtail.models import Locale

from schema.site.types import LocaleType, SiteType


def resolve_site() -> SiteType:
    codes = set(Locale.objects.values_list("language_code", flat=True))
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
