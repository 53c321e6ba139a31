import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the tree `setup_tapestry` builds (locales, skeleton, groups)."""
    with django_db_blocker.unblock():
        call_command("setup_tapestry", verbosity=0)
