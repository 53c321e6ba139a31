"""Translation status of pages and translatable snippets, per target locale.

One selector for the admin, the API and the status history. For a set of objects it runs a
constant number of SQL queries (per model family: pages, or one snippet model), however many
objects are passed.

Statuses, for one object and one target locale:

- ``missing``: no translation in that locale;
- ``awaiting_review``: the translation is in a workflow (submitted, not yet approved);
- ``in_progress``: the translation has a draft that is not live (or was never published);
- ``outdated``: the translation is live but the source changed after the translation was last
  synced: the source was published after wagtail-localize last read it ("Sync translated
  pages" reads it again and turns live translations into drafts to review: ``in_progress``);
- ``live``: the translation is live and up to date.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail_localize.models import TranslationSource

MISSING = "missing"
IN_PROGRESS = "in_progress"
AWAITING_REVIEW = "awaiting_review"
LIVE = "live"
OUTDATED = "outdated"
STATUSES = (MISSING, IN_PROGRESS, AWAITING_REVIEW, LIVE, OUTDATED)
STATUS_LABELS = {
    MISSING: "Missing",
    IN_PROGRESS: "In progress",
    AWAITING_REVIEW: "Awaiting review",
    LIVE: "Live",
    OUTDATED: "Outdated",
}

_FIELDS = ("pk", "translation_key", "locale_id", "live", "has_unpublished_changes")


def base_model(obj_or_model) -> type:
    """Pages share one table; each snippet model is its own family."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    if issubclass(model, Page):
        return Page
    return model._meta.concrete_model


def _status(row: dict | None, *, in_review: bool, synced_at, source_published_at) -> str:
    if row is None:
        return MISSING
    if in_review:
        return AWAITING_REVIEW
    if not row["live"] or row["has_unpublished_changes"]:
        return IN_PROGRESS
    if synced_at is not None:
        # What wagtail-localize last read of the source is older than the source's live version.
        if source_published_at is not None and source_published_at > synced_at:
            return OUTDATED
        return LIVE
    # Translated without wagtail-localize's records: compare publication times.
    published_at = row.get("last_published_at")
    if (
        source_published_at is not None
        and published_at is not None
        and source_published_at > published_at
    ):
        return OUTDATED
    return LIVE


def _family_statuses(
    model: type, keys: set[uuid.UUID], locales: list[Locale], source_locale_id: int | None
) -> dict[uuid.UUID, dict[str, str]]:
    fields = [*_FIELDS]
    if hasattr(model, "last_published_at"):
        fields.append("last_published_at")
    rows = list(model.objects.filter(translation_key__in=keys).values(*fields))

    in_review: set = set()
    if hasattr(model, "workflow_states"):
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        in_review = set(
            WorkflowState.objects.filter(
                base_content_type=content_type,
                object_id__in=[str(row["pk"]) for row in rows],
                status=WorkflowState.STATUS_IN_PROGRESS,
            ).values_list("object_id", flat=True)
        )

    synced_at = dict(
        TranslationSource.objects.filter(
            object_id__in=keys, locale_id=source_locale_id
        ).values_list("object_id", "last_updated_at")
    )

    by_key: dict = defaultdict(dict)
    for row in rows:
        by_key[row["translation_key"]][row["locale_id"]] = row

    result = {}
    for key in keys:
        versions = by_key.get(key, {})
        source = versions.get(source_locale_id)
        source_published_at = source.get("last_published_at") if source else None
        result[key] = {
            locale.language_code: _status(
                versions.get(locale.pk),
                in_review=str(versions[locale.pk]["pk"]) in in_review
                if locale.pk in versions
                else False,
                synced_at=synced_at.get(key),
                source_published_at=source_published_at,
            )
            for locale in locales
        }
    return result


def translation_statuses(
    objects: Iterable[TranslatableMixin], locales: Iterable[Locale | str] | None = None
) -> dict[uuid.UUID, dict[str, str]]:
    """Status of each object's translation into each target locale, keyed by translation key.

    `objects` may be source or translated instances, pages of any type and translatable snippets
    mixed. `locales` (Locale objects or language codes) defaults to every target locale.
    """
    objects = list(objects)
    if not objects:
        return {}
    all_locales = list(Locale.objects.order_by("language_code"))
    source_locale_id = next(
        (
            locale.pk
            for locale in all_locales
            if locale.language_code == settings.TAPESTRY_SOURCE_LOCALE
        ),
        None,
    )
    if locales is None:
        wanted = [locale for locale in all_locales if locale.pk != source_locale_id]
    else:
        codes = {getattr(locale, "language_code", locale) for locale in locales}
        wanted = [locale for locale in all_locales if locale.language_code in codes]

    families: dict[type, set[uuid.UUID]] = defaultdict(set)
    for obj in objects:
        families[base_model(obj)].add(obj.translation_key)
    result = {}
    for model, keys in families.items():
        result.update(_family_statuses(model, keys, wanted, source_locale_id))
    return result
