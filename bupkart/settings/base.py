"""Settings shared by every environment; dev, test and prod import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    # The apps in their layers, lowest first (an app imports only those above it in this list;
    # `make lint` checks it with import-linter).
    "bupkart",
    "tjenester",
    "forlop",
    "redaksjon",
    "sok",
    "tilbakemelding",
    "utveksling",
    "oving",
    "tal",
    "innforing",
    "api",
    "innebygg",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside session, CSRF and context, so it sees every cookie they set (bupkart.cache).
    "bupkart.cache.CacheHodeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "bupkart.http.NulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "redaksjon.sikkerhet.KrevTofaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tjenester.middleware.LokalKontekstMiddleware",
    "redaksjon.middleware.RedaksjonMiddleware",
    # Last, so it turns a lockout flagged anywhere in the request into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bupkart.urls"
WSGI_APPLICATION = "bupkart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "bupkart.context_processors.portal",
                "redaksjon.context_processors.redaksjon",
            ],
        },
    },
]

DATABASES = {
    # A blank DATABASE_URL counts as unset (production settings then refuse to start).
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behaves as PostgreSQL under concurrent saves: a transaction takes the write lock
    # when it begins (IMMEDIATE), so two saves of one text queue for it and the second finds the
    # first's version and gets the conflict page, instead of failing with «database is locked»
    # when a reader's lock cannot be upgraded; a writer waits up to `timeout` seconds for the
    # lock; WAL lets readers read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bokmål and nynorsk are both full written standards; the page's målform decides which one
# the interface speaks (see tjenester.middleware).
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Bokmål"), ("nn", "Nynorsk")]
# locale-django/ completes the strings Django's own nb/nn catalogues lack.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# The reader's chosen kommune is a convenience, not personal data: a kommunenummer only.
KOMMUNE_COOKIE = "bupkart_kommune"
MALFORM_COOKIE = "bupkart_malform"
ROLLE_COOKIE = "bupkart_rolle"  # who the reader is (tjenester.roller): a profession, no person
KOMMUNE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365

# Editors log in to the admin only; their sessions should not outlive a working day.
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True

# --- Editor login: lockout after repeated failures, two-factor for publishing roles ------------
# First, so the lockout is checked before the password is looked at.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the pair: a typo-prone colleague on the same network does not lock everyone out, and a
# guesser cannot lock a known editor out from anywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "sikkerhet/sperret.html"
# The client address as BUPKART_PROXYAR (below) says: behind N trusted proxies, the N-th entry
# from the right of X-Forwarded-For; else REMOTE_ADDR.
AXES_CLIENT_IP_CALLABLE = "bupkart.klient.klient_ip"

# Editors with a publishing role (forvalter, redaktør, superuser) must confirm a TOTP code
# before they use the admin. Off by default so the demo logs in with a password alone.
BUPKART_REQUIRE_2FA = os.environ.get("BUPKART_REQUIRE_2FA", "") == "1"
OTP_TOTP_ISSUER = "bupkart"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# The read API's rate limit per client address (api.http); bench/run.sh lifts it.
BUPKART_API_GRENSE = os.environ.get("BUPKART_API_GRENSE", "300/m")

# Shown in the footer while the database holds the demo content (set by load_demo).
BUPKART_DEMO_BANNER = True
BUPKART_NESTE_REVISJON_MANADER = 12
BUPKART_TEKST_MAKS_LENGD = 20_000

# Feedback («Gi tilbakemelding»): longest text, and at most this many messages kept per address
# and page, per address (readers behind one NAT share it) and in all, in this many seconds
# (counted in the cache; use a shared cache with several app servers).
BUPKART_TILBAKEMELDING_MAKS_LENGD = 3000
BUPKART_TILBAKEMELDING_GRENSE = 5
BUPKART_TILBAKEMELDING_GRENSE_ADRESSE = 30
BUPKART_TILBAKEMELDING_GRENSE_ALLE = 300
BUPKART_TILBAKEMELDING_PERIODE = 10 * 60
# Øvingsverktøyet: an økt and its tables' answers are deleted after this many days
# (manage.py slett_gamle_okter); a join code works for this many hours; one address may start
# at most this many økter per period (seconds).
BUPKART_OVING_OKT_DAGAR = int(os.environ.get("BUPKART_OVING_OKT_DAGAR", "30"))
BUPKART_OVING_KODE_TIMAR = 12
BUPKART_OVING_START_GRENSE = 5
BUPKART_OVING_START_PERIODE = 60 * 60
# How many trusted proxies add themselves to X-Forwarded-For in front of the app (0: use REMOTE_ADDR).
BUPKART_PROXYAR = int(os.environ.get("BUPKART_PROXYAR", "0"))

# Background tasks (bupkart.varsling's e-mail) are rows in the database; `manage.py db_worker`
# runs them (make run starts one; deploy/bupkart-worker.service in production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Caching (bupkart.cache) ---------------------------------------------------------------------
# Local memory by default (each process its own); with REDIS_URL every app server shares one
# Redis. Either way public pages are keyed by the content version kept in the database, so no
# server ever serves a page older than the last publication.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bupkart",
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bupkart",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# BUPKART_SIDECACHE=0 turns the page cache off, BUPKART_FRAGMENTCACHE=0 the fragments of pages
# (the bench measures each).
BUPKART_SIDECACHE = os.environ.get("BUPKART_SIDECACHE", "1") != "0"
BUPKART_FRAGMENTCACHE = os.environ.get("BUPKART_FRAGMENTCACHE", "1") != "0"
