"""Keep each hobby's next session current when its sessions change one by one.

Bulk writers (importers, the demo loader, weekly schedules) call
``services.refresh_next_sessions`` themselves once per batch.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Session
from .services import refresh_next_sessions


@receiver(post_save, sender=Session, dispatch_uid="session_saved_refresh_next")
@receiver(post_delete, sender=Session, dispatch_uid="session_deleted_refresh_next")
def _session_changed(sender, instance: Session, **kwargs) -> None:
    refresh_next_sessions([instance.hobby_id])
