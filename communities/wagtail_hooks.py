"""Wagtail loads only this module of an app: it loads the admin hooks of each room."""

from communities.editorial import hooks as editorial_hooks
from communities.feedback import hooks as feedback_hooks
from communities.registrations import hooks as registration_hooks

ROOM_HOOKS = (editorial_hooks, feedback_hooks, registration_hooks)
