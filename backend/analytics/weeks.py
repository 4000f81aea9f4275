"""Weeks as the analytics count them: Monday to Sunday in local time (settings.TIME_ZONE), named by the Monday."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def week_of(moment: dt.date | dt.datetime) -> dt.date:
    """The Monday (local date) of the week ``moment`` falls in."""
    day = timezone.localdate(moment) if isinstance(moment, dt.datetime) else moment
    return day - dt.timedelta(days=day.weekday())


def midnight(day: dt.date) -> dt.datetime:
    """The local midnight starting ``day``, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def as_week(value) -> dt.date:
    """A week from ``TruncWeek`` (a datetime at the local Monday's midnight) or from a date column."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
