"""cms/frontend.py: the site is built once per change of frontend/, and `make run` says why not."""

import os
import stat
import subprocess
import textwrap

import pytest

from cms import frontend

FAKE_NPM = """\
#!/bin/sh
# Records each call; `npm run build` writes the standalone server unless FAIL_BUILD is set.
echo "$*" >> "$CALLS"
if [ "$1" = "ci" ]; then mkdir -p node_modules; fi
if [ "$1 $2" = "run build" ]; then
  [ -n "$FAIL_BUILD" ] && { echo "Type error: boom"; exit 1; }
  mkdir -p .next/standalone && echo "// server" > .next/standalone/server.js
  echo "{}" > tsconfig.tsbuildinfo
fi
"""


def _executable(path, text):
    path.write_text(textwrap.dedent(text))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A frontend/ folder, fake node (v20) and npm on PATH, and a var/ of the test's own."""
    folder = tmp_path / "frontend"
    (folder / "src").mkdir(parents=True)
    (folder / "package.json").write_text('{"name": "site"}')
    (folder / "package-lock.json").write_text('{"lockfileVersion": 3}')
    (folder / "src" / "page.tsx").write_text("export default function Page() {}")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _executable(bin_dir / "npm", FAKE_NPM)
    _executable(bin_dir / "node", "#!/bin/sh\necho v20.11.1\n")
    calls = tmp_path / "calls"
    calls.touch()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CALLS", str(calls))
    monkeypatch.setenv("TAPESTRY_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setattr(frontend, "FRONTEND", folder)
    monkeypatch.setattr(frontend, "SERVER", folder / ".next" / "standalone" / "server.js")
    monkeypatch.delenv("FAIL_BUILD", raising=False)
    return folder, calls


def _calls(calls) -> list[str]:
    return calls.read_text().splitlines()


def test_built_once_then_only_when_a_source_or_the_lock_file_changes(site):
    folder, calls = site
    assert frontend.build() is True
    assert _calls(calls) == ["ci --no-audit --no-fund", "run build"]

    # Build output, dependencies and caches are not inputs.
    (folder / "node_modules" / "left-pad.js").write_text("x")
    (folder / ".next" / "cache").mkdir()
    assert frontend.up_to_date()
    assert frontend.build() is False
    assert len(_calls(calls)) == 2

    (folder / "src" / "page.tsx").write_text("export default function Page() { return 1 }")
    assert not frontend.up_to_date()
    assert frontend.build() is True
    assert _calls(calls)[2:] == ["run build"]  # same lock file: no npm ci

    (folder / "package-lock.json").write_text('{"lockfileVersion": 3, "packages": {}}')
    assert frontend.build() is True
    assert _calls(calls)[3:] == ["ci --no-audit --no-fund", "run build"]


def test_a_failed_build_is_an_error_and_is_tried_again(site, monkeypatch):
    _folder, calls = site
    monkeypatch.setenv("FAIL_BUILD", "1")
    with pytest.raises(frontend.BuildFailed, match="npm run build"):
        frontend.build(output=subprocess.DEVNULL)
    assert not frontend.up_to_date()
    monkeypatch.delenv("FAIL_BUILD")
    assert frontend.build() is True
    assert _calls(calls)[-1] == "run build"


def test_dependencies_alone_for_ci(site):
    _folder, calls = site
    assert frontend.dependencies() is True
    assert frontend.dependencies() is False
    assert frontend.build() is True
    assert _calls(calls) == ["ci --no-audit --no-fund", "run build"]


def test_make_run_without_node_says_so_and_goes_on(site, monkeypatch, tmp_path, capsys):
    bare = tmp_path / "bare"
    bare.mkdir()
    os.symlink("/bin/sh", bare / "sh")
    monkeypatch.setenv("PATH", str(bare))
    assert frontend.main(["start"]) == 0
    assert frontend.main(["wait"]) == 1
    assert "The residents' site will not run: node is not installed" in capsys.readouterr().err


def test_make_run_starts_no_build_when_the_site_is_up_to_date(site, capsys):
    _folder, calls = site
    frontend.build()
    assert frontend.main(["start"]) == 0
    assert frontend.main(["wait"]) == 0
    assert len(_calls(calls)) == 2
    assert not (frontend.state_dir() / "build.pid").exists()
    assert "Building" not in capsys.readouterr().out
