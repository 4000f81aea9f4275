"""Hobbies and their sessions."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin

from backend.core.i18n import CONTENT_LANGUAGES, TranslatedFieldsMixin
from backend.core.scoping import ScopedManager

from .categories import Category
from .common import HttpURLField, ModeratedMixin, SourceMixin, TimestampedMixin, source_unique_constraint
from .providers import Municipality, Organization, Venue

AGE_LIMIT = 99
AGE_MESSAGE = _("Ages must be between 0 and 99.")


class LanguageListField(models.CharField):
    """A short list of language codes kept as ``,fi,en,`` so that "taught in X" is a plain LIKE.

    Works the same on SQLite and PostgreSQL; filter with ``instruction_languages__contains=",fi,"``.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def pack(codes) -> str:
        cleaned = [c.strip().lower() for c in (codes or []) if c and c.strip()]
        unique = list(dict.fromkeys(cleaned))
        return f",{','.join(unique)}," if unique else ""

    @staticmethod
    def unpack(value: str) -> list[str]:
        """Read the stored form, and also what a person types: "fi, en" or "fi en"."""
        return [c.strip().lower() for c in (value or "").replace(" ", ",").split(",") if c.strip()]


class Hobby(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ModeratedMixin,
    SourceMixin,
    TimestampedMixin,
    TranslatedFieldsMixin,
    ClusterableModel,
):
    """Something a teenager can do regularly: a club, a course, an open-use facility.

    Texts are kept in the languages the provider wrote; ``translated(field, lang)`` picks one with
    the fallback requested → fi → sv → en → any, and says which language it returned.
    The row holds the live (published) version; drafts live in Wagtail revisions.
    """

    translated_fields = ("title", "summary", "description", "price_text", "what_to_bring", "image_alt")

    # Nothing is public until a moderator (or a trusted import) publishes it; Wagtail's default is live.
    live = models.BooleanField(_("live"), default=False, editable=False)

    class PriceKind(models.TextChoices):
        FREE = "free", _("Free")
        PAID = "paid", _("Paid")

    class PriceUnit(models.TextChoices):
        ONCE = "once", _("per time")
        MONTH = "month", _("per month")
        TERM = "term", _("per term")
        YEAR = "year", _("per year")
        COURSE = "course", _("per course")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginners welcome")
        ALL = "all", _("All levels")
        INTERMEDIATE = "intermediate", _("Some experience needed")
        ADVANCED = "advanced", _("Advanced")

    # texts
    title_fi = models.CharField(_("title (Finnish)"), max_length=150, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=150, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    summary_fi = models.CharField(_("summary (Finnish)"), max_length=300, blank=True)
    summary_sv = models.CharField(_("summary (Swedish)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    # who, where, what
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="hobbies", verbose_name=_("organization")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hobbies",
        verbose_name=_("municipality"),
        blank=True,
        help_text=_("Defaults to the organization's municipality."),
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="hobbies", verbose_name=_("venue")
    )
    categories = models.ManyToManyField(Category, related_name="hobbies", verbose_name=_("categories"))

    # for whom
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"),
        default=12,
        validators=[MinValueValidator(0, AGE_MESSAGE), MaxValueValidator(AGE_LIMIT, AGE_MESSAGE)],
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"),
        default=17,
        validators=[MinValueValidator(0, AGE_MESSAGE), MaxValueValidator(AGE_LIMIT, AGE_MESSAGE)],
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    instruction_languages = LanguageListField(
        _("languages of instruction"), help_text=_("Language codes, e.g. fi, sv, en.")
    )

    # price
    price_kind = models.CharField(_("price"), max_length=10, choices=PriceKind.choices, default=PriceKind.FREE)
    price_amount = models.DecimalField(
        _("price in euros"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_unit = models.CharField(_("price per"), max_length=10, choices=PriceUnit.choices, blank=True)
    price_text_fi = models.CharField(_("price details (Finnish)"), max_length=300, blank=True)
    price_text_sv = models.CharField(_("price details (Swedish)"), max_length=300, blank=True)
    price_text_en = models.CharField(_("price details (English)"), max_length=300, blank=True)
    trial_session = models.BooleanField(
        _("first time free"), default=False, help_text=_("A newcomer can try once without paying.")
    )

    # practicalities
    what_to_bring_fi = models.CharField(_("what to bring (Finnish)"), max_length=300, blank=True)
    what_to_bring_sv = models.CharField(_("what to bring (Swedish)"), max_length=300, blank=True)
    what_to_bring_en = models.CharField(_("what to bring (English)"), max_length=300, blank=True)
    registration_url = HttpURLField(_("registration link"), max_length=500, blank=True)
    enrolment_start = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_end = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    open_use = models.BooleanField(
        _("open use"), default=False, help_text=_("No sessions: go whenever the venue is open (a skate park).")
    )

    # image: uploaded through the CMS, or a remote one from an import (never downloaded in tests)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    image_url = HttpURLField(_("image address"), max_length=500, blank=True)
    image_alt_fi = models.CharField(_("image description (Finnish)"), max_length=250, blank=True)
    image_alt_sv = models.CharField(_("image description (Swedish)"), max_length=250, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    image_credit = models.CharField(_("photographer"), max_length=200, blank=True)
    image_license = models.CharField(_("image licence"), max_length=100, blank=True)

    # kept current by services.refresh_next_sessions, for sorting by "next session"
    next_session_start = models.DateTimeField(_("next session"), null=True, blank=True, editable=False)
    # set by the importers: a fingerprint of the source record this row was last mapped from (importers/engine.py)
    source_hash = models.CharField(_("source fingerprint"), max_length=40, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("hobby")
        verbose_name_plural = _("hobbies")
        ordering = ["title_fi", "id"]
        indexes = [
            models.Index(fields=["live", "next_session_start"], name="hobby_live_next_session"),
            models.Index(fields=["live", "municipality"], name="hobby_live_municipality"),
            models.Index(fields=["age_min", "age_max"], name="hobby_age_range"),
            models.Index(fields=["live", "first_published_at"], name="hobby_live_newest"),
            # "near me" for the public: the venues in the box, then their public hobbies and the age filter
            models.Index(
                fields=["venue", "age_min", "age_max"],
                condition=models.Q(live=True, taken_down_at__isnull=True),
                name="hobby_public_venue",
            ),
        ]
        constraints = [
            source_unique_constraint("hobby"),
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")),
                name="hobby_age_min_le_max",
                violation_error_message=_("The minimum age cannot be greater than the maximum age."),
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__gte=0, age_min__lte=AGE_LIMIT, age_max__gte=0, age_max__lte=AGE_LIMIT),
                name="hobby_age_bounds",
                violation_error_message=AGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(price_kind="paid") | models.Q(price_amount__isnull=True),
                name="hobby_free_has_no_amount",
                violation_error_message=_("A free hobby has no price amount: remove the amount or mark it paid."),
            ),
            models.CheckConstraint(
                condition=models.Q(price_amount__isnull=True) | models.Q(price_amount__gte=0),
                name="hobby_price_not_negative",
                violation_error_message=_("The price cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(enrolment_start__isnull=True)
                | models.Q(enrolment_end__isnull=True)
                | models.Q(enrolment_end__gt=models.F("enrolment_start")),
                name="hobby_enrolment_window_order",
                violation_error_message=_("Enrolment must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.translated("title", "fi").text or _("Untitled hobby")

    def save(self, *args, **kwargs):
        if self.municipality_id is None and self.organization_id is not None:
            self.municipality_id = (
                Organization.objects.filter(pk=self.organization_id).values_list("municipality_id", flat=True).first()
            )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.instruction_languages = LanguageListField.pack(LanguageListField.unpack(self.instruction_languages))
        errors: dict[str, list] = {}
        unknown = [c for c in self.instruction_language_list if not re.fullmatch(r"[a-z]{2,3}", c)]
        if unknown:
            errors["instruction_languages"] = [_("Use two-letter language codes such as fi, sv, en.")]
        if not any(getattr(self, f"title_{lang}").strip() for lang in CONTENT_LANGUAGES):
            errors.setdefault("title_fi", []).append(_("Give the hobby a title in at least one language."))
        if (
            self.price_kind == self.PriceKind.PAID
            and self.price_amount is None
            and not any(getattr(self, f"price_text_{lang}").strip() for lang in CONTENT_LANGUAGES)
        ):
            errors.setdefault("price_amount", []).append(
                _("A paid hobby needs a price: give an amount or describe the price.")
            )
        if self.price_amount is not None and self.price_kind == self.PriceKind.PAID and not self.price_unit:
            errors.setdefault("price_unit", []).append(_("Say what the price covers (per time, month, term…)."))
        if self.image_id and not any(getattr(self, f"image_alt_{lang}").strip() for lang in CONTENT_LANGUAGES):
            errors.setdefault("image_alt_fi", []).append(
                _("Describe the image for people who cannot see it (alt text).")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def instruction_language_list(self) -> list[str]:
        return LanguageListField.unpack(self.instruction_languages)

    @instruction_language_list.setter
    def instruction_language_list(self, codes) -> None:
        self.instruction_languages = LanguageListField.pack(codes)

    def age_fits(self, age: int) -> bool:
        return self.age_min <= age <= self.age_max

    # --- preview in the CMS: the app's card and detail page, in each language ----------------------

    @property
    def preview_modes(self):
        return [("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English")]

    @property
    def default_preview_mode(self) -> str:
        written = self.written_languages("title")
        return written[0] if written and written[0] in CONTENT_LANGUAGES else "fi"

    def get_preview_template(self, request, mode_name):
        return "cms/preview/hobby.html"

    def get_preview_context(self, request, mode_name):
        from django.utils import translation

        context = super().get_preview_context(request, mode_name)
        language = mode_name if mode_name in CONTENT_LANGUAGES else "fi"
        context.update(
            language=language,
            texts={field: self.translated(field, language) for field in self.translated_fields},
            categories=[c.translated("name", language).text for c in self.categories.all()],
            sessions=list(self.sessions.all()[:5]) if self.pk else [],
        )
        translation.activate(language)
        return context


class Session(SourceMixin, models.Model):
    """One occurrence of a hobby. Weekday and time of day are derived (Helsinki time) for filtering."""

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Morning (before 12)")
        AFTERNOON = "afternoon", _("Afternoon (12–17)")
        EVENING = "evening", _("Evening (from 17)")

    hobby = ParentalKey(Hobby, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("hobby"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), editable=False, help_text="0 = Monday … 6 = Sunday")
    time_of_day = models.CharField(_("time of day"), max_length=10, choices=TimeOfDay.choices, editable=False)
    # Minutes after local midnight (Helsinki) at the start, for "starts between 16:00 and 18:00".
    local_minute = models.PositiveSmallIntegerField(_("local start time"), default=0, editable=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = ScopedManager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["hobby", "start"], name="session_hobby_start"),
            models.Index(fields=["start"], name="session_start"),
            models.Index(fields=["weekday", "time_of_day"], name="session_weekday_time"),
            models.Index(fields=["hobby", "weekday", "local_minute"], name="session_hobby_weekday_minute"),
        ]
        constraints = [
            source_unique_constraint("session"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gt=models.F("start")),
                name="session_end_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(condition=models.Q(weekday__gte=0, weekday__lte=6), name="session_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"{self.hobby} {self.start:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    @staticmethod
    def time_of_day_for(moment: dt.datetime) -> str:
        local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
        if local.hour < 12:
            return Session.TimeOfDay.MORNING
        if local.hour < 17:
            return Session.TimeOfDay.AFTERNOON
        return Session.TimeOfDay.EVENING

    def derive(self) -> Session:
        """Set weekday and time of day from ``start``; call before ``bulk_create``."""
        local = self.start.astimezone(ZoneInfo(settings.TIME_ZONE))
        self.weekday = local.weekday()
        self.local_minute = local.hour * 60 + local.minute
        self.time_of_day = self.time_of_day_for(self.start)
        return self
