"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

The `browser` and `steps` fixtures are in tests/conftest.py: one Playwright per test process,
shared by the admin journeys here and the residents' site's (tests/frontend/), since a second
sync Playwright in the same process cannot start."""

import os
from datetime import UTC, datetime
from pathlib import Path

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

    def close(self) -> None:
        """Close the browser context of every tab the test opened.

        A context left open keeps its keep-alive connections to the live server, and each pins
        a server thread with its database connection: over a session's journeys that filled
        PostgreSQL's max_connections for everyone else.
        """
        for context in {id(page.context): page.context for page in self.pages}.values():
            context.close()
        self.pages.clear()


def docs_screenshot(target, name: str) -> None:
    """Save `target` (a page, or a locator of one element) as docs/screenshots/<name>.png.

    Off unless TAPESTRY_DOCS_SCREENSHOTS=1, so test runs leave the committed pictures alone:
    `TAPESTRY_DOCS_SCREENSHOTS=1 make test PYTEST_ARGS="-m browser"` refreshes them.
    """
    if os.environ.get("TAPESTRY_DOCS_SCREENSHOTS") != "1":
        return
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))
