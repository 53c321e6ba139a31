"""Reports › Translation status: every source page's status in every target locale, with
coverage."""

import datetime
from urllib.parse import urlencode

import django_filters
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from communities.editorial.translation_access import translation_locales_of_user
from communities.models import CommunityPage
from home.translation_status import LIVE, MISSING, STATUS_LABELS, STATUSES, translation_statuses


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
        choices=[(status, STATUS_LABELS[status]) for status in STATUSES],
        method="filter_nothing",  # applied on computed statuses by the view
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
    cell_template_name = "communities/admin/translation_status_cell.html"

    def __init__(self, locale: Locale, *, can_translate: bool):
        self.locale_code = locale.language_code
        self.can_translate = can_translate
        super().__init__(
            f"status_{locale.language_code}",
            label=locale.language_code,
            accessor=lambda page: STATUS_LABELS[page.translation_statuses[locale.language_code]],
            primary=lambda page: page.translation_statuses[locale.language_code] == LIVE,
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        status = instance.translation_statuses[self.locale_code]
        context["locale_code"] = self.locale_code
        context["status"] = status
        if status == MISSING and self.can_translate:
            # wagtail-localize's "Translate this page": it creates a draft to work on.
            context["translate_url"] = (
                reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
                + "?"
                + urlencode({"select_locale": self.locale_code})
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
        status = self.request.GET.get("status")
        if status in STATUSES:
            wanted = [
                key for key, by_locale in self.all_statuses.items() if status in by_locale.values()
            ]
            pages = pages.filter(translation_key__in=wanted)
        self.coverage = self._coverage(pages)
        return pages

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
        return object_list

    @property
    def columns(self):
        user = self.request.user
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
            *(
                LocaleStatusColumn(locale, can_translate=locale.language_code in own_codes)
                for locale in self.locales
            ),
        ]

    @property
    def list_export(self):
        return ["title", "url_path", *(f"status_{locale.language_code}" for locale in self.locales)]

    def to_row_dict(self, item):
        row = {"title": item.title, "url_path": item.url_path}
        for locale in self.locales:
            row[f"status_{locale.language_code}"] = item.translation_statuses.get(
                locale.language_code
            )
        return row

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["coverage"] = self.coverage
        return context
