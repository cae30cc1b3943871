"""Settings: every knob is an environment variable with a default that just works.

With nothing set, callhire runs on SQLite, writes mail to var/mail and keeps uploads in
var/media. DATABASE_URL switches to PostgreSQL. See .env.example for the full list.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.getenv("CALLHIRE_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    """Read a setting from NAME, or from the file named by NAME_FILE (for secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.getenv(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def _development_secret() -> str:
    # Generated once per installation so a fresh checkout runs without configuration.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY") or _development_secret()
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "callhire.base",
    "callhire.control",
    "callhire.presale",
    "rest_framework",
    "drf_spectacular",
    "callhire.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "callhire.urls"
WSGI_APPLICATION = "callhire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "callhire" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'callhire.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and its task threads write at once: WAL lets readers go on while one
    # writes, and IMMEDIATE takes the write lock when a transaction starts, so a writer waits
    # (up to the timeout) instead of failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests too use a file: an in-memory database shared between threads locks whole tables
    # and fails at once rather than waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-callhire.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# In-process cache by default; REDIS_URL shares it (and rate limits) across processes and machines.
if env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Background work (speech scoring, bulk jobs, webhooks): see callhire.base.tasks.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CALLHIRE_TASKS = env("CALLHIRE_TASKS", "celery" if CELERY_BROKER_URL else "thread")
CALLHIRE_TASK_THREADS = int(env("CALLHIRE_TASK_THREADS", "2"))
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# For `celery -A callhire beat`: the periodic work (cron running the management commands does the same).
CELERY_BEAT_SCHEDULE = {
    "deliver-webhooks": {
        "task": "callhire.run",
        "schedule": 60.0,
        "args": ["callhire.base.webhooks.deliver_webhooks", []],
    },
}


def _rate(text: str) -> tuple[int, int]:
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 60)


# Applications one address may submit per window (count/seconds); 0/1 turns the limit off.
CALLHIRE_APPLY_RATE = _rate(env("CALLHIRE_APPLY_RATE", "20/600"))
# Sign-in attempts per account per window (count/seconds); an address gets three times as many.
CALLHIRE_LOGIN_RATE = _rate(env("CALLHIRE_LOGIN_RATE", "10/900"))
# Tech-check requests per candidate link and per address (count/seconds), and the test bytes one
# link may move per hour: the measuring endpoints must not serve as an unbounded download.
CALLHIRE_TECHCHECK_RATE = _rate(env("CALLHIRE_TECHCHECK_RATE", "240/600"))
CALLHIRE_TECHCHECK_IP_RATE = _rate(env("CALLHIRE_TECHCHECK_IP_RATE", "720/600"))
CALLHIRE_TECHCHECK_BYTES_PER_HOUR = int(env("CALLHIRE_TECHCHECK_BYTES_PER_HOUR", str(200 * 1024 * 1024)))
# How many reverse proxies in front of callhire append to X-Forwarded-For (0: none, use the peer).
CALLHIRE_TRUSTED_PROXIES = int(env("CALLHIRE_TRUSTED_PROXIES", "0"))

# The REST API (callhire.api): bearer tokens only, JSON only, errors as {"detail": ..., "errors": ...}.
# Requests one API token may make per window, e.g. "600/min" (see docs/api.md).
CALLHIRE_API_RATE = env("CALLHIRE_API_RATE", "600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["callhire.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["callhire.api.permissions.TokenPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["callhire.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["callhire.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "callhire.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "callhire.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "callhire API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Postings, profiles, applications, stage moves and notes of one employer. See docs/api.md.",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,  # the enum lists the values already
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "callhire.api.schema.add_error_responses",
    ],
}
# Webhooks (callhire.base.webhooks): per-request timeout, attempts before giving up, the first retry
# delay (doubled after each failure), days finished deliveries stay in the log, and whether private
# and loopback addresses may receive them (never in production: it opens the internal network).
CALLHIRE_WEBHOOK_TIMEOUT = float(env("CALLHIRE_WEBHOOK_TIMEOUT", "10"))
CALLHIRE_WEBHOOK_MAX_ATTEMPTS = int(env("CALLHIRE_WEBHOOK_MAX_ATTEMPTS", "8"))
CALLHIRE_WEBHOOK_RETRY_SECONDS = int(env("CALLHIRE_WEBHOOK_RETRY_SECONDS", "60"))
CALLHIRE_WEBHOOK_KEEP_DAYS = int(env("CALLHIRE_WEBHOOK_KEEP_DAYS", "30"))
CALLHIRE_WEBHOOK_ALLOW_PRIVATE = env_bool("CALLHIRE_WEBHOOK_ALLOW_PRIVATE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "control:login"
LOGIN_REDIRECT_URL = "control:index"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ms", _("Malay"))]
LOCALE_PATHS = [BASE_DIR / "callhire" / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "callhire" / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads and recordings go to MEDIA_ROOT; CALLHIRE_STORAGE=s3 keeps them in an S3-compatible
# bucket instead (django-storages, in the production extra). They are only ever served through views
# that check who asks, so the bucket stays private.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("CALLHIRE_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
# A voice test answer is capped at this size (a minute of Opus is about half a megabyte).
CALLHIRE_MAX_RECORDING_BYTES = int(env("CALLHIRE_MAX_RECORDING_BYTES", str(8 * 1024 * 1024)))
# The customer's voice in the sample call, made by `manage.py make_call_audio` (or on first play).
CALLHIRE_CALL_AUDIO_DIR = Path(env("CALLHIRE_CALL_AUDIO_DIR", str(VAR_DIR / "call-audio")))

# Uploads: the posting reader takes files up to this size; larger requests are refused whole.
CALLHIRE_MAX_UPLOAD_BYTES = int(env("CALLHIRE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = CALLHIRE_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "callhire <noreply@callhire.test>")

# Behind TLS in production: secure cookies, HSTS and the redirect to HTTPS (off for the local demo).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0"))
if env("SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO" when a reverse proxy terminates TLS
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
