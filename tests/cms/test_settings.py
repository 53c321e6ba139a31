"""Settings modules as a fresh process imports them, with only the environment given."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

from home.redis_client import PrimaryConnection, SentinelConnectionPool

PROJECT_DIR = Path(__file__).resolve().parents[2]
GOOD_SECRET_KEY = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50))
DATABASE_URL = "postgres://tapestry:secret@db.internal:5432/tapestry"
REDIS_URL = "redis://redis.internal:6379/0"
# Loads the settings (and nothing that needs a live database or Redis).
LOAD_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "print('DEBUG', settings.DEBUG); print('LANGUAGES', [c for c, _ in settings.LANGUAGES])"
)


def run_settings(
    module: str, tmp_path: Path, script: str = LOAD_SETTINGS, **environ: str
) -> subprocess.CompletedProcess:
    """Import `module` in a new interpreter whose environment holds only `environ`, and run
    `script` there."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": module,
        "TAPESTRY_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **environ,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production(
    tmp_path: Path, script: str = LOAD_SETTINGS, **environ: str | None
) -> subprocess.CompletedProcess:
    """Production settings with a good secret key, a database and Redis, and `environ` (None
    removes a variable)."""
    defaults = {"SECRET_KEY": GOOD_SECRET_KEY, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}
    environ = {**defaults, **environ}
    return run_settings(
        "cms.settings.production",
        tmp_path,
        script,
        **{name: value for name, value in environ.items() if value is not None},
    )


def test_production_starts_with_its_environment(tmp_path):
    result = production(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = production(tmp_path, SECRET_KEY=None)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        "",
        "short-key",
        "insecure-development-key-change-me",
        "insecure-" + GOOD_SECRET_KEY,
    ],
    ids=["empty", "short", "development default", "insecure prefix"],
)
def test_production_refuses_a_weak_secret_key(tmp_path, secret_key):
    result = production(tmp_path, SECRET_KEY=secret_key)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_backing_services(tmp_path, missing):
    result = production(tmp_path, **{missing: None})

    assert result.returncode != 0
    assert missing in result.stderr


def test_production_makes_no_embedded_state(tmp_path):
    production(tmp_path)

    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("locales", ["zh-hans,klingon", "en,fr", "xx"])
def test_unknown_target_locale_is_refused(tmp_path, locales):
    result = production(tmp_path, TAPESTRY_TARGET_LOCALES=locales)

    assert result.returncode != 0
    assert "TAPESTRY_TARGET_LOCALES" in result.stderr


def test_target_locales_from_the_environment(tmp_path):
    result = production(tmp_path, TAPESTRY_TARGET_LOCALES="zh-hans, ja")

    assert result.returncode == 0, result.stderr
    assert "LANGUAGES ['en', 'zh-hans', 'ja']" in result.stdout


def test_embedded_default_needs_no_environment(tmp_path):
    result = run_settings("cms.settings.dev", tmp_path)

    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout
    assert (tmp_path / "var" / "broker" / "queue").is_dir()


# Values of the settings a module computes, as a fresh process sees them.
SHOW_SETTINGS = (
    "import django, json, sys; from django.conf import settings; django.setup(); "
    "print(json.dumps({name: getattr(settings, name, None) for name in sys.argv[1:]}, "
    "default=str))"
)


def settings_values(module: str, tmp_path: Path, names: list[str], **environ: str) -> dict:
    if module == "cms.settings.production":
        environ = {"SECRET_KEY": GOOD_SECRET_KEY, "DATABASE_URL": DATABASE_URL, **environ}
        environ.setdefault("REDIS_URL", REDIS_URL)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": module,
        "TAPESTRY_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **environ,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", SHOW_SETTINGS, *names],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


CSP = ["CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"]


@pytest.mark.parametrize("module", ["cms.settings.production", "cms.settings.dev"])
def test_the_policy_is_enforced_by_default(tmp_path, module):
    values = settings_values(module, tmp_path, CSP)

    assert values["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]


def test_the_policy_can_be_tried_in_report_only_mode(tmp_path):
    values = settings_values(
        "cms.settings.production",
        tmp_path,
        CSP,
        TAPESTRY_CSP_REPORT_ONLY="true",
        TAPESTRY_CSP_REPORT_URI="https://csp.example.org/report",
    )

    assert values["CONTENT_SECURITY_POLICY"] is None
    directives = values["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]
    assert directives["report-uri"] == "https://csp.example.org/report"
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_frontends_preview_route_may_be_framed(tmp_path):
    values = settings_values(
        "cms.settings.production",
        tmp_path,
        CSP,
        TAPESTRY_PREVIEW_URL="https://www.example.org/preview?from=cms",
        TAPESTRY_CSP_FRAME_SRC="https://player.youku.com",
    )

    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["frame-src"] == [
        "'self'",
        "https://www.example.org",
        "https://player.youku.com",
    ]


HSTS = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"]


def test_production_asks_browsers_for_https_for_a_year(tmp_path):
    values = settings_values("cms.settings.production", tmp_path, HSTS)

    assert values == {
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_hsts_subdomains_and_preload_are_switches(tmp_path):
    values = settings_values(
        "cms.settings.production",
        tmp_path,
        HSTS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    )

    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is True


def test_production_requires_two_factor_of_the_desk_and_superusers(tmp_path):
    names = ["TAPESTRY_2FA_REQUIRED_GROUPS", "TAPESTRY_2FA_REQUIRE_SUPERUSERS"]

    assert settings_values("cms.settings.production", tmp_path, names) == {
        "TAPESTRY_2FA_REQUIRED_GROUPS": ["CNS Editorial Desk"],
        "TAPESTRY_2FA_REQUIRE_SUPERUSERS": True,
    }
    assert settings_values("cms.settings.dev", tmp_path, names) == {
        "TAPESTRY_2FA_REQUIRED_GROUPS": [],
        "TAPESTRY_2FA_REQUIRE_SUPERUSERS": False,
    }


def test_the_deploy_check_is_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": GOOD_SECRET_KEY,
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# Read replicas and PgBouncer (home/replicas.py) ---------------------------------------------
DATABASES_PRINTED = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({alias: [db['HOST'], db['PORT'], db.get('DISABLE_SERVER_SIDE_CURSORS'), "
    "db['TEST']['MIRROR']] for alias, db in settings.DATABASES.items()})); "
    "print(json.dumps([settings.DATABASE_ROUTERS, settings.TAPESTRY_LOCK_DATABASE, "
    "settings.TAPESTRY_CACHE_PURGERS[0]]))"
)


def databases_of(tmp_path: Path, **environ: str):
    return production(tmp_path, DATABASES_PRINTED, **environ)


def test_replicas_become_aliases_read_through_the_router(tmp_path):
    result = databases_of(
        tmp_path,
        DATABASE_REPLICA_URLS="postgres://r@replica-a:5432/tapestry, postgres://r@replica-b/tapestry",
    )
    assert result.returncode == 0, result.stderr
    databases, (routers, lock_database, first_purger) = map(
        json.loads, result.stdout.strip().splitlines()
    )
    assert databases == {
        "default": ["db.internal", 5432, False, None],
        "replica1": ["replica-a", 5432, False, "default"],
        "replica2": ["replica-b", "", False, "default"],
    }
    assert routers == ["home.replicas.ReplicaRouter"]
    assert lock_database == "default"
    assert first_purger == "home.replicas.raise_watermark"


def test_without_replicas_nothing_is_routed(tmp_path):
    result = databases_of(tmp_path)
    assert result.returncode == 0, result.stderr
    databases, (routers, lock_database, first_purger) = map(
        json.loads, result.stdout.strip().splitlines()
    )
    assert list(databases) == ["default"]
    assert routers == [] and lock_database == "default"
    assert first_purger == "schema.core.response_cache.purge"


def test_transaction_pooling_takes_its_locks_straight_to_postgresql(tmp_path):
    result = databases_of(
        tmp_path,
        DATABASE_POOL_MODE="transaction",
        DATABASE_DIRECT_URL="postgres://tapestry:secret@db-direct.internal:5432/tapestry",
    )
    assert result.returncode == 0, result.stderr
    databases, (_routers, lock_database, _purger) = map(
        json.loads, result.stdout.strip().splitlines()
    )
    assert databases["default"][2] is True  # no server-side cursors through the pooler
    assert databases["direct"][0] == "db-direct.internal"
    assert lock_database == "direct"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"DATABASE_POOL_MODE": "transaction"}, "DATABASE_DIRECT_URL"),
        ({"DATABASE_POOL_MODE": "statement"}, "DATABASE_POOL_MODE must be session or transaction"),
    ],
)
def test_pooling_settings_that_cannot_work_are_refused(tmp_path, environ, message):
    result = databases_of(tmp_path, **environ)
    assert result.returncode != 0
    assert message in result.stderr


# Redis through Sentinel (cms/settings/redis.py) ---------------------------------------------
REDIS_PRINTED = (
    "import django, json; from django.conf import settings; django.setup(); "
    "cache = settings.CACHES['default']; "
    "print(json.dumps([settings.REDIS_URL, settings.CELERY_BROKER_URL, "
    "settings.CELERY_BROKER_TRANSPORT_OPTIONS, cache['LOCATION'], cache['OPTIONS'], "
    "settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL, settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE, "
    "settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_SENTINEL]))"
)
SENTINELS = "sentinel-0.redis:26379, sentinel-1.redis:26380,sentinel-2.redis"


def redis_of(tmp_path: Path, **environ: str | None):
    """The Redis settings production derives from `environ` (None removes a variable)."""
    return production(tmp_path, REDIS_PRINTED, **environ)


def test_production_reaches_redis_through_the_sentinels_alone(tmp_path):
    result = redis_of(tmp_path, REDIS_URL=None, REDIS_SENTINELS=SENTINELS)

    assert result.returncode == 0, result.stderr
    url, broker, transport, location, options, response_url, response_on, response_sentinel = (
        json.loads(result.stdout)
    )
    assert url == location == response_url == "redis://mymaster/0"
    assert broker == (
        "sentinel://sentinel-0.redis:26379/0;sentinel://sentinel-1.redis:26380/0;"
        "sentinel://sentinel-2.redis:26379/0"
    )
    assert transport["master_name"] == "mymaster"
    assert transport["visibility_timeout"] > 0  # kept
    assert "password" not in transport["sentinel_kwargs"]
    assert options["pool_class"] == "home.redis_client.SentinelConnectionPool"
    assert options["service_name"] == "mymaster"
    assert options["sentinels"] == [
        ["sentinel-0.redis", 26379],
        ["sentinel-1.redis", 26380],
        ["sentinel-2.redis", 26379],
    ]
    assert response_on is True
    assert response_sentinel["sentinels"] == options["sentinels"]


def test_redis_url_gives_the_database_and_passwords_through_the_sentinels(tmp_path):
    result = redis_of(
        tmp_path,
        REDIS_URL="redis://:p%40ss@mymaster/3",
        REDIS_SENTINELS="10.0.0.5:26379,[fd00::6]:26379",
        REDIS_SENTINEL_MASTER="tapestry",
        REDIS_SENTINEL_PASSWORD="sentinel-secret",
    )

    assert result.returncode == 0, result.stderr
    _url, broker, transport, location, options, *_ = json.loads(result.stdout)
    assert broker == "sentinel://:p%40ss@10.0.0.5:26379/3;sentinel://:p%40ss@[fd00::6]:26379/3"
    assert transport["master_name"] == options["service_name"] == "tapestry"
    assert transport["sentinel_kwargs"]["password"] == "sentinel-secret"
    assert options["sentinel_kwargs"]["password"] == "sentinel-secret"
    assert location == "redis://:p%40ss@mymaster/3"


def test_without_sentinels_redis_is_reached_at_its_url(tmp_path):
    result = redis_of(tmp_path)

    assert result.returncode == 0, result.stderr
    url, broker, transport, location, options, _response_url, _on, response_sentinel = json.loads(
        result.stdout
    )
    assert url == broker == location == REDIS_URL
    assert "master_name" not in transport
    assert "pool_class" not in options
    assert response_sentinel is None


def test_a_response_cache_of_its_own_is_reached_at_its_address(tmp_path):
    result = redis_of(
        tmp_path,
        REDIS_SENTINELS=SENTINELS,
        TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL="redis://response-cache.internal:6379/0",
    )

    assert result.returncode == 0, result.stderr
    *_, response_url, _on, response_sentinel = json.loads(result.stdout)
    assert response_url == "redis://response-cache.internal:6379/0"
    assert response_sentinel is None


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"REDIS_SENTINELS": "sentinel-0:port"}, "REDIS_SENTINELS: 'sentinel-0:port'"),
        (
            {"REDIS_SENTINELS": SENTINELS, "REDIS_URL": "rediss://:secret@mymaster/0"},
            "TLS through Sentinel is not supported",
        ),
        (
            {"CELERY_BROKER_URL": "sentinel://sentinel-0:26379/0"},
            "A sentinel:// CELERY_BROKER_URL needs REDIS_SENTINELS",
        ),
    ],
    ids=["bad address", "tls", "sentinel broker alone"],
)
def test_sentinel_settings_that_cannot_work_are_refused(tmp_path, environ, message):
    result = redis_of(tmp_path, **environ)

    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_without_redis_nor_sentinels(tmp_path):
    result = redis_of(tmp_path, REDIS_URL=None)

    assert result.returncode != 0
    assert "REDIS_URL or REDIS_SENTINELS" in result.stderr


def test_the_sentinel_pool_takes_the_database_and_password_from_the_url():
    pool = SentinelConnectionPool.from_url(
        "redis://:p%40ss@ignored-host:6379/3",
        sentinels=[("127.0.0.1", 26379)],
        service_name="tapestry",
        sentinel_kwargs={"socket_timeout": 2},
        socket_timeout=2,
    )

    assert pool.service_name == "tapestry"
    assert pool.connection_kwargs["db"] == 3
    assert pool.connection_kwargs["password"] == "p@ss"
    assert "host" not in pool.connection_kwargs
    assert pool.connection_class is PrimaryConnection
    assert pool.sentinel_manager.sentinels[0].connection_pool.connection_kwargs["port"] == 26379
