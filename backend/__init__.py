"""The Django project: settings, URLs, WSGI/ASGI entry points, Celery, and the domain apps."""

from .celery import app as celery_app

__all__ = ["celery_app"]
