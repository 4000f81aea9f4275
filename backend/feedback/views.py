"""Feedback in the CMS: the listing, one item (read-only text, editable handled flag and note), ratings per week.

Who sees what: the operator all feedback; a municipal moderator the feedback that concerns a municipality they
moderate (its municipality, or its hobby's municipality, is theirs); nobody else any. Every view starts from
``visible_feedback(user)``, so another municipality's feedback answers 404 whatever the URL. Feedback without a
hobby or a municipality (about the app in general) is for the operator.
"""

from __future__ import annotations

import csv

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets.button import HeaderButton

from backend.hobbies.models import Municipality
from cms.charts import line_chart
from cms.roles import is_operator, may_moderate, moderated_municipality_ids, moderation_rows

from .forms import RatingsFilterForm
from .models import Feedback
from .reports import PERIODS, RatingWeek, chart_points, min_ratings, weekly_ratings

INDEX_URL = "feedback:index"
EDIT_URL = "feedback:edit"
RATINGS_URL = "feedback:ratings"
EXCERPT_LENGTH = 80
LANGUAGE_NAMES = {"fi": gettext_lazy("Finnish"), "sv": gettext_lazy("Swedish"), "en": gettext_lazy("English")}


# --- who sees what ----------------------------------------------------------------------------


def concerning(municipality_ids) -> Q:
    """Feedback about these municipalities: its own municipality, or its hobby's."""
    return Q(municipality_id__in=municipality_ids) | Q(hobby__municipality_id__in=municipality_ids)


def visible_feedback(user) -> QuerySet[Feedback]:
    queryset = Feedback.objects.select_related("hobby", "municipality", "hobby__municipality")
    return moderation_rows(user, queryset, concerning)


def may_see_feedback(user) -> bool:
    return may_moderate(user)


def visible_municipalities(user) -> QuerySet[Municipality]:
    if is_operator(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=moderated_municipality_ids(user))


# --- how one item reads -------------------------------------------------------------------------


def stars(feedback: Feedback) -> str:
    return f"{feedback.rating}/5" if feedback.rating else "—"


def concerned_municipality(feedback: Feedback) -> Municipality | None:
    if feedback.municipality_id:
        return feedback.municipality
    return feedback.hobby.municipality if feedback.hobby_id else None


def language_name(feedback: Feedback) -> str:
    return str(LANGUAGE_NAMES.get(feedback.language, feedback.language))


def received(feedback: Feedback) -> str:
    return date_format(timezone.localtime(feedback.created_at), "SHORT_DATETIME_FORMAT")


def summary_context(feedback: Feedback) -> dict:
    return {
        "feedback": feedback,
        "received": received(feedback),
        "stars": stars(feedback),
        "concerned_municipality": concerned_municipality(feedback),
        "language_name": language_name(feedback),
    }


class TextColumn(Column):
    """The start of the text, marked with the language it was written in."""

    cell_template_name = "feedback/_text_cell.html"


# --- the viewset's views, each on the scoped queryset -------------------------------------------


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("unhandled", gettext_lazy("Unhandled")), ("handled", gettext_lazy("Handled"))],
        method="filter_status",
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )
    rating = django_filters.ChoiceFilter(
        label=gettext_lazy("Stars"),
        choices=[(str(n), f"{n}/5") for n in range(5, 0, -1)] + [("none", gettext_lazy("No stars"))],
        method="filter_rating",
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Municipality"),
        queryset=lambda request: visible_municipalities(request.user),
        method="filter_municipality",
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Channel"),
        choices=Feedback.Channel.choices,
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Feedback
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(handled=value == "handled")

    def filter_rating(self, queryset, name, value):
        return queryset.filter(rating__isnull=True) if value == "none" else queryset.filter(rating=int(value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(concerning([value.pk]))


class FeedbackIndexView(generic.IndexView):
    filterset_class = FeedbackFilterSet

    def get_base_queryset(self):
        return visible_feedback(self.request.user)

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "created_at",
                label=_("Received"),
                accessor=received,
                sort_key="created_at",
                get_url=lambda feedback: self.get_edit_url(feedback) or self.get_inspect_url(feedback),
            ),
            Column("stars", label=_("Stars"), accessor=stars, sort_key="rating"),
            TextColumn("text", label=_("Text"), accessor=lambda f: Truncator(f.text).chars(EXCERPT_LENGTH)),
            Column("hobby", label=_("Hobby"), accessor=lambda f: f.hobby or "—"),
            Column("municipality", label=_("Municipality"), accessor=lambda f: concerned_municipality(f) or "—"),
            Column("channel", label=_("Channel"), accessor="get_channel_display", sort_key="channel"),
            Column("language", label=_("Language"), accessor=language_name),
            StatusTagColumn(
                "handled",
                label=_("Status"),
                accessor=lambda f: _("Handled") if f.handled else _("Unhandled"),
                primary=lambda f: not f.handled,
                sort_key="handled",
            ),
        ]

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Ratings per week"), url=reverse(RATINGS_URL), icon_name="table"),
        ]


class FeedbackInspectView(generic.InspectView):
    template_name = "feedback/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(visible_feedback(self.request.user), pk=self.pk)

    def get_page_subtitle(self):
        return _("Feedback received %(date)s") % {"date": received(self.object)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **summary_context(self.object)}


class FeedbackEditView(generic.EditView):
    """Marking handled and writing the internal note; the feedback itself is shown read-only above the form."""

    template_name = "feedback/edit.html"
    success_message = gettext_lazy("Feedback saved.")

    def get_queryset(self):
        return visible_feedback(self.request.user)

    def get_page_subtitle(self):
        return _("Feedback received %(date)s") % {"date": received(self.object)}

    def get_success_message(self):
        return str(self.success_message)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **summary_context(self.object)}


class FeedbackDeleteView(generic.DeleteView):
    def get_queryset(self):
        return visible_feedback(self.request.user)


class FeedbackHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return visible_feedback(self.request.user)


class FeedbackUsageView(UsageView):
    def get_base_object_queryset(self):
        return visible_feedback(self.request.user)


# --- ratings per week ---------------------------------------------------------------------------


def week_label(row: RatingWeek) -> str:
    return _("%(week)s/%(year)s") % {"week": row.week, "year": row.year}


def chart_label(row: RatingWeek) -> str:
    """Short enough for twelve labels side by side; the table beside the chart names the year."""
    return _("wk %(week)s") % {"week": row.week}


def average_text(row: RatingWeek, *, localize: bool) -> str:
    if row.withheld:
        return _("fewer than %(k)d") % {"k": min_ratings()}
    if row.average is None:
        return "—" if localize else ""
    return number_format(row.average, 1) if localize else str(row.average)


class RatingsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Average rating per week as a chart and a table (with CSV export), scoped like the listing."""

    model = Feedback
    any_permission_required = ["view", "change"]
    page_title = gettext_lazy("Ratings per week")
    header_icon = "table"
    template_name = "feedback/ratings.html"
    index_url_name = INDEX_URL

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Feedback")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def form(self) -> RatingsFilterForm:
        data = self.request.GET if {"weeks", "municipality"} & set(self.request.GET) else None
        return RatingsFilterForm(data, municipalities=visible_municipalities(self.request.user))

    @cached_property
    def choice(self) -> dict:
        if self.form.is_bound and self.form.is_valid():
            cleaned = self.form.cleaned_data
            return {"weeks": cleaned["weeks"], "municipality": cleaned.get("municipality")}
        return {"weeks": PERIODS[0], "municipality": None}

    @cached_property
    def rows(self) -> list[RatingWeek]:
        feedback = visible_feedback(self.request.user)
        if self.choice["municipality"] is not None:
            feedback = feedback.filter(concerning([self.choice["municipality"].pk]))
        return weekly_ratings(feedback, weeks=self.choice["weeks"])

    def headings(self) -> list[str]:
        return [_("Week"), _("Week starts"), _("Number of ratings"), _("Average rating")]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def csv_response(self) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"ratings-per-week-{self.choice['weeks']}"
        if self.choice["municipality"] is not None:
            name += f"-{self.choice['municipality'].slug}"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")  # the byte order mark: Excel then reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(self.headings())
        for row in self.rows:
            writer.writerow([week_label(row), row.start.isoformat(), row.count, average_text(row, localize=False)])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = self.choice["weeks"]
        municipality = self.choice["municipality"]
        if municipality is not None:
            title = _("Average rating per week in %(municipality)s, last %(weeks)s weeks") % {
                "municipality": self.form.fields["municipality"].label_from_instance(municipality),
                "weeks": weeks,
            }
        else:
            title = _("Average rating per week, last %(weeks)s weeks") % {"weeks": weeks}
        query = self.request.GET.copy()
        query.pop("export", None)
        query["export"] = "csv"
        context.update(
            form=self.form,
            title=title,
            chart=line_chart(
                chart_points(self.rows, chart_label),
                title=title,
                y_min=1,
                y_max=5,
                fmt=lambda value: number_format(value, 1),
            ),
            headings=self.headings(),
            table=[
                (
                    week_label(row),
                    date_format(row.start, "SHORT_DATE_FORMAT"),
                    row.count,
                    average_text(row, localize=True),
                )
                for row in self.rows
            ],
            min_ratings=min_ratings(),
            csv_url=f"{reverse(RATINGS_URL)}?{query.urlencode()}",
            index_url=reverse(self.index_url_name),
        )
        return context
