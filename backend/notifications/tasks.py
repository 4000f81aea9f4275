"""The sender as Celery tasks: beat runs ``send_due`` hourly (``notifications-hourly``); eager without Redis."""

from celery import shared_task

from . import services


@shared_task(name="backend.notifications.tasks.send_due")
def send_due() -> dict:
    """Send what is due to every registered device; returns the run's counts (never raises)."""
    return services.send_due().as_dict()


@shared_task(name="backend.notifications.tasks.send_to_device")
def send_to_device(device_id: str) -> dict:
    """Send what is due to one device now (same rules: quiet hours, the daily cap); returns the counts."""
    return services.send_due(device_ids=[device_id]).as_dict()
