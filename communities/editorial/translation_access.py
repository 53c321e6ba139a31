"""Who may act on a translation, and when: the rules every translation action checks.

- A translator acts only in their own locales: translating an object into a locale needs the
  right to edit its translation there, or, while it has none, the right to add pages where
  wagtail-localize will create it (the nearest ancestor that exists in that locale). Snippets
  carry no per-locale rights: translating one needs the right to add that snippet type.
- A translation under review is frozen: while its workflow is awaiting a reviewer, nobody
  changes its strings, overrides, source sync or synced status, so the revision the reviewer
  approves is exactly what goes live. It thaws when the reviewers approve or request changes.
"""

import contextlib

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource


class TranslationInReview(PermissionDenied):
    """The translation is awaiting review: it cannot change until the reviewers decide."""


def translation_review_state(instance) -> WorkflowState | None:
    """The workflow in which `instance` awaits a reviewer's decision (not one sent back)."""
    if instance is None or not hasattr(instance, "workflow_states"):
        return None
    return (
        WorkflowState.objects.for_instance(instance)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .first()
    )


def translation_frozen_check(instance) -> None:
    """Refuse any change to `instance` while it awaits review."""
    if translation_review_state(instance) is not None:
        raise TranslationInReview(
            f"'{instance}' in {instance.locale.get_display_name()} is awaiting review: it "
            "cannot be changed until the reviewers approve it or request changes."
        )


def _target_locales(instance) -> list[Locale]:
    return list(Locale.objects.exclude(pk=instance.locale_id).order_by("language_code"))


def _page_locales_for_user(user, page: Page) -> list[Locale]:
    # The page's ancestors (below the tree root) and itself, in every target locale: the
    # deepest one that exists is either the page's own translation or where one would be added.
    chain = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    depth_of = {ancestor.translation_key: ancestor.depth for ancestor in chain}
    copies = Page.objects.filter(
        translation_key__in=depth_of, locale__in=_target_locales(page)
    ).select_related("locale")
    deepest: dict[int, Page] = {}
    for copy in copies:
        if copy.locale_id not in deepest or copy.depth > deepest[copy.locale_id].depth:
            deepest[copy.locale_id] = copy
    allowed = []
    for copy in deepest.values():
        permissions = copy.permissions_for_user(user)
        if copy.translation_key == page.translation_key:
            may = permissions.can_edit()
        else:
            may = permissions.can_add_subpage()
        if may:
            allowed.append(copy.locale)
    return sorted(allowed, key=lambda locale: locale.language_code)


def translation_locales_for_user(*, user, instance) -> list[Locale]:
    """The target locales into which `user` may translate `instance` (start or update)."""
    if not user.is_active:
        return []
    if isinstance(instance, Page):
        return _page_locales_for_user(user, instance)
    if user.has_perm(get_permission_name("add", type(instance))):
        return _target_locales(instance)
    return []


def translation_locales_of_user(user) -> list[Locale]:
    """The locales whose whole tree `user` may add pages to: a translator's own locales.

    For lists that offer "Translate" per locale; the rule for one object is
    `translation_locales_for_user`.
    """
    if not user.is_active:
        return []
    if user.is_superuser:
        return list(Locale.objects.order_by("language_code"))
    roots = (
        PagePermissionPolicy().instances_user_has_permission_for(user, "add").filter(depth__lte=2)
    )
    if roots.filter(depth=1).exists():
        return list(Locale.objects.order_by("language_code"))
    return list(Locale.objects.filter(pk__in=roots.values("locale_id")).order_by("language_code"))


def translation_locales_to_start(*, user, instance) -> list[Locale]:
    """The locales `user` may translate `instance` into that have no translation of it yet
    (an alias is not a translation: wagtail-localize turns it into one)."""
    existing = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        existing = existing.exclude(alias_of__isnull=False)
    taken = set(existing.values_list("locale_id", flat=True))
    return [
        locale
        for locale in translation_locales_for_user(user=user, instance=instance)
        if locale.pk not in taken
    ]


def translation_target_edit_allowed(*, user, instance) -> bool:
    """May `user` change this translated object (a page, or a snippet type they may change)?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def translation_edit_check(*, translation: Translation, user):
    """Refuse a change to the strings of `translation` by `user`; return its target object."""
    instance = translation.get_target_instance()
    if not translation_target_edit_allowed(user=user, instance=instance):
        raise PermissionDenied(
            f"You cannot edit translations into {translation.target_locale.get_display_name()}."
        )
    translation_frozen_check(instance)
    return instance


def translation_sync_allowed(*, user, source: TranslationSource) -> bool:
    """May `user` sync `source`, the review of its translations aside?"""
    try:
        translation_sync_check(source=source, user=user)
    except TranslationInReview:
        return True
    except PermissionDenied:
        return False
    return True


def translation_sync_check(*, source: TranslationSource, user) -> None:
    """Refuse to sync `source` into its translations unless `user` may update every one of
    them and none awaits review.

    A sync reads the source once for all its locales (that read is what marks translations
    outdated), so it is all or nothing.
    """
    targets = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        with contextlib.suppress(ObjectDoesNotExist):
            targets.append(translation.get_target_instance())
    forbidden = [
        target.locale.get_display_name()
        for target in targets
        if not translation_target_edit_allowed(user=user, instance=target)
    ]
    if forbidden:
        raise PermissionDenied(
            "Syncing updates every translation of this source; you cannot update the ones in "
            + ", ".join(sorted(forbidden))
            + "."
        )
    in_review = [
        target.locale.get_display_name()
        for target in targets
        if translation_review_state(target) is not None
    ]
    if in_review:
        raise TranslationInReview(
            "The translations in "
            + ", ".join(sorted(in_review))
            + " are awaiting review: sync when the reviewers have approved them or requested "
            "changes."
        )
