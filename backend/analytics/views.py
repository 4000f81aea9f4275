"""The CMS report pages: usage statistics (operators, moderators) and statistics of one's own hobbies (providers).

Who sees what is decided here, from the user's roles, and passed to the figures as an explicit scope: an operator
sees everything (or one municipality they choose), a moderator their municipalities (a municipality they do not
moderate is not a valid choice, whatever the URL says), a provider editor their organizations' hobbies. Anyone
else gets 403. Each table can be downloaded as CSV (``?format=csv&table=<name>``, UTF-8 with a byte order mark so
that Excel reads it right); withheld figures read "fewer than 5" there too.
"""

from __future__ import annotations

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backend.core.scoping import unscoped
from backend.hobbies.models import Municipality
from cms.charts import bar_chart, line_chart
from cms.roles import is_operator, member_organization_ids, moderated_municipality_ids

from .queries import reports
from .queries.reports import PERIOD_CHOICES, Period, Scope, Table, Withheld


class ReportForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label=gettext_lazy("Period"), coerce=int, required=False, empty_value=None, initial=reports.DEFAULT_WEEKS
    )
    municipality = forms.TypedChoiceField(
        label=gettext_lazy("Municipality"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, *, municipalities=None, everything_label=""):
        super().__init__(data)
        self.fields["weeks"].choices = [(n, _("Last %(weeks)d weeks") % {"weeks": n}) for n in PERIOD_CHOICES]
        if municipalities is None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].choices = [("", everything_label)] + [
                (m.pk, m.translated("name", _language()).text) for m in municipalities
            ]

    def value(self, name: str, default):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name) or default
        return default


def _language() -> str:
    return (translation.get_language() or "fi")[:2]


def _cell(value, numeric: bool) -> dict:
    if isinstance(value, Withheld):
        return {"text": str(value), "withheld": True, "numeric": numeric}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"text": formats.localize(value, use_l10n=True), "withheld": False, "numeric": numeric}
    return {"text": str(value), "withheld": False, "numeric": numeric}


def _chart(table: Table):
    numeric = [i for i, column in enumerate(table.columns) if column.numeric]
    if not table.chart or not numeric or not table.rows:
        return None
    index = numeric[0]

    def value(cell):
        return cell if isinstance(cell, int | float) and not isinstance(cell, bool) else None

    labels = table.chart_labels or [str(row[0]) for row in table.rows]
    points = [(label, value(row[index])) for label, row in zip(labels, table.rows, strict=True)]
    if table.chart == "line":
        return line_chart(points, title=table.title)
    return bar_chart(points, title=table.title)


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "analytics/report.html"
    header_icon = "table"
    filename = "statistics"
    figures: tuple = ()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def scope_and_choices(self, user) -> tuple[Scope, object | None, str]:
        """(the widest scope this user may see, the municipalities they may choose or None, the "all" label)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        with unscoped():
            try:
                self.base_scope, municipalities, everything_label = self.scope_and_choices(request.user)
            except PermissionDenied as denied:
                # a plain 403 (Wagtail would turn the exception into a redirect to the dashboard)
                return permission_denied(request, denied)
            data = None
            if request.GET:
                data = request.GET.copy()
                data.setdefault("weeks", str(reports.DEFAULT_WEEKS))
            self.form = ReportForm(
                data,
                municipalities=municipalities,
                everything_label=everything_label,
            )
            if self.form.is_bound:
                self.form.full_clean()
        return super().dispatch(request, *args, **kwargs)

    def scope(self) -> Scope:
        chosen = self.form.value("municipality", None) if "municipality" in self.form.fields else None
        return Scope.of_municipalities({chosen}) if chosen else self.base_scope

    def period(self) -> Period:
        return Period.last(self.form.value("weeks", reports.DEFAULT_WEEKS))

    def get(self, request, *args, **kwargs):
        period = self.period()
        scope = self.scope()
        tables = reports.tables(self.figures, scope, period)
        if request.GET.get("format") == "csv":
            table = next((t for t in tables if t.name == request.GET.get("table")), None)
            if table is None:
                raise Http404
            return self.csv(table, period)
        context = self.get_context_data(**kwargs)
        context.update(
            form=self.form,
            period_text=reports.period_text(period),
            min_devices=reports.min_devices(),
            sections=[self.section(table) for table in tables],
            extras=self.extras(scope, period),
        )
        return self.render_to_response(context)

    def extras(self, scope: Scope, period: Period) -> dict:
        return {}

    def section(self, table: Table) -> dict:
        query = self.request.GET.copy()
        query["format"], query["table"] = "csv", table.name
        return {
            "table": table,
            "chart": _chart(table),
            "columns": table.columns,
            "rows": [[_cell(v, c.numeric) for v, c in zip(row, table.columns, strict=True)] for row in table.rows],
            "csv_url": "?" + query.urlencode(),
        }

    def csv(self, table: Table, period: Period) -> HttpResponse:
        name = f"{self.filename}-{table.name}-{period.start.isoformat()}-{period.last_day.isoformat()}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # the byte order mark: Excel then reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([str(column.label) for column in table.columns])
        for row in table.rows:
            writer.writerow([_spreadsheet_safe(value) for value in row])
        return response


def _spreadsheet_safe(value) -> str:
    """A cell as text; text that a spreadsheet would run as a formula (a typed search, a title) is quoted."""
    text = str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class UsageReportView(ReportView):
    """Usage statistics for operators (everything) and moderators (their municipalities)."""

    page_title = gettext_lazy("Usage statistics")
    filename = "usage-statistics"
    figures = reports.USAGE_FIGURES

    def scope_and_choices(self, user):
        if is_operator(user):
            return Scope.everything(), Municipality.objects.order_by("name_fi"), _("All municipalities")
        moderated = moderated_municipality_ids(user)
        if not moderated:
            raise PermissionDenied
        choices = Municipality.objects.filter(pk__in=moderated).order_by("name_fi")
        return Scope.of_municipalities(moderated), choices, _("All your municipalities")

    def extras(self, scope, period):
        average, count = reports.average_rating(scope, period)
        if average is None:
            return {}
        withheld = isinstance(average, Withheld)
        return {"rating": None if withheld else formats.localize(average, use_l10n=True), "ratings": count}


class ProviderReportView(ReportView):
    """Statistics of a provider editor's own hobbies (every organization they are a member of)."""

    page_title = gettext_lazy("Statistics of your hobbies")
    filename = "hobby-statistics"
    figures = reports.PROVIDER_FIGURES

    def scope_and_choices(self, user):
        organizations = member_organization_ids(user)
        if not organizations:
            raise PermissionDenied
        return Scope.of_organizations(organizations), None, ""


def may_see_usage(user) -> bool:
    return bool(user.is_authenticated and (is_operator(user) or moderated_municipality_ids(user)))


def may_see_own_hobbies(user) -> bool:
    return bool(user.is_authenticated and member_organization_ids(user))
