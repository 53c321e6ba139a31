"""`setup_tapestry`: locales, site, page-tree skeleton and editorial groups, idempotently.

Every function here creates what is missing and leaves what exists alone, so running setup
again changes nothing (no new pages, revisions, groups or permissions).
"""

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from articles.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage
from communities.editorial.workflows import translation_reviewers_ensure, workflows_ensure
from communities.models import CommunityIndexPage, CommunityPage
from communities.roles import (
    DESK_GROUP,
    PAGE_ALL,
    PAGE_EDIT,
    POLICY_REVIEWERS_GROUP,
    WAGTAIL_DEFAULT_GROUPS,
    community_editors_group_name,
    community_moderators_group_name,
    translators_group_name,
)
from home.models import HomePage
from home.translation import translation_create

logger = logging.getLogger(__name__)

COMMUNITIES_FILE = Path(__file__).resolve().parent.parent / "data" / "communities.json"

# Section titles of the skeleton, by locale. Missing strings fall back to English.
HOME_TITLE = "Shanghai International Community Info-Services"
NEWS_TITLE = "News & Policy"
EVENTS_TITLE = "What's On"
COMMUNITIES_TITLE = "Communities"
COMMUNITY_NEWS_TITLE = "News & notices"
COMMUNITY_EVENTS_TITLE = "Events"
HOME_INTRO = (
    "Official news, policy updates, assistance programmes, guides and community events for "
    "Shanghai's international residents, from City News Service and the International "
    "Community Info-Services Alliance."
)
SKELETON_STRINGS: dict[str, dict[str, str]] = {
    "zh-hans": {
        HOME_TITLE: "上海国际社区信息服务",
        HOME_INTRO: "面向在沪外籍居民的权威新闻、政策动态、帮扶项目、生活指南和社区活动，"
        "由城市新闻服务（CNS）与上海国际社区信息服务联盟提供。",
        NEWS_TITLE: "新闻与政策",
        EVENTS_TITLE: "活动",
        COMMUNITIES_TITLE: "社区",
        COMMUNITY_NEWS_TITLE: "新闻与通知",
        COMMUNITY_EVENTS_TITLE: "活动",
    },
    "ja": {
        HOME_TITLE: "上海国際コミュニティ情報サービス",
        NEWS_TITLE: "ニュースと政策",
        EVENTS_TITLE: "イベント",
        COMMUNITIES_TITLE: "コミュニティ",
        COMMUNITY_NEWS_TITLE: "ニュースとお知らせ",
        COMMUNITY_EVENTS_TITLE: "イベント",
    },
    "ko": {
        HOME_TITLE: "상하이 국제 커뮤니티 정보 서비스",
        NEWS_TITLE: "뉴스 및 정책",
        EVENTS_TITLE: "행사",
        COMMUNITIES_TITLE: "커뮤니티",
        COMMUNITY_NEWS_TITLE: "뉴스 및 공지",
        COMMUNITY_EVENTS_TITLE: "행사",
    },
    "fr": {
        HOME_TITLE: "Services d'information des communautés internationales de Shanghai",
        NEWS_TITLE: "Actualités et politiques",
        EVENTS_TITLE: "Agenda",
        COMMUNITIES_TITLE: "Communautés",
        COMMUNITY_NEWS_TITLE: "Actualités et avis",
        COMMUNITY_EVENTS_TITLE: "Événements",
    },
    "de": {
        HOME_TITLE: "Informationsdienst für internationale Gemeinschaften in Shanghai",
        NEWS_TITLE: "Nachrichten & Richtlinien",
        EVENTS_TITLE: "Veranstaltungen",
        COMMUNITIES_TITLE: "Gemeinschaften",
        COMMUNITY_NEWS_TITLE: "Nachrichten & Hinweise",
        COMMUNITY_EVENTS_TITLE: "Veranstaltungen",
    },
    "es": {
        HOME_TITLE: "Servicios de información para las comunidades internacionales de Shanghái",
        NEWS_TITLE: "Noticias y políticas",
        EVENTS_TITLE: "Agenda",
        COMMUNITIES_TITLE: "Comunidades",
        COMMUNITY_NEWS_TITLE: "Noticias y avisos",
        COMMUNITY_EVENTS_TITLE: "Eventos",
    },
}


@dataclass
class CommunityFacts:
    name: str
    name_zh: str
    kind: str
    district: str
    district_zh: str
    centre: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def description(self) -> str:
        return (
            f"<p>{self.name} is a {self.kind} in {self.district}, one of the nine founding "
            "members of the Shanghai International Community Info-Services Alliance.</p>"
        )

    @property
    def description_zh(self) -> str:
        kind_zh = "镇" if self.kind == "town" else "街道"
        return (
            f"<p>{self.name_zh}是{self.district_zh}的一个{kind_zh}，"
            "是上海国际社区信息服务联盟首批九个成员社区之一。</p>"
        )


def communities_load(path: Path = COMMUNITIES_FILE) -> list[CommunityFacts]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        CommunityFacts(
            name=item["name"],
            name_zh=item["name_zh"],
            kind=item["kind"],
            district=item["district"],
            district_zh=item["district_zh"],
            centre=item.get("community_center", {}),
        )
        for item in data["communities"]
    ]


@dataclass
class SetupReport:
    """What a run changed, one line each; empty when everything was already in place."""

    changes: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.change(f"created {what}")

    def change(self, text: str) -> None:
        self.changes.append(text)
        logger.debug(text)


def locales_ensure(report: SetupReport) -> list[Locale]:
    locales = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.add(f"locale {code}")
        locales.append(locale)
    return locales


def _child_of_type(parent: Page, model: type[Page], slug: str | None = None) -> Page | None:
    children = model.objects.child_of(parent)
    if slug is not None:
        children = children.filter(slug=slug)
    return children.first()


def _page_ensure(parent: Page, model: type[Page], report: SetupReport, slug: str, **fields) -> Page:
    page = _child_of_type(parent, model, slug=slug)
    if page is not None:
        return page
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.add(f"{model._meta.verbose_name} {page.url_path}")
    return page


def _remove_wagtail_welcome_page(root: Page) -> None:
    """Wagtail's migrations create a plain "Welcome" page and a site; HomePage replaces them."""
    generic = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=generic, numchild=0):
        page.delete()


def tree_ensure(report: SetupReport, communities: list[CommunityFacts]) -> HomePage:
    """The English source tree: home, city-wide indexes and one subtree per community."""
    root = Page.get_first_root_node()
    source_locale = Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)
    home = HomePage.objects.filter(depth=2, locale=source_locale).first()
    if home is None:
        _remove_wagtail_welcome_page(root)
        home = HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, locale=source_locale)
        root.add_child(instance=home)
        home.save_revision().publish()
        report.add("home page")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=settings.TAPESTRY_SITE_HOSTNAME,
            port=settings.TAPESTRY_SITE_PORT,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        report.add("site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        report.add("site root")

    _page_ensure(home, ArticleIndexPage, report, "news", title=NEWS_TITLE)
    _page_ensure(home, EventIndexPage, report, "events", title=EVENTS_TITLE)
    community_index = _page_ensure(
        home, CommunityIndexPage, report, "communities", title=COMMUNITIES_TITLE
    )
    for facts in communities:
        with transaction.atomic():
            community = _page_ensure(
                community_index,
                CommunityPage,
                report,
                facts.slug,
                title=facts.name,
                local_name=facts.name_zh,
                kind=facts.kind,
                district=facts.district,
                description=facts.description,
                centre_name=facts.centre.get("name", ""),
            )
            _page_ensure(community, ArticleIndexPage, report, "news", title=COMMUNITY_NEWS_TITLE)
            _page_ensure(community, EventIndexPage, report, "events", title=COMMUNITY_EVENTS_TITLE)
    return home


def _skeleton_strings(code: str, communities: list[CommunityFacts]) -> dict[str, str]:
    strings = dict(SKELETON_STRINGS.get(code, {}))
    if code == "zh-hans":
        for facts in communities:
            strings[facts.name] = facts.name_zh
            # Rich text is translated paragraph by paragraph.
            strings[facts.description.removeprefix("<p>").removesuffix("</p>")] = (
                facts.description_zh.removeprefix("<p>").removesuffix("</p>")
            )
    return strings


def translated_tree_ensure(
    report: SetupReport, home: HomePage, locales: list[Locale], communities: list[CommunityFacts]
) -> None:
    """Copy the skeleton into every target locale so each locale has its own tree."""
    skeleton = [home, *home.get_descendants().not_type(ArticlePage, EventPage)]
    for locale in locales:
        if locale.language_code == settings.TAPESTRY_SOURCE_LOCALE:
            continue
        strings = _skeleton_strings(locale.language_code, communities)
        for page in skeleton:
            if page.get_translations().filter(locale=locale).exists():
                continue
            translation_create(instance=page.specific, locale=locale, strings=strings)
            report.add(f"{locale.language_code} translation of {page.url_path}")


def _permissions(codenames: list[str], app_label: str = "wagtailcore") -> list[Permission]:
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    if len(permissions) != len(codenames):
        missing = set(codenames) - {p.codename for p in permissions}
        raise RuntimeError(f"permissions missing (run migrate first): {sorted(missing)}")
    return permissions


def _group_ensure(name: str, report: SetupReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.add(f"group {name}")
    return group


def _grant_model_permissions(group: Group, perms: list[Permission]) -> None:
    group.permissions.add(*perms)


def _grant_pages(group: Group, pages: list[Page], codenames: list[str]) -> None:
    for permission in _permissions(codenames):
        for page in pages:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group: Group, codenames_by_model: dict) -> None:
    root_collection = Collection.get_first_root_node()
    for model, codenames in codenames_by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        for codename in codenames:
            permission = Permission.objects.get(content_type=content_type, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def groups_ensure(report: SetupReport, home: HomePage, communities: list[CommunityFacts]) -> None:
    image_model, document_model = get_image_model(), get_document_model()
    access_admin = _permissions(["access_admin"], app_label="wagtailadmin")
    view_snippets = _permissions(["view_topic", "view_bureau"], app_label="articles")
    submit_translation = _permissions(["submit_translation"], app_label="wagtail_localize")
    contributor_media = {
        image_model: ["add_image", "choose_image"],
        document_model: ["add_document", "choose_document"],
    }

    desk = _group_ensure(DESK_GROUP, report)
    snippet_codenames = [
        f"{action}_{model}"
        for model in ("topic", "bureau")
        for action in ("add", "change", "delete", "view", "publish")
    ]
    due_dates = _permissions(
        [f"{action}_translationduedate" for action in ("add", "change", "delete", "view")],
        app_label="communities",
    )
    _grant_model_permissions(
        desk,
        access_admin
        + submit_translation
        + _permissions(snippet_codenames, app_label="articles")
        + due_dates,
    )
    _grant_pages(desk, [Page.get_first_root_node()], PAGE_ALL)
    _grant_collection(
        desk,
        {
            image_model: ["add_image", "change_image", "delete_image", "choose_image"],
            document_model: [
                "add_document",
                "change_document",
                "delete_document",
                "choose_document",
            ],
        },
    )

    community_index = CommunityIndexPage.objects.child_of(home).get()
    for facts in communities:
        source_page = CommunityPage.objects.child_of(community_index).get(slug=facts.slug)
        # The community's page in every locale: its staff work in each language's copy.
        pages = list(Page.objects.filter(translation_key=source_page.translation_key))
        editors = _group_ensure(community_editors_group_name(facts.name), report)
        _grant_model_permissions(editors, access_admin + view_snippets)
        _grant_pages(editors, pages, PAGE_EDIT)
        _grant_collection(editors, contributor_media)

        moderators = _group_ensure(community_moderators_group_name(facts.name), report)
        _grant_model_permissions(moderators, access_admin + view_snippets)
        # No publish: they approve their community's stage of the workflow
        # (communities.editorial.workflows).
        _grant_pages(moderators, pages, PAGE_EDIT)
        _grant_collection(moderators, contributor_media)

    for code in settings.TAPESTRY_TARGET_LOCALES:
        translators = _group_ensure(translators_group_name(code), report)
        _grant_model_permissions(translators, access_admin + view_snippets + submit_translation)
        locale_home = home.get_translations().filter(locale__language_code=code).first()
        if locale_home is not None:
            _grant_pages(translators, [locale_home], PAGE_EDIT)
        _grant_collection(translators, {image_model: ["choose_image"]})

    reviewers = _group_ensure(POLICY_REVIEWERS_GROUP, report)
    _grant_model_permissions(reviewers, access_admin + view_snippets)

    translation_reviewers_ensure(report, home, _grant_pages, access_admin + view_snippets)
    workflows_ensure(report, home, communities, desk=desk, policy_reviewers=reviewers)
    wagtail_default_groups_retire(report, desk)


def wagtail_default_groups_retire(report: SetupReport, desk: Group) -> None:
    """Wagtail's migrations create "Editors" and "Moderators" with rights over the whole tree.

    They would cut across the per-community boundary, so their page permissions go; the groups
    themselves go when nobody is in them. The default "Moderators approval" task is handed to the
    desk so that anything submitted to it can still be approved.
    """
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        if not task.groups.filter(pk=desk.pk).exists():
            task.groups.add(desk)
            report.change(f"made the desk approvers of task {task.name}")
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        deleted, _ = GroupPagePermission.objects.filter(group=group).delete()
        if not group.user_set.exists():
            group.delete()
            report.change(f"removed Wagtail's default group {group.name}")
        elif deleted:
            report.change(f"removed the page permissions of Wagtail's default group {group.name}")


@transaction.atomic  # all or nothing; status history is recorded once, on commit
def setup_tapestry() -> SetupReport:
    report = SetupReport()
    communities = communities_load()
    locales = locales_ensure(report)
    home = tree_ensure(report, communities)
    translated_tree_ensure(report, home, locales, communities)
    groups_ensure(report, home, communities)
    return report
