"""A journey's browser tabs are closed when its test ends.

A tab left open keeps Chromium's keep-alive connections to the live server; each connection
holds a server thread, and with it that thread's database connection. Over a session of
journeys the tabs of every earlier test filled PostgreSQL's max_connections, and a test that
needed connections of its own (the registration race) could not get them.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import Steps
from tests.tasks.celery_processes import wait_until

# The live server makes the test transactional: its flush empties the setup tree, put back after.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.usefixtures("database_restored"),
]

ESTABLISHED = "01"


def connections_to(port: int) -> int:
    """Established TCP connections accepted on loopback `port` (the server's side of them)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            count += local_port == port and fields[3] == ESTABLISHED
    return count


def test_closing_a_tests_tabs_lets_go_of_the_live_server(browser, live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    before = connections_to(port)
    steps = Steps("hygiene")
    for _ in range(3):
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        steps.pages.append(page)
        page.goto("/admin/login/")
    # Each context keeps its own connections alive after the page has loaded.
    assert connections_to(port) >= before + 3

    steps.close()

    wait_until(
        lambda: connections_to(port) <= before,
        timeout=30,
        message=f"{connections_to(port) - before} connections to the live server left open",
    )
    assert steps.pages == []
