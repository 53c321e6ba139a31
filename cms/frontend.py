"""Build the residents' site (frontend/) once per change, for `make run` and the tests.

`make run` starts the build in the background while it migrates and loads the demo content, then
waits for it before starting the processes:

    python -m cms.frontend start  # builds in the background unless frontend/ is unchanged
    python -m cms.frontend wait   # exit 0 when the site is built, 1 (and why) when it is not
    python -m cms.frontend deps   # `npm ci` in frontend/ unless done from this lock file (CI)

`npm ci` runs only when node_modules/ is missing or package-lock.json changed since the last
one, and `npm run build` only when a file under frontend/ (node_modules/ and build output aside)
changed since the last successful build: a stamp under var/frontend/ keeps a hash of them.
Builds are serialised by a lock file, so parallel test processes build once between them.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
SERVER = FRONTEND / ".next" / "standalone" / "server.js"
# Not inputs of the build: dependencies, build output, caches, local env files.
IGNORED = {"node_modules", ".next", ".test-build", "out", "coverage", ".turbo", ".env.local"}
IGNORED_SUFFIXES = (".tsbuildinfo", ".log")
NODE_MAJOR = 20


def state_dir() -> Path:
    return Path(os.environ.get("TAPESTRY_VAR_DIR", ROOT / "var")) / "frontend"


@dataclass(frozen=True)
class Node:
    node: str | None
    npm: str | None
    problem: str  # empty when Node.js and npm are usable


def node() -> Node:
    if not (FRONTEND / "package.json").exists():
        return Node(None, None, "frontend/package.json is missing")
    found_node, found_npm = shutil.which("node"), shutil.which("npm")
    if not found_node or not found_npm:
        missing = "node" if not found_node else "npm"
        return Node(found_node, found_npm, f"{missing} is not installed (Node.js {NODE_MAJOR}+)")
    version = subprocess.run(  # noqa: S603 - node found on PATH, fixed argument
        [found_node, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    try:
        major = int(version.lstrip("v").split(".")[0])
    except ValueError:
        return Node(found_node, found_npm, f"cannot read the Node.js version ({version!r})")
    if major < NODE_MAJOR:
        return Node(found_node, found_npm, f"Node.js {version} is too old; {NODE_MAJOR}+ needed")
    return Node(found_node, found_npm, "")


def _files(folder: Path):
    for entry in sorted(folder.iterdir()):
        if entry.name in IGNORED or entry.name.endswith(IGNORED_SUFFIXES):
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _files(entry)
        elif entry.is_file():
            yield entry


def sources_hash(folder: Path | None = None) -> str:
    """A hash of every build input under `folder`: names and contents, not modification times
    (the build rewrites its generated files with the same content)."""
    folder = folder or FRONTEND
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _read(path: Path) -> str:
    return path.read_text().strip() if path.exists() else ""


@contextmanager
def _locked():
    """One build at a time across processes (make run, pytest-xdist workers)."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def up_to_date() -> bool:
    return SERVER.exists() and _read(state_dir() / "build.stamp") == sources_hash()


class BuildFailed(Exception):
    pass


def _run(command: list[str], output) -> None:
    result = subprocess.run(  # noqa: S603 - npm found on PATH, fixed arguments
        command, cwd=FRONTEND, stdout=output, stderr=subprocess.STDOUT, check=False
    )
    if result.returncode:
        words = " ".join(command[1:3])
        raise BuildFailed(f"`npm {words}` in frontend/ exited with {result.returncode}")


def _dependencies(npm: str, folder: Path, output) -> bool:
    """`npm ci` unless node_modules/ was installed from this package-lock.json already."""
    lock_hash = _file_hash(FRONTEND / "package-lock.json")
    if (FRONTEND / "node_modules").is_dir() and _read(folder / "npm-ci.stamp") == lock_hash:
        return False
    _run([npm, "ci", "--no-audit", "--no-fund"], output)
    (folder / "npm-ci.stamp").write_text(lock_hash + "\n")
    return True


def dependencies(output=None) -> bool:
    """Install frontend/'s dependencies from its lock file unless done already; True if it ran."""
    found = node()
    if found.problem:
        raise BuildFailed(found.problem)
    with _locked() as folder:
        return _dependencies(found.npm, folder, output)


def build(output=None) -> bool:
    """Build the site unless it is up to date; True when a build ran. `output`: a file for npm's
    output (default: this process's). Raises BuildFailed when npm fails."""
    found = node()
    if found.problem:
        raise BuildFailed(found.problem)
    with _locked() as folder:
        if up_to_date():
            return False
        _dependencies(found.npm, folder, output)
        inputs = sources_hash()
        _run([found.npm, "run", "build"], output)
        if not SERVER.exists():
            raise BuildFailed(f"the build did not write {SERVER.relative_to(ROOT)}")
        (folder / "build.stamp").write_text(inputs + "\n")
        return True


# `make run` -------------------------------------------------------------------------------------


def _start() -> int:
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("build.pid", "build.result"):
        (folder / name).unlink(missing_ok=True)
    found = node()
    if found.problem:
        (folder / "build.result").write_text(
            f"The residents' site will not run: {found.problem}. Tapestry runs without it.\n"
        )
        return 0
    if up_to_date():
        (folder / "build.result").write_text("ok\n")
        return 0
    log = folder / "build.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "cms.frontend", "_build"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # in make's process group: a Ctrl-C in its terminal stops the build too
    (folder / "build.pid").write_text(f"{process.pid}\n")
    print(f"Building the residents' site in the background (log: {log.relative_to(ROOT)})...")
    return 0


def _build_in_background() -> int:
    result = state_dir() / "build.result"
    started = time.monotonic()
    try:
        build()
    except BuildFailed as error:
        result.write_text(f"The residents' site did not build: {error}.\n")
        return 1
    except Exception as error:  # reported to the waiting `make run`
        result.write_text(f"The residents' site did not build: {error!r}.\n")
        return 1
    result.write_text("ok\n")
    print(f"Built in {time.monotonic() - started:.0f} s.")
    return 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait() -> int:
    folder = state_dir()
    pid = _read(folder / "build.pid")
    if pid and not (folder / "build.result").exists():
        print("Waiting for the residents' site to finish building...")
        started = time.monotonic()
        while _alive(int(pid)) and not (folder / "build.result").exists():
            time.sleep(0.5)
        print(f"  (waited {time.monotonic() - started:.0f} s)")
    result = _read(folder / "build.result")
    if result == "ok":
        return 0
    if not result:
        result = "The residents' site did not build: the build stopped without a result."
    print("", result, sep="\n", file=sys.stderr)
    log = folder / "build.log"
    if log.exists() and "did not build" in result:
        tail = log.read_text(errors="replace").splitlines()[-30:]
        print(f"Last lines of {log.relative_to(ROOT)}:", *tail, sep="\n  ", file=sys.stderr)
    return 1


def _install() -> int:
    try:
        dependencies()
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    commands = {
        "start": _start,
        "wait": _wait,
        "deps": _install,
        "_build": _build_in_background,
    }
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m cms.frontend start|wait|deps", file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
