from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Communities"

    def ready(self):
        from communities.editorial import signal_handlers, translation_times, workflow_display

        signal_handlers.connect()
        translation_times.install()
        workflow_display.install()
