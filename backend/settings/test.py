"""Settings for pytest: fast hashing, in-memory email, tasks in-process.

DATABASE_URL and REDIS_URL still come from the environment, so the same suite runs on
SQLite (the default) and on PostgreSQL with Redis (the second CI pass).
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run in-process in tests; the broker round-trip test switches this off for itself.
CELERY_TASK_ALWAYS_EAGER = True
# Tests change the data between requests; the one test of the report cache turns it on for itself.
ANALYTICS_CACHE_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# Each test run saves recommender models in a directory of its own (tests that train point it at tmp_path).
RECOMMENDER_MODEL_DIR = Path(tempfile.mkdtemp(prefix="harrastuspassi-recommender-"))
