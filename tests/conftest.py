import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content is loaded once per test database; every test runs in a transaction
    on top of it and leaves it as it found it."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
