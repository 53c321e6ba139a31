from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "Background work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tasks import (
            residents,  # noqa: F401 (its receivers connect on import)
            signal_handlers,
        )

        signal_handlers.connect()
