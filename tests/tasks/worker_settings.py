"""Settings of the real Celery worker and beat that the real-worker tests start.

The test settings, plus: mail over SMTP to the tests' local server, and a test-only app that
can slow publishing down so a test can kill a worker in the middle of a run.
"""

import os

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("TAPESTRY_TEST_SMTP_PORT", "2525"))
EMAIL_TIMEOUT = 3
INSTALLED_APPS = [*INSTALLED_APPS, "tests.tasks.worker_app.WorkerTestConfig"]  # noqa: F405
LOGGING["root"]["level"] = "INFO"  # noqa: F405
# With TAPESTRY_TEST_PURGE_LOG set, cache purges append their tags to that file (one line each).
if os.environ.get("TAPESTRY_TEST_PURGE_LOG"):
    TAPESTRY_CACHE_PURGERS = ["tests.tasks.worker_app.purge_logged"]
# The real-worker tests' webhook receivers listen on 127.0.0.1 over plain http.
TAPESTRY_WEBHOOK_ALLOW_HTTP = True
TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
