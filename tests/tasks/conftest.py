import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from tests.conftest import _database_snapshot


@pytest.fixture(scope="module")
def tree_snapshot(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        return _database_snapshot()


@pytest.fixture
def tree_present(tree_snapshot, transactional_db):
    """For transactional tests after the first in a module: put back the tree that the previous
    test's final flush removed (the module's `database_restored` does it for later modules)."""
    if not Page.objects.filter(depth=2).exists():
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(tree_snapshot)
        ContentType.objects.clear_cache()
        Site.clear_site_root_paths_cache()
