"""Who sees which applications and for which organizations one may invite editors.

Every CMS view of this app starts from these querysets, so a row outside them answers 404 whatever the
URL: an operator sees everything, a moderator their municipalities, a provider editor (for invitations)
their own organizations, anyone else nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from backend.hobbies.models import Organization
from cms.roles import is_operator, may_moderate, moderated_municipality_ids, moderation_rows, signed_in

from .models import ProviderApplication


def visible_applications(user) -> QuerySet[ProviderApplication]:
    """The applications ``user`` may see and decide: operator all, moderator their municipalities."""
    queryset = ProviderApplication.objects.select_related("municipality", "decided_by", "organization")
    return moderation_rows(user, queryset, lambda municipalities: Q(municipality_id__in=municipalities))


def may_see_applications(user) -> bool:
    return may_moderate(user)


def invitable_organizations(user) -> QuerySet[Organization]:
    """Organizations ``user`` may add editors to: members their own, moderators their municipalities'."""
    # The base manager is not row-scoped; the scoping is spelled out here so it holds in any request.
    queryset = Organization._base_manager.select_related("municipality").order_by("name", "pk")
    if not signed_in(user):
        return queryset.none()
    if is_operator(user):
        return queryset
    memberships = Organization.members.through.objects.filter(user_id=user.pk).values("organization_id")
    return queryset.filter(Q(pk__in=memberships) | Q(municipality_id__in=moderated_municipality_ids(user)))


def may_invite_editors(user) -> bool:
    return invitable_organizations(user).exists()
