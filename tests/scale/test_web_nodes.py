"""Two stateless web nodes: Tapestry as operators run it past one machine, over real HTTP.

Two gunicorn web nodes, A and B, configured identically (tests/scale/node_settings.py) against
one PostgreSQL (a private cluster seeded from this test process's database), this process's
Redis database and one object store (moto's S3 server); a worker, a publisher and beat against
the same; Varnish (deploy/varnish/default.vcl) in front of B, purged by the worker. Each node has
a temporary folder and a media folder of its own, as pods have.

Varnish is in front of B only, not of both behind a round-robin director: every request to its
public listener that is not a hit is then B's, so "published through A, read fresh through B" is
what each journey asserts, not what a coin toss may show. The node logs (one access-log line a
request) say which node answered what.

An editor, as one browser with one cookie jar: logs into the admin through A and stays logged
in through B, where a form taken from A (A's CSRF token) saves a draft; publishes through A and
reads the page fresh through Varnish and B once the worker's purge reached Varnish; schedules a
change through A, which beat and the publisher put live and B then serves; previews a change
posted to A in B's preview panel, whose token B's GraphQL takes; uploads an
image through A, which B's GraphQL serves from the object store, its renditions made by the
worker; imports redirects with the upload on A and the second step on B. Counters and documents
are shared too: a rate limit counts requests to both nodes, and an Automatic Persisted Query
stored through A runs by its hash alone on B.
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from bs4 import BeautifulSoup
from django.conf import settings
from PIL import Image as PILImage

from home.images import rendition_specs
from tests.deploy.conftest import Varnish, varnishd_running
from tests.object_storage import BUCKET, s3_environ
from tests.scale.node_settings import FEEDBACK_STATUS_LIMIT
from tests.scale.postgres import Cluster, database_copy, primary_create, server_folder
from tests.scale.web_node import ROOT, WebNode, free_port
from tests.tasks.celery_processes import CeleryProcesses, wait_until, worker_database_url

# django_db: pytest-django makes the test database (which the cluster is seeded from) only for
# modules that ask for one.
pytestmark = [pytest.mark.scale, pytest.mark.django_db]

DATABASE = "tapestry"
EDITOR = "nodes-editor"
PASSWORD = "nodes-editor-password-1"
TIMEOUT = 60
HOME = '{ page(path: "/", locale: "en") { id title } }'
COMMUNITY = """{ community(slug: "huacao-town", locale: "en") {
  heroImage { url width height rendition(size: SMALL) { url width height } }
} }"""
PREVIEW = "query($token: String!) { preview(token: $token) { title } }"
FEEDBACK_STATUS = "query($token: String!) { feedbackStatus(token: $token) { status } }"


@dataclass
class Nodes:
    a: WebNode
    b: WebNode
    varnish: Varnish
    workers: CeleryProcesses
    primary: Cluster
    media_url: str
    disks: dict[str, Path]

    @property
    def a_url(self) -> str:
        return self.a.url

    @property
    def b_url(self) -> str:
        """B, as everyone reaches it: through Varnish's public listener."""
        return self.varnish.public_url.rstrip("/")

    def query(self, sql: str, params=()):
        return self.primary.query(sql, params, database=DATABASE)


def _manage(env: dict, *args: str) -> None:
    """A management command with the nodes' settings, as an operator runs one."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def nodes(tmp_path_factory, django_db_setup, django_db_blocker, s3_endpoint, varnishd_program):
    logs = tmp_path_factory.mktemp("web-nodes")
    with django_db_blocker.unblock():
        source = worker_database_url()
    disks = {name: logs / f"{name}-disk" for name in ("a", "b", "worker")}
    for disk in disks.values():
        (disk / "tmp").mkdir(parents=True)
    folder = server_folder()
    primary = primary_create(folder / "primary", free_port())
    stack = ExitStack()
    started: list = []
    try:
        database_copy(source, primary, DATABASE)
        b_port = free_port()
        (logs / "varnish").mkdir()
        varnish = stack.enter_context(varnishd_running(varnishd_program, b_port, logs / "varnish"))
        shared = {
            "DJANGO_SETTINGS_MODULE": "tests.scale.node_settings",
            "DATABASE_URL": primary.url(DATABASE),
            "REDIS_URL": settings.REDIS_URL,
            **s3_environ(s3_endpoint),
            "VARNISH_PURGE_URLS": varnish.url,
            # Only a purge makes a cached answer fresh before an hour is out.
            "TAPESTRY_GRAPHQL_MAX_AGE": "3600",
        }

        def own_disk(name: str) -> dict:
            return {"TMPDIR": str(disks[name] / "tmp"), "TAPESTRY_NODE_DISK": str(disks[name])}

        setup_env = {**shared, **own_disk("worker")}
        _manage(setup_env, "media_bucket_policy", "--apply")
        _manage(
            {**setup_env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR,
            "--email",
            "nodes-editor@example.org",
        )
        workers = CeleryProcesses(logs, **shared, **own_disk("worker"))
        started.append(workers)
        workers.start_worker()
        workers.start_publisher()
        workers.start_beat()
        a = WebNode(logs / "node-a.log", **shared, **own_disk("a"))
        b = WebNode(logs / "node-b.log", port=b_port, **shared, **own_disk("b"))
        started.extend([a, b])
        a.start(timeout=120)
        b.start(timeout=120)
        media_url = f"{s3_endpoint}/{BUCKET}/"
        yield Nodes(a, b, varnish, workers, primary, media_url, disks)
    finally:
        for process in reversed(started):
            process.stop()
        stack.close()
        primary.stop()
        shutil.rmtree(folder, ignore_errors=True)


# An editor's browser: one cookie jar for the one host name the nodes share -------------------


def _form_data(form) -> list[tuple[str, str]]:
    """What a browser submits for `form` (a BeautifulSoup tag) as rendered: every named field
    but buttons and files, checked boxes only, the selected options (else a single select's
    first), never the fields of a formset's empty template."""
    data = []
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data.append((name, field.get_text().removeprefix("\n")))
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and not field.has_attr("multiple"):
                chosen = options[:1]
            data.extend((name, option.get("value", option.get_text())) for option in chosen)
        else:
            kind = (field.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                continue
            if kind in {"checkbox", "radio"}:
                if field.has_attr("checked"):
                    data.append((name, field.get("value", "on")))
                continue
            data.append((name, field.get("value", "")))
    return data


def _changed(data: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """`data` with each named field set to its value (added when the form had none)."""
    kept = [(name, value) for name, value in data if name not in values]
    return kept + list(values.items())


def _form(session: requests.Session, url: str, selector: str) -> list[tuple[str, str]]:
    response = session.get(url, timeout=TIMEOUT, allow_redirects=False)
    assert response.status_code == 200, (url, response.status_code)
    form = BeautifulSoup(response.text, "html.parser").select_one(selector)
    assert form is not None, f"no {selector} at {url}"
    return _form_data(form)


def _logged_in(base_url: str) -> requests.Session:
    """A browser that signed in through the login form at `base_url` (its CSRF token too)."""
    session = requests.Session()
    data = _form(session, f"{base_url}/admin/login/", "form[method=post]")
    response = session.post(
        f"{base_url}/admin/login/",
        data=_changed(data, username=EDITOR, password=PASSWORD, next="/admin/"),
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    assert response.headers["Location"] == "/admin/"
    assert "sessionid" in session.cookies
    return session


def _submitted(response: requests.Response) -> None:
    """An admin form accepted: a redirect, not the form again with its errors."""
    if response.status_code != 302:
        soup = BeautifulSoup(response.text, "html.parser")
        errors = [
            error.get_text(" ", strip=True)
            for error in soup.select(".error-message, .help-critical")
        ]
        pytest.fail(f"{response.status_code}: {errors or response.text[:2000]}")


def _page_id(nodes: Nodes, *, depth: int, slug: str | None = None) -> int:
    """The English page at `depth` (with `slug`, if given) on the nodes' database."""
    ((page_id,),) = nodes.query(
        "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE l.language_code = 'en' AND p.depth = %s AND (%s::text IS NULL OR p.slug = %s)",
        [depth, slug, slug],
    )
    return page_id


def _home_id(nodes: Nodes) -> int:
    return _page_id(nodes, depth=2)


def _graphql(url: str, query: str, variables: dict | None = None) -> requests.Response:
    params = {"query": query}
    if variables:
        params["variables"] = json.dumps(variables)
    response = requests.get(f"{url}/graphql/", params=params, timeout=TIMEOUT)
    assert response.status_code == 200, response.text[:2000]
    return response


def _log(path: Path) -> str:
    return path.read_text(errors="replace")


def _requests_answered(node: WebNode, method: str, path: str, status: int | None = None) -> int:
    """How many requests for `path` (with any query string) the node's access log shows, with
    that status if given."""
    status_pattern = str(status) if status else r"\d{3}"
    pattern = rf'"{method} {re.escape(path)}(?:\?[^"]*)? HTTP/1\.1" {status_pattern} '
    return len(re.findall(pattern, _log(node.log)))


def _answered(node: WebNode, method: str, path: str, count: int, status: int | None = None):
    """The node's log shows `count` such requests: gunicorn logs a request once it has answered
    it, so the line may follow the answer by a moment."""
    wait_until(
        lambda: _requests_answered(node, method, path, status) >= count,
        timeout=TIMEOUT,
        message=f"{node.log.name}: not {count} {method} {path}",
    )
    assert _requests_answered(node, method, path, status) == count


# The journeys -------------------------------------------------------------------------------


def test_logged_in_through_a_and_still_through_b_where_a_form_from_a_saves(nodes):
    anonymous = requests.get(f"{nodes.b_url}/admin/", timeout=TIMEOUT, allow_redirects=False)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/admin/login/")

    editor = _logged_in(nodes.a_url)
    _answered(nodes.a, "POST", "/admin/login/", 1)
    assert _requests_answered(nodes.b, "POST", "/admin/login/") == 0

    # The same cookies on B: the dashboard, signed in.
    dashboard = editor.get(f"{nodes.b_url}/admin/", timeout=TIMEOUT, allow_redirects=False)
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.text
    assert dashboard.headers["X-Cache"] == "PASS"
    _answered(nodes.b, "GET", "/admin/", 1, status=200)

    # A form rendered by A (its CSRF token) posted to B: a draft saved.
    home = _home_id(nodes)
    intro = f"Welcome, saved through B {uuid.uuid4().hex[:6]}"
    form = _form(editor, f"{nodes.a_url}/admin/pages/{home}/edit/", "#page-edit-form")
    _submitted(
        editor.post(
            f"{nodes.b_url}/admin/pages/{home}/edit/",
            data=_changed(form, intro=intro),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )
    _answered(nodes.b, "POST", f"/admin/pages/{home}/edit/", 1)
    # ... which A shows in the editor's next form.
    again = _form(editor, f"{nodes.a_url}/admin/pages/{home}/edit/", "#page-edit-form")
    assert ("intro", intro) in again


def _purges_with_objects(nodes: Nodes) -> int:
    """The worker's Varnish purges that removed at least one object so far."""
    return len(re.findall(r"Varnish \S+: purged [1-9]\d* objects", _log(nodes.workers.worker_log)))


def test_published_through_a_is_fresh_through_varnish_and_b(nodes):
    home = _home_id(nodes)
    before = _graphql(nodes.b_url, HOME).json()["data"]["page"]["title"]
    cached = _graphql(nodes.b_url, HOME)
    assert cached.headers["X-Cache"] == "HIT"
    assert cached.json()["data"]["page"]["title"] == before
    _answered(nodes.b, "GET", "/graphql/", 1)  # the miss; the hit was Varnish's own
    purges = _purges_with_objects(nodes)

    editor = _logged_in(nodes.a_url)
    title = f"Shanghai international communities {uuid.uuid4().hex[:6]}"
    form = _form(editor, f"{nodes.a_url}/admin/pages/{home}/edit/", "#page-edit-form")
    _submitted(
        editor.post(
            f"{nodes.a_url}/admin/pages/{home}/edit/",
            data=_changed(form, title=title, **{"action-publish": "action-publish"}),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )
    assert nodes.query("SELECT title, live FROM wagtailcore_page WHERE id = %s", [home]) == [
        (title, True)
    ]

    # The worker purged Varnish (and the response cache before it): the next read is B's, fresh.
    wait_until(
        lambda: _purges_with_objects(nodes) > purges,
        timeout=TIMEOUT,
        message=f"no purge reached Varnish:\n{_log(nodes.workers.worker_log)[-3000:]}",
    )
    fresh = _graphql(nodes.b_url, HOME)
    assert fresh.headers["X-Cache"] == "MISS"
    assert fresh.json()["data"]["page"]["title"] == title
    _answered(nodes.b, "GET", "/graphql/", 2)

    # One publish sends several purges; whichever of them each read follows, it never serves
    # the old title, and once they are done Varnish keeps the new one.
    def cached_fresh() -> bool:
        again = _graphql(nodes.b_url, HOME)
        assert again.json()["data"]["page"]["title"] == title
        return again.headers["X-Cache"] == "HIT"

    wait_until(cached_fresh, timeout=TIMEOUT, interval=0.5, message="Varnish never kept it")
    assert _requests_answered(nodes.a, "GET", "/graphql/") == 0


def test_a_preview_posted_to_a_is_shown_by_b_whose_graphql_takes_its_token(nodes):
    events = _page_id(nodes, depth=3, slug="events")
    editor = _logged_in(nodes.a_url)
    title = f"What's on this week {uuid.uuid4().hex[:6]}"
    form = _form(editor, f"{nodes.a_url}/admin/pages/{events}/edit/", "#page-edit-form")
    # The editor's unsaved form goes to A, which keeps it in the session ...
    posted = editor.post(
        f"{nodes.a_url}/admin/pages/{events}/edit/preview/",
        data=_changed(form, title=title),
        timeout=TIMEOUT,
    )
    assert posted.status_code == 200, posted.text[:2000]
    assert posted.json()["is_valid"] is True
    # ... and the preview panel's request reaches B, which renders it and hands out a token.
    shown = editor.get(
        f"{nodes.b_url}/admin/pages/{events}/edit/preview/",
        params={"mode": "frontend"},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert shown.status_code == 200, shown.text[:2000]
    token = BeautifulSoup(shown.text, "html.parser").select_one("#preview-token").get_text()
    preview = requests.post(
        f"{nodes.b_url}/graphql/",
        json={"query": PREVIEW, "variables": {"token": token}},
        timeout=TIMEOUT,
    )
    assert preview.status_code == 200, preview.text[:2000]
    assert preview.json()["data"]["preview"]["title"] == title
    _answered(nodes.b, "GET", f"/admin/pages/{events}/edit/preview/", 1, status=200)
    # A preview, not a save.
    assert nodes.query("SELECT title FROM wagtailcore_page WHERE id = %s", [events]) != [(title,)]


def test_scheduled_through_a_goes_live_by_beat_and_the_publisher_and_b_serves_it(nodes):
    news = _page_id(nodes, depth=3, slug="news")
    path_query = '{ page(path: "/news/", locale: "en") { title } }'
    before = _graphql(nodes.b_url, path_query).json()["data"]["page"]["title"]
    editor = _logged_in(nodes.a_url)
    title = f"News and policy {uuid.uuid4().hex[:6]}"
    # Ahead by more than a slow request takes, in the editor's zone (Asia/Shanghai), as the
    # admin's field takes it.
    go_live = datetime.now(ZoneInfo(settings.TIME_ZONE)) + timedelta(seconds=20)
    form = _form(editor, f"{nodes.a_url}/admin/pages/{news}/edit/", "#page-edit-form")
    _submitted(
        editor.post(
            f"{nodes.a_url}/admin/pages/{news}/edit/",
            data=_changed(
                form,
                title=title,
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M:%S"),
                **{"action-publish": "action-publish"},
            ),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )
    (scheduled,) = nodes.query(
        "SELECT count(*) FROM wagtailcore_revision WHERE object_id = %s "
        "AND approved_go_live_at IS NOT NULL",
        [str(news)],
    )
    assert scheduled == (1,)
    assert _graphql(nodes.b_url, path_query).json()["data"]["page"]["title"] == before

    # Beat sends the publishing run, the publisher publishes, the worker purges; B serves it.
    wait_until(
        lambda: "scheduled publishing: published 1" in _log(nodes.workers.publisher_log),
        timeout=120,
        message=f"not published:\n{_log(nodes.workers.publisher_log)[-3000:]}",
    )
    assert nodes.query("SELECT title FROM wagtailcore_page WHERE id = %s", [news]) == [(title,)]
    wait_until(
        lambda: _graphql(nodes.b_url, path_query).json()["data"]["page"]["title"] == title,
        timeout=TIMEOUT,
        interval=0.5,
        message="B never served the scheduled title",
    )


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color=(200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_image_uploaded_through_a_is_served_through_b_from_the_object_store(nodes):
    editor = _logged_in(nodes.a_url)
    title = f"Huacao lanterns {uuid.uuid4().hex[:6]}"
    original = _png(960, 540)
    page = editor.get(f"{nodes.a_url}/admin/images/add/", timeout=TIMEOUT)
    form = BeautifulSoup(page.text, "html.parser").find("input", type="file").find_parent("form")
    _submitted(
        editor.post(
            f"{nodes.a_url}/admin/images/add/",
            data=_changed(_form_data(form), title=title),
            files={"file": ("lanterns.png", original, "image/png")},
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )
    ((image_id,),) = nodes.query("SELECT id FROM wagtailimages_image WHERE title = %s", [title])

    # The image becomes the community's hero, published through A.
    community = _page_id(nodes, depth=4, slug="huacao-town")
    form = _form(editor, f"{nodes.a_url}/admin/pages/{community}/edit/", "#page-edit-form")
    _submitted(
        editor.post(
            f"{nodes.a_url}/admin/pages/{community}/edit/",
            data=_changed(
                form,
                hero_image=str(image_id),
                hero_image_alt="Lanterns over the Huacao community centre",
                **{"action-publish": "action-publish"},
            ),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )

    # B hands out its URL on the object store; the bytes come back from there.
    hero = _graphql(nodes.b_url, COMMUNITY).json()["data"]["community"]["heroImage"]
    assert hero["url"].startswith(f"{nodes.media_url}original_images/")
    stored = requests.get(hero["url"], timeout=TIMEOUT)
    assert stored.status_code == 200
    assert stored.content == original

    # Its renditions are the worker's: it made every size the API serves (it makes only what
    # is missing, so no node made any), then purged the answers that served the original.
    specs = rendition_specs()
    made = f"Made {len(specs)} renditions of image {image_id}"
    wait_until(
        lambda: made in _log(nodes.workers.worker_log),
        timeout=120,
        message=f"no renditions from the worker:\n{_log(nodes.workers.worker_log)[-3000:]}",
    )
    assert nodes.query(
        "SELECT count(*), count(DISTINCT filter_spec) FROM wagtailimages_rendition "
        "WHERE image_id = %s AND filter_spec = ANY(%s)",
        [image_id, specs],
    ) == [(len(specs), len(specs))]

    def rendition_served() -> dict | None:
        hero = _graphql(nodes.b_url, COMMUNITY).json()["data"]["community"]["heroImage"]
        ready = hero["rendition"]["url"].startswith(f"{nodes.media_url}images/")
        return hero["rendition"] if ready else None

    small = wait_until(
        rendition_served,
        timeout=TIMEOUT,
        interval=0.5,
        message="B still serves the original in place of the rendition",
    )
    assert (small["width"], small["height"]) == (480, 270)
    fetched = requests.get(small["url"], timeout=TIMEOUT)
    assert fetched.status_code == 200
    assert PILImage.open(io.BytesIO(fetched.content)).size == (480, 270)


def test_redirects_imported_with_the_upload_on_a_and_the_columns_on_b(nodes):
    editor = _logged_in(nodes.a_url)
    old_path = f"/old-notices/{uuid.uuid4().hex[:8]}"
    page = editor.get(f"{nodes.a_url}/admin/redirects/import/", timeout=TIMEOUT)
    form = BeautifulSoup(page.text, "html.parser").find("input", type="file").find_parent("form")
    confirm = editor.post(
        f"{nodes.a_url}/admin/redirects/import/",
        data=_form_data(form),
        files={"import_file": ("redirects.csv", f"from,to\n{old_path},https://example.org/\n")},
        timeout=TIMEOUT,
    )
    assert confirm.status_code == 200, confirm.text[:2000]
    form = BeautifulSoup(confirm.text, "html.parser").find(
        "form", action=re.compile("/import/process/")
    )
    _submitted(
        editor.post(
            f"{nodes.b_url}/admin/redirects/import/process/",
            data=_changed(_form_data(form), from_index="0", to_index="1"),
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    )
    assert nodes.query(
        "SELECT redirect_link FROM wagtailredirects_redirect WHERE old_path = %s", [old_path]
    ) == [("https://example.org/",)]


def _feedback_status(url: str) -> str:
    response = requests.post(
        f"{url}/graphql/",
        json={"query": FEEDBACK_STATUS, "variables": {"token": "not-a-token"}},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text[:2000]
    (error,) = response.json()["errors"]
    return error["extensions"]["code"]


def test_a_rate_limit_counts_the_requests_to_both_nodes(nodes):
    codes = [
        _feedback_status(url)
        for url in [nodes.a_url, nodes.b_url] * (FEEDBACK_STATUS_LIMIT // 2 + 1)
    ]
    assert codes[:FEEDBACK_STATUS_LIMIT] == ["INVALID_TOKEN"] * FEEDBACK_STATUS_LIMIT
    assert set(codes[FEEDBACK_STATUS_LIMIT:]) == {"RATE_LIMITED"}


def test_a_persisted_query_stored_through_a_runs_by_its_hash_on_b(nodes):
    query = f"query Site{uuid.uuid4().hex[:8]} {{ site {{ name }} }}"
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})

    def by_hash(url: str) -> dict:
        response = requests.get(
            f"{url}/graphql/", params={"extensions": extensions}, timeout=TIMEOUT
        )
        assert response.status_code == 200, response.text[:2000]
        return response.json()

    assert by_hash(nodes.b_url)["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    stored = requests.post(
        f"{nodes.a_url}/graphql/",
        json={"query": query, "extensions": json.loads(extensions)},
        timeout=TIMEOUT,
    )
    assert stored.status_code == 200
    name = stored.json()["data"]["site"]["name"]
    assert by_hash(nodes.b_url) == {"data": {"site": {"name": name}}}


def test_nothing_was_left_on_a_nodes_own_disk(nodes):
    """Last: after every journey, each node's media folder is empty, and both nodes answered."""
    for name in ("a", "b"):
        media = nodes.disks[name] / "media"
        assert not media.exists() or not any(media.rglob("*")), list(media.rglob("*"))
    answered = {
        name: len(re.findall(r'" \d{3} ', _log(node.log)))
        for name, node in (("A", nodes.a), ("B", nodes.b))
    }
    print(f"\nRequests answered: node A {answered['A']}, node B {answered['B']}")
    assert answered["A"] > 0 and answered["B"] > 0
