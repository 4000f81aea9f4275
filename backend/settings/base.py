"""Settings shared by every environment; each value an operator may change comes from the environment."""

from __future__ import annotations

import json
from pathlib import Path

from celery.schedules import crontab
from corsheaders.defaults import default_headers as cors_default_headers

from .env import ConfigError, database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# A development key; production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ConfigError(f"CSRF_TRUSTED_ORIGINS entries need a scheme (https://...), got {_origin!r}")

INSTALLED_APPS = [
    # our apps first so that their templates and translations win
    "backend.core",
    "backend.hobbies",
    "backend.benefits",
    "backend.devices",
    "backend.feedback",
    "backend.api",
    "importers",
    "backend.recommendations",
    "backend.notifications",
    "backend.analytics",
    "cms",
    "cms.pages",
    "cms.onboarding",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # API
    "graphene_django",
    "django_filters",
    "corsheaders",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # CORS first: its preflight answers and headers must not depend on what runs after it
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "backend.core.middleware.QueryCountMiddleware",  # X-SQL-Queries, only with SQL_QUERY_COUNT_HEADER=1
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.CmsScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Benchmarks and profiling: every response says how many SQL statements it ran (X-SQL-Queries).
SQL_QUERY_COUNT_HEADER = env_bool("SQL_QUERY_COUNT_HEADER", False)

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL, base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, Celery, Redis -------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ConfigError(f"REDIS_URL must start with redis://, rediss:// or unix://, got {REDIS_URL!r}")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without a broker the tasks run in-process, so the embedded default needs no extra service.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Helsinki"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "refresh-next-sessions": {
        "task": "backend.hobbies.tasks.refresh_next_sessions",
        "schedule": crontab(minute="*/15"),
    },
}

# --- auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
CONTENT_LANGUAGES = ("fi", "sv", "en")
LOCALE_PATHS = [BASE_DIR / "backend" / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# The PWA's production build (pwa/dist) is served at / when it exists.
PWA_DIST_DIR = BASE_DIR / "pwa" / "dist"
# WhiteNoise serves the PWA's files (assets, service worker, manifest) from the site root.
WHITENOISE_ROOT = PWA_DIST_DIR if PWA_DIST_DIR.is_dir() else None


def _vite_hashed(path: str, url: str) -> bool:
    """Vite's content-hashed build files (assets/name-Hash8.js) never change: cache them for a year. Everything
    else at the root (sw.js, manifest, icons, index.html) is revalidated."""
    import re

    return re.search(r"/assets/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$", url) is not None


WHITENOISE_IMMUTABLE_FILE_TEST = _vite_hashed
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024, minimum=1024)

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Harrastuspassi"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "vtt", "txt", "mp4", "webm"]

# --- GraphQL --------------------------------------------------------------------------------
GRAPHENE = {"SCHEMA": "backend.api.schema.schema"}

# --- API rate limits (backend/api/ratelimit.py) ------------------------------------------------
# Fixed windows counted in the cache. Each value is "<count>/<second|minute|hour|day>"; an empty
# value switches that limit off. "default" applies to every mutation; an entry named after a
# mutation replaces the default for the scopes it names (and counts them separately).
# Many teenagers may register at once behind one school network address, hence the hourly budget.
API_RATE_LIMITS = {
    "default": {
        "device": env_str("API_RATE_LIMIT_PER_DEVICE", "120/minute"),
        "ip": env_str("API_RATE_LIMIT_PER_IP", "300/minute"),
    },
    "registerDevice": {"ip": env_str("API_RATE_LIMIT_REGISTER_PER_IP", "100/hour")},
}
for _scopes in API_RATE_LIMITS.values():
    for _rate in _scopes.values():
        _count, _sep, _period = (_rate or "").partition("/")
        if _rate and not (_count.isdigit() and int(_count) > 0 and _period in {"second", "minute", "hour", "day"}):
            raise ConfigError(f"API rate limits look like 120/minute (second, minute, hour or day), got {_rate!r}")
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
API_TRUSTED_PROXY_COUNT = env_int("API_TRUSTED_PROXY_COUNT", 0, minimum=0)
# --- end of API rate limits --------------------------------------------------------------------

# --- Firebase and notifications (optional; backend/notifications/) ---------------------------
# A service-account key file. Without it push notifications are off: the health check and the CMS say so.
FIREBASE_CREDENTIALS = env_str("FIREBASE_CREDENTIALS")
if FIREBASE_CREDENTIALS and not Path(FIREBASE_CREDENTIALS).is_file():
    raise ConfigError(f"FIREBASE_CREDENTIALS points to {FIREBASE_CREDENTIALS!r}, which is not a file")
# Tests point firebase-admin at a local fake: the FCM send endpoint's base URL (empty: Google's).
FIREBASE_FCM_ENDPOINT = env_str("FIREBASE_FCM_ENDPOINT", "")
# The web app's public Firebase config (JSON: apiKey, projectId, messagingSenderId, appId) and VAPID key, handed
# to the PWA so it can ask the browser for an FCM token. Empty: the app offers no notifications.
FIREBASE_WEB_CONFIG = env_str("FIREBASE_WEB_CONFIG", "")
if FIREBASE_WEB_CONFIG.strip():
    try:
        _web_config = json.loads(FIREBASE_WEB_CONFIG)
    except ValueError:
        _web_config = None
    _web_keys = {"apiKey", "projectId", "messagingSenderId", "appId"}
    if not isinstance(_web_config, dict) or not _web_keys <= set(_web_config):
        raise ConfigError(
            "FIREBASE_WEB_CONFIG must be a JSON object with apiKey, projectId, messagingSenderId and appId "
            "(the web app config from the Firebase console)"
        )
FIREBASE_VAPID_KEY = env_str("FIREBASE_VAPID_KEY", "")
# No sends between these hours (Helsinki time): a message due at night waits for the morning.
NOTIFICATIONS_QUIET_START = env_int("NOTIFICATIONS_QUIET_START", 21, minimum=0)
NOTIFICATIONS_QUIET_END = env_int("NOTIFICATIONS_QUIET_END", 8, minimum=0)
if NOTIFICATIONS_QUIET_START > 23 or NOTIFICATIONS_QUIET_END > 23:
    raise ConfigError("NOTIFICATIONS_QUIET_START and NOTIFICATIONS_QUIET_END are hours from 0 to 23")
NOTIFICATIONS_DAILY_CAP = env_int("NOTIFICATIONS_DAILY_CAP", 3, minimum=1)
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 500, minimum=1)
NOTIFICATIONS_RADIUS_KM = env_int("NOTIFICATIONS_RADIUS_KM", 10, minimum=1)
NOTIFICATIONS_BENEFIT_EXPIRY_DAYS = env_int("NOTIFICATIONS_BENEFIT_EXPIRY_DAYS", 3, minimum=1)
# A message FCM answers with a transient error (unavailable, internal, quota) is retried, waiting 1 s, 2 s, ...
NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 1.0
if NOTIFICATIONS_BATCH_SIZE > 500:
    raise ConfigError("NOTIFICATIONS_BATCH_SIZE is at most 500 (FCM's limit for one send_each call)")
CELERY_BEAT_SCHEDULE.update(
    {
        # hourly: each run sends only what is due and outside quiet hours; the digest goes once a day per device
        "notifications-hourly": {"task": "backend.notifications.tasks.send_due", "schedule": crontab(minute=5)},
    }
)

# --- Usage analytics (backend/analytics/) -----------------------------------------------------------
# No figure about fewer devices than this is shown; raw rows older than the retention are aggregated and deleted.
ANALYTICS_MIN_DEVICES = env_int("ANALYTICS_MIN_DEVICES", 5, minimum=2)
ANALYTICS_RETENTION_MONTHS = env_int("ANALYTICS_RETENTION_MONTHS", 13, minimum=1)
# A report's figures are computed once per this many seconds (per scope, period and language); 0: every time.
ANALYTICS_CACHE_SECONDS = env_int("ANALYTICS_CACHE_SECONDS", 600, minimum=0)
CELERY_BEAT_SCHEDULE["analytics-retention-nightly"] = {
    "task": "backend.analytics.tasks.apply_retention",
    "schedule": crontab(hour=2, minute=50),
}

# --- email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Harrastuspassi <noreply@harrastuspassi.invalid>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- API limits and CORS (backend/api/view.py, backend/api/limits.py) --------------------------------
# Each GraphQL operation: fields nested at most this deep, this many aliases, and an estimated cost (1 per
# field, times `first` under a paged field) at most this high. Introspection has fixed bounds of its own.
API_MAX_DEPTH = env_int("API_MAX_DEPTH", 10, minimum=5)
API_MAX_ALIASES = env_int("API_MAX_ALIASES", 30, minimum=0)
API_MAX_COST = env_int("API_MAX_COST", 4000, minimum=100)
# A POST body above this many bytes is refused with 413 before it is read; a batch holds at most API_MAX_BATCH.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 64 * 1024, minimum=4096)
API_MAX_BATCH = env_int("API_MAX_BATCH", 10, minimum=1)
if API_MAX_BODY_BYTES > DATA_UPLOAD_MAX_MEMORY_SIZE:
    raise ConfigError("API_MAX_BODY_BYTES must not be larger than DATA_UPLOAD_MAX_MEMORY_SIZE")

# Web apps on other origins may call the API (and fetch hobby calendars) from a browser; e.g.
# CORS_ALLOWED_ORIGINS=https://app.example.fi,https://admin.example.fi. Empty: same origin only.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
for _origin in CORS_ALLOWED_ORIGINS:
    if not _origin.startswith(("http://", "https://")) or _origin.count("/") > 2:
        raise ConfigError(f"CORS_ALLOWED_ORIGINS entries look like https://app.example.fi (no path), got {_origin!r}")
CORS_URLS_REGEX = r"^/(graphql|hobbies/)"
CORS_ALLOW_HEADERS = (*cors_default_headers, "accept-language", "x-client")
CORS_PREFLIGHT_MAX_AGE = 86400
# --- end of API limits and CORS ----------------------------------------------------------------------

# --- Importers (importers/sources.py, importers/tasks.py) ----------------------------------------------------
# Each source: name → options over importers.sources.DEFAULT_SOURCES (kind, url, organization, municipality,
# params, page_size, publish). Another Linked Events instance is one more entry of kind "linkedevents".
# Imported hobbies go live without moderation unless IMPORT_<SOURCE>_PUBLISH=0 (then a moderator publishes them).
IMPORT_SOURCES = {
    "linkedevents": {
        "url": env_str("IMPORT_LINKEDEVENTS_URL", "https://api.hel.fi/linkedevents/v1/"),
        "publish": env_bool("IMPORT_LINKEDEVENTS_PUBLISH", True),
    },
    "linkedcourses": {
        "url": env_str("IMPORT_LINKEDCOURSES_URL", "https://api.hel.fi/linkedcourses/v1/"),
        "publish": env_bool("IMPORT_LINKEDCOURSES_PUBLISH", True),
    },
    "lipas": {
        "url": env_str("IMPORT_LIPAS_URL", "https://api.lipas.fi/v1/"),
        "publish": env_bool("IMPORT_LIPAS_PUBLISH", True),
    },
}
IMPORT_DEFAULT_MUNICIPALITY = env_str("IMPORT_DEFAULT_MUNICIPALITY", "091")
CELERY_BEAT_SCHEDULE.update(
    {
        "import-linkedevents-hourly": {
            "task": "importers.tasks.import_source",
            "schedule": crontab(minute=20),
            "args": ("linkedevents",),
            "kwargs": {"incremental": True},
        },
        "import-linkedcourses-hourly": {
            "task": "importers.tasks.import_source",
            "schedule": crontab(minute=35),
            "args": ("linkedcourses",),
            "kwargs": {"incremental": True},
        },
        "import-lipas-nightly": {
            "task": "importers.tasks.import_source",
            "schedule": crontab(hour=3, minute=40),
            "args": ("lipas",),
            "kwargs": {"incremental": False},
        },
    }
)
# --- end of Importers ------------------------------------------------------------------------------------------

# --- Recommender (backend/recommendations/, recommender/) ----------------------------------------------------
# Trained models are saved here as plain arrays + JSON (recommender/store.py); every web process reloads the
# newest within RECOMMENDER_RELOAD_SECONDS. Until one exists, a content + popularity fallback is fitted on the fly.
RECOMMENDER_MODEL_DIR = Path(env_str("RECOMMENDER_MODEL_DIR", str(VAR_DIR / "recommender")))
RECOMMENDER_RELOAD_SECONDS = env_int("RECOMMENDER_RELOAD_SECONDS", 60, minimum=0)
RECOMMENDER_AVAILABILITY_SECONDS = env_int("RECOMMENDER_AVAILABILITY_SECONDS", 120, minimum=0)
RECOMMENDER_FALLBACK_SECONDS = env_int("RECOMMENDER_FALLBACK_SECONDS", 600, minimum=0)
RECOMMENDER_KEEP_VERSIONS = env_int("RECOMMENDER_KEEP_VERSIONS", 3, minimum=1)
CELERY_BEAT_SCHEDULE["train-recommender-nightly"] = {
    "task": "backend.recommendations.tasks.train_recommender",
    "schedule": crontab(hour=4, minute=10),
}
# --- end of Recommender ------------------------------------------------------------------------------------------
