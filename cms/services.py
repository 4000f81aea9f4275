"""Moderation actions shared by the CMS views, commands and tests."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

TAKE_DOWN_ACTION = "harrastuspassi.take_down"


@transaction.atomic
def take_down(instance, user, reason: str):
    """Remove a live hobby or benefit from the public at once, recording who did it and why.

    Only a moderator of its municipality (or an operator) may; the reason is required and is shown
    to the provider. Any moderation in progress is cancelled. Taken-down content stays down until a
    moderator publishes it again; imports do not bring it back.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for taking this down. The provider will see it.")})
    policy = policy_registry.get_by_type(type(instance))
    if not policy.user_has_permission_for_instance(user, "publish", instance):
        raise PermissionDenied
    workflow_state = instance.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    if instance.live:
        instance.unpublish(user=user, log_action=False)
    type(instance).objects.filter(pk=instance.pk).update(
        taken_down_at=timezone.now(), taken_down_reason=reason, taken_down_by=user, live=False
    )
    instance.refresh_from_db()
    log(instance, TAKE_DOWN_ACTION, user=user, data={"reason": reason})
    return instance


def clear_take_down(instance) -> None:
    """Publishing again (after a moderator's approval) lifts a take-down."""
    if getattr(instance, "taken_down_at", None) is not None:
        type(instance).objects.filter(pk=instance.pk).update(taken_down_at=None, taken_down_reason="")


def mark_edited_in_cms(instance) -> None:
    """A person edited this row: later imports must not overwrite it."""
    if not getattr(instance, "edited_in_cms", True):
        type(instance).objects.filter(pk=instance.pk).update(edited_in_cms=True)
