"""A Tapestry web node as operators run it (gunicorn), in a process of its own, for the tests
that need several nodes or a database set-up of their own."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebNode:
    def __init__(self, log: Path, *, port: int | None = None, **env: str) -> None:
        self.port = port or free_port()
        self.log = log
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "PYTHONPATH": str(ROOT),
            **env,
        }
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "WebNode":
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                # Which node answered what: one line a request in the node's log.
                "--access-logfile",
                "-",
                # Not gunicorn's one control socket in the home folder, shared by every node.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the web node exited:\n{self.log.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code < 600:
                    return self
            except requests.RequestException:
                time.sleep(0.3)
        raise RuntimeError(f"the web node did not answer:\n{self.log.read_text()[-3000:]}")

    def graphql(self, query: str, variables: dict | None = None, *, method: str = "GET"):
        if method == "GET":
            params = {"query": query}
            if variables:
                params["variables"] = json.dumps(variables)
            response = requests.get(f"{self.url}/graphql/", params=params, timeout=30)
        else:
            response = requests.post(
                f"{self.url}/graphql/", json={"query": query, "variables": variables}, timeout=30
            )
        return response

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
