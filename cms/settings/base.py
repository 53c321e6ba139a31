"""Settings shared by all environments; what differs per deployment comes from the environment."""

import importlib.util
import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_int, env_list, env_str
from cms.settings.redis import (
    redis_cache_settings,
    redis_sentinel_settings,
    redis_url,
    sentinel_broker_url,
    sentinel_transport_options,
)
from cms.settings.storage import media_s3_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime state of the embedded default (SQLite file, broker folder, file cache, beat schedule).
VAR_DIR = Path(env_str("TAPESTRY_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Tapestry, top of the import graph first.
    "cms.apps.CmsConfig",
    "tasks.apps.TasksConfig",
    "schema",
    "communities",
    "articles",
    "home",
    # Translation workflow.
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "graphene_django",
    "corsheaders",
    # Login lockout, two-factor codes, Content-Security-Policy.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.csp.CSPNonceMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Answers anonymous GETs of persisted queries from the response cache, before the rest.
    "schema.view.ResponseCacheHitMiddleware",
    # Before the two below: drops the Vary they add from cacheable GraphQL answers.
    "schema.core.http_cache.CacheableVaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.security.PagePasswordThrottleMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each room of communities/ keeps its own (communities/<room>/templates); cms/templates
        # is the cms app's, found (first) with every app's.
        "DIRS": sorted((BASE_DIR / "communities").glob("*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in real deployments); a SQLite file for the embedded default.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "tapestry.sqlite3",
            # IMMEDIATE: a transaction takes the write lock when it starts, so the web, worker
            # and beat processes queue for it instead of failing with "database is locked".
            "OPTIONS": {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
# Read replicas (home/replicas.py): DATABASE_REPLICA_URLS, comma-separated, each a streaming
# replica of DATABASE_URL. Only the API's anonymous reads go there, and only to a replica that
# has replayed every change the caches were purged for; a replica that fails is skipped for
# TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
if DATABASE_REPLICA_URLS and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs DATABASE_URL (PostgreSQL)")
TAPESTRY_DATABASE_REPLICAS = []
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = {
        **dj_database_url.parse(
            _url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        ),
        "TEST": {"MIRROR": "default"},
    }
    TAPESTRY_DATABASE_REPLICAS.append(_alias)
TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS = env_int("TAPESTRY_DATABASE_REPLICA_RETRY_SECONDS", 30)
DATABASE_ROUTERS = ["home.replicas.ReplicaRouter"] if TAPESTRY_DATABASE_REPLICAS else []
# Behind PgBouncer in transaction mode (DATABASE_POOL_MODE=transaction): no server-side cursors,
# and the publishing run's advisory lock, which lives as long as a session, takes its own
# connection straight to PostgreSQL (DATABASE_DIRECT_URL, the primary without the pooler).
DATABASE_POOL_MODE = env_str("DATABASE_POOL_MODE", "session")
if DATABASE_POOL_MODE not in {"session", "transaction"}:
    raise ImproperlyConfigured("DATABASE_POOL_MODE must be session or transaction")
DATABASE_DIRECT_URL = env_str("DATABASE_DIRECT_URL")
if DATABASE_POOL_MODE == "transaction":
    if not (DATABASE_URL and DATABASE_DIRECT_URL):
        raise ImproperlyConfigured(
            "DATABASE_POOL_MODE=transaction needs DATABASE_URL (the pooler) and "
            "DATABASE_DIRECT_URL (PostgreSQL itself, for session locks)"
        )
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASE_DIRECT_URL:
    DATABASES["direct"] = {
        **dj_database_url.parse(DATABASE_DIRECT_URL, conn_max_age=0),
        "TEST": {"MIRROR": "default"},
    }
# The connection the publishing run's lock lives on (tasks/locks.py).
TAPESTRY_LOCK_DATABASE = "direct" if DATABASE_DIRECT_URL else "default"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache and Celery broker. Without it: a file cache and kombu's filesystem transport,
# both shared by the web, worker and beat processes of the embedded default.
# With REDIS_SENTINELS (host:port, comma-separated) every Redis client asks those Sentinels
# where the primary named REDIS_SENTINEL_MASTER is (cms/settings/redis.py): REDIS_URL then only
# gives the database and the credentials, and may be left out.
TAPESTRY_REDIS_SENTINEL = redis_sentinel_settings(os.environ)
REDIS_URL = redis_url(os.environ, TAPESTRY_REDIS_SENTINEL)
if REDIS_URL:
    CACHES = {"default": redis_cache_settings(REDIS_URL, TAPESTRY_REDIS_SENTINEL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "TIMEOUT": 300,
        }
    }

# --- HTTP caches in front of the API (tasks/services/http_cache.py, deploy/varnish/) ---
# Purged by cache tag after every publish; TAPESTRY_HTTP_CACHE_PURGERS lists the purgers of the
# caches configured here, for TAPESTRY_CACHE_PURGERS to include.
# Varnish: the URL of each Varnish to send PURGE to (comma-separated, e.g. http://varnish:6082/),
# waiting at most TIMEOUT for each answer.
VARNISH_PURGE_URLS = env_list("VARNISH_PURGE_URLS")
VARNISH_PURGE_TIMEOUT_SECONDS = env_int("VARNISH_PURGE_TIMEOUT_SECONDS", 5)
# A CDN through Wagtail's frontend-cache backends (the app itself is not installed: Tapestry
# purges by tag from its own task, not by page URL from Wagtail's signals). Cloudflare purges
# by Cache-Tag; CloudFront has no tags, so each purge invalidates /graphql/* (it needs boto3).
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFLARE_API_TOKEN = env_str("CLOUDFLARE_API_TOKEN")
CLOUDFRONT_DISTRIBUTION_ID = env_str("CLOUDFRONT_DISTRIBUTION_ID")
WAGTAILFRONTENDCACHE = {}
if CLOUDFLARE_ZONE_ID or CLOUDFLARE_API_TOKEN:
    if not (CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN):
        raise ImproperlyConfigured(
            "Set both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN, or neither"
        )
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "tasks.services.http_cache.CloudflareTagBackend",
        "ZONEID": CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
    }
if CLOUDFRONT_DISTRIBUTION_ID:
    if importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured("CLOUDFRONT_DISTRIBUTION_ID needs boto3, which is not installed")
    # Credentials as boto3 finds them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
TAPESTRY_HTTP_CACHE_PURGERS = [
    *(["tasks.services.http_cache.varnish_purge"] if VARNISH_PURGE_URLS else []),
    *(["tasks.services.http_cache.frontend_cache_purge"] if WAGTAILFRONTENDCACHE else []),
]
# --- end of HTTP caches ---

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in (cms/security.py). Every form that checks a username and password (Wagtail's and
# Django's admin login, Wagtail's login for private pages, the 2FA device form) goes through
# django.contrib.auth.authenticate, which django-axes watches.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After this many failed passwords for one username from one client address, that username is
# locked out from that address (even with the right password) until the cool-off has passed
# without another failure. Keyed on both: naming an editor from elsewhere locks nobody out, and
# one editor's typos do not lock out colleagues behind the same office address.
TAPESTRY_LOGIN_FAILURE_LIMIT = env_int("TAPESTRY_LOGIN_FAILURE_LIMIT", 5)
TAPESTRY_LOGIN_COOLOFF_MINUTES = env_int("TAPESTRY_LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = TAPESTRY_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=TAPESTRY_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful login clears that username's failures from that address.
AXES_RESET_ON_SUCCESS = True
# The login form again, with a message that says when to retry (HTTP 429).
AXES_LOCKOUT_CALLABLE = "cms.security.lockout_response"
# Wagtail's login for private pages, saying what its form's error is (a lockout, or a wrong
# password) rather than always "didn't match".
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "cms/frontend_login.html"
# Failures are rows (axes' database handler): shared by every web process, kept across Redis
# restarts, and listed in Django's admin (/django-admin/axes/), where staff can clear them.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# No banner on every manage.py command; failures and lockouts are still logged (as warnings).
AXES_VERBOSE = False
# Lockouts are keyed on the same client address as every other limit (TAPESTRY_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_address"
# Guesses at the password of a private page or document collection, per client address and
# restriction, in a fixed window.
TAPESTRY_PAGE_PASSWORD_ATTEMPTS = env_int("TAPESTRY_PAGE_PASSWORD_ATTEMPTS", 10)
TAPESTRY_PAGE_PASSWORD_WINDOW_MINUTES = env_int("TAPESTRY_PAGE_PASSWORD_WINDOW_MINUTES", 15)
# Password reset mails, per address asked for and per client address, in a fixed window. Past
# either limit the answer is the same and no mail leaves.
TAPESTRY_PASSWORD_RESET_PER_ADDRESS = env_int("TAPESTRY_PASSWORD_RESET_PER_ADDRESS", 3)
TAPESTRY_PASSWORD_RESET_PER_IP = env_int("TAPESTRY_PASSWORD_RESET_PER_IP", 10)
TAPESTRY_PASSWORD_RESET_WINDOW_MINUTES = env_int("TAPESTRY_PASSWORD_RESET_WINDOW_MINUTES", 60)
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "cms.security.ThrottledPasswordResetForm"  # noqa: S105

# Two-factor sign-in (cms/two_factor.py: TOTP apps through django-otp). Every admin user may
# add a device (Account › Two-factor authentication); whoever has one enters a code after their
# password, always. Who must have one: members of these groups, and superusers if
# TAPESTRY_2FA_REQUIRE_SUPERUSERS. Production requires both; here neither, so the embedded
# default's demo logins need no phone.
TAPESTRY_2FA_REQUIRED_GROUPS = env_list("TAPESTRY_2FA_REQUIRED_GROUPS", [])
TAPESTRY_2FA_REQUIRE_SUPERUSERS = env_bool("TAPESTRY_2FA_REQUIRE_SUPERUSERS", False)
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Tapestry")

# Internationalisation. English is the source locale; targets are configurable.
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "en"
TAPESTRY_SOURCE_LOCALE = "en"
TAPESTRY_TARGET_LOCALES = env_list(
    "TAPESTRY_TARGET_LOCALES", ["zh-hans", "ja", "ko", "fr", "de", "es"]
)
for _code in TAPESTRY_TARGET_LOCALES:
    if _code not in LANG_INFO or _code == TAPESTRY_SOURCE_LOCALE:
        raise ImproperlyConfigured(
            f"TAPESTRY_TARGET_LOCALES: {_code!r} is not a usable language code"
        )
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    (code, LANG_INFO[code]["name"]) for code in [TAPESTRY_SOURCE_LOCALE, *TAPESTRY_TARGET_LOCALES]
]
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, LANG_INFO[code]["name_local"]) for code in ["en", "zh-hans"]
]
# Admin users pick their zone in their account; empty means TIME_ZONE (Asia/Shanghai).
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai", "UTC"]
# Dates and times in the admin name their zone ("Nov. 30, 2026, 9:15 a.m. CST").
FORMAT_MODULE_PATH = ["cms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Let Django serve uploaded images itself (small deployments); off when a proxy or CDN does it.
# Documents never: only the document view serves them (see cms/media.py).
TAPESTRY_SERVE_MEDIA = env_bool("TAPESTRY_SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Documents download only through /documents/<id>/<filename>, the view that checks the privacy
# of their collection; never a direct link to the file (which "direct" would give). On disk the
# view sends the file itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Media on an S3-compatible object store when MEDIA_S3_BUCKET is set (cms/settings/storage.py,
# README "Media storage"): images and renditions at plain URLs, documents through the view,
# which redirects to a signed URL valid for MEDIA_S3_SIGNED_URL_SECONDS. Static files stay
# with whitenoise either way.
MEDIA_S3 = media_s3_settings(os.environ)
if MEDIA_S3:
    STORAGES["default"] = MEDIA_S3["STORAGE"]
    MEDIA_URL = MEDIA_S3["MEDIA_URL"]
    WAGTAILDOCS_SERVE_METHOD = MEDIA_S3["WAGTAILDOCS_SERVE_METHOD"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: console by default so nothing leaves a development machine.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tapestry <noreply@tapestry.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(graphql|api)/.*$"

# Wagtail.
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Tapestry — Shanghai International Communities")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
TAPESTRY_SITE_HOSTNAME = env_str("TAPESTRY_SITE_HOSTNAME", "localhost")
TAPESTRY_SITE_PORT = env_int("TAPESTRY_SITE_PORT", 80)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Importing redirects takes two requests (the file, then its columns), which may reach two web
# nodes: the file waits between them in the cache (Redis), not in one node's temporary folder.
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# The last approval publishes, whether or not its approver could publish directly.
WAGTAIL_FINISH_WORKFLOW_ACTION = "communities.editorial.workflow_finish.workflow_publish"
WAGTAILLOCALIZE_ENABLE_MACHINE_TRANSLATION = False
# "Translate this page" creates drafts: a translation goes live through its review stage only.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

GRAPHENE = {"SCHEMA": "schema.schema.schema"}

# GraphQL API limits (the README explains each one).
TAPESTRY_GRAPHQL_DEFAULT_PAGE_SIZE = 20
TAPESTRY_GRAPHQL_MAX_PAGE_SIZE = 100
TAPESTRY_GRAPHQL_MAX_DEPTH = env_int("TAPESTRY_GRAPHQL_MAX_DEPTH", 10)
TAPESTRY_GRAPHQL_MAX_COST = env_int("TAPESTRY_GRAPHQL_MAX_COST", 10000)
TAPESTRY_GRAPHQL_MAX_TOKENS = env_int("TAPESTRY_GRAPHQL_MAX_TOKENS", 2000)
TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH = env_int("TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH", 20000)
TAPESTRY_GRAPHQL_MAX_ALIASES = env_int("TAPESTRY_GRAPHQL_MAX_ALIASES", 20)
TAPESTRY_GRAPHQL_INTROSPECTION = env_bool("TAPESTRY_GRAPHQL_INTROSPECTION", False)
# Structure, checked in linear time before graphql-core's standard rules (which are quadratic in
# fragment spreads and in repeats of one field): spreads per document; fields with every fragment
# counted where it is spread; times one response key may be selected in one place.
TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS = env_int("TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS", 100)
TAPESTRY_GRAPHQL_MAX_FIELDS = env_int("TAPESTRY_GRAPHQL_MAX_FIELDS", 500)
TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS = env_int("TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS", 20)
# Persisted queries: how long an Automatic Persisted Query stays in the cache (seconds); whether
# clients not signed in to the admin may run registered documents only; how many parsed and
# validated documents each process keeps (0: none).
TAPESTRY_GRAPHQL_APQ_TTL = env_int("TAPESTRY_GRAPHQL_APQ_TTL", 7 * 24 * 3600)
TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = env_bool("TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY", False)
TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE = env_int("TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE", 500)
# ... and at most this much of their source text between them (a parsed document takes about 60
# times its text's size: 1 MiB of text is some 60 MB a process at worst).
TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES = env_int(
    "TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES", 1024 * 1024
)
# Largest POST body (or GET query string) /graphql/ reads: a query of MAX_QUERY_LENGTH
# characters plus its variables.
TAPESTRY_GRAPHQL_MAX_BODY_BYTES = env_int("TAPESTRY_GRAPHQL_MAX_BODY_BYTES", 256 * 1024)
# Cost of each run of a list (a field taking `first`): its count and page queries, and the
# loads its items share. Under another list it runs once per parent item.
TAPESTRY_GRAPHQL_LIST_COST = env_int("TAPESTRY_GRAPHQL_LIST_COST", 1500)
# Cost of the fields that do more than resolve a value ("Type.field": cost per item; every
# other field costs 1); "Type.field(argument)" is added when the argument is given. Measured by
# `python -m bench.cost` on the benchmark data: a unit is 0.025-0.035 ms of a request there
# (0.05 ms while the 2 cores are busy), so the limit admits about 300 ms of work.
TAPESTRY_GRAPHQL_COST_MAP = {
    # A full-text search ranks up to 1,000 matches before the list is cut.
    "Query.search": 6000,
    "Query.articles(search)": 6000,
    "Community.articles(search)": 6000,
    # One page looked up on its own: its queries, and its own loads of what it links to.
    "Query.page": 1000,
    "Query.article": 1000,
    "Query.event": 1000,
    "Query.community": 1000,
    "Query.preview": 1000,
    "Article.supersedes": 1000,
    # Per item of a list, measured on lists of 100.
    "Page.translations": 50,
    "Page.breadcrumbs": 20,
    "Page.community": 20,
    "Article.topics": 10,
    "Article.bureau": 10,
    "Article.bodyHtml": 30,
    "Article.body": 20,
    "Event.bodyHtml": 30,
    "Event.body": 20,
    "Community.descriptionHtml": 20,
    "Community.contacts": 25,
    "Image.rendition": 10,
    "Image.srcset": 10,
    "EmbedBlock.html": 50,
}
# HTTP caching of successful anonymous queries (schema/core/http_cache.py): how long browsers,
# proxies and CDNs may keep an answer, and serve it stale while they fetch it again. Shared caches
# that Tapestry purges (Varnish, a CDN) may keep it longer by their own rules.
TAPESTRY_GRAPHQL_MAX_AGE = env_int("TAPESTRY_GRAPHQL_MAX_AGE", 60)
TAPESTRY_GRAPHQL_STALE_WHILE_REVALIDATE = env_int("TAPESTRY_GRAPHQL_STALE_WHILE_REVALIDATE", 60)
# Longest Surrogate-Key / Cache-Tag value; a response with more tags carries its list tags and
# `graphql`, which every purge includes (Varnish's default header limit is 8 KiB).
TAPESTRY_GRAPHQL_CACHE_TAGS_MAX_BYTES = env_int("TAPESTRY_GRAPHQL_CACHE_TAGS_MAX_BYTES", 8000)
# The response cache (schema/core/response_cache.py): anonymous answers in Redis, purged by tag
# on publish. On when there is Redis; the embedded default has none, and runs without it.
TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL = env_str(
    "TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL", REDIS_URL or ""
)
# Through the Sentinels when it is the Redis of everything else (the default); a Redis of its
# own named by TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL is reached at that address.
TAPESTRY_GRAPHQL_RESPONSE_CACHE_SENTINEL = (
    TAPESTRY_REDIS_SENTINEL if TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL == REDIS_URL else None
)
TAPESTRY_GRAPHQL_RESPONSE_CACHE = env_bool(
    "TAPESTRY_GRAPHQL_RESPONSE_CACHE", bool(TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL)
)
TAPESTRY_GRAPHQL_RESPONSE_CACHE_TTL = env_int("TAPESTRY_GRAPHQL_RESPONSE_CACHE_TTL", 3600)
TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX = "tapestry:graphql"
# Querysets of the API's lists compiled to SQL once per process (home/prepared.py): how many
# are kept, and whether each use compiles again to check that it gives the same SQL (the tests).
TAPESTRY_PREPARED_QUERIES_SIZE = env_int("TAPESTRY_PREPARED_QUERIES_SIZE", 512)
TAPESTRY_PREPARED_QUERIES_CHECK = env_bool("TAPESTRY_PREPARED_QUERIES_CHECK", False)
# What a change purges, by cache tag (tasks/cache.py): dotted paths of `purge(tags: set[str])`:
# the response cache, then the HTTP caches configured above (Varnish, a CDN).
TAPESTRY_CACHE_PURGERS = [
    # First: the replicas' watermark, so a read that refills a cache sees the change.
    *(["home.replicas.raise_watermark"] if TAPESTRY_DATABASE_REPLICAS else []),
    "schema.core.response_cache.purge",
    *TAPESTRY_HTTP_CACHE_PURGERS,
]
# Named image sizes: the only renditions the API hands out (Wagtail filter specs).
TAPESTRY_IMAGE_SIZES = {
    "THUMBNAIL": "fill-400x225",
    "SQUARE": "fill-400x400",
    "SMALL": "width-480",
    "MEDIUM": "width-960",
    "LARGE": "width-1600",
}
# Headless preview: the admin's Preview opens this frontend URL with ?token=...; empty shows
# the token and the query to run in Tapestry itself.
TAPESTRY_PREVIEW_URL = env_str("TAPESTRY_PREVIEW_URL", "")
TAPESTRY_PREVIEW_TTL_SECONDS = env_int("TAPESTRY_PREVIEW_TTL_SECONDS", 600)

# Celery. The embedded default uses kombu's filesystem transport in VAR_DIR.
# Through Sentinel: kombu's `sentinel://` transport, which asks the Sentinels for the primary
# each time it connects, and reconnects (so finds the new primary) when a connection breaks.
CELERY_BROKER_URL = env_str(
    "CELERY_BROKER_URL",
    (
        sentinel_broker_url(REDIS_URL, TAPESTRY_REDIS_SENTINEL)
        if TAPESTRY_REDIS_SENTINEL
        else REDIS_URL or "filesystem://"
    ),
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# Acknowledged when done: a task whose worker dies is delivered again. A single pool process
# that dies is requeued at once (reject_on_worker_lost); when the whole worker dies (SIGKILL,
# OOM, a lost machine) nobody is left to requeue, and on Redis the message comes back once it
# has been unacknowledged for the visibility timeout below.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Every task's time limit unless it sets its own (mails and webhooks set shorter ones).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 100)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 120)
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_IMPORTS = [
    "tasks.publishing",
    "tasks.notifications",
    "tasks.webhooks",
    "tasks.background",
    "tasks.residents",
    "tasks.subscriptions",
    "tasks.privacy",
    "tasks.cache",
    "tasks.outbox",
]
# Scheduled publishing: how often beat looks for due and expired pages and snippets (a page goes
# live at most this long after its go-live time, plus the run itself). A run holds a lock that
# dies with it on PostgreSQL; where locks are rows (SQLite) it outlives a killed worker by
# LOCK_TIMEOUT seconds. A run stops taking new objects after RUN_MAX_SECONDS (the next run
# carries on), well inside the task's time limit.
TAPESTRY_PUBLISH_INTERVAL_SECONDS = env_int("TAPESTRY_PUBLISH_INTERVAL_SECONDS", 5)
TAPESTRY_PUBLISH_LOCK_TIMEOUT = env_int("TAPESTRY_PUBLISH_LOCK_TIMEOUT", 10)
TAPESTRY_PUBLISH_RUN_MAX_SECONDS = env_int("TAPESTRY_PUBLISH_RUN_MAX_SECONDS", 60)
# Webhooks: beat sends due deliveries this often; failed ones back off exponentially from
# RETRY_BASE up to RETRY_MAX between attempts, and are marked failed after GIVE_UP_AFTER.
TAPESTRY_WEBHOOK_DISPATCH_INTERVAL_SECONDS = env_int(
    "TAPESTRY_WEBHOOK_DISPATCH_INTERVAL_SECONDS", 10
)
# TIMEOUT is the whole of one attempt (connecting, TLS, sending, the answer), not a pause
# between two bytes.
TAPESTRY_WEBHOOK_TIMEOUT_SECONDS = env_int("TAPESTRY_WEBHOOK_TIMEOUT_SECONDS", 10)
TAPESTRY_WEBHOOK_RETRY_BASE_SECONDS = env_int("TAPESTRY_WEBHOOK_RETRY_BASE_SECONDS", 30)
TAPESTRY_WEBHOOK_RETRY_MAX_SECONDS = env_int("TAPESTRY_WEBHOOK_RETRY_MAX_SECONDS", 2 * 3600)
TAPESTRY_WEBHOOK_GIVE_UP_AFTER_SECONDS = env_int(
    "TAPESTRY_WEBHOOK_GIVE_UP_AFTER_SECONDS", 26 * 3600
)
# Receivers: https only (http too when ALLOW_HTTP, for development), at public addresses only,
# unless the address is in one of ALLOWED_NETWORKS (comma-separated CIDRs, e.g. 10.20.0.0/16
# for a receiver inside the deployment's own network).
TAPESTRY_WEBHOOK_ALLOW_HTTP = env_bool("TAPESTRY_WEBHOOK_ALLOW_HTTP", False)
TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = env_list("TAPESTRY_WEBHOOK_ALLOWED_NETWORKS")
for _network in TAPESTRY_WEBHOOK_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"TAPESTRY_WEBHOOK_ALLOWED_NETWORKS: {_network!r} is not a network "
            "(e.g. 10.20.0.0/16 or fd00::/8)"
        ) from _error
# Notification mails: retried while the mail server is down after BACKOFF × 2ⁿ seconds (capped at
# BACKOFF_MAX) plus 0-25 % jitter: the first retry 30-37.5 s after the failure (tasks/retries.py).
# BACKOFF_MAX sizes the visibility timeout below, so a waiting retry is never delivered twice.
# One mail task takes at most MAIL_TIME_LIMIT seconds in all (EMAIL_TIMEOUT bounds each wait on
# the mail server; the limit bounds the whole).
TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS = env_int("TAPESTRY_MAIL_RETRY_BACKOFF_SECONDS", 30)
TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS = env_int("TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS", 100)
TAPESTRY_MAIL_TIME_LIMIT_SECONDS = env_int("TAPESTRY_MAIL_TIME_LIMIT_SECONDS", 60)
TAPESTRY_MAIL_MAX_RETRIES = env_int("TAPESTRY_MAIL_MAX_RETRIES", 30)
# The longest countdown of any retry (mails back off up to BACKOFF_MAX plus its 25 % jitter;
# Wagtail's index tasks up to 80 s, cache purges 60 s): a retry waits in a worker,
# unacknowledged, until it is due.
TAPESTRY_LONGEST_RETRY_COUNTDOWN_SECONDS = max(
    int(TAPESTRY_MAIL_RETRY_BACKOFF_MAX_SECONDS * 1.25) + 1, 80
)
# Visibility timeout (Redis): how long a fetched, unacknowledged message waits before Redis
# hands it to another worker. It must outlast the longest legitimate hold (the longest retry
# countdown, then the longest run), or a waiting retry or a running task is delivered twice;
# and it bounds how late a whole-worker kill's in-flight tasks run again. Default:
# 120 + 126 + 30 = 276 s, plus one sweep (5 s): under 5 minutes. tests/tasks/test_acknowledgement.py
# checks every registered task against it.
CELERY_BROKER_VISIBILITY_TIMEOUT = env_int(
    "CELERY_BROKER_VISIBILITY_TIMEOUT",
    CELERY_TASK_TIME_LIMIT + TAPESTRY_LONGEST_RETRY_COUNTDOWN_SECONDS + 30,
)
if CELERY_BROKER_URL != "filesystem://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
        # Look for messages past their visibility timeout every 5 s (kombu's default sweep is
        # every 10 s x throttle 10, which adds up to 100 s to a redelivery).
        "unacked_restore_interval": 5,
        "unacked_restore_throttle": 1,
    }
if CELERY_BROKER_URL.startswith("sentinel://"):
    if not TAPESTRY_REDIS_SENTINEL:
        raise ImproperlyConfigured("A sentinel:// CELERY_BROKER_URL needs REDIS_SENTINELS")
    CELERY_BROKER_TRANSPORT_OPTIONS.update(sentinel_transport_options(TAPESTRY_REDIS_SENTINEL))
# The outbox (tasks.services.outbox): beat relays unsent side effects to the broker this often;
# one sent this long ago and still not done is sent again (its task makes a second copy
# harmless); done and failed rows are forgotten after KEEP_DAYS.
TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS = env_int("TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS", 5)
TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS = env_int("TAPESTRY_OUTBOX_REDELIVER_AFTER_SECONDS", 1800)
TAPESTRY_OUTBOX_KEEP_DAYS = env_int("TAPESTRY_OUTBOX_KEEP_DAYS", 7)
# The daily digest goes out at this hour, Asia/Shanghai.
TAPESTRY_DIGEST_HOUR = env_int("TAPESTRY_DIGEST_HOUR", 8)
# Workflow mails go to the stage's group, not to every superuser as well.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool(
    "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "tasks.publishing.publish_scheduled",
        "schedule": TAPESTRY_PUBLISH_INTERVAL_SECONDS,
        # Publishing has a queue and a worker of its own, so a run is picked up at once; one
        # still queued after a minute (the publishing worker was down) is dropped, as later
        # runs do the same work.
        "options": {"expires": max(60, 2 * TAPESTRY_PUBLISH_INTERVAL_SECONDS)},
    },
    "deliver-due-webhooks": {
        "task": "tasks.webhooks.deliver_due",
        "schedule": TAPESTRY_WEBHOOK_DISPATCH_INTERVAL_SECONDS,
        "options": {"expires": TAPESTRY_WEBHOOK_DISPATCH_INTERVAL_SECONDS},
    },
    "relay-outbox": {
        "task": "tasks.outbox.relay",
        "schedule": TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS,
        "options": {"expires": TAPESTRY_OUTBOX_RELAY_INTERVAL_SECONDS},
    },
    "outbox-housekeeping": {
        "task": "tasks.outbox.housekeeping",
        "schedule": crontab(minute=15, hour=3),
    },
    "send-daily-digests": {
        "task": "tasks.notifications.send_digests",
        "schedule": crontab(minute=0, hour=TAPESTRY_DIGEST_HOUR),
    },
    # In CELERY_TIMEZONE (Asia/Shanghai): Monday 08:00.
    "send-weekly-digests": {
        "task": "tasks.subscriptions.send_weekly_digests",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
    },
    "purge-personal-data": {
        "task": "tasks.privacy.purge_personal_data",
        "schedule": crontab(minute=30, hour=3),
    },
}

# Wagtail's background tasks (search index, reference index, file deletions) through
# django-tasks, run by the Celery worker once the request's transaction commits. They have a
# queue of their own, so a flood of index updates (a bulk import) never holds up mails or
# webhooks: workers consume both queues in turn (`-Q celery,background`). Scheduled publishing
# has its own queue and its own worker process (`-Q publishing`), so slow webhooks, mails or
# index updates never delay a go-live.
TASKS = {"default": {"BACKEND": "tasks.backends.CeleryBackend"}}
CELERY_TASK_ROUTES = {
    "tasks.background.run_django_task": {"queue": "background"},
    # Renditions made ahead (home/images.py): heavy, never in the way of mails or webhooks.
    "tasks.images.make_renditions": {"queue": "background"},
    "tasks.publishing.publish_scheduled": {"queue": "publishing"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task and per page action is noise in a terminal; Wagtail
        # keeps its own audit log of page actions in the database.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Residents' mutations: rate limits per client IP and per email, as (requests, seconds).
TAPESTRY_RATE_LIMITS = {
    "registerForEvent": {"ip": (20, 3600), "email": (5, 3600)},
    "cancelRegistration": {"ip": (30, 3600)},
    "submitFeedback": {"ip": (10, 3600), "email": (5, 3600)},
    "feedbackStatus": {"ip": (120, 3600)},
    "subscribe": {"ip": (20, 3600), "email": (3, 3600)},
    "confirmSubscription": {"ip": (30, 3600)},
    "unsubscribe": {"ip": (30, 3600)},
}
# How many proxies in front of Tapestry append to X-Forwarded-For (0: read REMOTE_ADDR only).
# The client is the address the outermost of them saw (home/client_address.py). The older
# TAPESTRY_TRUST_X_FORWARDED_FOR=true still means one proxy.
TAPESTRY_TRUSTED_PROXY_COUNT = env_int("TAPESTRY_TRUSTED_PROXY_COUNT", 0)
if env_bool("TAPESTRY_TRUST_X_FORWARDED_FOR", False):
    if env_str("TAPESTRY_TRUSTED_PROXY_COUNT") is not None:
        raise ImproperlyConfigured(
            "TAPESTRY_TRUST_X_FORWARDED_FOR is replaced by TAPESTRY_TRUSTED_PROXY_COUNT: "
            "set only TAPESTRY_TRUSTED_PROXY_COUNT"
        )
    TAPESTRY_TRUSTED_PROXY_COUNT = 1
if TAPESTRY_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        f"TAPESTRY_TRUSTED_PROXY_COUNT must be 0 or more, got {TAPESTRY_TRUSTED_PROXY_COUNT}"
    )
# Links in residents' mails: the frontend's base URL, or Tapestry's own pages when empty.
TAPESTRY_FRONTEND_URL = env_str("TAPESTRY_FRONTEND_URL", "")
# Days after an event (or after feedback is closed) that residents' personal data is kept.
TAPESTRY_PERSONAL_DATA_RETENTION_DAYS = env_int("TAPESTRY_PERSONAL_DATA_RETENTION_DAYS", 180)

if CELERY_BROKER_URL == "filesystem://":
    # The filesystem transport has no host; kombu warns about it on every connection.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}

# Content-Security-Policy (django-csp), on every response. Scripts only from Tapestry's own
# static files or with the response's nonce (cms/csp.py gives Wagtail's inline scripts theirs),
# never 'unsafe-inline'. Styles may be inline: Wagtail's and wagtail-localize's bundled libraries
# insert <style> elements at run time and cannot be given a nonce (CSS cannot run code). Nothing
# frames Tapestry but Tapestry (Wagtail's preview panel); the frames it opens: itself, the
# frontend's preview route, and TAPESTRY_CSP_FRAME_SRC (e.g. the video sites of embeds in the
# built-in preview). No plugins, no <base>, forms post only here. Images also as data: and
# blob: URLs (Wagtail's icons, the upload previews); media from MEDIA_URL's host if it has one.
# TAPESTRY_CSP_REPORT_ONLY sends the policy as Content-Security-Policy-Report-Only instead, to
# try a change on a live site; TAPESTRY_CSP_REPORT_URI is where browsers then report violations.
TAPESTRY_CSP_REPORT_ONLY = env_bool("TAPESTRY_CSP_REPORT_ONLY", False)
TAPESTRY_CSP_REPORT_URI = env_str("TAPESTRY_CSP_REPORT_URI", "")
TAPESTRY_CSP_FRAME_SRC = env_list("TAPESTRY_CSP_FRAME_SRC")


def _origin(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


_CSP_DIRECTIVES = {
    "default-src": [CSP_SELF],
    "script-src": [CSP_SELF, CSP_NONCE],
    # No event-handler attributes, but the one Wagtail's focal point editor (Jcrop) sets to test
    # for touch support: ontouchstart="return;".
    "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
    "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
    "img-src": [CSP_SELF, "data:", "blob:", *_origin(MEDIA_URL)],
    "media-src": [CSP_SELF, *_origin(MEDIA_URL)],
    "font-src": [CSP_SELF],
    "connect-src": [CSP_SELF],
    "frame-src": [CSP_SELF, *_origin(TAPESTRY_PREVIEW_URL), *TAPESTRY_CSP_FRAME_SRC],
    "frame-ancestors": [CSP_SELF],
    "object-src": [CSP_NONE],
    "base-uri": [CSP_SELF],
    "form-action": [CSP_SELF],
}
if TAPESTRY_CSP_REPORT_URI:
    _CSP_DIRECTIVES["report-uri"] = TAPESTRY_CSP_REPORT_URI
if TAPESTRY_CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# No request from editors' browsers to releases.wagtail.org (which the policy would refuse):
# Wagtail upgrades come through requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors' avatars come from Wagtail's own uploads: no request to Gravatar, which would hand
# it a hash of each editor's address (and which mainland China often cannot reach).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
