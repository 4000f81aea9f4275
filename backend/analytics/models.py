"""What usage analytics keeps: anonymous raw rows for a limited time, then weekly aggregates.

Nothing here describes a person. A search keeps its normalised text, the names of the filters used and the
number of results; a device-week says that a device was active in a week through a channel. The device link of
the raw rows only serves to count *distinct* devices, so that no figure about fewer devices than
``ANALYTICS_MIN_DEVICES`` is ever shown; reports never show it. Devices that turned anonymous usage statistics
off (``Device.analytics``) are not written here at all.

After ``ANALYTICS_RETENTION_MONTHS`` the raw rows (and the devices' interactions) are summed into the weekly
rollups below and deleted (``retention.py``). A rollup row keeps the number of events and the number of
distinct devices of its week and dimensions, never a device.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.devices.models import Device, Interaction
from backend.feedback.models import Feedback
from backend.hobbies.models import Hobby, Municipality

QUERY_MAX_LENGTH = 200


# Where a request came from, by the client's ``X-Client`` header: the same channels as feedback's.
Channel = Feedback.Channel


class SearchEvent(models.Model):
    """One search (the first page of a hobby search with some text or filter)."""

    created_at = models.DateTimeField(_("time"), default=timezone.now)
    query = models.CharField(_("search text"), max_length=QUERY_MAX_LENGTH, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The municipalities the search was limited to, as ",12,34," (a plain LIKE finds them on every database).
    municipalities = models.CharField(_("municipalities"), max_length=200, blank=True)
    result_count = models.PositiveIntegerField(_("results"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.OTHER)
    device = models.ForeignKey(Device, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["created_at"], name="search_event_time")]

    def __str__(self) -> str:
        return f"{self.query!r} → {self.result_count}"


class DeviceWeek(models.Model):
    """A device was active in a week (``week`` is its Monday) through a channel; written once per week."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("active device-week")
        verbose_name_plural = _("active device-weeks")
        constraints = [models.UniqueConstraint(fields=["device", "week", "channel"], name="device_week_unique")]
        indexes = [models.Index(fields=["week", "channel"], name="device_week_week_channel")]

    def __str__(self) -> str:
        return f"{self.week} {self.channel}"


# --- weekly rollups: what remains after the retention period ------------------------------------------------


class WeeklyCounts(models.Model):
    """A week (its Monday), how many events and how many distinct devices."""

    week = models.DateField(_("week"))
    events = models.PositiveIntegerField(_("events"))
    devices = models.PositiveIntegerField(_("devices"))

    class Meta:
        abstract = True


class InteractionRollup(WeeklyCounts):
    """Interactions of one week with one hobby, by kind and the devices' age group."""

    hobby = models.ForeignKey(Hobby, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Interaction.Kind.choices)
    age_group = models.CharField(_("age group"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("weekly interactions")
        verbose_name_plural = _("weekly interactions")
        constraints = [
            models.UniqueConstraint(fields=["week", "hobby", "kind", "age_group"], name="interaction_rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.hobby_id} {self.kind}: {self.events}"


class SearchRollup(WeeklyCounts):
    """Searches of one week with one normalised text, split by whether they found nothing."""

    query = models.CharField(_("search text"), max_length=QUERY_MAX_LENGTH, blank=True)
    zero_results = models.BooleanField(_("found nothing"))
    municipalities = models.CharField(_("municipalities"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("weekly searches")
        verbose_name_plural = _("weekly searches")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "query", "zero_results", "municipalities"], name="search_rollup_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.query!r}: {self.events}"


class DeviceWeekRollup(models.Model):
    """Active devices of one week.

    ``channel`` empty = any channel; ``municipality`` empty = everyone, otherwise only the devices that
    interacted with that municipality's hobbies in the same week (what its moderators see).
    """

    week = models.DateField(_("week"))
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    devices = models.PositiveIntegerField(_("devices"))

    class Meta:
        verbose_name = _("weekly active devices")
        verbose_name_plural = _("weekly active devices")
        constraints = [
            models.UniqueConstraint(fields=["week", "channel", "municipality"], name="device_week_rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.channel or '*'}: {self.devices}"
