from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "Background work"

    def ready(self):
        # Connects the receivers that enqueue residents' mails and subscribers' notices.
        from tasks import residents, subscriptions  # noqa: F401
