"""What a finished workflow does (WAGTAIL_FINISH_WORKFLOW_ACTION).

Kept free of model imports: Wagtail imports it while defining its own models.
"""


def workflow_publish(workflow_state, user=None) -> None:
    """Publish what the workflow approved.

    Approving the last stage is the authority to publish: translation reviewers and policy
    reviewers approve without holding publish permission on the tree. A workflow finishes only
    when every stage has approved the page or passed it through.
    """
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
