"""Structured logging for production: one JSON object per line on stderr, so journald, Docker
or any log shipper can parse it (a %-format string breaks as soon as a message has a quote)."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # Path and method only: query strings and bodies may hold what a reader typed.
            data["method"] = getattr(request, "method", None)
            data["path"] = request.path
        if hasattr(record, "status_code"):
            data["status"] = record.status_code
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
