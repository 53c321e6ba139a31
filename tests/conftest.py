import json
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Site

from tests import flush
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Steps
from tests.helpers import GraphQL
from tests.object_storage import s3_server_running

flush.install()
VARNISHD = os.environ.get("TAPESTRY_VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"


@pytest.fixture
def gql(client) -> GraphQL:
    """Posts GraphQL queries to /graphql/ as a frontend would."""
    return GraphQL(client)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the tree `setup_tapestry` builds (locales, skeleton, groups).

    pytest-django makes the test database only when a collected test asks for one; otherwise
    the connection still names DATABASE_URL's own database, which is never touched.
    """
    if not connection.settings_dict["NAME"].startswith("test_"):
        pytest.fail(
            "No test database was set up (no collected test asks for one): mark the module "
            "with pytest.mark.django_db rather than reach the database through another fixture."
        )
    with django_db_blocker.unblock():
        call_command("setup_tapestry", verbosity=0)


def _database_snapshot() -> str:
    """Every row, serialized as Django's test runner does, content types first.

    Loading a page builds it through Page.__init__, which looks its content type up (and would
    create a new one if the original were not loaded yet).
    """
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


@pytest.fixture(scope="module")
def database_restored(django_db_setup, django_db_blocker):
    """Put back, for the modules that follow, what a transactional test's final flush removes.

    A module whose tests commit (transactional tests, live servers, real workers) opts in with
    `pytestmark = pytest.mark.usefixtures("database_restored")`.

    The flush empties every table: the setup tree and the rows that Wagtail's and
    wagtail-localize's data migrations created alike. A snapshot taken before the test is loaded
    back after it, with the same primary keys.
    """
    with django_db_blocker.unblock():
        snapshot = _database_snapshot()
    yield
    with django_db_blocker.unblock():
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,  # sequences stay ahead of every restored key
            verbosity=0,
        )
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(snapshot)
        ContentType.objects.clear_cache()
        Site.clear_site_root_paths_cache()


@pytest.fixture(scope="session")
def varnishd_program() -> str:
    """Debian's varnishd (`make varnish`), or TAPESTRY_VARNISHD. Without it the tests that need it
    are skipped, except in CI (CI=true), where that is a failure."""
    if not Path(VARNISHD).exists():
        message = (
            "varnishd is missing: `make varnish` installs Debian's varnish and varnish-modules"
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return VARNISHD


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3 API (moto's server) on a free loopback port, with the media bucket."""
    yield from s3_server_running()


# Browsers (tests/browser/, tests/frontend/) --------------------------------------------------


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
    recorder.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
