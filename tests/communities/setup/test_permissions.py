"""Each community's subtree is a permission boundary; each locale's tree is a translator's."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from wagtail.models import GroupPagePermission

from articles.models import ArticlePage
from home.models import HomePage
from tests import helpers

pytestmark = pytest.mark.django_db

HUACAO_EDITORS = "Huacao Town Editors"
HUACAO_MODERATORS = "Huacao Town Moderators"
ZH_TRANSLATORS = "Translators (zh-hans)"
EDITED_TITLE = "Night market opens on Saturdays"
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


@pytest.fixture
def huacao_editor():
    return helpers.user_create(groups=[HUACAO_EDITORS])


@pytest.fixture
def huacao_moderator():
    return helpers.user_create(groups=[HUACAO_MODERATORS])


@pytest.fixture
def zh_translator():
    return helpers.user_create(groups=[ZH_TRANSLATORS])


@pytest.fixture
def huacao_article():
    return helpers.article_create(helpers.community_news_index(helpers.HUACAO))


@pytest.fixture
def jinqiao_article():
    return helpers.article_create(helpers.community_news_index(helpers.JINQIAO))


def perms(page, user):
    return page.permissions_for_user(user)


# Permissions through Wagtail's permission tester.


def test_editor_edits_and_adds_in_their_community(huacao_editor, huacao_article):
    index = helpers.community_news_index(helpers.HUACAO)

    assert perms(index, huacao_editor).can_edit()
    assert perms(index, huacao_editor).can_add_subpage()
    assert perms(huacao_article, huacao_editor).can_edit()
    assert perms(helpers.community_events_index(helpers.HUACAO), huacao_editor).can_add_subpage()
    assert ArticlePage in perms(index, huacao_editor).page.specific_class.creatable_subpage_models()


def test_article_accepts_no_subpages_for_anyone(huacao_editor, huacao_article):
    superuser = helpers.user_create(superuser=True)

    assert not perms(huacao_article, huacao_editor).can_add_subpage()
    assert not perms(huacao_article, superuser).can_add_subpage()


def test_editor_cannot_publish(huacao_editor, huacao_article):
    index = helpers.community_news_index(helpers.HUACAO)

    assert not perms(huacao_article, huacao_editor).can_publish()
    assert not perms(index, huacao_editor).can_publish()
    assert not perms(index, huacao_editor).can_publish_subpage()
    assert not perms(huacao_article, huacao_editor).can_unpublish()


def test_editor_cannot_touch_another_community(huacao_editor, jinqiao_article):
    for page in (
        jinqiao_article,
        helpers.community_news_index(helpers.JINQIAO),
        helpers.community_page(helpers.JINQIAO),
    ):
        tester = perms(page, huacao_editor)
        assert not tester.can_edit(), page
        assert not tester.can_add_subpage(), page
        assert not tester.can_delete(), page


def test_editor_cannot_edit_city_wide_pages(huacao_editor):
    city_article = helpers.article_create(helpers.city_news_index())

    assert not perms(city_article, huacao_editor).can_edit()
    assert not perms(helpers.city_news_index(), huacao_editor).can_add_subpage()
    assert not perms(helpers.home_page(), huacao_editor).can_edit()


def test_editor_works_in_every_locale_copy_of_their_community(huacao_editor):
    zh_article = helpers.article_create(helpers.community_news_index(helpers.HUACAO, "zh-hans"))

    assert perms(zh_article, huacao_editor).can_edit()
    assert not perms(zh_article, huacao_editor).can_publish()
    assert not perms(
        helpers.community_news_index(helpers.JINQIAO, "zh-hans"), huacao_editor
    ).can_edit()


def test_moderator_edits_only_in_their_community_and_publishes_nowhere(
    huacao_moderator, huacao_article, jinqiao_article
):
    # Moderators approve their community's review stage; publishing directly would skip the
    # desk (see tests/communities/editorial/test_workflows.py).
    assert perms(huacao_article, huacao_moderator).can_edit()
    assert not perms(huacao_article, huacao_moderator).can_publish()
    assert not perms(
        helpers.community_news_index(helpers.HUACAO), huacao_moderator
    ).can_publish_subpage()
    assert not perms(jinqiao_article, huacao_moderator).can_edit()
    assert not perms(jinqiao_article, huacao_moderator).can_publish()


def test_translator_edits_only_their_locale_tree(zh_translator):
    zh_article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO, "zh-hans"))
    en_article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO, "en"))
    ja_article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO, "ja"))

    assert perms(zh_article, zh_translator).can_edit()
    assert perms(helpers.home_page("zh-hans"), zh_translator).can_edit()
    assert not perms(zh_article, zh_translator).can_publish()
    assert not perms(en_article, zh_translator).can_edit()
    assert not perms(helpers.home_page("en"), zh_translator).can_edit()
    assert not perms(ja_article, zh_translator).can_edit()


def test_desk_edits_and_publishes_everywhere():
    desk = helpers.user_create(groups=["CNS Editorial Desk"])

    for page in (
        helpers.article_create(helpers.community_news_index(helpers.JINQIAO)),
        helpers.article_create(helpers.city_news_index("fr")),
        helpers.home_page(),
    ):
        assert perms(page, desk).can_edit(), page
        assert perms(page, desk).can_publish(), page


def test_policy_reviewers_cannot_edit_pages(huacao_article):
    reviewer = helpers.user_create(groups=["Policy Reviewers"])

    assert not perms(huacao_article, reviewer).can_edit()
    assert not perms(huacao_article, reviewer).can_publish()


def test_only_the_desk_holds_permissions_over_whole_trees():
    # Community staff and translators get subtrees; nobody but the desk gets the root or a
    # locale's whole tree with publish rights (that would cross every community boundary).
    whole_tree_pages = [helpers.root_page(), *HomePage.objects.filter(depth=2)]
    holders = {
        (grant.group.name, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(page__in=whole_tree_pages).select_related(
            "group", "permission"
        )
        if grant.group.name != "CNS Editorial Desk"
    }

    assert {name for name, _codename in holders} <= {
        f"{role} ({code})"
        for code in settings.TAPESTRY_TARGET_LOCALES
        for role in ("Translators", "Translation reviewers")
    }
    assert "publish_page" not in {codename for _name, codename in holders}


# Permissions through the real admin views.


def article_edit_data(article, **overrides) -> dict[str, str]:
    return helpers.article_form_data(
        title=EDITED_TITLE, slug=article.slug, summary=article.summary, **overrides
    )


def test_editor_opens_the_edit_form_of_a_community_article(client, huacao_editor, huacao_article):
    client.force_login(huacao_editor)

    response = client.get(helpers.admin_edit_url(huacao_article))

    assert response.status_code == 200
    assert helpers.form_field_names(response.content.decode()) >= {"title", "summary", "kind"}


def test_editor_is_turned_away_from_another_community(client, huacao_editor, jinqiao_article):
    client.force_login(huacao_editor)

    response = client.get(helpers.admin_edit_url(jinqiao_article))

    # Wagtail answers a denied admin page with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert b"page-edit-form" not in response.content
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert DENIED_MESSAGE in messages


def test_editor_cannot_post_an_edit_to_another_community(client, huacao_editor, jinqiao_article):
    client.force_login(huacao_editor)
    revisions_before = jinqiao_article.revisions.count()

    response = client.post(
        helpers.admin_edit_url(jinqiao_article), article_edit_data(jinqiao_article)
    )

    assert response.status_code == 302
    assert jinqiao_article.revisions.count() == revisions_before
    jinqiao_article.refresh_from_db()
    assert jinqiao_article.draft_title != EDITED_TITLE


def test_editor_cannot_add_in_another_community(client, huacao_editor):
    client.force_login(huacao_editor)
    index = helpers.community_news_index(helpers.JINQIAO)

    response = client.post(helpers.admin_add_url(ArticlePage, index), helpers.article_form_data())

    assert response.status_code == 302
    assert not ArticlePage.objects.child_of(index).exists()


def test_editor_publish_saves_a_draft_only(client, huacao_editor, huacao_article):
    client.force_login(huacao_editor)
    revisions_before = huacao_article.revisions.count()

    response = client.post(
        helpers.admin_edit_url(huacao_article),
        article_edit_data(huacao_article, **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    huacao_article.refresh_from_db()
    assert not huacao_article.live
    assert huacao_article.live_revision is None
    # The edit itself was accepted, as a draft revision.
    assert huacao_article.revisions.count() == revisions_before + 1
    assert huacao_article.get_latest_revision_as_object().title == EDITED_TITLE
    assert huacao_article.latest_revision.user == huacao_editor


def test_editor_cannot_change_a_live_article_directly(client, huacao_editor):
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Original title", publish=True
    )
    client.force_login(huacao_editor)

    client.post(
        helpers.admin_edit_url(article),
        article_edit_data(article, **{"action-publish": "action-publish"}),
    )

    article.refresh_from_db()
    assert article.title == "Original title"
    assert article.has_unpublished_changes
    assert article.live_revision.as_object().title == "Original title"


def test_editor_creates_a_draft_in_their_community(client, huacao_editor):
    client.force_login(huacao_editor)
    index = helpers.community_news_index(helpers.HUACAO)

    response = client.post(
        helpers.admin_add_url(ArticlePage, index),
        helpers.article_form_data(slug="tea-ceremony", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.child_of(index).get(slug="tea-ceremony")
    assert not article.live
    assert article.owner == huacao_editor


def test_moderator_cannot_publish_through_the_edit_view(client, huacao_moderator, huacao_article):
    client.force_login(huacao_moderator)

    response = client.post(
        helpers.admin_edit_url(huacao_article),
        article_edit_data(huacao_article, **{"action-publish": "action-publish"}),
    )

    huacao_article.refresh_from_db()
    assert response.status_code in (200, 302, 403)
    assert not huacao_article.live


def test_moderator_is_turned_away_from_another_community(client, huacao_moderator, jinqiao_article):
    client.force_login(huacao_moderator)

    response = client.get(helpers.admin_edit_url(jinqiao_article))

    assert response.status_code == 302
    assert b"page-edit-form" not in response.content


def test_translator_opens_zh_hans_pages_but_not_english(client, zh_translator):
    client.force_login(zh_translator)
    zh_home = helpers.home_page("zh-hans")

    zh_response = client.get(helpers.admin_edit_url(zh_home))
    en_response = client.get(helpers.admin_edit_url(helpers.home_page("en")))

    assert zh_response.status_code == 200
    assert helpers.translation_editor_props(zh_response.content.decode()) is not None
    assert en_response.status_code == 302
    assert en_response["Location"] == "/admin/"
