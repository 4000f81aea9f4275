"""Finding hobbies: every filter of the search, validated by django-filter, and the orderings.

The API (and anything else) builds a ``HobbyFilter`` from plain values; invalid values come back as form
errors with Django's error codes (``min_value``, ``invalid_choice``…), which the API turns into typed
GraphQL errors. Filters on sessions (weekdays, time of day, dates) are combined into one condition, so
"on Tuesdays after 16:00" means one session that is both, not a Tuesday one and an evening one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import search
from .models import Category, Hobby, Municipality, Session

MAX_RADIUS_KM = 200
MAX_DATE_SPAN_DAYS = 366
# Kilometres per degree (WGS84, good to well under 1% across Finland at the distances searched).
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320
ACCESSIBILITY_FACTS = ("wheelchair_accessible", "accessible_toilet", "induction_loop", "step_free_entrance")


class Ordering:
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    NEXT_SESSION = "next_session"
    NEWEST = "newest"


class LanguageCodesField(forms.CharField):
    """ "fi,en" or a list → ["fi", "en"]; each a two- or three-letter code."""

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        codes = [c.strip().lower() for c in (super().to_python(value) or "").split(",") if c.strip()]
        for code in codes:
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise forms.ValidationError(_("Use language codes such as fi, sv, en."), code="invalid")
        return codes


class LanguageCodesFilter(django_filters.Filter):
    field_class = LanguageCodesField


class CategoryIdsField(forms.Field):
    """Category ids, checked against the cached tree (no query): unknown ids are ``invalid_choice``."""

    def to_python(self, value):
        if value in (None, "", [], ()):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        known = {c.pk for c in Category.cached_tree()}
        ids = []
        for item in values:
            text = str(item).strip()
            if not (text.isascii() and text.isdigit()) or len(text) > 18:
                raise forms.ValidationError(_("%(value)s is not a category id.") % {"value": text[:20]}, code="invalid")
            if int(text) not in known:
                raise forms.ValidationError(
                    _("There is no category %(value)s.") % {"value": text}, code="invalid_choice"
                )
            ids.append(int(text))
        return ids


class CategoryIdsFilter(django_filters.Filter):
    field_class = CategoryIdsField


class HobbyFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(method="filter_nothing", max_length=200)
    categories = CategoryIdsFilter(method="filter_categories")
    age = django_filters.NumberFilter(method="filter_age", min_value=0, max_value=99)
    free_only = django_filters.BooleanFilter(method="filter_free_only")
    max_price = django_filters.NumberFilter(method="filter_max_price", min_value=0, max_value=100_000)
    weekdays = django_filters.MultipleChoiceFilter(
        choices=[(str(i), str(i)) for i in range(7)], method="filter_nothing"
    )
    time_from = django_filters.TimeFilter(method="filter_nothing")
    time_to = django_filters.TimeFilter(method="filter_nothing")
    date_from = django_filters.DateFilter(method="filter_nothing")
    date_to = django_filters.DateFilter(method="filter_nothing")
    languages = LanguageCodesFilter(method="filter_languages", max_length=100)
    municipalities = django_filters.ModelMultipleChoiceFilter(
        queryset=Municipality.objects.all(), field_name="municipality"
    )
    trial_session = django_filters.BooleanFilter(method="filter_flag")
    open_use = django_filters.BooleanFilter(method="filter_flag")
    beginner_friendly = django_filters.BooleanFilter(method="filter_beginner_friendly")
    wheelchair_accessible = django_filters.BooleanFilter(method="filter_accessibility")
    accessible_toilet = django_filters.BooleanFilter(method="filter_accessibility")
    induction_loop = django_filters.BooleanFilter(method="filter_accessibility")
    step_free_entrance = django_filters.BooleanFilter(method="filter_accessibility")
    lat = django_filters.NumberFilter(method="filter_nothing", min_value=-90, max_value=90)
    lon = django_filters.NumberFilter(method="filter_nothing", min_value=-180, max_value=180)
    radius_km = django_filters.NumberFilter(method="filter_nothing", min_value=0.1, max_value=MAX_RADIUS_KM)

    class Meta:
        model = Hobby
        fields: list[str] = []

    @classmethod
    def _form_class_cache(cls):
        return cls.__dict__.get("_cached_form_class")

    def get_form_class(self):
        """django-filter builds a new form class for every filter set; ours never changes, so build it once."""
        form_class = self._form_class_cache()
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._cached_form_class = form_class
        return form_class

    def __init__(self, data=None, queryset=None, *, now: dt.datetime | None = None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.now = now or timezone.now()
        self.text_matched = False

    # --- validation across fields -------------------------------------------------------------------

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid:
            return False
        data = self.form.cleaned_data
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.form.add_error("lat", forms.ValidationError(_("Give both latitude and longitude."), code="required"))
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to:
            if date_to < date_from:
                self.form.add_error(
                    "date_to", forms.ValidationError(_("The end date is before the start date."), code="invalid")
                )
            elif (date_to - date_from).days > MAX_DATE_SPAN_DAYS:
                self.form.add_error(
                    "date_to", forms.ValidationError(_("Search at most a year at a time."), code="max_value")
                )
        return not self.form.errors

    # --- the simple filters ---------------------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_categories(self, queryset, name, value):
        if not value:
            return queryset
        ids = Category.descendant_ids(set(value))
        links = Hobby.categories.through.objects.filter(hobby_id=OuterRef("pk"), category_id__in=ids)
        return queryset.filter(Exists(links))

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)

    def filter_free_only(self, queryset, name, value):
        return queryset.filter(price_kind=Hobby.PriceKind.FREE) if value else queryset

    def filter_max_price(self, queryset, name, value):
        return queryset.filter(Q(price_kind=Hobby.PriceKind.FREE) | Q(price_amount__lte=value))

    def filter_languages(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for code in value:
            condition |= Q(instruction_languages__contains=f",{code},")
        return queryset.filter(condition)

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def filter_beginner_friendly(self, queryset, name, value):
        return queryset.filter(level__in=[Hobby.Level.BEGINNER, Hobby.Level.ALL]) if value else queryset

    def filter_accessibility(self, queryset, name, value):
        return queryset.filter(**{f"venue__{name}": True}) if value else queryset

    # --- the combined ones ------------------------------------------------------------------------------

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        queryset = self._filter_sessions(queryset, data)
        if data.get("lat") is not None:
            queryset = near(queryset, float(data["lat"]), float(data["lon"]), float(data.get("radius_km") or 10))
        if data.get("text"):
            queryset, self.text_matched = search.search(queryset, data["text"])
        return queryset

    def _filter_sessions(self, queryset, data):
        weekdays = [int(d) for d in data.get("weekdays") or []]
        time_from, time_to = data.get("time_from"), data.get("time_to")
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if not (weekdays or time_from or time_to or date_from or date_to):
            return queryset
        sessions = Session.objects.filter(hobby_id=OuterRef("pk"), cancelled=False, start__gte=self.now)
        if weekdays:
            sessions = sessions.filter(weekday__in=weekdays)
        if time_from:
            sessions = sessions.filter(local_minute__gte=time_from.hour * 60 + time_from.minute)
        if time_to:
            sessions = sessions.filter(local_minute__lte=time_to.hour * 60 + time_to.minute)
        zone = ZoneInfo(settings.TIME_ZONE)
        if date_from:
            sessions = sessions.filter(start__gte=dt.datetime.combine(date_from, dt.time(), zone))
        if date_to:
            sessions = sessions.filter(start__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), zone))
        return queryset.filter(Exists(sessions))


def near(queryset, lat: float, lon: float, radius_km: float):
    """Hobbies whose venue is within ``radius_km``; annotates ``distance_sq`` (km²) for ordering.

    A bounding box on the indexed coordinates first, then the circle, with an equirectangular
    distance (the cosine of the search latitude is a constant, so the database only multiplies).
    """
    km_per_lon = KM_PER_DEGREE_LON_AT_EQUATOR * max(math.cos(math.radians(lat)), 0.01)
    dlat, dlon = radius_km / KM_PER_DEGREE_LAT, radius_km / km_per_lon
    dy = (F("venue__latitude") - lat) * KM_PER_DEGREE_LAT
    dx = (F("venue__longitude") - lon) * km_per_lon
    return (
        queryset.filter(
            venue__latitude__range=(lat - dlat, lat + dlat),
            venue__longitude__range=(lon - dlon, lon + dlon),
        )
        .annotate(distance_sq=ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField()))
        .filter(distance_sq__lte=radius_km * radius_km)
    )


def order(queryset, ordering: str | None, *, has_text: bool, has_near: bool):
    """Order by the asked ordering, defaulting to relevance with text, distance with a location,
    else the next session. Ties fall back to the next session and then the id, so pages are stable."""
    if ordering is None:
        ordering = Ordering.RELEVANCE if has_text else Ordering.DISTANCE if has_near else Ordering.NEXT_SESSION
    next_session = F("next_session_start").asc(nulls_last=True)
    if ordering == Ordering.RELEVANCE and has_text:
        return queryset.order_by("-search_rank", next_session, "id")
    if ordering == Ordering.DISTANCE and has_near:
        return queryset.order_by("distance_sq", next_session, "id")
    if ordering == Ordering.NEWEST:
        return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-id")
    return queryset.order_by(next_session, "id")
