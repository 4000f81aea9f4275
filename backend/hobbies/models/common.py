"""Fields and helpers shared by the domain models."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.scoping import ScopedManager

# Links that people follow from the app: web addresses only, never javascript:, ftp: or data:.
HTTP_URL_MESSAGE = _("Give a web address starting with https://")
http_url_validator = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class HttpURLFormField(forms.URLField):
    default_validators = [http_url_validator]
    default_error_messages = {"invalid": HTTP_URL_MESSAGE}


class HttpURLField(models.URLField):
    """A URL field that accepts http(s) only, with one clear message in forms and model validation."""

    default_validators = [http_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})


# Data source of rows created by people in the CMS; imports use their own source slugs.
LOCAL_SOURCE = "harrastuspassi"


class SourceMixin(models.Model):
    """Where a row came from: the CMS (``harrastuspassi``) or an import (``linkedevents``, ``lipas``…).

    ``(data_source, origin_id)`` identifies a row of a feed; a row made in the CMS has no origin id.
    """

    data_source = models.SlugField(_("data source"), max_length=50, default=LOCAL_SOURCE)
    origin_id = models.CharField(  # noqa: DJ001 - NULL for CMS rows keeps the unique constraint simple
        _("id at the source"), max_length=200, null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_imported(self) -> bool:
        return self.data_source != LOCAL_SOURCE


def source_unique_constraint(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["data_source", "origin_id"],
        condition=models.Q(origin_id__isnull=False),
        name=f"{model_name}_unique_origin",
        violation_error_message=_("This data source already has a row with this id."),
    )


class TimestampedMixin(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ModeratedMixin(models.Model):
    """What moderation adds to provider content: take-down with a reason, and "edited by a person".

    A taken-down row is not live and stays down: importers do not republish it, and only a moderator
    can publish it again. ``edited_in_cms`` protects a person's edits of imported rows from later imports.
    """

    taken_down_at = models.DateTimeField(_("taken down"), null=True, blank=True, editable=False)
    taken_down_reason = models.TextField(_("reason for taking down"), blank=True, editable=False)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("taken down by"),
    )
    edited_in_cms = models.BooleanField(_("edited in the CMS"), default=False, editable=False)

    objects = ScopedManager()

    class Meta:
        abstract = True

    @property
    def is_taken_down(self) -> bool:
        return self.taken_down_at is not None
