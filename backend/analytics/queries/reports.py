"""The figures of the usage reports, each for a viewer's scope and a period, with k-anonymity.

Every figure reads the raw rows of the period (exact counts of distinct devices) and the weekly rollups that
replaced older rows (``retention.py``), so totals survive retention. Counting rules:

- events (views, searches, device-weeks…) add up exactly across raw rows and rollups;
- devices are distinct devices in the raw rows. A rollup row only knows its own week's count, so for weeks that
  were already aggregated a cell takes the largest weekly count — a lower bound of the distinct devices. The
  threshold therefore errs on the side of withholding, never of showing.

k-anonymity: a cell that rests on fewer than ``ANALYTICS_MIN_DEVICES`` distinct devices is replaced by
``WITHHELD`` (shown and exported as "fewer than 5"). Lists of search texts leave such rows out altogether (the
text itself could tell who typed it); top lists only rank rows that pass the threshold. No table has a total
over its cells, so a withheld cell cannot be recovered by subtraction.

"District" in demand against supply is the postal code area of the hobby's venue (the unit venues, imports and
the devices' own home areas share); a hobby without a venue postal code counts in its municipality as "area not
known". Only devices that gave their age group count as demand; "category" there is the main (top-level)
category, so that small subcategories do not split the demand below the threshold.

Only devices that allow anonymous usage statistics (``Device.analytics``) are counted anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q, Subquery, Sum
from django.db.models.functions import TruncWeek
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from backend.analytics.models import (
    Channel,
    DeviceWeek,
    DeviceWeekRollup,
    InteractionRollup,
    SearchEvent,
    SearchRollup,
)
from backend.analytics.weeks import as_week, midnight, week_of
from backend.benefits.models import Benefit, Redemption
from backend.core.scoping import unscoped
from backend.devices.models import Device, Interaction
from backend.feedback.models import Feedback
from backend.hobbies.models import Category, Hobby, Municipality
from backend.hobbies.services import public_hobbies

PERIOD_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = 12
TOP_LIMIT = 20
TOP_KINDS = (Interaction.Kind.VIEW, Interaction.Kind.FAVOURITE, Interaction.Kind.JOIN_CLICK)
AGE_RANGES = {
    Device.AgeGroup.UNDER_13: (0, 12),
    Device.AgeGroup.AGE_13_15: (13, 15),
    Device.AgeGroup.AGE_16_17: (16, 17),
    Device.AgeGroup.OVER_17: (18, 99),
}


def min_devices() -> int:
    """The k-anonymity threshold (setting ``ANALYTICS_MIN_DEVICES``)."""
    return int(settings.ANALYTICS_MIN_DEVICES)


class Withheld:
    """A figure that rests on too few devices: shown and exported as "fewer than k", never as a number."""

    def __str__(self) -> str:
        return _("fewer than %(k)d") % {"k": min_devices()}

    def __repr__(self) -> str:
        return "WITHHELD"


WITHHELD = Withheld()


def shown(value, devices: int):
    """``value`` when it rests on at least k distinct devices, else ``WITHHELD``."""
    return value if devices >= min_devices() else WITHHELD


# --- who and when -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose figures: everything (operator), some municipalities (moderator) or organizations (provider)."""

    municipalities: frozenset[int] | None = None
    organizations: frozenset[int] | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls()

    @classmethod
    def of_municipalities(cls, ids: Iterable[int]) -> Scope:
        return cls(municipalities=frozenset(ids))

    @classmethod
    def of_organizations(cls, ids: Iterable[int]) -> Scope:
        return cls(organizations=frozenset(ids))

    @property
    def is_everything(self) -> bool:
        return self.municipalities is None and self.organizations is None

    def hobbies(self, prefix: str = "") -> Q:
        """Hobbies in scope (``prefix`` leads from another model to the hobby, e.g. ``"hobby__"``)."""
        condition = Q()
        if self.municipalities is not None:
            condition &= Q(**{f"{prefix}municipality_id__in": self.municipalities})
        if self.organizations is not None:
            condition &= Q(**{f"{prefix}organization_id__in": self.organizations})
        return condition

    def benefits(self, prefix: str = "") -> Q:
        """Benefits in scope, by their organization (as the CMS scopes them)."""
        condition = Q()
        if self.municipalities is not None:
            condition &= Q(**{f"{prefix}organization__municipality_id__in": self.municipalities})
        if self.organizations is not None:
            condition &= Q(**{f"{prefix}organization_id__in": self.organizations})
        return condition

    def searches(self) -> Q:
        """Searches in scope: a moderator sees those limited to their municipalities; providers none."""
        if self.organizations is not None:
            return Q(pk__in=[])
        if self.municipalities is None:
            return Q()
        condition = Q(pk__in=[])
        for pk in sorted(self.municipalities):
            condition |= Q(municipalities__contains=f",{pk},")
        return condition


@dataclass(frozen=True)
class Period:
    """Whole weeks, Monday to Sunday in local time: ``weeks`` of them from ``start`` (a Monday)."""

    start: dt.date
    weeks: int

    @classmethod
    def last(cls, weeks: int = DEFAULT_WEEKS, today: dt.date | None = None) -> Period:
        """The last ``weeks`` weeks, this (unfinished) week included."""
        monday = week_of(today or timezone.localdate())
        return cls(start=monday - dt.timedelta(weeks=weeks - 1), weeks=weeks)

    @property
    def end(self) -> dt.date:
        """The Monday after the period (exclusive)."""
        return self.start + dt.timedelta(weeks=self.weeks)

    @property
    def start_at(self) -> dt.datetime:
        return midnight(self.start)

    @property
    def end_at(self) -> dt.datetime:
        return midnight(self.end)

    @property
    def mondays(self) -> list[dt.date]:
        return [self.start + dt.timedelta(weeks=n) for n in range(self.weeks)]

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


# --- tables ---------------------------------------------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str
    numeric: bool = True


@dataclass
class Table:
    """One figure as a table: what the page shows (with a chart) and what its CSV export holds."""

    name: str
    title: str
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart: str = "bar"  # "bar" (first numeric column), "line" or "" (none)
    chart_labels: list[str] | None = None  # short labels for the chart (else the rows' first cells)

    def values(self, key: str) -> list:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]

    def as_dict(self) -> dict:
        """Rows by their label (a tuple when several columns label a row) → {column key: value}."""
        labels = [i for i, c in enumerate(self.columns) if not c.numeric]
        result = {}
        for row in self.rows:
            key = tuple(row[i] for i in labels)
            result[key[0] if len(key) == 1 else key] = {c.key: row[i] for i, c in enumerate(self.columns) if c.numeric}
        return result


@dataclass
class Tally:
    """Events and (distinct, or a lower bound of distinct) devices of one cell."""

    events: int = 0
    devices: int = 0

    def add(self, events: int, devices: int) -> None:
        self.events += events or 0
        self.devices = max(self.devices, devices or 0)


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def _title(obj) -> str:
    return obj.translated("title", _language()).text or str(obj)


def _name(obj) -> str:
    return obj.translated("name", _language()).text or str(obj)


def week_label(monday: dt.date) -> str:
    return _("Week %(number)d, from %(date)s") % {
        "number": monday.isocalendar()[1],
        "date": formats.date_format(monday, "SHORT_DATE_FORMAT"),
    }


# --- raw rows and rollups in scope ----------------------------------------------------------------------


def _interactions(scope: Scope, period: Period):
    return (
        Interaction.objects.filter(
            created_at__gte=period.start_at, created_at__lt=period.end_at, device__analytics=True
        )
        .filter(scope.hobbies("hobby__"))
        .order_by()
    )


def _interaction_rollups(scope: Scope, period: Period):
    return (
        InteractionRollup.objects.filter(week__gte=period.start, week__lt=period.end)
        .filter(scope.hobbies("hobby__"))
        .order_by()
    )


def _device_weeks(period: Period):
    return DeviceWeek.objects.filter(week__gte=period.start, week__lt=period.end, device__analytics=True).order_by()


def _device_week_rollups(scope: Scope, period: Period):
    rows = DeviceWeekRollup.objects.filter(week__gte=period.start, week__lt=period.end).order_by()
    if scope.municipalities is not None:
        return rows.filter(municipality_id__in=scope.municipalities)
    if scope.organizations is not None:
        return rows.none()  # rollups know municipalities, not organizations
    return rows.filter(municipality__isnull=True)


def _searches(scope: Scope, period: Period):
    return (
        SearchEvent.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
        .filter(Q(device__isnull=True) | Q(device__analytics=True))
        .filter(scope.searches())
        .order_by()
    )


def _search_rollups(scope: Scope, period: Period):
    return SearchRollup.objects.filter(week__gte=period.start, week__lt=period.end).filter(scope.searches()).order_by()


def _by_kind(scope: Scope, period: Period, field: str) -> tuple[dict, dict]:
    """Views, favourites and join clicks by ``field`` (the hobby, or its categories):
    ({(key, kind): Tally}, {key: Tally of the devices over these kinds})."""
    cells: dict = defaultdict(Tally)
    totals: dict = defaultdict(Tally)
    raw = _interactions(scope, period).filter(kind__in=TOP_KINDS, **{f"{field}__isnull": False})
    for row in raw.values(field, "kind").annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        cells[row[field], row["kind"]].add(row["n"], row["d"])
    for row in raw.values(field).annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        totals[row[field]].add(row["n"], row["d"])
    rolled = _interaction_rollups(scope, period).filter(kind__in=TOP_KINDS, **{f"{field}__isnull": False})
    # within one week, hobby and kind the age groups split the devices: their sum is that week's count
    for row in rolled.values(*dict.fromkeys((field, "hobby_id", "kind", "week"))).annotate(
        n=Sum("events"), d=Sum("devices")
    ):
        cells[row[field], row["kind"]].add(row["n"], row["d"])
        totals[row[field]].add(row["n"], row["d"])
    return cells, totals


def _kind_figures(cells: dict, key) -> list:
    return [shown(cells[key, kind].events, cells[key, kind].devices) for kind in TOP_KINDS]


def _kind_columns() -> list[Column]:
    return [Column("views", _("Views")), Column("favourites", _("Favourites")), Column("join_clicks", _("Join clicks"))]


def _ranked(cells: dict, totals: dict, limit: int) -> list:
    """The keys used by at least k devices, most devices (then views) first."""
    return sorted(
        (key for key, tally in totals.items() if tally.devices >= min_devices()),
        key=lambda key: (-totals[key].devices, -cells[key, Interaction.Kind.VIEW].events, key),
    )[:limit]


def _hobby_titles(ids: Iterable[int]) -> dict[int, Hobby]:
    return Hobby.objects.select_related("organization").in_bulk(list(ids))


# --- the figures ----------------------------------------------------------------------------------------


def channel_usage(scope: Scope, period: Period) -> Table:
    """Active devices per channel in the period (for a municipality: devices that used its hobbies)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    weeks = _device_weeks(period)
    if not scope.is_everything:
        weeks = weeks.filter(device_id__in=Subquery(_interactions(scope, period).values("device_id")))
    for row in weeks.values("channel").annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        tallies[row["channel"]].add(row["n"], row["d"])
    rolled = _device_week_rollups(scope, period).exclude(channel="")
    for row in rolled.values("channel", "week").annotate(d=Max("devices")):
        tallies[row["channel"]].add(row["d"], row["d"])
    return Table(
        name="channels",
        title=_("Usage per channel"),
        caption=_("Active devices per channel, %(period)s") % {"period": period_text(period)},
        columns=[Column("channel", _("Channel"), numeric=False), Column("devices", _("Active devices"))],
        rows=[[label, shown(tallies[value].devices, tallies[value].devices)] for value, label in Channel.choices],
        note=_("A device counts once per channel however often it was used."),
    )


def municipality_usage(scope: Scope, period: Period) -> Table:
    """Distinct devices that interacted with each municipality's hobbies, and their interactions."""
    tallies: dict[int, Tally] = defaultdict(Tally)
    raw = _interactions(scope, period).values("hobby__municipality_id")
    for row in raw.annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        tallies[row["hobby__municipality_id"]].add(row["n"], row["d"])
    rolled = _interaction_rollups(scope, period).values("hobby__municipality_id", "week", "hobby_id", "kind")
    for row in rolled.annotate(n=Sum("events"), d=Sum("devices")):
        tallies[row["hobby__municipality_id"]].add(row["n"], row["d"])
    municipalities = Municipality.objects.order_by("name_fi")
    if scope.municipalities is not None:
        municipalities = municipalities.filter(pk__in=scope.municipalities)
    elif scope.organizations is not None:
        municipalities = municipalities.filter(pk__in=[pk for pk in tallies if pk is not None])
    rows = []
    for municipality in municipalities:
        tally = tallies[municipality.pk]
        rows.append([_name(municipality), shown(tally.devices, tally.devices), shown(tally.events, tally.devices)])
    return Table(
        name="municipalities",
        title=_("Usage per municipality"),
        caption=_("Devices that used the hobbies of each municipality, %(period)s") % {"period": period_text(period)},
        columns=[
            Column("municipality", _("Municipality"), numeric=False),
            Column("devices", _("Devices")),
            Column("interactions", _("Interactions")),
        ],
        rows=rows,
        note=_("Interactions are views, favourites, shares, join clicks and dismissals of the hobbies."),
    )


def weekly_active(scope: Scope, period: Period) -> Table:
    """Active devices in each week of the period."""
    tallies: dict[dt.date, Tally] = defaultdict(Tally)
    if scope.is_everything:
        for row in _device_weeks(period).values("week").annotate(d=Count("device_id", distinct=True)):
            tallies[as_week(row["week"])].add(row["d"], row["d"])
    else:
        weekly = _interactions(scope, period).annotate(w=TruncWeek("created_at")).values("w")
        for row in weekly.annotate(d=Count("device_id", distinct=True)):
            tallies[as_week(row["w"])].add(row["d"], row["d"])
    rolled = _device_week_rollups(scope, period).filter(channel="")
    for row in rolled.values("week").annotate(d=Max("devices")):
        tallies[as_week(row["week"])].add(row["d"], row["d"])
    return Table(
        name="weekly",
        title=_("Active devices per week"),
        caption=_("Active devices in each week, %(period)s") % {"period": period_text(period)},
        columns=[Column("week", _("Week"), numeric=False), Column("devices", _("Active devices"))],
        rows=[[week_label(m), shown(tallies[m].devices, tallies[m].devices)] for m in period.mondays],
        chart="line",
        chart_labels=[_("W%(number)d") % {"number": m.isocalendar()[1]} for m in period.mondays],
    )


def top_hobbies(scope: Scope, period: Period, limit: int = TOP_LIMIT) -> Table:
    """The hobbies most devices looked at, saved or clicked to join (only those above the threshold)."""
    cells, totals = _by_kind(scope, period, "hobby_id")
    ranked = _ranked(cells, totals, limit)
    found = _hobby_titles(ranked)
    rows = [
        [_title(found[pk]), found[pk].organization.name, totals[pk].devices, *_kind_figures(cells, pk)]
        for pk in ranked
        if pk in found
    ]
    return Table(
        name="top-hobbies",
        title=_("Top hobbies"),
        caption=_("Hobbies by the number of devices, %(period)s") % {"period": period_text(period)},
        columns=[
            Column("hobby", _("Hobby"), numeric=False),
            Column("organization", _("Organization"), numeric=False),
            Column("devices", _("Devices")),
            *_kind_columns(),
        ],
        rows=rows,
        note=_("Only hobbies used by at least %(k)d devices are listed.") % {"k": min_devices()},
    )


def top_categories(scope: Scope, period: Period, limit: int = TOP_LIMIT) -> Table:
    """Categories by the devices that looked at, saved or clicked to join their hobbies."""
    cells, totals = _by_kind(scope, period, "hobby__categories")
    ranked = _ranked(cells, totals, limit)
    found = Category.objects.in_bulk(ranked)
    rows = [[_name(found[pk]), totals[pk].devices, *_kind_figures(cells, pk)] for pk in ranked if pk in found]
    return Table(
        name="top-categories",
        title=_("Top categories"),
        caption=_("Categories by the number of devices, %(period)s") % {"period": period_text(period)},
        columns=[Column("category", _("Category"), numeric=False), Column("devices", _("Devices")), *_kind_columns()],
        rows=rows,
        note=_(
            "A hobby in several categories counts in each. Only categories used by at least %(k)d devices are listed."
        )
        % {"k": min_devices()},
    )


def zero_result_searches(scope: Scope, period: Period, limit: int = TOP_LIMIT) -> Table:
    """What people searched for and did not find: texts searched by at least k devices."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    raw = _searches(scope, period).filter(result_count=0).values("query")
    for row in raw.annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        tallies[row["query"]].add(row["n"], row["d"])
    rolled = _search_rollups(scope, period).filter(zero_results=True).values("query", "week")
    for row in rolled.annotate(n=Sum("events"), d=Max("devices")):
        tallies[row["query"]].add(row["n"], row["d"])
    k = min_devices()
    ranked = sorted(
        (query for query, tally in tallies.items() if tally.devices >= k),
        key=lambda query: (-tallies[query].devices, -tallies[query].events, query),
    )[:limit]
    filters_only = _("(filters only, no text)")
    return Table(
        name="zero-result-searches",
        title=_("Searches that found nothing"),
        caption=_("Searches without results, %(period)s") % {"period": period_text(period)},
        columns=[
            Column("query", _("Search text"), numeric=False),
            Column("devices", _("Devices")),
            Column("searches", _("Searches")),
        ],
        rows=[[query or filters_only, tallies[query].devices, tallies[query].events] for query in ranked],
        note=_(
            "Search texts are normalised (lower case, extra spaces removed). A text searched by fewer than %(k)d "
            "devices is not listed at all."
        )
        % {"k": k},
    )


def redemptions_per_benefit(scope: Scope, period: Period) -> Table:
    """How many times each benefit was redeemed in the period."""
    redemptions = (
        Redemption.objects.filter(redeemed_at__gte=period.start_at, redeemed_at__lt=period.end_at)
        .filter(Q(device__isnull=True) | Q(device__analytics=True))
        .filter(scope.benefits("benefit__"))
        .order_by()
    )
    tallies: dict[int, Tally] = defaultdict(Tally)
    for row in redemptions.values("benefit_id").annotate(n=Count("id"), d=Count("device_id", distinct=True)):
        tallies[row["benefit_id"]].add(row["n"], row["d"])
    benefits = Benefit.objects.select_related("organization").in_bulk(list(tallies))
    k = min_devices()
    ordered = sorted(
        (pk for pk in tallies if pk in benefits),
        key=lambda pk: (tallies[pk].devices < k, -tallies[pk].events if tallies[pk].devices >= k else 0, pk),
    )
    rows = [
        [
            _title(benefits[pk]),
            benefits[pk].organization.name,
            shown(tallies[pk].events, tallies[pk].devices),
        ]
        for pk in ordered
    ]
    return Table(
        name="redemptions",
        title=_("Redemptions per benefit"),
        caption=_("Redemptions of each benefit, %(period)s") % {"period": period_text(period)},
        columns=[
            Column("benefit", _("Benefit"), numeric=False),
            Column("organization", _("Organization"), numeric=False),
            Column("redemptions", _("Redemptions")),
        ],
        rows=rows,
    )


def _root_categories() -> dict[int, int]:
    """Each category → its main (top-level) category."""
    parents = {c.pk: c.parent_id for c in Category.cached_tree()}
    roots = {}
    for pk in parents:
        node, seen = pk, set()
        while parents.get(node) is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        roots[pk] = node
    return roots


def _hobby_facts(ids: Iterable[int] | None, scope: Scope | None = None) -> dict[int, dict]:
    """Per hobby: its main categories, district and age range (ids given, or public hobbies in scope)."""
    roots = _root_categories()
    hobbies = Hobby.objects.filter(pk__in=list(ids)) if ids is not None else public_hobbies().filter(scope.hobbies())
    facts = {}
    unknown = _("area not known")
    names = {m.pk: _name(m) for m in Municipality.objects.all()}
    for row in hobbies.order_by().values(
        "pk", "age_min", "age_max", "municipality_id", "venue__postal_code", "venue__city"
    ):
        code = (row["venue__postal_code"] or "").strip()
        if code:
            district = f"{code} {row['venue__city'] or ''}".strip()
        else:
            district = f"{names.get(row['municipality_id'], '')}, {unknown}"
        facts[row["pk"]] = {"district": district, "ages": (row["age_min"], row["age_max"]), "categories": set()}
    links = Hobby.categories.through.objects.filter(hobby_id__in=list(facts)).values_list("hobby_id", "category_id")
    for hobby_id, category_id in links:
        facts[hobby_id]["categories"].add(roots.get(category_id, category_id))
    return facts


def _fits(ages: tuple[int, int], group: str) -> bool:
    low, high = AGE_RANGES[group]
    return ages[0] <= high and ages[1] >= low


def demand_supply(scope: Scope, period: Period, limit: int = 50) -> Table:
    """Demand (devices of an age group using hobbies of a category in a district) against supply (public
    hobbies of that category fitting that age group in that district)."""
    devices: dict[tuple, set] = defaultdict(set)
    rolled_devices: dict[tuple, int] = defaultdict(int)
    raw = set(
        _interactions(scope, period)
        .exclude(device__age_group="")
        .values_list("hobby_id", "device__age_group", "device_id")
        .distinct()
    )
    rolled = list(
        _interaction_rollups(scope, period)
        .exclude(age_group="")
        .values("hobby_id", "age_group", "week")
        .annotate(d=Max("devices"))
    )
    facts = _hobby_facts({h for h, _g, _d in raw} | {row["hobby_id"] for row in rolled})
    for hobby_id, group, device_id in raw:
        fact = facts.get(hobby_id)
        for category in fact["categories"] if fact else ():
            devices[category, group, fact["district"]].add(device_id)
    for row in rolled:
        fact = facts.get(row["hobby_id"])
        for category in fact["categories"] if fact else ():
            key = (category, row["age_group"], fact["district"])
            rolled_devices[key] = max(rolled_devices[key], row["d"])
    demand = {key: max(len(devices.get(key, ())), rolled_devices.get(key, 0)) for key in {*devices, *rolled_devices}}
    supply: dict[tuple, int] = defaultdict(int)
    for fact in _hobby_facts(None, scope).values():
        for category in fact["categories"]:
            for group in AGE_RANGES:
                if _fits(fact["ages"], group):
                    supply[category, group, fact["district"]] += 1
    k = min_devices()
    ranked = sorted(
        (key for key, count in demand.items() if count >= k),
        key=lambda key: (-demand[key] / max(supply[key], 1), -demand[key], str(key)),
    )[:limit]
    categories = Category.objects.in_bulk([key[0] for key in ranked])
    group_names = dict(Device.AgeGroup.choices)
    rows = []
    for key in ranked:
        category, group, district = key
        hobbies = supply[key]
        ratio = round(demand[key] / hobbies, 1) if hobbies else _("no hobbies")
        name = _name(categories[category]) if category in categories else "?"
        rows.append([name, str(group_names.get(group, group)), district, demand[key], hobbies, ratio])
    return Table(
        name="demand-supply",
        title=_("Demand and supply"),
        caption=_("Demand against supply by category, age group and district, %(period)s")
        % {"period": period_text(period)},
        columns=[
            Column("category", _("Main category"), numeric=False),
            Column("age_group", _("Age group"), numeric=False),
            Column("district", _("District"), numeric=False),
            Column("devices", _("Devices (demand)")),
            Column("hobbies", _("Public hobbies (supply)")),
            Column("devices_per_hobby", _("Devices per hobby")),
        ],
        rows=rows,
        chart="",
        note=_(
            "Demand: devices of the age group that used hobbies of the category in the district. Supply: public "
            "hobbies of the category for that age in the district now. The district is the postal code area of the "
            "venue. Devices without an age group are not counted; combinations with fewer than %(k)d devices are "
            "not listed. Largest demand per hobby first."
        )
        % {"k": k},
    )


def provider_hobbies(scope: Scope, period: Period) -> Table:
    """For a provider: views, favourites, join clicks and redemptions of each of their hobbies."""
    cells, _totals = _by_kind(scope, period, "hobby_id")
    redemptions: dict[int, Tally] = defaultdict(Tally)
    for row in (
        Redemption.objects.filter(redeemed_at__gte=period.start_at, redeemed_at__lt=period.end_at)
        .filter(Q(device__isnull=True) | Q(device__analytics=True))
        .filter(benefit__hobby__isnull=False)
        .filter(scope.hobbies("benefit__hobby__"))
        .order_by()
        .values("benefit__hobby_id")
        .annotate(n=Count("id"), d=Count("device_id", distinct=True))
    ):
        redemptions[row["benefit__hobby_id"]].add(row["n"], row["d"])
    hobbies = Hobby.objects.filter(scope.hobbies()).select_related("organization")
    rows = sorted(
        (
            [
                _title(hobby),
                hobby.organization.name,
                *_kind_figures(cells, hobby.pk),
                shown(redemptions[hobby.pk].events, redemptions[hobby.pk].devices),
            ]
            for hobby in hobbies
        ),
        key=lambda row: (row[0].lower(), row[1]),
    )
    return Table(
        name="hobbies",
        title=_("Your hobbies"),
        caption=_("Views, favourites, join clicks and redemptions of each hobby, %(period)s")
        % {"period": period_text(period)},
        columns=[
            Column("hobby", _("Hobby"), numeric=False),
            Column("organization", _("Organization"), numeric=False),
            *_kind_columns(),
            Column("redemptions", _("Redemptions")),
        ],
        rows=rows,
    )


def average_rating(scope: Scope, period: Period) -> tuple[float | Withheld | None, int]:
    """(average stars, number of ratings) of the feedback in scope; withheld below the threshold.

    Feedback is never tied to a device, so the number of ratings stands in for the number of devices.
    """
    feedback = Feedback.objects.filter(
        created_at__gte=period.start_at, created_at__lt=period.end_at, rating__isnull=False
    )
    if scope.municipalities is not None:
        feedback = feedback.filter(municipality_id__in=scope.municipalities)
    elif scope.organizations is not None:
        feedback = feedback.filter(hobby__organization_id__in=scope.organizations)
    result = feedback.aggregate(average=Avg("rating"), count=Count("id"))
    count = result["count"] or 0
    if not count:
        return None, 0
    return shown(round(result["average"], 1), count), count


def period_text(period: Period) -> str:
    return _("%(start)s–%(end)s") % {
        "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(period.last_day, "SHORT_DATE_FORMAT"),
    }


USAGE_FIGURES = (
    channel_usage,
    weekly_active,
    municipality_usage,
    top_hobbies,
    top_categories,
    zero_result_searches,
    demand_supply,
    redemptions_per_benefit,
)
PROVIDER_FIGURES = (provider_hobbies,)


def tables(figures, scope: Scope, period: Period) -> list[Table]:
    """The figures' tables, computed outside any CMS row scope (the scope here is explicit).

    Kept in the cache for ``ANALYTICS_CACHE_SECONDS`` per figures, scope, period, language and threshold: on a
    city's data a page of figures takes seconds to compute (bench/analytics.py), and the CSV links of a page are
    then served from the same tables."""
    key = _cache_key(figures, scope, period)
    seconds = settings.ANALYTICS_CACHE_SECONDS
    found = cache.get(key) if seconds else None
    if found is not None:
        return found
    with unscoped():
        computed = [figure(scope, period) for figure in figures]
    if seconds:
        cache.set(key, computed, seconds)
    return computed


def _cache_key(figures, scope: Scope, period: Period) -> str:
    parts = (
        ",".join(figure.__name__ for figure in figures),
        ",".join(map(str, sorted(scope.municipalities))) if scope.municipalities is not None else "*",
        ",".join(map(str, sorted(scope.organizations))) if scope.organizations is not None else "*",
        period.start.isoformat(),
        str(period.weeks),
        _language(),
        str(min_devices()),
    )
    return "analytics:tables:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
