"""Permission policies: what a role may do with one row, on top of the row scope.

Group permissions say what kind of thing a role may do at all (a provider editor has no "publish").
These policies add the per-row rules, used by every Wagtail view that asks about an instance:
- operators may do everything their permissions allow;
- a moderator may act on rows of the municipalities they moderate;
- a provider editor may act on their own organizations' rows, except that imported rows are
  read-only for them, and public venues (managed by no organization) are only for choosing.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from backend.hobbies.models.common import LOCAL_SOURCE

from .roles import is_operator
from .scope import CmsScope

READ_ACTIONS = {"view", "choose"}


class ScopedPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not (user.is_active and self.user_has_permission(user, action)):
            return False
        if is_operator(user):
            return True
        scope = CmsScope(user)
        if scope.moderates(instance):
            return True
        if not scope.is_member(instance):
            # Public venues: anyone with the role may see and choose them, nobody but moderators edits.
            return action in READ_ACTIONS and getattr(instance, "organization_id", 0) is None
        if action in READ_ACTIONS:
            return True
        return getattr(instance, "data_source", LOCAL_SOURCE) == LOCAL_SOURCE and action != "publish"

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not (user.is_active and self.user_has_any_permission(user, actions)):
            return queryset.none()
        if is_operator(user):
            return queryset
        scope = CmsScope(user)
        condition = scope.q_for(self.model)
        if condition is None:
            return queryset
        if not set(actions) & READ_ACTIONS:
            # editing: rows they moderate, or their own rows that were not imported
            own = scope.member_q(self.model)
            if hasattr(self.model, "data_source"):
                own &= Q(data_source=LOCAL_SOURCE)
            condition = scope.moderated_q(self.model) | own
        return queryset.filter(condition)
