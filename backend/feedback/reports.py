"""Average rating per week: the figures behind the CMS "Ratings per week" page, its chart, table and CSV.

Weeks are ISO weeks (Monday to Sunday) in the service's time zone. Only feedback with a rating counts; a text
without stars is not part of the average. The period is the current week and the weeks before it, every week
listed even when nobody rated anything (so the chart's time axis is even).

Privacy: feedback is anonymous, but a week with only one or two ratings would let anyone who knows who rated
that week read their stars off the chart. So a week with fewer ratings than ``settings.ANALYTICS_MIN_DEVICES``
(the same threshold as the usage reports, 5 by default) shows "fewer than 5" instead of its average, on the
page and in the CSV; its number of ratings is still shown. Weeks with no ratings show no average either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from backend.analytics.weeks import as_week, midnight, week_of
from cms.charts import NO_DATA

PERIODS = (12, 26, 52)
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class RatingWeek:
    start: dt.date
    count: int
    average: Decimal | None  # one decimal; None when there are no ratings or the figure is withheld
    withheld: bool  # fewer ratings than the threshold (but at least one)

    @property
    def year(self) -> int:
        return self.start.isocalendar()[0]

    @property
    def week(self) -> int:
        return self.start.isocalendar()[1]


def min_ratings() -> int:
    return settings.ANALYTICS_MIN_DEVICES


def weekly_ratings(feedback: QuerySet, *, weeks: int, today: dt.date | None = None) -> list[RatingWeek]:
    """One row per week, oldest first, for the ``weeks`` weeks ending with the one containing ``today``.

    ``feedback`` is the (already scoped and filtered) Feedback queryset to count.
    """
    this_week = week_of(today or timezone.localdate())
    first = this_week - dt.timedelta(weeks=weeks - 1)
    since, until = midnight(first), midnight(this_week + dt.timedelta(weeks=1))
    rows = (
        feedback.filter(rating__isnull=False, created_at__gte=since, created_at__lt=until)
        .annotate(week=TruncWeek("created_at", tzinfo=timezone.get_current_timezone()))
        .order_by()  # the model's ordering would otherwise join the GROUP BY
        .values("week")
        .annotate(count=Count("id"), total=Sum("rating"))
    )
    found = {as_week(row["week"]): (row["count"], row["total"]) for row in rows}
    threshold = min_ratings()
    result = []
    for index in range(weeks):
        start = first + dt.timedelta(weeks=index)
        count, total = found.get(start, (0, 0))
        withheld = 0 < count < threshold
        average = None
        if count and not withheld:
            average = (Decimal(total) / Decimal(count)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        result.append(RatingWeek(start=start, count=count, average=average, withheld=withheld))
    return result


def chart_points(rows: Iterable[RatingWeek], label) -> list[tuple[str, float | None]]:
    """The (label, value) points for ``cms.charts.line_chart``; ``label`` names a week."""
    return [(label(row), _point(row)) for row in rows]


def _point(row: RatingWeek):
    if row.average is not None:
        return float(row.average)
    return None if row.withheld else NO_DATA
