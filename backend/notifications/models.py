"""What push notifications need to remember, and nothing more.

A device that opts in stores one FCM registration token (kept as given: FCM needs it to deliver) and three
switches. A short log of what was sent enforces "the digest at most once a day", "each enrolment opening and
expiring benefit told once" and the daily cap; it is pruned after ``SENT_LOG_DAYS``. Everything cascades with
the device, so "forget me" removes it all. ``NotificationRun`` keeps each run's counts for the CMS: no device
is named in it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.devices.models import Device

MAX_TOKEN_LENGTH = 4096  # FCM registration tokens are far shorter; anything longer is not one
SENT_LOG_DAYS = 30  # older entries can no longer change what is due (see services.prune_sent_log)


class PushRegistration(models.Model):
    """A device's FCM registration token. One token belongs to one device, one device has one token."""

    class Platform(models.TextChoices):
        WEB = "web", _("Web")
        IOS = "ios", "iOS"
        ANDROID = "android", "Android"

    device = models.OneToOneField(
        Device, on_delete=models.CASCADE, related_name="push_registration", verbose_name=_("device")
    )
    token = models.TextField(_("registration token"))
    # The unique index is on the hash: a token may be longer than a PostgreSQL index row allows.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices, default=Platform.WEB)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("push registration")
        verbose_name_plural = _("push registrations")

    def __str__(self) -> str:
        return f"{self.platform} {self.device_id}"


class NotificationPreferences(models.Model):
    """Which kinds of notification a device wants. No row: all on (they matter only once a token is registered)."""

    device = models.OneToOneField(
        Device,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preferences",
        verbose_name=_("device"),
    )
    new_hobbies = models.BooleanField(_("new hobbies for my interests"), default=True)
    enrolment_opening = models.BooleanField(_("enrolment to a favourite opens"), default=True)
    benefit_expiring = models.BooleanField(_("a favourite's benefit is about to end"), default=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.device_id)


class SentNotification(models.Model):
    """One notification delivered to a device: what kind, about which object, when."""

    class Kind(models.TextChoices):
        NEW_HOBBIES = "new_hobbies", _("New hobbies")
        ENROLMENT_OPENING = "enrolment_opening", _("Enrolment opening")
        BENEFIT_EXPIRING = "benefit_expiring", _("Benefit ending")

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="sent_notifications", verbose_name=_("device")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # the hobby (enrolment) or the benefit; none for the digest
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        indexes = [
            models.Index(fields=["device", "sent_at"], name="sentnotif_device_time"),
            models.Index(fields=["device", "kind", "object_id"], name="sentnotif_device_kind_obj"),
            models.Index(fields=["sent_at"], name="sentnotif_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id or ''}".strip()


class NotificationRun(models.Model):
    """The counts of one run of the sender, shown to operators in the CMS."""

    class Status(models.TextChoices):
        OK = "ok", _("Done")
        OFF = "off", _("Off: Firebase is not configured")
        QUIET = "quiet", _("Quiet hours: nothing sent")
        ERROR = "error", _("Failed")

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OK)
    devices = models.PositiveIntegerField(_("devices checked"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    pruned = models.PositiveIntegerField(_("tokens removed"), default=0)
    deferred = models.PositiveIntegerField(_("held for quiet hours"), default=0)
    capped = models.PositiveIntegerField(_("held by the daily cap"), default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("notification run")
        verbose_name_plural = _("notification runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"
