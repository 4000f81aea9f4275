"""Which rows a CMS user may see: the rules behind ``backend.core.scoping`` for the CMS.

- operator (superuser): no scope, everything;
- municipal moderator: everything whose municipality they moderate;
- provider editor: everything of the organizations they are a member of, plus public venues
  (venues no organization manages) so that they can choose where their hobby happens.
A user with neither role sees nothing.
"""

from __future__ import annotations

from functools import cached_property

from django.db import models
from django.db.models import Q

from backend.benefits.models import Benefit
from backend.core.scoping import unscoped
from backend.hobbies.models import Hobby, Organization, Session, Venue

from .roles import is_operator, member_organization_ids, moderated_municipality_ids

SCOPED_MODELS = (Hobby, Benefit, Session, Venue, Organization)


class CmsScope:
    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def municipalities(self) -> set[int]:
        with unscoped():
            return moderated_municipality_ids(self.user)

    @cached_property
    def organizations(self) -> set[int]:
        with unscoped():
            return member_organization_ids(self.user)

    def moderated_q(self, model) -> Q:
        """Rows in the municipalities this user moderates."""
        munis = self.municipalities
        return {
            Hobby: Q(municipality_id__in=munis),
            Benefit: Q(organization__municipality_id__in=munis),
            Session: Q(hobby__municipality_id__in=munis),
            Venue: Q(municipality_id__in=munis) | Q(organization__municipality_id__in=munis),
            Organization: Q(municipality_id__in=munis),
        }[model]

    def member_q(self, model) -> Q:
        """Rows of the organizations this user is a member of."""
        orgs = self.organizations
        return {
            Hobby: Q(organization_id__in=orgs),
            Benefit: Q(organization_id__in=orgs),
            Session: Q(hobby__organization_id__in=orgs),
            Venue: Q(organization_id__in=orgs),
            Organization: Q(id__in=orgs),
        }[model]

    def q_for(self, model) -> Q | None:
        """The condition a visible row of ``model`` meets; None when the model is not scoped."""
        if model not in SCOPED_MODELS:
            return None
        condition = self.moderated_q(model) | self.member_q(model)
        if model is Venue:
            condition |= Q(organization__isnull=True)
        return condition

    def filter(self, queryset: models.QuerySet) -> models.QuerySet:
        condition = self.q_for(queryset.model)
        if condition is None:
            return queryset
        return queryset.filter(condition).distinct() if queryset.model is Venue else queryset.filter(condition)

    # --- questions about one row ---------------------------------------------------------------

    def moderates(self, instance) -> bool:
        return municipality_of(instance) in self.municipalities

    def is_member(self, instance) -> bool:
        return organization_of(instance) in self.organizations


def scope_for(user) -> CmsScope | None:
    return None if is_operator(user) else CmsScope(user)


def municipality_of(instance) -> int | None:
    with unscoped():
        if isinstance(instance, Hobby | Organization):
            return instance.municipality_id
        if isinstance(instance, Session):
            return Hobby.objects.filter(pk=instance.hobby_id).values_list("municipality_id", flat=True).first()
        if isinstance(instance, Venue) and instance.municipality_id:
            return instance.municipality_id
        organization = getattr(instance, "organization_id", None)
        if organization is None:
            return None
        return Organization.objects.filter(pk=organization).values_list("municipality_id", flat=True).first()


def organization_of(instance) -> int | None:
    if isinstance(instance, Organization):
        return instance.pk
    if isinstance(instance, Session):
        with unscoped():
            return Hobby.objects.filter(pk=instance.hobby_id).values_list("organization_id", flat=True).first()
    return getattr(instance, "organization_id", None)
