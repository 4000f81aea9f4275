"""Benefits and redemptions. A benefit is never oversold: ``redeemed_count`` is checked by the database."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from backend.core.i18n import CONTENT_LANGUAGES, TranslatedFieldsMixin
from backend.hobbies.models import Hobby, Organization
from backend.hobbies.models.common import ModeratedMixin, SourceMixin, TimestampedMixin, source_unique_constraint


class Benefit(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    ModeratedMixin,
    SourceMixin,
    TimestampedMixin,
    TranslatedFieldsMixin,
    models.Model,
):
    translated_fields = ("title", "description", "terms")

    # Nothing is public until a moderator (or a trusted import) publishes it; Wagtail's default is live.
    live = models.BooleanField(_("live"), default=False, editable=False)

    class Kind(models.TextChoices):
        TRIAL = "trial", _("Free trial")
        DISCOUNT = "discount", _("Discount")
        FREE_ENTRY = "free_entry", _("Free entry")
        TICKET = "ticket", _("Free ticket")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="benefits", verbose_name=_("organization")
    )
    hobby = models.ForeignKey(
        Hobby, on_delete=models.SET_NULL, null=True, blank=True, related_name="benefits", verbose_name=_("hobby")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_fi = models.CharField(_("title (Finnish)"), max_length=150, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=150, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    terms_fi = models.CharField(_("terms (Finnish)"), max_length=300, blank=True)
    terms_sv = models.CharField(_("terms (Swedish)"), max_length=300, blank=True)
    terms_en = models.CharField(_("terms (English)"), max_length=300, blank=True)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    total_quantity = models.PositiveIntegerField(
        _("how many in total"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    per_device_limit = models.PositiveSmallIntegerField(
        _("uses per person"), default=1, validators=[MinValueValidator(1)]
    )
    # Incremented in the same transaction as each Redemption; the constraint forbids overselling.
    redeemed_count = models.PositiveIntegerField(_("redeemed"), default=0, editable=False)

    class Meta:
        ordering = ["valid_until", "id"]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        indexes = [models.Index(fields=["live", "valid_from", "valid_until"], name="benefit_live_validity")]
        constraints = [
            source_unique_constraint("benefit"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")),
                name="benefit_validity_order",
                violation_error_message=_("A benefit must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(total_quantity__isnull=True)
                | models.Q(redeemed_count__lte=models.F("total_quantity")),
                name="benefit_not_oversold",
                violation_error_message=_("The quantity cannot be smaller than the number already redeemed."),
            ),
            models.CheckConstraint(
                condition=models.Q(per_device_limit__gte=1),
                name="benefit_per_device_limit_positive",
                violation_error_message=_("Each person must be able to use the benefit at least once."),
            ),
        ]

    def __str__(self) -> str:
        return self.translated("title", "fi").text or _("Untitled benefit")

    def clean(self) -> None:
        super().clean()
        if not any(getattr(self, f"title_{lang}").strip() for lang in CONTENT_LANGUAGES):
            raise ValidationError({"title_fi": _("Give the benefit a title in at least one language.")})
        if self.hobby_id and self.organization_id and self.hobby.organization_id != self.organization_id:
            raise ValidationError({"hobby": _("The hobby must belong to the same organization.")})

    @property
    def remaining(self) -> int | None:
        if self.total_quantity is None:
            return None
        return max(self.total_quantity - self.redeemed_count, 0)

    def is_valid_at(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.valid_from <= moment < self.valid_until


class Redemption(models.Model):
    """One use of a benefit, with the short code shown at the venue.

    When a device is forgotten its redemptions stay (device set to NULL) so that counts remain right,
    but nothing links them to anyone.
    """

    benefit = models.ForeignKey(
        Benefit, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("benefit")
    )
    device = models.ForeignKey(
        "devices.Device",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="redemptions",
        verbose_name=_("device"),
    )
    code = models.CharField(_("code"), max_length=12)
    redeemed_at = models.DateTimeField(_("redeemed"), default=timezone.now)

    class Meta:
        ordering = ["-redeemed_at"]
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        indexes = [models.Index(fields=["benefit", "device"], name="redemption_benefit_device")]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "code"],
                name="redemption_code_unique_per_benefit",
                violation_error_message=_("This code has already been given for this benefit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.benefit})"
