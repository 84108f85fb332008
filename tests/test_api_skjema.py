"""The read API against its own OpenAPI schema (schemathesis): every answer to generated
requests, valid and invalid, is one the schema promises, and none is a server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db


# Read through the app itself at collection (the schema view reads no database).
skjema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@skjema.parametrize()
# Few examples: the suite runs on two cores; the properties are simple and deterministic.
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_folger_skjemaet(case):
    case.call_and_validate()
