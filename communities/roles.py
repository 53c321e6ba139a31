"""Editorial groups and the page permissions they hold: the names every room shares.

`setup_tapestry` creates the groups; the editorial workflows, feedback triage and the demo users
find them by these names.
"""

DESK_GROUP = "CNS Editorial Desk"
POLICY_REVIEWERS_GROUP = "Policy Reviewers"
#: Created by Wagtail's migrations; setup retires them (they cut across communities).
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")

#: Page permission codenames: writing, writing and publishing, everything.
PAGE_EDIT = ["add_page", "change_page", "lock_page", "unlock_page"]
PAGE_PUBLISH = [*PAGE_EDIT, "publish_page"]
PAGE_ALL = [*PAGE_PUBLISH, "bulk_delete_page"]


def community_editors_group_name(community_name: str) -> str:
    return f"{community_name} Editors"


def community_moderators_group_name(community_name: str) -> str:
    return f"{community_name} Moderators"


def translators_group_name(language_code: str) -> str:
    """The group that translates into `language_code` (edits that locale's tree)."""
    return f"Translators ({language_code})"


def translation_reviewers_group_name(language_code: str) -> str:
    """The group that approves the translation review stage for `language_code`."""
    return f"Translation reviewers ({language_code})"
