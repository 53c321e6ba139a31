"""Redis with Sentinel of the tests' own: a primary, a replica and three Sentinels (quorum 2, as
a real deployment has them) on free loopback ports, each in its own folder and process group.

Debian's redis-server and redis-sentinel (`make redis-sentinel`). The Sentinels notice a dead
primary after DOWN_AFTER_MS and promote the replica; every server is killed when the test ends.
"""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.scale.web_node import free_port
from tests.tasks.celery_processes import wait_until

MASTER = "tapestry-test"
PASSWORD = "redis-secret"
SENTINEL_PASSWORD = "sentinel-secret"
# Short enough for a test, long enough that a loaded machine's pause is not taken for a death.
DOWN_AFTER_MS = 2000
FAILOVER_TIMEOUT_MS = 10000
SENTINELS = 3
QUORUM = 2


def programs() -> tuple[str, str]:
    """redis-server and redis-sentinel; missing ones skip the test, except in CI (CI=true),
    which installs them (`make redis-sentinel`)."""
    found = shutil.which("redis-server"), shutil.which("redis-sentinel")
    if not all(found):
        message = "redis-server and redis-sentinel are needed (make redis-sentinel)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


class RedisWithSentinel:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server_program, self.sentinel_program = programs()
        self.primary_port = free_port()
        self.replica_port = free_port()
        self.sentinel_ports = [free_port() for _ in range(SENTINELS)]
        self.processes: dict[str, subprocess.Popen] = {}

    # What Tapestry is given ------------------------------------------------------------------

    def environment(self, database: int = 0) -> dict[str, str]:
        """The settings of a Tapestry process. REDIS_URL names the first primary, which dies:
        the processes must follow the Sentinels, not the address."""
        return {
            "REDIS_URL": f"redis://:{PASSWORD}@127.0.0.1:{self.primary_port}/{database}",
            "REDIS_SENTINELS": ",".join(f"127.0.0.1:{port}" for port in self.sentinel_ports),
            "REDIS_SENTINEL_MASTER": MASTER,
            "REDIS_SENTINEL_PASSWORD": SENTINEL_PASSWORD,
        }

    # Servers ---------------------------------------------------------------------------------

    def _spawn(self, name: str, args: list[str]) -> None:
        log = self.folder / f"{name}.log"
        self.processes[name] = subprocess.Popen(  # noqa: S603 - Debian's programs, our arguments
            args,
            cwd=self.folder,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _server(self, name: str, port: int, *extra: str) -> None:
        data = self.folder / name
        data.mkdir()
        self._spawn(
            name,
            [
                self.server_program,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(data),
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                PASSWORD,
                "--masterauth",
                PASSWORD,
                *extra,
            ],
        )

    def _sentinel(self, number: int, port: int) -> None:
        folder = self.folder / f"sentinel-{number}"
        folder.mkdir()
        config = folder / "sentinel.conf"  # a Sentinel rewrites its file with what it learns
        config.write_text(
            "\n".join(
                [
                    f"port {port}",
                    "bind 127.0.0.1",
                    f"dir {folder}",
                    f"requirepass {SENTINEL_PASSWORD}",
                    f"sentinel monitor {MASTER} 127.0.0.1 {self.primary_port} {QUORUM}",
                    f"sentinel auth-pass {MASTER} {PASSWORD}",
                    f"sentinel down-after-milliseconds {MASTER} {DOWN_AFTER_MS}",
                    f"sentinel failover-timeout {MASTER} {FAILOVER_TIMEOUT_MS}",
                    f"sentinel parallel-syncs {MASTER} 1",
                    "",
                ]
            )
        )
        self._spawn(f"sentinel-{number}", [self.sentinel_program, str(config)])

    def start(self) -> "RedisWithSentinel":
        self._server("primary", self.primary_port)
        replica_of = ["--replicaof", "127.0.0.1", str(self.primary_port)]
        self._server("replica", self.replica_port, *replica_of)
        wait_until(
            lambda: self._info(self.replica_port).get("master_link_status") == "up",
            timeout=30,
            message=f"the replica did not sync:\n{self.log('replica')}",
        )
        for number, port in enumerate(self.sentinel_ports):
            self._sentinel(number, port)
        # Ready for a failover: each Sentinel sees the replica and the other Sentinels.
        wait_until(
            lambda: all(self._sentinel_ready(port) for port in self.sentinel_ports),
            timeout=60,
            interval=0.5,
            message=f"the Sentinels did not find each other:\n{self.log('sentinel-0')}",
        )
        return self

    def _client(self, port: int, password: str) -> redis.Redis:
        return redis.Redis(
            host="127.0.0.1", port=port, password=password, socket_timeout=5, decode_responses=True
        )

    def client(self, port: int) -> redis.Redis:
        """A client of the Redis server on `port` itself, not through the Sentinels."""
        return self._client(port, PASSWORD)

    def _info(self, port: int) -> dict:
        try:
            return self._client(port, PASSWORD).info("replication")
        except redis.RedisError:
            return {}

    def _sentinel_ready(self, port: int) -> bool:
        try:
            master = self._client(port, SENTINEL_PASSWORD).sentinel_master(MASTER)
        except redis.RedisError:
            return False
        return master["num-slaves"] >= 1 and master["num-other-sentinels"] >= SENTINELS - 1

    def primary_address(self, port: int) -> tuple[str, int] | None:
        """The primary's address as the Sentinel on `port` gives it."""
        try:
            found = self._client(port, SENTINEL_PASSWORD).sentinel_get_master_addr_by_name(MASTER)
        except redis.RedisError:
            return None
        return (found[0], int(found[1])) if found else None

    def kill_primary(self) -> float:
        """SIGKILL the primary (no shutdown, no last words to the replica); when it died."""
        process = self.processes["primary"]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        return time.monotonic()

    def wait_for_failover(self, timeout: float = 90) -> float:
        """Wait until every Sentinel names the replica as the primary, and it says it is one;
        when that was seen."""
        promoted = ("127.0.0.1", self.replica_port)
        wait_until(
            lambda: (
                all(self.primary_address(port) == promoted for port in self.sentinel_ports)
                and self._info(self.replica_port).get("role") == "master"
            ),
            timeout=timeout,
            interval=0.1,
            message=f"no failover:\n{self.log('sentinel-0')}",
        )
        return time.monotonic()

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
