"""The Celery application. Its settings are the CELERY_* Django settings; tasks live in `tasks/`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("tapestry")
app.config_from_object("django.conf:settings", namespace="CELERY")
