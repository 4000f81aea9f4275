"""The nightly training (Celery beat; schedule in ``backend/settings/base.py``, block "Recommender")."""

from __future__ import annotations

import logging

from celery import shared_task

from .training import train

logger = logging.getLogger(__name__)


@shared_task(name="backend.recommendations.tasks.train_recommender")
def train_recommender() -> str:
    result = train()
    message = (
        f"Recommender model {result.version}: {result.items} hobbies, {result.users} devices, "
        f"{result.interactions} interactions, {result.seconds:.1f} s"
    )
    logger.info("%s", message)
    return message
