"""PostgreSQL clusters of the tests' own: a primary and a streaming replica on loopback ports.

Made with Debian's server binaries (initdb, pg_ctl, pg_basebackup), as the `postgres` user when
the tests run as root (PostgreSQL refuses to run as root). Each cluster lives in a temporary
folder and is stopped (immediately) when the test module is done.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2


def server_bin(name: str) -> str:
    """A PostgreSQL server program: TAPESTRY_PG_BINDIR, else the newest Debian cluster's."""
    folder = os.environ.get("TAPESTRY_PG_BINDIR")
    if not folder:
        found = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
        )
        if not found:
            raise RuntimeError("PostgreSQL's server programs are missing (Debian: postgresql)")
        folder = found[-1]
    return str(Path(folder) / name)


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - PostgreSQL's own programs, our arguments
        _as_server_user(args), check=True, capture_output=True, text=True, **kwargs
    )


class Cluster:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.log = folder / "server.log"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database
        )
        connection.autocommit = True
        return connection

    def query(self, sql: str, params=(), database: str = "postgres"):
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def start(self) -> None:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.folder} -c fsync=off -c full_page_writes=off "
            "-c synchronous_commit=off -c max_connections=40 -c shared_buffers=32MB"
        )
        _run(
            [
                server_bin("pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
            ]
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(  # noqa: S603
                _as_server_user(
                    [server_bin("pg_ctl"), "stop", "-m", "immediate", "-D", str(self.data)]
                ),
                capture_output=True,
                check=False,
            )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.connect().close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def server_folder() -> Path:
    """A new folder the server user owns, outside pytest's temporary folders (which are private
    to the user running the tests, and made private again by every pytest session that starts).
    The caller removes it (`shutil.rmtree`)."""
    folder = Path(tempfile.mkdtemp(prefix="tapestry-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


def primary_create(folder: Path, port: int) -> Cluster:
    cluster = Cluster(folder, port)
    _run(
        [
            server_bin("initdb"),
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]
    )
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write("wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n")
    cluster.start()
    cluster.wait_ready()
    return cluster


def replica_create(primary: Cluster, folder: Path, port: int) -> Cluster:
    """A hot standby of `primary`, streaming from it (pg_basebackup -R)."""
    replica = Cluster(folder, port)
    _run(
        [
            server_bin("pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(replica.data),
            "-R",
            "-X",
            "stream",
            "--no-sync",
            "--checkpoint=fast",  # not a spread checkpoint: minutes of waiting
        ]
    )
    replica.start()
    replica.wait_ready()
    return replica


def database_copy(source_url: str, target: Cluster, name: str) -> None:
    """`source_url`'s database (schema and rows) as `name` on `target`."""
    target.query(f'CREATE DATABASE "{name}"')
    dump = subprocess.run(  # noqa: S603
        [server_bin("pg_dump"), "--no-owner", "--no-privileges", "-Fc", "-d", source_url],
        check=True,
        capture_output=True,
    )
    subprocess.run(  # noqa: S603
        [server_bin("pg_restore"), "--no-owner", "--no-privileges", "-d", target.url(name)],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )


class PgBouncer:
    """Debian's PgBouncer in transaction mode in front of `cluster`'s `database`."""

    def __init__(self, cluster: Cluster, database: str, port: int) -> None:
        self.cluster = cluster
        self.database = database
        self.port = port
        self.folder = cluster.folder.parent / "pgbouncer"
        self.process: subprocess.Popen | None = None

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def start(self) -> "PgBouncer":
        self.folder.mkdir(exist_ok=True)
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        (self.folder / "pgbouncer.ini").write_text(
            f"[databases]\n{self.database} = host=127.0.0.1 port={self.cluster.port} "
            f"dbname={self.database}\n"
            "[pgbouncer]\nlisten_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.folder / 'users.txt'}\n"
            "admin_users = postgres\npool_mode = transaction\ndefault_pool_size = 4\n"
            "max_client_conn = 50\nignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\n"
        )
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            for path in self.folder.iterdir():
                shutil.chown(path, "postgres", "postgres")
        self.process = subprocess.Popen(  # noqa: S603 - Debian's pgbouncer, our configuration
            _as_server_user(
                [
                    shutil.which("pgbouncer") or "/usr/sbin/pgbouncer",
                    str(self.folder / "pgbouncer.ini"),
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                self.admin("SHOW VERSION")
                return self
            except psycopg2.OperationalError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def admin(self, command: str):
        """A command of PgBouncer's console (SHOW STATS, SHOW POOLS...), as dicts."""
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="pgbouncer"
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(command)
                names = [column.name for column in cursor.description or ()]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
