"""The CDN purger and the purgers' settings (tasks/services/http_cache.py); Varnish's own purge
is tested against a real varnishd in tests/deploy/test_varnish.py. Only the outbound HTTP is
stood in for here."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import requests
from django.test import override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend

from tasks.services.http_cache import (
    PURGE_HEADER_MAX_BYTES,
    CachePurgeError,
    frontend_cache_purge,
    purge_header_batches,
    varnish_purge,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
CLOUDFLARE = {
    "cloudflare": {
        "BACKEND": "tasks.services.http_cache.CloudflareTagBackend",
        "ZONEID": "zone-1",
        "BEARER_TOKEN": "secret-token",
    }
}


def cloudflare_answer(status=200, success=True):
    response = mock.Mock(spec=requests.Response)
    response.status_code = status
    response.json.return_value = {
        "success": success,
        "errors": [] if success else [{"code": 1134, "message": "Rate limited"}],
    }
    return response


class URLOnlyBackend(BaseBackend):
    """A CDN backend that, like CloudFront's, can purge only by URL."""

    purged: list[list[str]] = []

    def purge_batch(self, urls) -> None:
        URLOnlyBackend.purged.append(list(urls))


def test_cloudflare_purges_by_tag_100_at_a_time():
    tags = {f"page-{i}" for i in range(150)}
    with (
        override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE),
        mock.patch.object(requests.Session, "request", return_value=cloudflare_answer()) as request,
    ):
        frontend_cache_purge(tags)

    calls = request.call_args_list
    assert [(call.kwargs["method"].upper(), call.kwargs["url"]) for call in calls] == [
        ("POST", "https://api.cloudflare.com/client/v4/zones/zone-1/purge_cache")
    ] * 2
    sent = [call.kwargs["json"]["tags"] for call in calls]
    assert [len(chunk) for chunk in sent] == [100, 50]
    assert set(sent[0] + sent[1]) == tags
    assert calls[0].kwargs["headers"]["Authorization"] == "Bearer secret-token"


@pytest.mark.parametrize(
    "answer",
    [cloudflare_answer(429, success=False), cloudflare_answer(200, success=False)],
    ids=["rate-limited", "refused"],
)
def test_a_cloudflare_refusal_raises_so_the_task_retries(answer):
    with (
        override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE),
        mock.patch.object(requests.Session, "request", return_value=answer),
        pytest.raises(CachePurgeError, match="Rate limited"),
    ):
        frontend_cache_purge({"page-1"})


def test_cloudflare_unreachable_raises():
    with (
        override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE),
        mock.patch.object(
            requests.Session, "request", side_effect=requests.ConnectionError("no route")
        ),
        pytest.raises(CachePurgeError, match="no route"),
    ):
        frontend_cache_purge({"page-1"})


def test_a_cdn_without_tags_invalidates_every_graphql_response():
    URLOnlyBackend.purged.clear()
    backends = {"cdn": {"BACKEND": f"{__name__}.URLOnlyBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        frontend_cache_purge({"page-1", "image-9"})

    assert URLOnlyBackend.purged == [["/graphql/*"]]


def test_nothing_to_purge_sends_nothing():
    with (
        override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE, VARNISH_PURGE_URLS=["http://v/"]),
        mock.patch.object(requests.Session, "request") as request,
    ):
        frontend_cache_purge(set())
        varnish_purge(set())

    request.assert_not_called()


@pytest.mark.parametrize("tag", ["two words", "a,b", "line\nbreak", "", "页面-1"])
def test_a_tag_that_would_name_other_keys_is_refused(tag):
    with (
        override_settings(VARNISH_PURGE_URLS=["http://v/"]),
        mock.patch.object(requests.Session, "request") as request,
        pytest.raises(ValueError, match="not a cache tag"),
    ):
        varnish_purge({"page-1", tag})

    request.assert_not_called()


def test_varnish_keys_are_split_into_headers_of_bounded_size():
    keys = [f"list-articles-{i:04d}" for i in range(1000)]

    batches = purge_header_batches(keys)

    assert len(batches) > 1
    assert all(len(batch.encode()) <= PURGE_HEADER_MAX_BYTES for batch in batches)
    assert " ".join(batches).split() == keys
    assert purge_header_batches(["x" * 5000, "y"]) == ["x" * 5000, "y"]


def load_purger_settings(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess:
    """Production settings in a fresh interpreter with only `environ` (and what they need)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 50,
        "DATABASE_URL": "postgres://tapestry@db.internal:5432/tapestry",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "HOME": str(tmp_path),
        "TAPESTRY_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **environ,
    }
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'purgers': settings.TAPESTRY_HTTP_CACHE_PURGERS, "
        "'backends': {k: v['BACKEND'] for k, v in settings.WAGTAILFRONTENDCACHE.items()}, "
        "'urls': settings.VARNISH_PURGE_URLS}))"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_no_cache_configured_means_no_http_cache_purgers(tmp_path):
    result = load_purger_settings(tmp_path)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"purgers": [], "backends": {}, "urls": []}


def test_varnish_and_cloudflare_from_the_environment(tmp_path):
    result = load_purger_settings(
        tmp_path,
        VARNISH_PURGE_URLS="http://varnish-a:6082/, http://varnish-b:6082/",
        CLOUDFLARE_ZONE_ID="zone-1",
        CLOUDFLARE_API_TOKEN="token",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "purgers": [
            "tasks.services.http_cache.varnish_purge",
            "tasks.services.http_cache.frontend_cache_purge",
        ],
        "backends": {"cloudflare": "tasks.services.http_cache.CloudflareTagBackend"},
        "urls": ["http://varnish-a:6082/", "http://varnish-b:6082/"],
    }


def test_half_a_cloudflare_configuration_is_refused(tmp_path):
    result = load_purger_settings(tmp_path, CLOUDFLARE_ZONE_ID="zone-1")

    assert result.returncode != 0
    assert "Set both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN" in result.stderr


def test_cloudfront_from_the_environment_needs_boto3(tmp_path):
    result = load_purger_settings(tmp_path, CLOUDFRONT_DISTRIBUTION_ID="E123")

    if importlib.util.find_spec("boto3") is None:
        assert result.returncode != 0
        assert "CLOUDFRONT_DISTRIBUTION_ID needs boto3" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["backends"] == {
            "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend"
        }
