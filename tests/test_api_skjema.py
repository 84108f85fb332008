"""The read API against its own OpenAPI schema (schemathesis): every answer to generated
requests, valid and invalid, is one the schema promises, and none is a server error."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db


# Read through the app itself at collection (the schema view reads no database).
skjema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _behold_tilkoblingen():
    """Requests go straight to the WSGI app, whose end-of-request signal would close the test's
    database connection, and its transaction with it (PostgreSQL); Django's test client
    disconnects the same receiver."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@skjema.parametrize()
# Few examples: the suite runs on two cores; the properties are simple and deterministic.
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_folger_skjemaet(case):
    case.call_and_validate()
