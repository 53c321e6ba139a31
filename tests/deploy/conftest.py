"""Varnish (Debian's varnishd with the xkey vmod) running deploy/varnish/default.vcl in front of
a Django backend, for the session.

The backend is Django's threaded WSGI server running the whole middleware stack with the test
URLconf in tests/deploy/varnish_backend.py; it never touches the database, so the tests need no
transactional database (pytest-django's live_server would flush every table after each test).

varnishd is Debian's (`make varnish`), or TAPESTRY_VARNISHD (`varnishd_program`, tests/conftest.py).
"""

import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

VCL_DIR = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
STARTUP_SECONDS = 30


@dataclass(frozen=True)
class Varnish:
    url: str  # the listener purges are allowed on (from 127.0.0.1)
    public_url: str  # the listener named "public", which refuses PURGE from anyone
    port: int
    backend_url: str


def site_vcl(backend_host: str, backend_port: int, purgers: list[str]) -> str:
    """A site.vcl (see deploy/varnish/default.vcl): the backend and the purgers ACL (addresses
    or networks, `10.0.0.0/8`)."""
    entries = []
    for network in purgers:
        address, _, bits = network.partition("/")
        entries.append(f'    "{address}"/{bits};\n' if bits else f'    "{address}";\n')
    acl = "".join(entries)
    return (
        "vcl 4.1;\n\n"
        f'backend default {{ .host = "{backend_host}"; .port = "{backend_port}"; }}\n\n'
        f"acl purgers {{\n{acl}}}\n"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"varnishd exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"varnishd did not listen on {port} within {STARTUP_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def varnish_backend():
    """Django on a free loopback port, in a thread, for the session."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, name="varnish-backend", daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@contextmanager
def varnishd_running(program: str, backend_port: int, workdir: Path):
    """varnishd with deploy/varnish/default.vcl in front of 127.0.0.1:`backend_port`, purges
    allowed from 127.0.0.1 on its `purge` listener, until the block ends."""
    (workdir / "site.vcl").write_text(site_vcl("127.0.0.1", backend_port, ["127.0.0.1"]))
    port, public_port = free_port(), free_port()
    log = workdir / "varnishd.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our varnishd with our arguments
            [
                program,
                "-F",
                # No jail: as root, varnishd would read the VCL and run as the varnish user,
                # who may not enter tmp_path (and would silently take deploy/'s site.vcl).
                "-j", "none",
                "-n", str(workdir / "state"),
                "-a", f"purge=127.0.0.1:{port}",
                "-a", f"public=127.0.0.1:{public_port}",
                "-p", f"vcl_path={workdir}:{VCL_DIR}",
                "-f", str(VCL_DIR / "default.vcl"),
                "-s", "malloc,64m",
                "-T", "none",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for_port(port, process, log)
        yield Varnish(
            url=f"http://127.0.0.1:{port}/",
            public_url=f"http://127.0.0.1:{public_port}/",
            port=port,
            backend_url=f"http://127.0.0.1:{backend_port}/",
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def varnish(varnishd_program, varnish_backend, tmp_path_factory) -> Varnish:
    with varnishd_running(
        varnishd_program, varnish_backend, tmp_path_factory.mktemp("varnish")
    ) as running:
        yield running


@pytest.fixture(scope="session")
def varnish_in_front_of_tapestry(varnishd_program, live_server, tmp_path_factory) -> Varnish:
    """Varnish in front of pytest-django's live server: the real `/graphql/`."""
    port = int(live_server.url.rsplit(":", 1)[1])
    with varnishd_running(
        varnishd_program, port, tmp_path_factory.mktemp("varnish-tapestry")
    ) as running:
        yield running
