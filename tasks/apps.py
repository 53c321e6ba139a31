from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "Background work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # residents and subscriptions connect their receivers on import.
        from tasks import residents, signal_handlers, subscriptions  # noqa: F401

        signal_handlers.connect()
