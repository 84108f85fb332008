import io

import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content is loaded once per test database; every test runs in a transaction
    on top of it and leaves it as it found it."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _tom_buffer():
    """Each test's writes are rolled back, and on SQLite the next test's rows get the same ids
    again; a page fragment is keyed by the ids of the versions it shows (bupkart.cache), so
    what one test cached must not be there for the next."""
    caches["default"].clear()
