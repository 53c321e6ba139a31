from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Tapestry's frame as an app, for what the admin's sign-in and its Content-Security-Policy
    add: the two-factor pages and their hooks, templates, the CSP nonce template tag."""

    name = "cms"
    verbose_name = "Tapestry"

    def ready(self):
        from cms.csp import nonce_chooser_scripts

        nonce_chooser_scripts()
