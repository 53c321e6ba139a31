"""Editorial workflows, their stages and the translation reviewer groups, idempotently.

Stages of every workflow, in order (a stage that does not apply passes the page through):

1. "Community review (<Community>)": that community's Moderators, source-locale pages
   (community workflows only);
2. "CNS editorial desk": the desk, source-locale pages;
3. "Bureau sign-off": Policy Reviewers, policy updates and assistance programmes;
4. "Translation review": the reviewers of the page's locale, translated pages.

Bureau sign-off comes after the desk so that it is decided on the version the desk approved
(an article rejected and turned into a policy update meets the stage afresh).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from communities.models import (
    BureauSignOffTask,
    CommunityIndexPage,
    CommunityPage,
    SourceReviewTask,
    TranslationReviewers,
    TranslationReviewTask,
)
from communities.roles import (
    PAGE_EDIT,
    community_moderators_group_name,
    translation_reviewers_group_name,
)

DESK_TASK = "CNS editorial desk"
BUREAU_TASK = "Bureau sign-off"
TRANSLATION_TASK = "Translation review"
CITY_WORKFLOW = "City-wide publishing"


def community_task_name(community_name: str) -> str:
    return f"Community review ({community_name})"


def community_workflow_name(community_name: str) -> str:
    return f"Community publishing ({community_name})"


def _task_ensure(model, name: str, groups: list[Group], report):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
        report.add(f"task {name}")
    if groups and hasattr(task, "groups") and not task.groups.exists():
        task.groups.set(groups)
    return task


def _workflow_ensure(name: str, tasks: list, report) -> Workflow:
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is not None:
        return workflow  # an administrator may have changed its stages since: keep them
    workflow = Workflow.objects.create(name=name, active=True)
    for position, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=position)
    report.add(f"workflow {name}")
    return workflow


def _assign(workflow: Workflow, pages: list[Page], report) -> None:
    for page in pages:
        _assignment, created = WorkflowPage.objects.get_or_create(
            page=page, defaults={"workflow": workflow}
        )
        if created:
            report.change(f"assigned {workflow.name} to {page.url_path} ({page.locale_id})")


def translation_reviewers_ensure(report, home, grant_pages, base_permissions) -> None:
    """A reviewer group per target locale: edit rights in that locale's tree, no publish."""
    for code in settings.TAPESTRY_TARGET_LOCALES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        name = translation_reviewers_group_name(code)
        group, created = Group.objects.get_or_create(name=name)
        if created:
            report.add(f"group {name}")
        group.permissions.add(*base_permissions)
        locale_home = home.get_translations().filter(locale=locale).first()
        if locale_home is not None:
            grant_pages(group, [locale_home], PAGE_EDIT)
        TranslationReviewers.objects.get_or_create(locale=locale, defaults={"group": group})


def moderators_publish_revoke(report, moderator_groups: list[Group]) -> None:
    """Moderators approve their stage; publishing directly would skip the desk."""
    removed, _ = GroupPagePermission.objects.filter(
        group__in=moderator_groups, permission__codename="publish_page"
    ).delete()
    if removed:
        report.change(f"removed {removed} direct publish permissions from community moderators")


def workflows_ensure(report, home, communities, *, desk, policy_reviewers) -> None:
    desk_task = _task_ensure(SourceReviewTask, DESK_TASK, [desk], report)
    bureau_task = _task_ensure(BureauSignOffTask, BUREAU_TASK, [policy_reviewers], report)
    translation_task = _task_ensure(TranslationReviewTask, TRANSLATION_TASK, [], report)

    city = _workflow_ensure(CITY_WORKFLOW, [desk_task, bureau_task, translation_task], report)
    _assign(city, list(Page.objects.filter(translation_key=home.translation_key)), report)

    community_index = CommunityIndexPage.objects.child_of(home).get()
    moderator_groups = []
    for facts in communities:
        moderators = Group.objects.get(name=community_moderators_group_name(facts.name))
        moderator_groups.append(moderators)
        community_task = _task_ensure(
            SourceReviewTask, community_task_name(facts.name), [moderators], report
        )
        workflow = _workflow_ensure(
            community_workflow_name(facts.name),
            [community_task, desk_task, bureau_task, translation_task],
            report,
        )
        source_page = CommunityPage.objects.child_of(community_index).get(slug=facts.slug)
        _assign(
            workflow, list(Page.objects.filter(translation_key=source_page.translation_key)), report
        )
    moderators_publish_revoke(report, moderator_groups)
