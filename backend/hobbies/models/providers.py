"""Who offers hobbies and where: municipalities, provider organizations and venues."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.i18n import TranslatedFieldsMixin
from backend.core.scoping import ScopedManager

from .common import HttpURLField, SourceMixin, TimestampedMixin, source_unique_constraint

LATITUDE_MESSAGE = _("Latitude must be between -90 and 90.")
LONGITUDE_MESSAGE = _("Longitude must be between -180 and 180.")


class Municipality(TranslatedFieldsMixin, models.Model):
    """A municipality that has joined the service; content, moderators and reports are scoped by it."""

    translated_fields = ("name",)

    code = models.CharField(
        _("official code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("The official municipality code has three digits."))],
        help_text=_("Statistics Finland's three-digit code, e.g. 091 for Helsinki."),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_municipalities",
        verbose_name=_("moderators"),
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name_fi


class Organization(SourceMixin, TimestampedMixin, TranslatedFieldsMixin, models.Model):
    """A hobby provider: the city's own unit, a company, an association or a foundation."""

    translated_fields = ("description",)

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("municipality")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = HttpURLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("The municipality has checked who this provider is.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organizations", verbose_name=_("CMS editors")
    )

    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [source_unique_constraint("organization")]

    def __str__(self) -> str:
        return self.name


class Venue(SourceMixin, TimestampedMixin, TranslatedFieldsMixin, models.Model):
    """A place where hobbies happen, with the accessibility facts a visitor needs to know."""

    translated_fields = ("name", "street_address", "accessibility_info")

    name_fi = models.CharField(_("name (Finnish)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    street_address_fi = models.CharField(_("street address (Finnish)"), max_length=200, blank=True)
    street_address_sv = models.CharField(_("street address (Swedish)"), max_length=200, blank=True)
    street_address_en = models.CharField(_("street address (English)"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A Finnish postal code has five digits."))],
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="venues",
        verbose_name=_("municipality"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
        verbose_name=_("organization"),
        help_text=_("The provider that manages this venue, if any."),
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90, LATITUDE_MESSAGE), MaxValueValidator(90, LATITUDE_MESSAGE)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180, LONGITUDE_MESSAGE), MaxValueValidator(180, LONGITUDE_MESSAGE)],
    )
    # Accessibility facts: None means "not known", which the app shows differently from "no".
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    induction_loop = models.BooleanField(_("induction loop"), null=True, blank=True)
    step_free_entrance = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    accessibility_info_fi = models.TextField(_("accessibility details (Finnish)"), blank=True)
    accessibility_info_sv = models.TextField(_("accessibility details (Swedish)"), blank=True)
    accessibility_info_en = models.TextField(_("accessibility details (English)"), blank=True)
    deleted = models.BooleanField(_("removed at source"), default=False)
    # set by the importers: a fingerprint of the source record this row was last mapped from (importers/engine.py)
    source_hash = models.CharField(_("source fingerprint"), max_length=40, blank=True, default="", editable=False)

    objects = ScopedManager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        indexes = [models.Index(fields=["latitude", "longitude"], name="venue_lat_lon")]
        constraints = [
            source_unique_constraint("venue"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="venue_latitude_range",
                violation_error_message=LATITUDE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="venue_longitude_range",
                violation_error_message=LONGITUDE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="venue_coordinates_pair",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]

    def __str__(self) -> str:
        return self.translated("name", "fi").text or f"#{self.pk}"

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None
