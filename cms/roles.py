"""The three CMS roles and how a user gets them.

- operator: a superuser; everything.
- municipal moderator: in ``Municipality.moderators`` and the "Moderators" group; everything in their
  municipality (approve, reject, take down, edit), nothing outside it.
- provider editor: in ``Organization.members`` and the "Provider editors" group; drafts of their own
  organizations' hobbies, sessions, benefits and venues, submitted for moderation, never published directly.

The groups carry Wagtail's model permissions (what kind of thing a role may do); the scoping to a
municipality or organization is done by ``cms.permissions`` for every view.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

MODERATORS = "Moderators"
PROVIDER_EDITORS = "Provider editors"

_PROVIDER_PERMISSIONS = {
    "hobbies.hobby": ["add", "change", "delete", "view", "lock", "unlock"],
    "hobbies.session": ["add", "change", "delete", "view"],
    "hobbies.venue": ["add", "change", "view"],
    "hobbies.organization": ["view"],
    "hobbies.category": ["view"],
    "benefits.benefit": ["add", "change", "delete", "view", "lock", "unlock"],
    "wagtailimages.image": ["add", "choose"],
}
_MODERATOR_PERMISSIONS = {
    "hobbies.hobby": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
    "hobbies.session": ["add", "change", "delete", "view"],
    "hobbies.venue": ["add", "change", "delete", "view"],
    "hobbies.organization": ["add", "change", "view"],
    "hobbies.category": ["view"],
    "hobbies.categorymapping": ["view"],
    "benefits.benefit": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
    "wagtailimages.image": ["add", "change", "choose"],
    "onboarding.providerapplication": ["view", "change"],
    "feedback.feedback": ["view", "change"],
}


def _permissions(spec: dict[str, list[str]]) -> list[Permission]:
    found = []
    for label, actions in spec.items():
        app_label, model = label.split(".")
        codenames = [f"{action}_{model}" for action in actions]
        found.extend(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    return found


@transaction.atomic
def ensure_groups() -> dict[str, Group]:
    """Create or update the role groups with their permissions (idempotent)."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name, spec in ((MODERATORS, _MODERATOR_PERMISSIONS), (PROVIDER_EDITORS, _PROVIDER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        wanted = {access_admin, *_permissions(spec)}
        missing = wanted - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
        groups[name] = group
    return groups


def make_provider_editor(user, organization) -> None:
    """Give ``user`` the provider-editor role for ``organization``."""
    groups = ensure_groups()
    user.groups.add(groups[PROVIDER_EDITORS])
    organization.members.add(user)


def make_moderator(user, municipality) -> None:
    groups = ensure_groups()
    user.groups.add(groups[MODERATORS])
    municipality.moderators.add(user)


def is_operator(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def moderated_municipality_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.moderated_municipalities.values_list("id", flat=True))


def signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def moderation_rows(user, queryset, concerning):
    """The rows of ``queryset`` that ``user`` oversees: all for the operator; for a moderator those that
    ``concerning(municipality_ids)`` (a ``Q``) selects in their municipalities; none for anyone else."""
    if not signed_in(user):
        return queryset.none()
    if is_operator(user):
        return queryset
    municipalities = moderated_municipality_ids(user)
    return queryset.filter(concerning(municipalities)) if municipalities else queryset.none()


def may_moderate(user) -> bool:
    """The operator, or a moderator of at least one municipality."""
    return signed_in(user) and (is_operator(user) or bool(moderated_municipality_ids(user)))


def member_organization_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.organizations.values_list("id", flat=True))
