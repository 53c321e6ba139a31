from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Tapestry's frame as an app, for what the admin's sign-in adds: the two-factor pages and
    their hooks, templates."""

    name = "cms"
    verbose_name = "Tapestry"
