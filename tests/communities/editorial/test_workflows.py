"""Editorial stages: community review, the desk, bureau sign-off and translation review."""

import pytest
from wagtail.models import TaskState, WorkflowState

from articles.models import ArticlePage
from communities.models import TranslationReviewTask
from tests import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return helpers.user_create(groups=[helpers.editors()])


@pytest.fixture
def moderator():
    return helpers.user_create(groups=[helpers.moderators()])


@pytest.fixture
def desk():
    return helpers.user_create(groups=[helpers.DESK])


@pytest.fixture
def policy_reviewer():
    return helpers.user_create(groups=[helpers.POLICY_REVIEWERS])


def huacao_draft(editor, **fields):
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), owner=editor, **fields
    )


def approve(page, user, comment=""):
    state = helpers.current_task_state(page)
    assert "approve" in [
        name for name, _label, _modal in state.task.specific.get_actions(page, user)
    ]
    state.approve(user=user, comment=comment)


def live(page) -> bool:
    page.refresh_from_db()
    return page.live


# Assignment.


@pytest.mark.parametrize("code", ["en", "zh-hans", "ja"])
def test_every_locale_copy_of_a_community_has_its_workflow(code):
    index = helpers.community_news_index(helpers.HUACAO, code)

    assert index.get_workflow().name == "Community publishing (Huacao Town)"
    assert [task.name for task in index.get_workflow().tasks] == [
        "Community review (Huacao Town)",
        "CNS editorial desk",
        "Bureau sign-off",
        "Translation review",
    ]


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_city_wide_indexes_have_the_city_workflow(code):
    workflow = helpers.city_news_index(code).get_workflow()

    assert workflow.name == "City-wide publishing"
    assert [task.name for task in workflow.tasks] == [
        "CNS editorial desk",
        "Bureau sign-off",
        "Translation review",
    ]


# Paths through the stages.


def test_community_article_goes_live_after_moderator_then_desk(editor, moderator, desk):
    article = huacao_draft(editor)

    helpers.workflow_submit(article, editor)
    assert helpers.current_task_state(article).task.name == "Community review (Huacao Town)"
    assert not live(article)

    approve(article, moderator)
    assert helpers.current_task_state(article).task.name == "CNS editorial desk"
    assert not live(article)

    approve(article, desk)
    assert live(article)
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    statuses = {ts.task.name: ts.status for ts in TaskState.objects.filter(workflow_state=state)}
    assert statuses == {
        "Community review (Huacao Town)": TaskState.STATUS_APPROVED,
        "CNS editorial desk": TaskState.STATUS_APPROVED,
        "Bureau sign-off": TaskState.STATUS_SKIPPED,
        "Translation review": TaskState.STATUS_SKIPPED,
    }


def test_rejected_with_comment_then_resubmitted(editor, moderator, desk):
    article = huacao_draft(editor)
    helpers.workflow_submit(article, editor)

    helpers.current_task_state(article).reject(user=moderator, comment="Add the venue address.")

    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Add the venue address."
    assert not live(article)

    article.summary = "Now with the venue address."
    article.save_revision(user=editor)
    state.resume(user=editor)

    assert helpers.current_task_state(article).task.name == "Community review (Huacao Town)"
    approve(article, moderator)
    approve(article, desk)
    assert live(article)
    assert ArticlePage.objects.get(pk=article.pk).summary == "Now with the venue address."


def test_cancelled_submission_publishes_nothing(editor, moderator):
    article = huacao_draft(editor)
    state = helpers.workflow_submit(article, editor)

    assert state.user_can_cancel(editor)
    state.cancel(user=editor)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert helpers.current_task_state(article) is None
    assert not live(article)


def test_bureau_signs_off_policy_updates(editor, moderator, desk, policy_reviewer):
    article = huacao_draft(
        editor,
        kind=ArticlePage.Kind.POLICY,
        bureau=helpers.bureau_create(),
        effective_from="2026-01-01",
    )
    helpers.workflow_submit(article, editor)
    approve(article, moderator)
    approve(article, desk)

    assert helpers.current_task_state(article).task.name == "Bureau sign-off"
    assert not live(article)
    approve(article, policy_reviewer)
    assert live(article)


def test_bureau_signs_off_assistance_programmes_city_wide(desk, policy_reviewer):
    article = helpers.article_create(
        helpers.city_news_index(),
        kind=ArticlePage.Kind.ASSISTANCE,
        bureau=helpers.bureau_create(),
        effective_from="2026-01-01",
    )
    helpers.workflow_submit(article, desk)
    assert helpers.current_task_state(article).task.name == "CNS editorial desk"
    approve(article, desk)

    assert helpers.current_task_state(article).task.name == "Bureau sign-off"
    approve(article, policy_reviewer)
    assert live(article)


@pytest.mark.parametrize("kind", [ArticlePage.Kind.NEWS, ArticlePage.Kind.GUIDE])
def test_bureau_stage_passes_other_articles_through(kind, editor, moderator, desk):
    article = huacao_draft(editor, kind=kind)
    helpers.workflow_submit(article, editor)
    approve(article, moderator)
    approve(article, desk)

    assert live(article)
    bureau_state = TaskState.objects.get(
        workflow_state__object_id=str(article.pk), task__name="Bureau sign-off"
    )
    assert bureau_state.status == TaskState.STATUS_SKIPPED


# Who may act on which stage.


def test_huacao_moderator_cannot_approve_a_jinqiao_page(moderator, desk):
    jinqiao_editor = helpers.user_create(groups=[helpers.editors("Jinqiao Town")])
    article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO))
    helpers.workflow_submit(article, jinqiao_editor)
    task_state = helpers.current_task_state(article)

    assert task_state.task.name == "Community review (Jinqiao Town)"
    assert task_state.task.specific.get_actions(article, moderator) == []
    assert task_state.task.specific.get_task_states_user_can_moderate(moderator).count() == 0
    assert list(TaskState.objects.reviewable_by(moderator)) == []


def test_huacao_moderator_is_refused_by_the_action_view(client, moderator):
    jinqiao_editor = helpers.user_create(groups=[helpers.editors("Jinqiao Town")])
    article = helpers.article_create(helpers.community_news_index(helpers.JINQIAO))
    helpers.workflow_submit(article, jinqiao_editor)
    client.force_login(moderator)

    response = client.post(helpers.workflow_action_url(article, "approve"))

    assert response.status_code in (302, 403)
    assert helpers.current_task_state(article).status == TaskState.STATUS_IN_PROGRESS
    assert not live(article)


def test_approvers_act_only_on_their_own_stage(editor, moderator, desk, policy_reviewer):
    article = huacao_draft(editor)
    helpers.workflow_submit(article, editor)
    community_stage = helpers.current_task_state(article).task.specific

    assert community_stage.get_actions(article, desk) == []
    assert community_stage.get_actions(article, policy_reviewer) == []
    assert community_stage.get_actions(article, editor) == []

    approve(article, moderator)
    desk_stage = helpers.current_task_state(article).task.specific
    assert desk_stage.get_actions(article, moderator) == []


def test_moderators_approve_but_do_not_publish_directly(editor, moderator):
    article = huacao_draft(editor)

    assert article.permissions_for_user(moderator).can_edit()
    assert not article.permissions_for_user(moderator).can_publish()


def test_moderator_approval_through_the_admin(client, editor, moderator):
    article = huacao_draft(editor)
    helpers.workflow_submit(article, editor)
    client.force_login(moderator)

    response = client.post(
        helpers.workflow_action_url(article, "approve"), {"comment": ""}, follow=False
    )

    assert response.status_code == 302
    assert helpers.current_task_state(article).task.name == "CNS editorial desk"


def test_editor_submits_through_the_admin_edit_view(client, editor):
    from tests.communities.setup.test_permissions import article_edit_data

    article = huacao_draft(editor)
    client.force_login(editor)

    response = client.post(
        helpers.admin_edit_url(article), article_edit_data(article, **{"action-submit": "1"})
    )

    assert response.status_code == 302
    assert helpers.current_task_state(article).task.name == "Community review (Huacao Town)"
    assert not live(article)


# Translation review.


def test_translation_review_applies_to_translations_only(moderator, desk):
    en_article = helpers.article_create(helpers.community_news_index(helpers.HUACAO), publish=True)
    zh_article = helpers.translation_start(en_article, "zh-hans")
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    zh_article.save_revision(user=translator)

    helpers.workflow_submit(zh_article, translator)

    task_state = helpers.current_task_state(zh_article)
    assert isinstance(task_state.task.specific, TranslationReviewTask)
    assert not live(zh_article)
    # Community moderators and the desk are not the reviewers of a translation.
    assert task_state.task.specific.get_actions(zh_article, moderator) == []
    assert task_state.task.specific.get_actions(zh_article, desk) == []


def test_only_the_locales_reviewers_approve_its_translations():
    en_article = helpers.article_create(helpers.community_news_index(helpers.HUACAO), publish=True)
    zh_article = helpers.translation_start(en_article, "zh-hans")
    ja_article = helpers.translation_start(en_article, "ja")
    zh_reviewer = helpers.user_create(groups=[helpers.ZH_REVIEWERS])
    ja_reviewer = helpers.user_create(groups=["Translation reviewers (ja)"])
    helpers.workflow_submit(zh_article, zh_reviewer)
    helpers.workflow_submit(ja_article, ja_reviewer)
    zh_task = helpers.current_task_state(zh_article).task.specific

    assert zh_task.get_actions(ja_article, zh_reviewer) == []
    assert zh_task.get_actions(zh_article, ja_reviewer) == []
    assert [name for name, *_ in zh_task.get_actions(zh_article, zh_reviewer)][:2] == [
        "reject",
        "approve",
    ]
    moderatable = zh_task.get_task_states_user_can_moderate(zh_reviewer)
    assert [state.workflow_state.object_id for state in moderatable] == [str(zh_article.pk)]

    approve(zh_article, zh_reviewer)
    assert live(zh_article)
    assert not live(ja_article)
