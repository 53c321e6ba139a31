"""Translators reach the live site only through their locale's review stage."""

import pytest
from wagtail.models import WorkflowState
from wagtail_localize.models import TranslationSource

from communities.editorial.translation_workflow import ACTION_FIELD
from home.translation_status import translation_statuses
from tests import helpers

pytestmark = pytest.mark.django_db

ZH_TITLE = "华漕镇免费中文课"
EN_TITLE = "Free Mandarin classes in Huacao"


@pytest.fixture
def translator():
    return helpers.user_create(groups=[helpers.ZH_TRANSLATORS])


@pytest.fixture
def reviewer():
    return helpers.user_create(groups=[helpers.ZH_REVIEWERS])


@pytest.fixture
def en_article():
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title=EN_TITLE, publish=True
    )


@pytest.fixture
def zh_article(en_article, translator):
    """Started with "Translate this page", then translated in the editor (not yet saved)."""
    page = helpers.translation_start(en_article, "zh-hans", user=translator)
    helpers.strings_translate(en_article, "zh-hans", {EN_TITLE: ZH_TITLE})
    return page


def status(page, code="zh-hans"):
    return translation_statuses([page])[page.translation_key][code]


def post_action(client, page, action):
    return client.post(helpers.admin_edit_url(page), {ACTION_FIELD: action})


def test_translate_this_page_creates_a_draft_even_for_a_live_source(en_article, zh_article):
    zh_article.refresh_from_db()

    assert en_article.live
    assert not zh_article.live
    assert status(en_article) == "in_progress"


def test_translator_never_sees_a_publish_action(client, translator, zh_article):
    client.force_login(translator)

    response = client.get(helpers.admin_edit_url(zh_article))
    html = response.content.decode()

    assert response.status_code == 200
    assert helpers.translation_editor_props(html)["perms"]["canPublish"] is False
    assert "Submit for review" in html
    assert "Save draft" in html
    assert 'value="publish"' not in html


def test_translator_cannot_publish_by_posting_publish(client, translator, zh_article):
    client.force_login(translator)

    response = client.post(helpers.admin_edit_url(zh_article), {"action": "publish"})

    assert response.status_code in (302, 403)
    zh_article.refresh_from_db()
    assert not zh_article.live


def test_save_draft_writes_the_translation_into_a_draft_revision(client, translator, zh_article):
    client.force_login(translator)

    response = post_action(client, zh_article, "save-draft")

    assert response.status_code == 302
    zh_article.refresh_from_db()
    assert not zh_article.live
    assert zh_article.get_latest_revision_as_object().title == ZH_TITLE
    assert status(zh_article) == "in_progress"


def test_submitted_translation_goes_live_only_on_review_approval(
    client, translator, reviewer, zh_article
):
    client.force_login(translator)
    post_action(client, zh_article, "submit")

    zh_article.refresh_from_db()
    assert helpers.current_task_state(zh_article).task.name == "Translation review"
    assert not zh_article.live
    assert status(zh_article) == "awaiting_review"

    client.force_login(reviewer)
    response = client.post(helpers.workflow_action_url(zh_article, "approve"), {"comment": ""})

    assert response.status_code == 302
    zh_article.refresh_from_db()
    assert zh_article.live
    assert zh_article.title == ZH_TITLE
    assert status(zh_article) == "live"


def test_reviewer_requests_changes_and_translator_resubmits(
    client, translator, reviewer, zh_article
):
    client.force_login(translator)
    post_action(client, zh_article, "submit")
    client.force_login(reviewer)
    client.post(
        helpers.workflow_action_url(zh_article, "reject"), {"comment": "Use 华漕 consistently."}
    )
    state = WorkflowState.objects.for_instance(zh_article).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(translator)
    page_html = client.get(helpers.admin_edit_url(zh_article)).content.decode()
    assert "Use 华漕 consistently." in page_html
    assert "Resubmit for review" in page_html
    post_action(client, zh_article, "submit")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert helpers.current_task_state(zh_article).task.name == "Translation review"
    zh_article.refresh_from_db()
    assert not zh_article.live


def test_translator_cancels_their_submission(client, translator, zh_article):
    client.force_login(translator)
    post_action(client, zh_article, "submit")

    post_action(client, zh_article, "cancel")

    assert helpers.current_task_state(zh_article) is None
    zh_article.refresh_from_db()
    assert not zh_article.live
    assert status(zh_article) == "in_progress"


def test_translation_in_review_is_locked_for_the_translator(client, translator, zh_article):
    client.force_login(translator)
    post_action(client, zh_article, "submit")
    revisions = zh_article.revisions.count()

    post_action(client, zh_article, "save-draft")

    assert zh_article.revisions.count() == revisions


def test_translator_of_another_locale_cannot_touch_the_translation(client, zh_article):
    ja_translator = helpers.user_create(groups=["Translators (ja)"])
    client.force_login(ja_translator)

    response = post_action(client, zh_article, "submit")

    assert response.status_code == 302
    assert helpers.current_task_state(zh_article) is None


def test_sync_writes_drafts_that_need_review_again(client, translator, reviewer, zh_article):
    desk = helpers.user_create(groups=[helpers.DESK])
    client.force_login(translator)
    post_action(client, zh_article, "submit")
    helpers.current_task_state(zh_article).approve(user=reviewer)
    en_article = zh_article.get_translation(helpers.locale("en")).specific
    en_article.summary = "Classes now also on Saturdays."
    en_article.save_revision(user=desk).publish(user=desk)
    assert status(en_article) == "outdated"

    client.force_login(desk)
    source = TranslationSource.objects.get(object_id=en_article.translation_key)
    form = client.get(f"/admin/localize/update/{source.pk}/").content.decode()
    response = client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    assert "publish_translations" not in form
    assert response.status_code == 302
    zh_article.refresh_from_db()
    assert zh_article.live
    assert zh_article.summary != "Classes now also on Saturdays."  # live copy unchanged
    assert zh_article.get_latest_revision_as_object().summary == "Classes now also on Saturdays."
    assert status(en_article) == "in_progress"


def test_translator_cannot_turn_the_translation_into_a_live_alias(client, translator, zh_article):
    client.force_login(translator)

    response = client.post(f"/admin/localize/page/{zh_article.pk}/convert_to_alias/")

    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    zh_article.refresh_from_db()
    assert zh_article.alias_of_id is None
    assert not zh_article.live
