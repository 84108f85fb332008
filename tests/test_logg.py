"""bupkart.logg.JsonFormatter: one JSON object per line, with the fields the README lists and
never a query string."""

import io
import json
import logging
from datetime import datetime

import pytest

from bupkart.logg import JsonFormatter


@pytest.fixture
def logg():
    strom = io.StringIO()
    handler = logging.StreamHandler(strom)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(linje) for linje in strom.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_request_error_logs_method_path_status_and_exception(rf, logg):
    request = rf.post("/sok/?q=fodselsnummer-12345678901", {"tekst": "hemmeleg"})
    try:
        raise ValueError("noko gjekk gale")
    except ValueError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=True,
            extra={"request": request, "status_code": 500},
        )
    (linje,) = logg()
    assert set(linje) == {"time", "level", "logger", "message", "method", "path", "status", "exception"}
    assert linje["level"] == "ERROR"
    assert linje["logger"] == "django.request"
    assert linje["message"] == "Internal Server Error: /sok/"
    assert (linje["method"], linje["path"], linje["status"]) == ("POST", "/sok/", 500)
    assert "ValueError: noko gjekk gale" in linje["exception"]
    assert linje["time"].endswith("+00:00")
    assert "12345678901" not in json.dumps(linje) and "hemmeleg" not in json.dumps(linje)


@pytest.mark.django_db
def test_django_s_own_request_log_has_the_path_without_its_query(client, logg):
    assert client.get("/finst-ikkje/?q=fodselsnummer-12345678901").status_code == 404
    (linje,) = logg()
    assert (linje["level"], linje["path"], linje["status"]) == ("WARNING", "/finst-ikkje/", 404)
    assert "12345678901" not in json.dumps(linje)
    assert "exception" not in linje


def test_a_line_without_a_request_has_the_four_fields_and_keeps_non_ascii():
    record = logging.LogRecord("bupkart", logging.INFO, __file__, 1, "Lasta %s", ("nynorsk tekst: ø",), None)
    linje = JsonFormatter().format(record)
    assert "\n" not in linje and "ø" in linje
    data = json.loads(linje)
    assert datetime.fromisoformat(data.pop("time")).tzinfo is not None
    assert data == {"level": "INFO", "logger": "bupkart", "message": "Lasta nynorsk tekst: ø"}
