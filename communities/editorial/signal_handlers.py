"""Keep the translation status history current: every event that can change a status."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Revision, TranslatableMixin
from wagtail.signals import (
    page_published,
    page_unpublished,
    published,
    unpublished,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)
from wagtail_localize.models import TranslationSource

from communities.editorial.translation_status import translation_status_refresh_on_commit


def _translatable(obj) -> bool:
    return isinstance(obj, TranslatableMixin) and obj.pk is not None


def on_published_or_unpublished(sender, instance, **kwargs):
    if _translatable(instance):
        translation_status_refresh_on_commit(instance)


def on_revision_saved(sender, instance: Revision, created, raw=False, **kwargs):
    if raw or not created:
        return  # fixtures and database restores are not events
    if _translatable(instance.content_object):
        translation_status_refresh_on_commit(instance.content_object)


def on_workflow_event(sender, instance, **kwargs):
    if _translatable(instance.content_object):
        translation_status_refresh_on_commit(instance.content_object)


def on_source_synced(sender, instance: TranslationSource, raw=False, **kwargs):
    if raw:
        return
    model = instance.specific_content_type.model_class()
    if model is not None:
        translation_status_refresh_on_commit(model=model, translation_key=instance.object_id)


def on_page_deleted(sender, instance, **kwargs):
    translation_status_refresh_on_commit(instance)


def connect() -> None:
    published.connect(on_published_or_unpublished, dispatch_uid="tapestry_status_published")
    unpublished.connect(on_published_or_unpublished, dispatch_uid="tapestry_status_unpublished")
    page_published.connect(on_published_or_unpublished, dispatch_uid="tapestry_status_p_published")
    page_unpublished.connect(
        on_published_or_unpublished, dispatch_uid="tapestry_status_p_unpublished"
    )
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="tapestry_status_revision")
    for signal in (workflow_submitted, workflow_approved, workflow_rejected, workflow_cancelled):
        signal.connect(on_workflow_event, dispatch_uid=f"tapestry_status_{id(signal)}")
    post_save.connect(
        on_source_synced, sender=TranslationSource, dispatch_uid="tapestry_status_synced"
    )
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="tapestry_status_deleted")
