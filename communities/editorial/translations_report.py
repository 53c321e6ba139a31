"""Reports › Translation status: every source page's status in every target locale, with
coverage."""

import datetime
from urllib.parse import urlencode

import django_filters
from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from communities.editorial.dashboard import editable_locales
from communities.editorial.translation_access import translation_locales_of_user
from communities.editorial.translation_queue import (
    CHANGES_REQUESTED,
    NEEDS_WORK,
    QUEUE_STATES,
    translation_queue,
)
from communities.models import CommunityPage
from home.selectors import url_path_below_home
from home.translation_status import LIVE, STATUS_LABELS, STATUSES, translation_statuses

ORDER_URGENCY = "urgency"


def _urgency_label(page) -> str:
    items = list(page.queue_items.values())
    return items[0].urgency_label if items else ""


def _source_locale() -> Locale:
    return Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)


def _community_choices():
    return [
        (str(page.pk), page.title)
        for page in CommunityPage.objects.filter(locale=_source_locale()).order_by("title")
    ]


def _locale_choices():
    return [
        (locale.language_code, locale.get_display_name())
        for locale in Locale.objects.exclude(language_code=settings.TAPESTRY_SOURCE_LOCALE)
    ]


class TranslationsReportFilterSet(WagtailFilterSet):
    community = django_filters.ChoiceFilter(
        label="Community",
        empty_label="All communities and city-wide",
        choices=_community_choices,
        method="filter_community",
    )
    locale = django_filters.ChoiceFilter(
        label="Locale",
        empty_label="All locales",
        choices=_locale_choices,
        method="filter_nothing",  # narrows the columns and the chart, not the rows
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        empty_label="Any status",
        choices=[
            (NEEDS_WORK, "Needs work (missing, outdated, in progress or sent back)"),
            *((status, STATUS_LABELS[status]) for status in STATUSES),
            (CHANGES_REQUESTED, "Changes requested"),
        ],
        method="filter_nothing",  # applied on computed statuses by the view
    )
    order = django_filters.ChoiceFilter(
        label="Order",
        empty_label="Tree order",
        choices=[(ORDER_URGENCY, "Most urgent first (urgency, due date, waiting time)")],
        method="filter_nothing",  # applied by the view
    )

    class Meta:
        model = Page
        fields = []

    def filter_community(self, queryset, name, value):
        community = Page.objects.filter(pk=value).first()
        if community is None:
            return queryset.none()
        return queryset.filter(path__startswith=community.path)

    def filter_nothing(self, queryset, name, value):
        return queryset


class LocaleStatusColumn(StatusTagColumn):
    """A locale's status of the page; for work still to do, the way to the translation editor
    (for users who work in that locale) and its due date (set by the desk)."""

    cell_template_name = "communities/admin/translation_status_cell.html"

    def __init__(self, locale: Locale, *, can_work: bool, can_translate: bool, can_set_due: bool):
        self.locale_code = locale.language_code
        self.can_work = can_work
        self.can_translate = can_translate
        self.can_set_due = can_set_due
        super().__init__(
            f"status_{locale.language_code}",
            label=locale.language_code,
            accessor=lambda page: STATUS_LABELS[page.translation_statuses[locale.language_code]],
            primary=lambda page: page.translation_statuses[locale.language_code] == LIVE,
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        status = instance.translation_statuses[self.locale_code]
        item = instance.queue_items.get(self.locale_code)
        context["locale_code"] = self.locale_code
        context["status"] = status
        context["item"] = item
        if item is not None:
            context["value"] = item.state_label
            # A missing translation is started with wagtail-localize's "Translate this page",
            # which only a user who may translate into the locale may use.
            if self.can_work and (item.target_id is not None or self.can_translate):
                context["editor_url"] = item.editor_url
                context["editor_label"] = "Translate" if item.target_id is None else "Open"
            if self.can_set_due:
                request = parent_context.get("request")
                back = reverse("tapestry_translations_report")
                if request is not None and request.GET:
                    back += "?" + request.GET.urlencode()
                context["due_url"] = (
                    reverse("tapestry_translation_due_date", args=[instance.pk, self.locale_code])
                    + "?"
                    + urlencode({"next": back})
                )
        return context


class TranslationsReportView(ReportView):
    page_title = "Translation status"
    header_icon = "globe"
    template_name = "communities/admin/translations_report.html"
    results_template_name = "communities/admin/translations_report_results.html"
    index_url_name = "tapestry_translations_report"
    index_results_url_name = "tapestry_translations_report_results"
    filterset_class = TranslationsReportFilterSet
    paginate_by = 50
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    model = Page

    def get_filename(self):
        return f"translations-report-{datetime.date.today():%Y-%m-%d}"

    @cached_property
    def locales(self) -> list[Locale]:
        locales = Locale.objects.exclude(language_code=settings.TAPESTRY_SOURCE_LOCALE).order_by(
            "language_code"
        )
        code = self.request.GET.get("locale")
        if code:
            locales = locales.filter(language_code=code)
        return list(locales)

    def get_queryset(self):
        # Source pages below the locale roots, in tree order, that the user works on in some
        # locale, or whose parent they do (a translator sees the new pages to translate).
        visible = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).values("translation_key")
        source_pages = Page.objects.filter(
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE, depth__gt=2
        )
        visible_paths = source_pages.filter(translation_key__in=visible).values("path")
        return (
            source_pages.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
            .filter(Q(translation_key__in=visible) | Q(parent_path__in=visible_paths))
            .select_related("content_type")
            .order_by("path")
        )

    def get_filtered_queryset(self):
        pages = self.filter_queryset(self.get_queryset())
        self.all_statuses = translation_statuses(pages, self.locales)
        self.queue = {
            (item.source.pk, item.locale.language_code): item
            for item in translation_queue(locales=self.locales, sources=pages)
        }
        status = self.request.GET.get("status")
        if status in STATUSES:
            wanted = [
                key for key, by_locale in self.all_statuses.items() if status in by_locale.values()
            ]
            pages = pages.filter(translation_key__in=wanted)
        elif status == NEEDS_WORK or status in QUEUE_STATES:
            pages = pages.filter(
                pk__in={
                    page_id
                    for (page_id, _code), item in self.queue.items()
                    if status == NEEDS_WORK or item.state == status
                }
            )
        self.coverage = self._coverage(pages)
        if self.request.GET.get("order") == ORDER_URGENCY:
            pages = self._most_urgent_first(pages)
        return pages

    def _most_urgent_first(self, pages):
        """Pages with work to do by their most urgent item; the rest after, in tree order."""
        first_item = {}
        for item in sorted(self.queue.values(), key=lambda item: item.sort_key()):
            first_item.setdefault(item.source.pk, len(first_item))
        rank = Case(
            *(When(pk=page_id, then=Value(position)) for page_id, position in first_item.items()),
            default=Value(len(first_item)),
            output_field=IntegerField(),
        )
        return pages.annotate(queue_rank=rank).order_by("queue_rank", "path")

    def _coverage(self, pages) -> list[dict]:
        live_keys = set(pages.filter(live=True).values_list("translation_key", flat=True))
        rows = []
        for locale in self.locales:
            covered = sum(
                1
                for key in live_keys
                if self.all_statuses.get(key, {}).get(locale.language_code) == LIVE
            )
            total = len(live_keys)
            rows.append(
                {
                    "code": locale.language_code,
                    "name": locale.get_display_name(),
                    "covered": covered,
                    "total": total,
                    "percent": round(100 * covered / total) if total else 0,
                }
            )
        return rows

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.translation_statuses = self.all_statuses.get(page.translation_key, {})
            page.queue_items = {
                locale.language_code: self.queue.get((page.pk, locale.language_code))
                for locale in self.locales
                if (page.pk, locale.language_code) in self.queue
            }
        return object_list

    @cached_property
    def work_locales(self) -> set[str]:
        """Locales whose translations the user may open (a translator's own; all for the desk)."""
        return {locale.language_code for locale in editable_locales(self.request.user)}

    @property
    def columns(self):
        user = self.request.user
        can_set_due = user.has_perm("communities.change_translationduedate")
        own_codes = set()
        if user.has_perm("wagtail_localize.submit_translation"):
            own_codes = {locale.language_code for locale in translation_locales_of_user(user)}
        return [
            TitleColumn(
                "title",
                label="Source page",
                url_name="wagtailadmin_pages:edit",
                accessor="get_admin_display_title",
            ),
            Column("type", label="Type", accessor=lambda page: page.content_type.name.title()),
            Column("urgency", label="Urgency", accessor=_urgency_label),
            *(
                LocaleStatusColumn(
                    locale,
                    can_work=locale.language_code in self.work_locales,
                    can_translate=locale.language_code in own_codes,
                    can_set_due=can_set_due,
                )
                for locale in self.locales
            ),
        ]

    @property
    def list_export(self):
        columns = ["title", "url_path"]
        for locale in self.locales:
            columns += [f"status_{locale.language_code}", f"due_{locale.language_code}"]
        return columns

    @property
    def export_headings(self):
        headings = {"title": "Title", "url_path": "URL path"}
        for locale in self.locales:
            headings[f"status_{locale.language_code}"] = f"Status ({locale.language_code})"
            headings[f"due_{locale.language_code}"] = f"Due ({locale.language_code})"
        return headings

    def to_row_dict(self, item):
        # The path the API serves the page at (below its locale's home page), not the tree's.
        row = {"title": item.title, "url_path": url_path_below_home(item.url_path)}
        for locale in self.locales:
            code = locale.language_code
            queued = item.queue_items.get(code)
            row[f"status_{code}"] = queued.state if queued else item.translation_statuses.get(code)
            row[f"due_{code}"] = queued.due_on if queued and queued.due_on else None
        return row

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["coverage"] = self.coverage
        return context
