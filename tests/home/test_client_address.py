"""The client's address behind 0, 1 or 2 trusted proxies, and the setting that says how many."""

import subprocess
import sys

import pytest
from django.test import RequestFactory

from home.client_address import client_address
from tests.cms.test_settings import GOOD_SECRET_KEY, PROJECT_DIR


def address(settings, proxies: int, *, remote: str, forwarded: str | None = None) -> str:
    settings.TAPESTRY_TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().post("/graphql/", **meta))


def test_no_trusted_proxy_reads_the_socket_address_only(settings):
    assert address(settings, 0, remote="203.0.113.7", forwarded="198.51.100.1") == "203.0.113.7"
    assert address(settings, 0, remote="203.0.113.7") == "203.0.113.7"


def test_one_proxy_takes_the_address_it_appended(settings):
    # The proxy (10.0.0.2) appended what it saw (203.0.113.7); the client wrote the rest.
    assert address(settings, 1, remote="10.0.0.2", forwarded="203.0.113.7") == "203.0.113.7"
    assert (
        address(settings, 1, remote="10.0.0.2", forwarded="1.1.1.1, 8.8.8.8, 203.0.113.7")
        == "203.0.113.7"
    )


def test_two_proxies_take_the_address_the_outer_one_saw(settings):
    # CDN (appends the client 203.0.113.7) -> load balancer 10.0.0.9 (appends the CDN's
    # 192.0.2.50) -> Tapestry.
    chain = "1.1.1.1, 203.0.113.7, 192.0.2.50"
    assert address(settings, 2, remote="10.0.0.9", forwarded=chain) == "203.0.113.7"


@pytest.mark.parametrize("spoofed", ["1.1.1.1", "8.8.8.8, 9.9.9.9", "unknown", "", "::1"])
def test_the_left_most_hops_never_change_the_answer(settings, spoofed):
    forwarded = f"{spoofed}, 203.0.113.7" if spoofed else "203.0.113.7"
    assert address(settings, 1, remote="10.0.0.2", forwarded=forwarded) == "203.0.113.7"


def test_too_few_hops_give_the_farthest_hop_there_is(settings):
    # Two proxies configured, but the request reached the inner one directly: every hop was
    # written by a proxy it passed, so the left-most is the client.
    assert address(settings, 2, remote="10.0.0.9", forwarded="203.0.113.7") == "203.0.113.7"
    # No header at all: the socket address.
    assert address(settings, 1, remote="203.0.113.7") == "203.0.113.7"


def test_ipv6_and_ports_parse(settings):
    forwarded = "1.1.1.1, [2001:db8::7]:51234"
    assert address(settings, 1, remote="10.0.0.2", forwarded=forwarded) == "2001:db8::7"


def test_no_usable_address_is_none(settings):
    assert address(settings, 0, remote="") is None


# The setting, as a fresh process reads it from the environment.


def proxy_count(tmp_path, **environ: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": GOOD_SECRET_KEY,
        "DATABASE_URL": "postgres://tapestry:secret@db.internal:5432/tapestry",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "STATIC_ROOT": str(tmp_path / "static"),
        **environ,
    }
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "print('PROXIES', settings.TAPESTRY_TRUSTED_PROXY_COUNT)"
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


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, 0),
        ({"TAPESTRY_TRUSTED_PROXY_COUNT": "2"}, 2),
        ({"TAPESTRY_TRUST_X_FORWARDED_FOR": "true"}, 1),  # the older setting: one proxy
        ({"TAPESTRY_TRUST_X_FORWARDED_FOR": "false", "TAPESTRY_TRUSTED_PROXY_COUNT": "1"}, 1),
    ],
)
def test_proxy_count_from_the_environment(tmp_path, environ, expected):
    result = proxy_count(tmp_path, **environ)

    assert result.returncode == 0, result.stderr
    assert f"PROXIES {expected}" in result.stdout


@pytest.mark.parametrize(
    "environ",
    [
        {"TAPESTRY_TRUSTED_PROXY_COUNT": "-1"},
        {"TAPESTRY_TRUSTED_PROXY_COUNT": "one"},
        {"TAPESTRY_TRUST_X_FORWARDED_FOR": "true", "TAPESTRY_TRUSTED_PROXY_COUNT": "2"},
    ],
    ids=["negative", "not a number", "both settings"],
)
def test_a_bad_proxy_count_refuses_to_start(tmp_path, environ):
    result = proxy_count(tmp_path, **environ)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TAPESTRY_TRUSTED_PROXY_COUNT" in result.stderr
