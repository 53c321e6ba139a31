"""Production: every secret from the environment, secure defaults, refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool, env_int, env_list, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters in production"
    )
if not DATABASE_URL:  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "REDIS_URL or REDIS_SENTINELS must be set in production (cache and Celery broker)"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Browsers come back over HTTPS only, for a year, on this host and its subdomains (turn
# SECURE_HSTS_INCLUDE_SUBDOMAINS off if a subdomain of Tapestry's host still serves plain HTTP).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Off unless asked: a preload list entry covers the whole registrable domain (every sibling
# site of the organisation), is only accepted for the apex domain, and takes months to undo.
# That is the domain owner's decision, so the deploy check's reminder of it is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Two-factor sign-in is required of the editorial desk and of superusers (base.py explains).
TAPESTRY_2FA_REQUIRED_GROUPS = env_list("TAPESTRY_2FA_REQUIRED_GROUPS", ["CNS Editorial Desk"])
TAPESTRY_2FA_REQUIRE_SUPERUSERS = env_bool("TAPESTRY_2FA_REQUIRE_SUPERUSERS", True)
