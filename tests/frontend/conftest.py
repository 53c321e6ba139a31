"""The residents' site (frontend/) built once, started against Tapestry through Varnish.

    Chromium -> site (node .next/standalone/server.js) -> counting proxy -> varnishd -> Tapestry

- `site_build`: one `npm ci` + `npm run build` per change of frontend/, under a lock that the
  pytest-xdist processes (and `make run`) share; skipped when nothing changed since the stamp
  (cms/frontend.py).
- `cms_server`: Django's threaded WSGI server with the whole middleware stack and static files,
  on the session's test database, for the session (pytest-django's live_server would do, but
  one server for the session is enough). The tests are transactional: what they write is
  committed for the server's threads, Varnish and the site to read; `tree_present` puts the
  setup tree back before each.
- `graphql_requests`: a proxy in front of Varnish that counts the GraphQL requests the site's
  server makes, so a test can tell how many one navigation needed.
- `residents_site`: the site's server, with TAPESTRY_GRAPHQL_URL pointing at the proxy and the
  webhook secret of an endpoint Tapestry delivers page events to.

Node.js missing is a skip, except in CI (CI=true), where it is a failure.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from cms import frontend
from tests.deploy.conftest import free_port, varnishd_running
from tests.tasks.conftest import tree_present, tree_snapshot  # noqa: F401 - the setup tree per test

ROOT = Path(__file__).resolve().parents[2]
SITE_STARTUP_SECONDS = 60
WEBHOOK_SECRET = "residents-site-test-secret-" + "x" * 20


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The site built from frontend/ as it is now (once per change, whoever builds first)."""
    problem = frontend.node().problem
    if problem:
        if _in_ci():
            pytest.fail(f"The residents' site tests need Node.js: {problem}")
        pytest.skip(f"The residents' site tests need Node.js: {problem}")
    log = tmp_path_factory.mktemp("site-build") / "build.log"
    with log.open("w") as output:
        try:
            frontend.build(output=output)
        except frontend.BuildFailed as error:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-60:])
            pytest.fail(f"The residents' site did not build: {error}\n{tail}")
    return frontend.SERVER


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def cms_server(django_db_setup):
    """Tapestry on a free loopback port, in threads, for the session: its URL, no trailing /."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(WSGIHandler()))
    thread = threading.Thread(target=server.serve_forever, name="cms-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def cms_varnish(varnishd_program, cms_server, tmp_path_factory):
    """deploy/varnish/default.vcl in front of `cms_server`."""
    port = int(cms_server.rsplit(":", 1)[1])
    with varnishd_running(varnishd_program, port, tmp_path_factory.mktemp("varnish-site")) as v:
        yield v


@dataclass
class GraphQLRequests:
    """What the site's server asked the API, in order: (method, operation hash or name)."""

    url: str  # the proxy's /graphql/ URL, for the site's TAPESTRY_GRAPHQL_URL
    seen: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self) -> int:
        with self.lock:
            return len(self.seen)

    def since(self, start: int) -> list[tuple[str, str]]:
        with self.lock:
            return list(self.seen[start:])


def _operation(method: str, path: str, body: bytes) -> str:
    """A label for a request: the persisted query's hash, else the operation's name."""
    from urllib.parse import parse_qs

    query = parse_qs(urlsplit(path).query)
    if method == "POST":
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            return "?"
        query = {key: [json.dumps(value) if not isinstance(value, str) else value]
                 for key, value in payload.items() if value is not None}  # fmt: skip
    extensions = query.get("extensions", ["{}"])[0]
    try:
        persisted = json.loads(extensions).get("persistedQuery", {})
    except (ValueError, AttributeError):
        persisted = {}
    if persisted.get("sha256Hash"):
        return persisted["sha256Hash"][:12] + ("+query" if "query" in query else "")
    return query.get("operationName", ["(anonymous)"])[0]


@pytest.fixture(scope="session")
def graphql_requests(cms_varnish):
    """A forwarding proxy to Varnish's public listener that records every /graphql/ request."""
    target = urlsplit(cms_varnish.public_url)
    record = GraphQLRequests(url="")

    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if urlsplit(self.path).path.rstrip("/") == "/graphql":
                with record.lock:
                    record.seen.append((self.command, _operation(self.command, self.path, body)))
            headers = {
                key: value
                for key, value in self.headers.items()
                if key.lower() not in {"connection", "keep-alive", "transfer-encoding", "host"}
            }
            upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            try:
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                payload = answer.read()
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in {"connection", "keep-alive", "transfer-encoding",
                                           "content-length"}:  # fmt: skip
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            finally:
                upstream.close()

        do_GET = do_POST = do_HEAD = _forward

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    proxy.daemon_threads = True
    thread = threading.Thread(target=proxy.serve_forever, name="graphql-proxy", daemon=True)
    thread.start()
    record.url = f"http://127.0.0.1:{proxy.server_address[1]}/graphql/"
    yield record
    proxy.shutdown()
    proxy.server_close()


@dataclass(frozen=True)
class ResidentsSite:
    url: str  # no trailing /
    log: Path
    webhook_secret: str

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _wait_for_site(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SITE_STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The site's server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"The site did not listen on {port} in {SITE_STARTUP_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def residents_site(site_build, graphql_requests, tmp_path_factory):
    """The built site's standalone server on a free port, reading the API through the proxy."""
    port = free_port()
    log = tmp_path_factory.mktemp("site") / "site.log"
    # Next's data cache is kept on disk beside the server: answers of an earlier session's
    # database must not be served for this one's.
    shutil.rmtree(site_build.parent / ".next" / "cache", ignore_errors=True)
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("TAPESTRY_")},
        "PORT": str(port),
        "HOSTNAME": "127.0.0.1",
        "NODE_ENV": "production",
        "NEXT_TELEMETRY_DISABLED": "1",
        "TAPESTRY_GRAPHQL_URL": graphql_requests.url,
        "TAPESTRY_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "TAPESTRY_SITE_URL": f"http://127.0.0.1:{port}",
    }
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - node from PATH, our built server
            [frontend.node().node, str(site_build)],
            cwd=site_build.parent,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_site(port, process, log)
        yield ResidentsSite(url=f"http://127.0.0.1:{port}", log=log, webhook_secret=WEBHOOK_SECRET)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
