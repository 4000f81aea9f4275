"""Settings for `make run`: debug on, local hosts only."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
