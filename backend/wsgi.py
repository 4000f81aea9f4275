"""WSGI entry point (gunicorn backend.wsgi)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from backend.settings.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings.production")

try:
    application = get_wsgi_application()
except ConfigError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    sys.exit(2)
