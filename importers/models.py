"""The record of each import run: what it did, and the first errors it met."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        REFUSED = "refused", _("Refused (suspicious feed)")

    MAX_ERRORS = 50

    source = models.SlugField(_("source"), max_length=50)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    dry_run = models.BooleanField(_("dry run"), default=False)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    errors = models.JSONField(
        _("first errors"), default=list, blank=True, help_text=_("Up to 50 entries: record id and reason.")
    )
    message = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        indexes = [models.Index(fields=["source", "-started_at"], name="importrun_source_started")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True) | models.Q(finished_at__gte=models.F("started_at")),
                name="importrun_finished_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.status}"

    def add_error(self, record_id: str, reason: str) -> None:
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append({"id": str(record_id), "reason": reason})
