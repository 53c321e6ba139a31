"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server."""

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TAPESTRY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "browser-screenshots"
#: The README's pictures; written only when TAPESTRY_DOCS_SCREENSHOTS=1 (see docs_screenshot).
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told it is safe (the tests make them between steps).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Steps:
    """Screenshots after each step; kept (and their folder printed) only if the test fails."""

    def __init__(self, name: str):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.folder = SCREENSHOTS / f"{name}-{stamp}"
        self.count = 0
        self.pages = []

    def shot(self, page, label: str) -> None:
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True)


def docs_screenshot(target, name: str) -> None:
    """Save `target` (a page, or a locator of one element) as docs/screenshots/<name>.png.

    Off unless TAPESTRY_DOCS_SCREENSHOTS=1, so test runs leave the committed pictures alone:
    `TAPESTRY_DOCS_SCREENSHOTS=1 make test PYTEST_ARGS="-m browser"` refreshes them.
    """
    if os.environ.get("TAPESTRY_DOCS_SCREENSHOTS") != "1":
        return
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def steps(request):
    recorder = Steps(request.node.name)
    yield recorder
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        for page in recorder.pages:  # the state the failing step left each browser tab in
            if not page.is_closed():
                recorder.shot(page, "at-failure")
        print(f"\nScreenshots of each step: {recorder.folder}")
    elif recorder.folder.exists():
        shutil.rmtree(recorder.folder)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
