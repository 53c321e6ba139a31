"""The translators' queue: per target locale, the live source pages whose translation needs work.

An item is a (source page, locale) pair in one of four states: `missing` (no translation yet),
`outdated` (live, but the source changed since), `in_progress` (a draft not yet submitted: a
translator's own, or the one "Sync translated pages" wrote) and `changes_requested` (the reviewers
sent it back). Items are sorted by urgency: urgent articles first, then notices and official
articles (policy updates, assistance programmes), then the rest; within each, the earliest due
date the desk set, then the longest waiting.

Every link leads to the translation editor of the translated page (or, while the translation is
missing, to "Translate this page" with the locale chosen): the English page's edit view is not
for translators.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, WorkflowState

from articles.models import ArticlePage
from communities.models import TranslationDueDate, TranslationStatus
from home.translation_status import (
    IN_PROGRESS,
    MISSING,
    OUTDATED,
    STATUS_LABELS,
    translation_statuses,
)

CHANGES_REQUESTED = "changes_requested"
NEEDS_WORK = "needs_work"
#: Queue states, in the order a translator meets them.
QUEUE_STATES = (MISSING, OUTDATED, IN_PROGRESS, CHANGES_REQUESTED)
QUEUE_LABELS = {
    MISSING: STATUS_LABELS[MISSING],
    OUTDATED: STATUS_LABELS[OUTDATED],
    IN_PROGRESS: STATUS_LABELS[IN_PROGRESS],
    CHANGES_REQUESTED: "Changes requested",
}

URGENT, OFFICIAL, ORDINARY = 0, 1, 2
URGENCY_LABELS = {URGENT: "Urgent", OFFICIAL: "Notice or policy", ORDINARY: ""}
_OFFICIAL_KINDS = {ArticlePage.Kind.NOTICE, *ArticlePage.OFFICIAL_KINDS}


@dataclass
class QueueItem:
    source: Page
    locale: Locale
    state: str
    target_id: int | None
    target_title: str | None
    due_on: datetime.date | None
    waiting_since: datetime.datetime | None
    urgency: int

    @property
    def state_label(self) -> str:
        return QUEUE_LABELS[self.state]

    @property
    def urgency_label(self) -> str:
        return URGENCY_LABELS[self.urgency]

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def editor_url(self) -> str:
        return translation_editor_url(
            source_id=self.source.pk,
            locale_code=self.locale.language_code,
            target_id=self.target_id,
        )

    def sort_key(self) -> tuple:
        return (
            self.urgency,
            self.due_on or datetime.date.max,
            self.waiting_since or timezone.now(),
            self.source.path,
            self.locale.language_code,
        )


def translation_editor_url(*, source_id: int, locale_code: str, target_id: int | None) -> str:
    """Where a translator works on the translation of a source page into a locale (a path).

    The translated page's edit view is wagtail-localize's translation editor; a missing
    translation starts at "Translate this page" with that locale chosen.
    """
    if target_id is not None:
        return reverse("wagtailadmin_pages:edit", args=[target_id])
    return (
        reverse("wagtail_localize:submit_page_translation", args=[source_id])
        + "?"
        + urlencode({"select_locale": locale_code})
    )


def _urgency(priority: str | None, kind: str | None) -> int:
    if priority == ArticlePage.Priority.URGENT:
        return URGENT
    if kind in _OFFICIAL_KINDS:
        return OFFICIAL
    return ORDINARY


def translation_queue(
    *, locales: list[Locale], sources=None, states=QUEUE_STATES
) -> list[QueueItem]:
    """The queue of `locales` (target locales), most urgent first, in a constant number of queries.

    `sources` narrows it to some source pages (a queryset); by default every live source page
    below the locale roots.
    """
    if not locales:
        return []
    if sources is None:
        sources = Page.objects.filter(
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE, depth__gt=2
        )
    sources = list(
        sources.filter(live=True).only(
            "pk",
            "path",
            "title",
            "draft_title",
            "live",
            "translation_key",
            "locale_id",
            "last_published_at",
            "content_type_id",
        )
    )
    if not sources:
        return []
    statuses = translation_statuses(sources, locales)
    keys = [page.translation_key for page in sources]
    target_rows = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.filter(translation_key__in=keys, locale__in=locales).values(
            "pk", "translation_key", "locale_id", "draft_title"
        )
    }
    targets = {pair: row["pk"] for pair, row in target_rows.items()}
    sent_back = {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in targets.values()],
            status=WorkflowState.STATUS_NEEDS_CHANGES,
        ).values_list("object_id", flat=True)
    }
    due = {
        (row.page_id, row.locale_id): row.due_on
        for row in TranslationDueDate.objects.filter(page__in=sources, locale__in=locales)
    }
    since = {
        (row["translation_key"], row["locale_id"]): row["changed_at"]
        for row in TranslationStatus.objects.filter(
            content_type=ContentType.objects.get_for_model(Page),
            translation_key__in=keys,
            locale__in=locales,
        ).values("translation_key", "locale_id", "changed_at")
    }
    articles = {
        row["pk"]: row
        for row in ArticlePage.objects.filter(pk__in=[page.pk for page in sources]).values(
            "pk", "priority", "kind"
        )
    }

    items = []
    for page in sources:
        article = articles.get(page.pk, {})
        urgency = _urgency(article.get("priority"), article.get("kind"))
        for locale in locales:
            status = statuses.get(page.translation_key, {}).get(locale.language_code)
            target_id = targets.get((page.translation_key, locale.pk))
            state = CHANGES_REQUESTED if target_id in sent_back else status
            if state not in states:
                continue
            items.append(
                QueueItem(
                    source=page,
                    locale=locale,
                    state=state,
                    target_id=target_id,
                    target_title=target_rows[(page.translation_key, locale.pk)]["draft_title"]
                    if target_id is not None
                    else None,
                    due_on=due.get((page.pk, locale.pk)),
                    waiting_since=since.get((page.translation_key, locale.pk))
                    or page.last_published_at,
                    urgency=urgency,
                )
            )
    items.sort(key=QueueItem.sort_key)
    return items


def translation_due_date_set(
    *, page: Page, locale: Locale, due_on: datetime.date | None, user
) -> TranslationDueDate | None:
    """Set (or, with no date, clear) when the desk wants `page` translated into `locale`."""
    if due_on is None:
        TranslationDueDate.objects.filter(page=page, locale=locale).delete()
        return None
    due_date, _created = TranslationDueDate.objects.update_or_create(
        page=page, locale=locale, defaults={"due_on": due_on, "set_by": user}
    )
    return due_date
