import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from communities.editorial.translation_access import translation_review_state
from communities.editorial.translation_workflow import ACTION_FIELD
from home.translation_status import STATUS_LABELS, translation_statuses

register = template.Library()


@register.inclusion_tag("communities/admin/translation_review_bar.html", takes_context=True)
def translation_review_bar(context, instance):
    """Save-draft / submit / approve actions over wagtail-localize's translation editor."""
    request = context["request"]
    user = request.user
    perms = instance.permissions_for_user(user)
    workflow_state = WorkflowState.objects.active().for_instance(instance).first()
    task_state = workflow_state.current_task_state if workflow_state else None
    lock = instance.get_lock()
    locked = lock is not None and lock.for_user(user)
    actions = []
    if (
        workflow_state
        and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        and task_state is not None
    ):
        task = task_state.task.specific
        edit_url = reverse("wagtailadmin_pages:edit", args=[instance.pk])
        for name, label, needs_comment in task.get_actions(instance, user):
            actions.append(
                {
                    "name": name,
                    "label": label,
                    "needs_comment": needs_comment,
                    "url": reverse(
                        "wagtailadmin_pages:workflow_action",
                        args=[instance.pk, name, task_state.pk],
                    )
                    + f"?next={edit_url}",
                }
            )
    frozen = (
        workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    )
    status = translation_statuses([instance], [instance.locale])
    status_code = status.get(instance.translation_key, {}).get(instance.locale.language_code)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "instance": instance,
        "action_field": ACTION_FIELD,
        "frozen": frozen,
        "can_write": perms.can_edit() and not locked and not frozen,
        "can_publish": perms.can_publish(),
        "has_workflow": instance.get_workflow() is not None,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "needs_changes": workflow_state is not None
        and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "can_cancel": workflow_state is not None and workflow_state.user_can_cancel(user),
        "review_actions": actions,
        "status": status_code,
        "status_label": STATUS_LABELS.get(status_code, ""),
    }


@register.simple_tag(takes_context=True)
def translation_editor_props(context, props: str, instance) -> str:
    """wagtail-localize's editor props, offering only what the user may do.

    While the translation awaits review it is shown locked: no Edit buttons, no PO upload or
    machine translation, no Delete. "Convert to alias page" is for publishers (it goes live at
    once).
    """
    data = json.loads(props)
    user = context["request"].user
    frozen = translation_review_state(instance) is not None
    if frozen:
        data["object"]["isLocked"] = True
        data["perms"]["canLock"] = data["perms"]["canUnlock"] = False
        data["perms"]["canDelete"] = False
    if isinstance(instance, Page) and (
        frozen or not instance.permissions_for_user(user).can_publish()
    ):
        data["links"]["convertToAliasUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)
