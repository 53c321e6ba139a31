"""Workflow tasks of the editorial stages.

Wagtail gives a page ONE workflow: the one assigned to its nearest ancestor. Every locale's copy of
a community subtree shares the community's workflow, so its stages decide for themselves whether
they apply to a page. A stage that does not apply passes the page through at once, without a
human step and without notifying anyone (its task state is recorded as skipped).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState

from articles.models import ArticlePage


def _latest(obj):
    """What approval would publish: the latest revision, not what is live."""
    revision = obj.get_latest_revision()
    return revision.as_object() if revision is not None else obj


def is_source_locale(obj) -> bool:
    return obj.locale.language_code == settings.TAPESTRY_SOURCE_LOCALE


class ConditionalTaskMixin:
    """A task that passes pages it does not apply to straight through, as skipped."""

    def applies_to(self, obj) -> bool:
        raise NotImplementedError

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        if self.applies_to(obj):
            return super().start(workflow_state, user=user)
        # No human step: neither the approvers' notification (task_submitted) nor a lock.
        return TaskState.objects.create(
            workflow_state=workflow_state,
            revision=obj.get_latest_revision(),
            task=self,
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
        )


class SourceReviewTask(ConditionalTaskMixin, AbstractGroupApprovalTask):
    """Approval by groups, for pages in the source locale (en) only.

    Translations pass through: their stage is the locale's translation review.
    """

    def applies_to(self, obj) -> bool:
        return is_source_locale(obj)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve pages in the source language; "
            "translations pass through"
        )

    class Meta:
        verbose_name = _("source-language review")
        verbose_name_plural = _("source-language reviews")


class BureauSignOffTask(ConditionalTaskMixin, AbstractGroupApprovalTask):
    """Sign-off by the chosen groups for policy updates and assistance programmes only."""

    def applies_to(self, obj) -> bool:
        if not is_source_locale(obj):
            return False
        specific = obj.specific if isinstance(obj, Page) else obj
        if not isinstance(specific, ArticlePage):
            return False
        return _latest(specific).kind in ArticlePage.OFFICIAL_KINDS

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups sign off policy updates and assistance programmes; "
            "other pages pass through"
        )

    class Meta:
        verbose_name = _("bureau sign-off")
        verbose_name_plural = _("bureau sign-offs")


class TranslationReviewTask(ConditionalTaskMixin, Task):
    """Review of a translated page by the reviewers of the page's own locale.

    Source-locale pages pass through. Which group reviews which locale is held in
    `TranslationReviewers` rows (one per locale), so a Chinese reviewer never approves French.
    """

    def applies_to(self, obj) -> bool:
        return not is_source_locale(obj)

    def _reviews_locale(self, user, locale_id) -> bool:
        if user.is_superuser:
            return True
        cache = getattr(user, "_translation_review_locales", None)
        if cache is None:
            cache = set(
                TranslationReviewers.objects.filter(group__in=user.groups.all()).values_list(
                    "locale_id", flat=True
                )
            )
            user._translation_review_locales = cache
        return locale_id in cache

    def user_can_access_editor(self, obj, user):
        return self._reviews_locale(user, obj.locale_id)

    def locked_for_user(self, obj, user):
        return not self._reviews_locale(user, obj.locale_id)

    def user_can_lock(self, obj, user):
        return self._reviews_locale(user, obj.locale_id)

    def get_actions(self, obj, user):
        if self._reviews_locale(user, obj.locale_id):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def notified_groups(self, obj):
        """The groups told when a page reaches this stage: the reviewers of its locale."""
        reviewers = TranslationReviewers.objects.filter(locale_id=obj.locale_id).values("group")
        return Group.objects.filter(pk__in=reviewers)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        locales = TranslationReviewers.objects.filter(group__in=user.groups.all()).values(
            "locale_id"
        )
        page_ids = (
            Page.objects.filter(locale_id__in=locales)
            .annotate(text_id=Cast("pk", models.CharField()))
            .values("text_id")
        )
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("The reviewers of the page's locale approve translations; originals pass through")

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")


class TranslationReviewers(models.Model):
    """The group that reviews translations into one locale."""

    locale = models.OneToOneField("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("translation reviewers")
        verbose_name_plural = _("translation reviewers")

    def __str__(self):
        return f"{self.group} reviews {self.locale}"
