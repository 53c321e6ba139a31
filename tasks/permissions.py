"""Who may manage webhooks: superusers and the CNS Editorial Desk."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from communities.roles import DESK_GROUP


class DeskOnlyPermissionPolicy(BasePermissionPolicy):
    """Every action in `actions` for superusers and desk members; nothing for anyone else."""

    def __init__(self, model, *, actions=("add", "change", "delete", "view")) -> None:
        super().__init__(model)
        self.actions = set(actions)

    def _is_desk(self, user) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or user.groups.filter(name=DESK_GROUP).exists()

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and self._is_desk(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=DESK_GROUP), is_active=True)
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
