"""The anonymous device profile and what it remembers.

Privacy by design: a device is a random id and the hash of a secret token. No name, email,
phone, exact address or precise location is ever stored: only a language, an optional age
group, an optional coarse home area, interests, favourites and interactions — all deleted
when the holder asks.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.hobbies.models import Category, Hobby


def hash_token(token: str) -> str:
    """The stored form of a device token (SHA-256; the token itself is 256 random bits)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Device(models.Model):
    class AgeGroup(models.TextChoices):
        UNDER_13 = "-12", _("12 or younger")
        AGE_13_15 = "13-15", _("13–15")
        AGE_16_17 = "16-17", _("16–17")
        OVER_17 = "18-", _("18 or older")

    class Language(models.TextChoices):
        FI = "fi", "Suomi"
        SV = "sv", "Svenska"
        EN = "en", "English"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FI)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)
    home_area = models.CharField(
        _("home area"),
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^[\w\- ]*$", _("Give a postal code or a district name."))],
        help_text=_("A postal code or district, never an address."),
    )
    interests = models.ManyToManyField(Category, blank=True, related_name="+", verbose_name=_("interests"))
    favourites = models.ManyToManyField(
        Hobby, through="Favourite", blank=True, related_name="+", verbose_name=_("favourites")
    )
    personalisation = models.BooleanField(_("personalised suggestions"), default=True)
    analytics = models.BooleanField(_("anonymous usage statistics"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # A date, not a time: enough for "active devices per week" and for expiring idle profiles.
    last_seen_on = models.DateField(_("last seen"), default=timezone.localdate)

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        indexes = [models.Index(fields=["last_seen_on"], name="device_last_seen")]

    def __str__(self) -> str:
        return str(self.id)

    @classmethod
    def register(cls, **profile) -> tuple[Device, str]:
        """Create a device; returns it and its secret token, which is never stored and shown once."""
        token = secrets.token_urlsafe(32)
        device = cls.objects.create(token_hash=hash_token(token), **profile)
        return device, token

    @classmethod
    def for_token(cls, token: str) -> Device | None:
        if not token or len(token) > 200:
            return None
        return cls.objects.filter(token_hash=hash_token(token)).first()


class Favourite(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="favourite_links")
    hobby = models.ForeignKey(Hobby, on_delete=models.CASCADE, related_name="favourite_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [models.UniqueConstraint(fields=["device", "hobby"], name="favourite_unique")]

    def __str__(self) -> str:
        return f"{self.device_id} ♥ {self.hobby_id}"


class Interaction(models.Model):
    """A device did something with a hobby: the recommender's training data and analytics' source."""

    class Kind(models.TextChoices):
        VIEW = "view", _("View")
        FAVOURITE = "favourite", _("Favourite")
        SHARE = "share", _("Share")
        JOIN_CLICK = "join_click", _("Clicked to join")
        DISMISS = "dismiss", _("Dismissed")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="interactions")
    hobby = models.ForeignKey(Hobby, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["device", "created_at"], name="interaction_device_time"),
            models.Index(fields=["hobby", "kind"], name="interaction_hobby_kind"),
            models.Index(fields=["created_at"], name="interaction_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.hobby_id}"
