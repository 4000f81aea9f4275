"""Provider applications (from the public form) and invitations (set a password, then log in to the CMS).

Nothing but a ``ProviderApplication`` row exists until a moderator approves it; approval creates the
organization, the account and an ``Invitation`` (see ``services``). An invitation's token is stored only
as its SHA-256: the raw token appears once, in the emailed link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.hobbies.models import Municipality, Organization

DESCRIPTION_MAX_LENGTH = 1000
DECLINE_NEEDS_REASON = _("Give a reason when declining an application.")
DUPLICATE_PENDING = _("An application for this organization is already waiting for a decision in this municipality.")


class Language(models.TextChoices):
    FI = "fi", "Suomi"
    SV = "sv", "Svenska"
    EN = "en", "English"


def name_key(name: str) -> str:
    """The form of an organization name used to find duplicates: case-folded, spaces collapsed.

    Done in Python rather than with the database's LOWER(), which on SQLite folds only ASCII (Ä ≠ ä).
    """
    return re.sub(r"\s+", " ", name or "").strip().casefold()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ProviderApplication(models.Model):
    """A hobby provider's request to publish in the service, decided by a moderator of the municipality."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organization_name = models.CharField(_("name of the organization"), max_length=200)
    # The name as compared for duplicates; kept in step with organization_name by save().
    name_key = models.CharField(max_length=200, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="provider_applications", verbose_name=_("municipality")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Organization.Kind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    # At most 150 characters: the address becomes the CMS username (Django's limit).
    email = models.EmailField(_("work email"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(
        _("website"), blank=True, validators=[URLValidator(schemes=["http", "https"])], max_length=300
    )
    description = models.TextField(_("short description"), max_length=DESCRIPTION_MAX_LENGTH)
    language = models.CharField(
        _("language of the applicant"), max_length=2, choices=Language.choices, default=Language.FI
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
        help_text=_("The organization created when the application was approved."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("provider application")
        verbose_name_plural = _("provider applications")
        indexes = [models.Index(fields=["municipality", "status"], name="application_muni_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="application_decline_needs_reason",
                violation_error_message=DECLINE_NEEDS_REASON,
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", decided_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(decided_at__isnull=False)),
                name="application_decided_has_time",
                violation_error_message=_("A decided application records when it was decided."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "declined"]),
                name="application_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            # The last guard against two identical applications sent at the same moment.
            models.UniqueConstraint(
                fields=["municipality", "name_key"],
                condition=models.Q(status="pending"),
                name="application_one_pending_per_name",
                violation_error_message=DUPLICATE_PENDING,
            ),
        ]

    def __str__(self) -> str:
        return self.organization_name

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.organization_name)
        if kwargs.get("update_fields") is not None and "organization_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def clean(self) -> None:
        super().clean()
        self.name_key = name_key(self.organization_name)
        # name_key is not a form field, so the unique constraint above is not checked by model forms.
        if self.is_pending and self.municipality_id:
            others = ProviderApplication.objects.filter(
                municipality_id=self.municipality_id, name_key=self.name_key, status=self.Status.PENDING
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError({"organization_name": DUPLICATE_PENDING})


def default_expiry():
    days = getattr(settings, "PROVIDER_INVITATION_DAYS", 7)
    return timezone.now() + dt.timedelta(days=days)


class Invitation(models.Model):
    """A one-time link that lets an invited editor set a password and so activate the account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_invitations", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organization")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FI)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
