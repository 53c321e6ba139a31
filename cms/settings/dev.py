"""Local development and the embedded default of `make run`."""

from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# runserver serves static files itself in development.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
TAPESTRY_GRAPHQL_INTROSPECTION = env_bool("TAPESTRY_GRAPHQL_INTROSPECTION", True)
