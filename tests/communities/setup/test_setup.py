"""`setup_tapestry`: what it builds, and that running it again changes nothing."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Site,
)

from articles.models import ArticleIndexPage, EventIndexPage
from communities.models import CommunityPage
from communities.setup.services import setup_tapestry
from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db

CHINESE_NAMES = {
    "huamu-subdistrict": "花木街道",
    "jinqiao-town": "金桥镇",
    "zhangjiang-town": "张江镇",
    "sanlin-town": "三林镇",
    "hongqiao-subdistrict": "虹桥街道",
    "yichuan-road-subdistrict": "宜川路街道",
    "huacao-town": "华漕镇",
    "hongqiao-town": "虹桥镇",
    "xujing-town": "徐泾镇",
}
LOCALE_CODES = {"en", "zh-hans", "ja", "ko", "fr", "de", "es"}


def snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "groups": Group.objects.count(),
        "group model permissions": Group.permissions.through.objects.count(),
        "group page permissions": GroupPagePermission.objects.count(),
        "group collection permissions": GroupCollectionPermission.objects.count(),
        "locales": Locale.objects.count(),
        "sites": Site.objects.count(),
        "live pages": Page.objects.live().count(),
    }


def test_running_setup_again_changes_nothing():
    before = snapshot()
    latest_revision_ids = set(Page.objects.values_list("latest_revision_id", flat=True))

    report = setup_tapestry()

    assert report.changes == []
    assert snapshot() == before
    assert set(Page.objects.values_list("latest_revision_id", flat=True)) == latest_revision_ids


def test_running_the_command_again_says_nothing_was_created():
    before = snapshot()
    out = io.StringIO()

    call_command("setup_tapestry", stdout=out)

    assert "already in place" in out.getvalue()
    assert snapshot() == before


def test_no_duplicate_groups_or_permissions():
    assert not Group.objects.values("name").annotate(n=Count("id")).filter(n__gt=1).exists()
    page_grants = GroupPagePermission.objects.values_list("group", "page", "permission")
    assert page_grants.distinct().count() == page_grants.count()
    collection_grants = GroupCollectionPermission.objects.values_list(
        "group", "collection", "permission"
    )
    assert collection_grants.distinct().count() == collection_grants.count()


def test_locales_are_the_source_and_targets():
    assert set(Locale.objects.values_list("language_code", flat=True)) == LOCALE_CODES
    assert {settings.TAPESTRY_SOURCE_LOCALE, *settings.TAPESTRY_TARGET_LOCALES} == LOCALE_CODES


def test_one_default_site_rooted_at_the_english_home_page():
    site = Site.objects.get()

    assert site.is_default_site
    assert site.root_page.specific_class is HomePage
    assert site.root_page.locale.language_code == "en"
    assert site.root_page_id == helpers.home_page("en").pk


def test_wagtail_welcome_page_is_gone():
    generic = ContentType.objects.get_for_model(Page)

    assert not Page.objects.filter(depth=2, content_type=generic).exists()
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_every_locale_has_its_own_home_page():
    homes = HomePage.objects.filter(depth=2)

    assert set(homes.values_list("locale__language_code", flat=True)) == LOCALE_CODES
    assert homes.count() == len(LOCALE_CODES)
    assert homes.values("translation_key").distinct().count() == 1
    assert all(home.live for home in homes)


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_nine_communities_in_tree_order(code):
    slugs = list(
        CommunityPage.objects.child_of(helpers.community_index(code)).values_list("slug", flat=True)
    )

    assert slugs == helpers.COMMUNITY_SLUGS


def test_communities_have_chinese_titles_in_zh_hans():
    zh_titles = dict(
        CommunityPage.objects.child_of(helpers.community_index("zh-hans")).values_list(
            "slug", "title"
        )
    )

    assert zh_titles == CHINESE_NAMES


def test_english_communities_keep_english_titles_and_local_names():
    huacao = helpers.community_page(helpers.HUACAO, "en")

    assert huacao.title == "Huacao Town"
    assert huacao.local_name == "华漕镇"
    assert huacao.kind == CommunityPage.Kind.TOWN
    assert huacao.district == "Minhang District"
    assert huacao.centre_name == "Huacao International Community Center"


@pytest.mark.parametrize("code", sorted(LOCALE_CODES))
def test_every_community_has_a_news_and_events_index_in_every_locale(code):
    communities = CommunityPage.objects.child_of(helpers.community_index(code))

    assert communities.count() == 9
    for community in communities:
        assert ArticleIndexPage.objects.child_of(community).live().count() == 1
        assert EventIndexPage.objects.child_of(community).live().count() == 1


def test_translated_pages_are_translations_of_the_english_pages():
    huacao_en = helpers.community_page(helpers.HUACAO, "en")
    huacao_zh = helpers.community_page(helpers.HUACAO, "zh-hans")

    assert huacao_zh.translation_key == huacao_en.translation_key
    assert huacao_zh.get_translation(helpers.locale("en")) == huacao_en
    assert helpers.home_page("zh-hans").title == "上海国际社区信息服务"
    assert helpers.city_news_index("zh-hans").title == "新闻与政策"


def test_expected_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    community_names = [
        page.title for page in CommunityPage.objects.filter(locale__language_code="en")
    ]

    assert {"CNS Editorial Desk", "Policy Reviewers"} <= names
    for name in community_names:
        assert {f"{name} Editors", f"{name} Moderators"} <= names
    for code in settings.TAPESTRY_TARGET_LOCALES:
        assert f"Translators ({code})" in names


def test_community_groups_are_granted_the_community_page_in_every_locale():
    huacao_pages = set(
        Page.objects.filter(
            translation_key=helpers.community_page(helpers.HUACAO).translation_key
        ).values_list("pk", flat=True)
    )
    grants = GroupPagePermission.objects.filter(group__name="Huacao Town Editors")

    assert set(grants.values_list("page", flat=True)) == huacao_pages
    assert len(huacao_pages) == len(LOCALE_CODES)
    assert set(grants.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "lock_page",
        "unlock_page",
    }
    moderator_codenames = set(
        GroupPagePermission.objects.filter(group__name="Huacao Town Moderators").values_list(
            "permission__codename", flat=True
        )
    )
    # Moderators approve the community review stage instead of publishing directly.
    assert "publish_page" not in moderator_codenames
    assert moderator_codenames >= {"add_page", "change_page"}


def test_command_is_silent_at_verbosity_zero():
    out = io.StringIO()

    call_command("setup_tapestry", verbosity=0, stdout=out)

    assert out.getvalue() == ""
