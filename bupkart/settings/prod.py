"""Production: every secret and host comes from the environment, and a missing one stops
the process at start-up rather than serving with a default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
# base.py has parsed it already, reading a blank one as SQLite; production wants it set.
_required("DATABASE_URL")
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# bench/run.sh only: the production stack on plain HTTP at 127.0.0.1, with no TLS proxy in
# front. Refused for any host that is not loopback, so it cannot weaken a real deployment.
if os.environ.get("BUPKART_INSECURE_LOOPBACK") == "1":
    if set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "[::1]"}:
        raise ImproperlyConfigured("BUPKART_INSECURE_LOOPBACK=1 is only allowed with loopback ALLOWED_HOSTS.")
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Where collectstatic writes (and whitenoise serves from); default <repo>/staticfiles.
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = os.environ["STATIC_ROOT"]
BUPKART_DEMO_BANNER = os.environ.get("BUPKART_DEMO", "") == "1"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {"host": os.environ.get("EMAIL_HOST", "localhost")},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bupkart@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "bupkart.logg.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
