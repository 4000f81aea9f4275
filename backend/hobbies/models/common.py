"""Fields and helpers shared by the domain models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
