"""Feedback: a 1–5 star rating and/or a text, never tied to a device."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.hobbies.models import Hobby, Municipality


class Feedback(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("Web app")
        IOS = "ios", _("iOS app")
        ANDROID = "android", _("Android app")
        OTHER = "other", _("Other")

    rating = models.PositiveSmallIntegerField(
        _("stars"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("text"), max_length=2000, blank=True)
    hobby = models.ForeignKey(
        Hobby, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback", verbose_name=_("hobby")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("municipality"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    language = models.CharField(_("language"), max_length=2, default="fi")
    handled = models.BooleanField(_("handled"), default=False)
    note = models.TextField(_("internal note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["handled", "created_at"], name="feedback_handled_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_range",
                violation_error_message=_("The rating must be from 1 to 5 stars."),
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=False) | ~models.Q(text=""),
                name="feedback_not_empty",
                violation_error_message=_("Give a rating, a text, or both."),
            ),
        ]

    def __str__(self) -> str:
        stars = f"{self.rating}/5" if self.rating else "–"
        return f"{stars} – {self.text[:40]}" if self.text else stars

    def clean(self) -> None:
        super().clean()
        if self.hobby_id and not self.municipality_id:
            self.municipality_id = self.hobby.municipality_id
        if self.rating is None and not self.text.strip():
            raise ValidationError(_("Give a rating, a text, or both."))
