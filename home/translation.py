"""Translating pages and snippets through wagtail-localize from code (setup and demo content).

Going through wagtail-localize's own records (TranslationSource, Translation, StringTranslation)
keeps the translation editor, "Sync translated pages" and translation status working for content
made in code, exactly as for content translated in the admin.
"""

from django.db import transaction
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue


def translation_strings_set(
    *, source: TranslationSource, locale: Locale, strings: dict[str, str]
) -> int:
    """Store translations of the source's strings, keyed by their source text.

    Keys are plain text, or a rich-text paragraph's inner HTML as wagtail-localize stores it.

    Returns how many segments received a translation. Source strings not in `strings` are left
    untranslated (they fall back to the source text when the translation is saved).
    """
    plain = {StringValue.from_plaintext(text).data: value for text, value in strings.items()}
    count = 0
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        data = segment.string.data
        if data in strings:  # given as stored (rich text, with its inline HTML)
            translated = strings[data]
        elif data in plain:  # given as plain text
            translated = StringValue.from_plaintext(plain[data]).data
        else:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translated},
        )
        count += 1
    return count


@transaction.atomic
def translation_create(
    *,
    instance: TranslatableMixin,
    locale: Locale,
    strings: dict[str, str] | None = None,
    publish: bool = True,
    user=None,
) -> TranslatableMixin:
    """Create (or update) the `locale` translation of `instance` with the given strings.

    Untranslated strings fall back to the source. The new revision is published straight away
    when `publish` is true (not on commit, so callers see a live page), else left as a draft.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation_strings_set(source=source, locale=locale, strings=strings or {})
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translated, _created = source.create_or_update_translation(
        locale, user=user, publish=False, fallback=True
    )
    if publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
