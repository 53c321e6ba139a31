"""Record translation status changes and announce them (after commit) to whoever listens.

The status itself is computed by `home.translation_status.translation_statuses`; this keeps the
last status seen per object and locale, writes a `TranslationStatusChange` for each difference
and sends `home.signals.translation_status_changed` once per change, on commit.
"""

import threading
import uuid
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from communities.models import TranslationStatus, TranslationStatusChange
from home.signals import translation_status_changed
from home.translation_status import base_model, translation_statuses


def _sources(model: type, keys: set[uuid.UUID]) -> list:
    """The source-locale object of each key (the one statuses are reported against)."""
    objects = model.objects.filter(
        translation_key__in=keys, locale__language_code=settings.TAPESTRY_SOURCE_LOCALE
    )
    return list(objects.specific() if model is Page else objects)


def translation_statuses_record(*, model: type, translation_keys: Iterable[uuid.UUID]) -> list:
    """Compare current statuses with the recorded ones; record and announce each change.

    Returns the `TranslationStatusChange` rows written.
    """
    model = base_model(model)
    sources = _sources(model, set(translation_keys))
    if not sources:
        return []
    content_type = ContentType.objects.get_for_model(model)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    current = translation_statuses(sources)
    now = timezone.now()
    changes = []
    with transaction.atomic():
        recorded = {
            (row.translation_key, row.locale_id): row
            for row in TranslationStatus.objects.select_for_update().filter(
                content_type=content_type, translation_key__in=current.keys()
            )
        }
        for key, by_locale in current.items():
            for code, status in by_locale.items():
                locale = locales[code]
                row = recorded.get((key, locale.pk))
                old = row.status if row else None
                if old == status:
                    continue
                which = {"content_type": content_type, "translation_key": key, "locale": locale}
                if row is None:
                    TranslationStatus.objects.create(**which, status=status, changed_at=now)
                else:
                    row.status, row.changed_at = status, now
                    row.save(update_fields=["status", "changed_at"])
                changes.append(
                    TranslationStatusChange.objects.create(
                        **which, old_status=old, new_status=status, changed_at=now
                    )
                )
        transaction.on_commit(partial(_announce, model, changes))
    return changes


def _announce(model: type, changes: list[TranslationStatusChange]) -> None:
    if not changes:
        return
    keys = {change.translation_key for change in changes}
    sources = {obj.translation_key: obj for obj in _sources(model, keys)}
    instances = model.objects.filter(translation_key__in=keys)
    if model is Page:
        instances = instances.specific()
    by_key_locale = {(obj.translation_key, obj.locale_id): obj for obj in instances}
    for change in changes:
        translation_status_changed.send(
            sender=model,
            source=sources.get(change.translation_key),
            instance=by_key_locale.get((change.translation_key, change.locale_id)),
            locale=change.locale.language_code,
            old_status=change.old_status,
            new_status=change.new_status,
        )


def translation_status_refresh_on_commit(obj=None, *, model=None, translation_key=None) -> None:
    """Check the translations of `obj` (or of `model` and `translation_key`) on commit.

    The events of one transaction (a revision, a publish, a workflow step...) are checked
    together, once. Keys left behind by a rolled-back transaction are checked with the next
    one, which is harmless: recording only writes real differences.
    """
    if obj is not None:
        model, translation_key = type(obj), obj.translation_key
    _pending.by_model.setdefault(base_model(model), set()).add(translation_key)
    transaction.on_commit(_refresh_pending)


class _Pending(threading.local):
    """Translation keys to check when the current transaction commits, by model family: one
    set per thread, as Django's database connections are one per thread."""

    def __init__(self):
        self.by_model: dict[type, set] = {}


_pending = _Pending()


def _refresh_pending() -> None:
    pending, _pending.by_model = _pending.by_model, {}
    for model, keys in pending.items():
        translation_statuses_record(model=model, translation_keys=keys)
