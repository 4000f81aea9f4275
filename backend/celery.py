"""The Celery application. Without REDIS_URL every task runs eagerly in the calling process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings.dev")

app = Celery("harrastuspassi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    ["backend.hobbies", "importers", "backend.recommendations", "backend.notifications", "backend.analytics"]
)
