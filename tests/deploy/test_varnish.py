"""deploy/varnish/default.vcl in a real varnishd: what it caches, what it never caches, and
purging by surrogate key with tasks.services.http_cache.varnish_purge."""

import http.client
import subprocess
import time
import uuid
from urllib.parse import urlencode

import pytest
import requests
from django.test import override_settings

from tasks.services.http_cache import CachePurgeError, varnish_purge
from tests.deploy.conftest import VCL_DIR, free_port, site_vcl

pytestmark = pytest.mark.urls("tests.deploy.varnish_backend")

CACHEABLE = "public, max-age=60, stale-while-revalidate=30"


def graphql(varnish, path="graphql/", base=None, headers=None, method="GET", **params):
    """A request through Varnish to the test backend; every test passes its own `t` so that
    no two tests share a cached object."""
    params.setdefault("cc", CACHEABLE)
    url = (base or varnish.url) + path + "?" + urlencode(params)
    response = requests.request(method, url, headers=headers or {}, timeout=10)
    assert response.status_code == 200, response.text
    return response


def answer(response) -> int:
    return response.json()["answer"]


def unique() -> str:
    return uuid.uuid4().hex[:12]


def test_a_cacheable_get_is_a_miss_then_a_hit(varnish):
    t = unique()
    first = graphql(varnish, t=t, keys=f"page-1 list-{t}")
    second = graphql(varnish, t=t, keys=f"page-1 list-{t}")

    assert first.headers["X-Cache"] == "MISS"
    assert second.headers["X-Cache"] == "HIT"
    assert answer(second) == answer(first)
    # Keys are Varnish's own; Cache-Tag is left for a CDN in front.
    assert "Surrogate-Key" not in second.headers
    assert "xkey" not in second.headers
    assert second.headers["Cache-Tag"] == f"page-1,list-{t}"


def test_head_and_reordered_parameters_are_served_from_the_same_copy(varnish):
    t = unique()
    first = graphql(varnish, t=t, a="1", b="2")
    head = requests.head(
        f"{varnish.url}graphql/?{urlencode({'cc': CACHEABLE, 't': t, 'a': 1, 'b': 2})}", timeout=10
    )
    reordered = requests.get(
        f"{varnish.url}graphql/?{urlencode({'b': 2, 'a': 1, 't': t, 'cc': CACHEABLE})}", timeout=10
    )

    assert first.headers["X-Cache"] == "MISS"
    assert head.headers["X-Cache"] == "HIT"
    assert reordered.headers["X-Cache"] == "HIT"
    assert answer(reordered) == answer(first)


def test_anonymous_cookies_are_dropped_and_share_the_cached_copy(varnish):
    t = unique()
    first = graphql(varnish, t=t, headers={"Cookie": "csrftoken=abc; _ga=GA1.1"})
    second = graphql(varnish, t=t, headers={"Cookie": "csrftoken=def"})

    assert first.json()["cookies"] == []  # the backend never saw them
    assert second.headers["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "headers",
    [{"Cookie": "csrftoken=abc; sessionid=editor"}, {"Authorization": "Bearer token"}],
    ids=["session-cookie", "authorization"],
)
def test_a_signed_in_request_is_never_served_from_cache(varnish, headers):
    t = unique()
    graphql(varnish, t=t)
    assert graphql(varnish, t=t).headers["X-Cache"] == "HIT"

    signed_in = graphql(varnish, t=t, headers=headers)

    assert signed_in.headers["X-Cache"] == "PASS"
    body = signed_in.json()
    assert "sessionid" in body["cookies"] or body["authorization"]
    # ... and what it was answered is not cached for anyone else either.
    assert graphql(varnish, t=t).headers["X-Cache"] == "HIT"
    assert answer(graphql(varnish, t=t)) != answer(signed_in)


@pytest.mark.parametrize(
    "params",
    [
        {"cc": "no-store"},
        {"cc": "private, max-age=60"},
        {"cc": "public, max-age=60, no-cache"},
        {"cc": CACHEABLE, "set_cookie": "1"},
        {"cc": ""},  # no Cache-Control: Varnish's default TTL must not apply
    ],
    ids=["no-store", "private", "no-cache", "set-cookie", "no-cache-control"],
)
def test_responses_the_backend_does_not_mark_shareable_are_not_cached(varnish, params):
    t = unique()
    first = graphql(varnish, t=t, **params)
    second = graphql(varnish, t=t, **params)

    assert second.headers["X-Cache"] != "HIT"
    assert answer(second) != answer(first)


def test_only_graphql_and_public_images_are_cached(varnish):
    t = unique()
    image = [graphql(varnish, path="media/images/a.jpg", t=t) for _ in range(2)]
    admin = [graphql(varnish, path="admin/pages", t=t) for _ in range(2)]

    assert image[1].headers["X-Cache"] == "HIT"
    assert admin[1].headers["X-Cache"] == "PASS"
    assert answer(admin[1]) != answer(admin[0])


def test_a_post_goes_to_the_backend(varnish):
    t = unique()
    graphql(varnish, t=t)
    posted = graphql(varnish, t=t, method="POST")

    assert posted.headers["X-Cache"] == "PASS"
    assert posted.json()["method"] == "POST"


def test_stale_while_revalidate_serves_the_old_copy_while_fetching_a_new_one(varnish):
    t = unique()
    params = {"t": t, "cc": "public, max-age=1, stale-while-revalidate=30"}
    first = graphql(varnish, **params)
    time.sleep(1.5)

    stale = graphql(varnish, **params)
    deadline = time.monotonic() + 5
    while (fresh := graphql(varnish, **params)).headers["X-Cache"] != "HIT":
        assert time.monotonic() < deadline
        time.sleep(0.05)

    assert stale.headers["X-Cache"] == "HIT-STALE"
    assert answer(stale) == answer(first)
    assert answer(fresh) > answer(first)


def test_varnish_purge_removes_exactly_the_objects_tagged_with_its_keys(varnish):
    t = unique()
    tagged = {"a": f"{t}-k1", "b": f"{t}-k1 {t}-k2", "c": f"{t}-k3"}
    before = {name: graphql(varnish, t=t, n=name, keys=keys) for name, keys in tagged.items()}
    for name, keys in tagged.items():
        assert graphql(varnish, t=t, n=name, keys=keys).headers["X-Cache"] == "HIT"

    with override_settings(VARNISH_PURGE_URLS=[varnish.url]):
        varnish_purge({f"{t}-k1"})

    after = {name: graphql(varnish, t=t, n=name, keys=keys) for name, keys in tagged.items()}
    assert after["a"].headers["X-Cache"] == "MISS"
    assert after["b"].headers["X-Cache"] == "MISS"
    assert after["c"].headers["X-Cache"] == "HIT"
    assert answer(after["c"]) == answer(before["c"])


def test_a_purge_of_many_keys_goes_in_batches_that_varnish_accepts(varnish):
    t = unique()
    graphql(varnish, t=t, keys=f"zz-{t}")
    # ~45 KB of keys: far more than one header may carry; the object's key sorts last.
    keys = {f"list-articles-community-{i:05d}-{t}" for i in range(1000)} | {f"zz-{t}"}

    with override_settings(VARNISH_PURGE_URLS=[varnish.url]):
        varnish_purge(keys)

    assert graphql(varnish, t=t, keys=f"zz-{t}").headers["X-Cache"] == "MISS"


def test_varnish_purge_raises_when_a_varnish_cannot_be_reached_after_purging_the_others(
    varnish,
):
    t = unique()
    graphql(varnish, t=t, keys=t)
    down = f"http://127.0.0.1:{free_port()}/"  # nothing listens there

    with (
        override_settings(VARNISH_PURGE_URLS=[down, varnish.url]),
        pytest.raises(CachePurgeError, match=down),
    ):
        varnish_purge({t})

    assert graphql(varnish, t=t, keys=t).headers["X-Cache"] == "MISS"


def test_purge_is_refused_on_the_public_listener(varnish):
    t = unique()
    graphql(varnish, t=t, keys=t)

    with (
        override_settings(VARNISH_PURGE_URLS=[varnish.public_url]),
        pytest.raises(CachePurgeError, match="403"),
    ):
        varnish_purge({t})

    assert graphql(varnish, t=t, keys=t).headers["X-Cache"] == "HIT"


def test_purge_is_refused_from_an_address_outside_the_acl(varnish):
    """127.0.0.2 is loopback too, but not in the test's ACL (127.0.0.1 only)."""
    t = unique()
    graphql(varnish, t=t, keys=t)

    connection = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, timeout=10, source_address=("127.0.0.2", 0)
    )
    try:
        connection.request("PURGE", "/", headers={"xkey-purge": t})
        status = connection.getresponse().status
    finally:
        connection.close()

    assert status == 403
    assert graphql(varnish, t=t, keys=t).headers["X-Cache"] == "HIT"


def test_a_purge_without_keys_is_refused(varnish):
    response = requests.request("PURGE", varnish.url, timeout=10)

    assert response.status_code == 400


def test_the_compose_site_vcl_compiles_with_default_vcl(varnishd_program, tmp_path):
    """deploy/varnish/site.vcl (compose) with its backend host made resolvable here."""
    compose_site = (VCL_DIR / "site.vcl").read_text()
    assert '.host = "web"' in compose_site
    (tmp_path / "site.vcl").write_text(compose_site.replace('"web"', '"127.0.0.1"'))

    result = subprocess.run(  # noqa: S603 - our varnishd, compiling only
        [
            varnishd_program,
            "-C",
            "-j", "none",  # the compiler reads tmp_path as this user, not as varnish
            "-n", str(tmp_path / "state"),
            # vcl_path before -f: -C compiles as soon as it reads -f.
            "-p", f"vcl_path={tmp_path}:{VCL_DIR}",
            "-f", str(VCL_DIR / "default.vcl"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "VCL compilation failed" not in result.stderr


def test_site_vcl_renders_the_backend_and_the_acl():
    rendered = site_vcl("10.1.2.3", 8000, ["127.0.0.1", "10.0.0.0/8"])

    assert 'backend default { .host = "10.1.2.3"; .port = "8000"; }' in rendered
    assert '"10.0.0.0"/8;' in rendered
