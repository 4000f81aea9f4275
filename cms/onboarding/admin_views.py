"""CMS views: provider applications (list, inspect, edit, approve, decline) and inviting editors.

Each view looks its rows up in ``access.visible_applications`` / ``access.invitable_organizations``,
so another municipality's application or another organization answers 404, whatever the URL.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.log_actions import log

from backend.hobbies.models import Municipality
from cms.roles import is_operator, moderated_municipality_ids

from . import services
from .access import invitable_organizations, visible_applications
from .forms import DeclineForm, InviteEditorForm
from .models import Invitation, ProviderApplication

LANGUAGE_NAMES = {"fi": gettext_lazy("Finnish"), "sv": gettext_lazy("Swedish"), "en": gettext_lazy("English")}

APPROVE_URL = "provider_applications:approve"
DECLINE_URL = "provider_applications:decline"
INSPECT_URL = "provider_applications:inspect"
INDEX_URL = "provider_applications:index"


def _pending_actions(view, instance) -> list[MenuItem]:
    if not instance.is_pending or not view.user_has_permission("change"):
        return []
    return [
        MenuItem(_("Approve"), url=reverse(APPROVE_URL, args=[quote(instance.pk)]), icon_name="check", priority=5),
        MenuItem(_("Decline"), url=reverse(DECLINE_URL, args=[quote(instance.pk)]), icon_name="cross", priority=6),
    ]


# --- the viewset's views, each on the scoped queryset ---------------------------------------


class ApplicationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_applications(self.request.user)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name leads to the application's page, where the decision is made.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if instance.is_pending else None

    def get_list_more_buttons(self, instance):
        return [*_pending_actions(self, instance), *super().get_list_more_buttons(instance)]


class ApplicationInspectView(generic.InspectView):
    template_name = "onboarding/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(visible_applications(self.request.user), pk=self.pk)

    def get_edit_url(self):
        return super().get_edit_url() if self.object.is_pending else None

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_decide = self.object.is_pending and self.user_has_permission("change")
        context["approve_url"] = reverse(APPROVE_URL, args=[quote(self.object.pk)]) if can_decide else None
        context["decline_url"] = reverse(DECLINE_URL, args=[quote(self.object.pk)]) if can_decide else None
        if self.object.organization_id:
            context["editors_url"] = reverse("onboarding_invite_editor", args=[self.object.organization_id])
        return context


class ApplicationEditView(generic.EditView):
    """Correcting a pending application (a typo in the name, the wrong municipality) before deciding."""

    def get_queryset(self):
        return visible_applications(self.request.user).filter(status=ProviderApplication.Status.PENDING)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "municipality" in form.fields:
            user = self.request.user
            municipalities = Municipality.objects.all()
            if not is_operator(user):
                municipalities = municipalities.filter(pk__in=moderated_municipality_ids(user))
            form.fields["municipality"].queryset = municipalities
        return form


class ApplicationDeleteView(generic.DeleteView):
    def get_queryset(self):
        return visible_applications(self.request.user)


class ApplicationHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return visible_applications(self.request.user)


class ApplicationUsageView(UsageView):
    def get_base_object_queryset(self):
        return visible_applications(self.request.user)


class ApplicationDecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Base of approve and decline: a scoped, pending application; GET asks, POST (with CSRF) decides."""

    model = ProviderApplication
    permission_required = "change"
    header_icon = "form"
    index_url_name = INDEX_URL
    inspect_url_name = INSPECT_URL

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(visible_applications(request.user), pk=kwargs["pk"])

    @cached_property
    def inspect_url(self) -> str:
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": ProviderApplication._meta.verbose_name_plural.capitalize()},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def refuse_if_decided(self):
        if not self.object.is_pending:
            messages.error(self.request, str(services.ALREADY_DECIDED))
            return redirect(self.inspect_url)
        return None

    def get(self, request, *args, **kwargs):
        return self.refuse_if_decided() or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.object,
            inspect_url=self.inspect_url,
            applicant_language=LANGUAGE_NAMES.get(self.object.language, self.object.language),
        )
        return context


class ApproveView(ApplicationDecisionView):
    page_title = gettext_lazy("Approve the application")
    template_name = "onboarding/admin/approve.html"

    def post(self, request, *args, **kwargs):
        if refusal := self.refuse_if_decided():
            return refusal
        try:
            result = services.approve(self.object, request.user)
        except services.OnboardingError as problem:
            messages.error(request, str(problem.message))
            return redirect(self.inspect_url)
        log(self.object, "onboarding.approve", user=request.user)
        messages.success(
            request,
            _("Approved: %(organization)s was created and %(email)s is its editor.")
            % {"organization": result.organization.name, "email": result.user.email},
        )
        if not result.email_sent:
            messages.warning(
                request,
                _("The email could not be sent. Send a new invitation from the organization's editors page."),
            )
        return redirect(self.inspect_url)


class DeclineView(ApplicationDecisionView):
    page_title = gettext_lazy("Decline the application")
    template_name = "onboarding/admin/decline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DeclineForm())
        return context

    def post(self, request, *args, **kwargs):
        if refusal := self.refuse_if_decided():
            return refusal
        form = DeclineForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            sent = services.decline(self.object, request.user, form.cleaned_data["reason"])
        except services.OnboardingError as problem:
            messages.error(request, str(problem.message))
            return redirect(self.inspect_url)
        log(self.object, "onboarding.decline", user=request.user)
        messages.success(request, _("Declined: %(name)s.") % {"name": self.object.organization_name})
        if not sent:
            messages.warning(request, _("The email to the applicant could not be sent."))
        return redirect(self.inspect_url)


# --- inviting editors -----------------------------------------------------------------------


class EditorsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The organizations one may add editors to, with their editors and a link to invite more."""

    page_title = gettext_lazy("Organization editors")
    header_icon = "group"
    template_name = "onboarding/admin/editors.html"
    page_size = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organizations = invitable_organizations(self.request.user).prefetch_related("members")
        query = self.request.GET.get("q", "").strip()
        if query:
            organizations = organizations.filter(name__icontains=query)
        page = Paginator(organizations, self.page_size).get_page(self.request.GET.get("p"))
        pending = set(
            Invitation.objects.filter(
                organization__in=[organization.pk for organization in page],
                used_at__isnull=True,
            ).values_list("organization_id", "user_id")
        )
        rows = []
        for organization in page:
            editors = [
                {
                    "user": user,
                    "status": _editor_status(user, (organization.pk, user.pk) in pending),
                }
                for user in organization.members.all()
            ]
            rows.append({"organization": organization, "editors": editors})
        context.update(rows=rows, page=page, query=query)
        return context


def _editor_status(user, invited: bool) -> str:
    if user.is_active and user.has_usable_password():
        return _("Active")
    if invited:
        return _("Invited, password not set yet")
    return _("Inactive")


class InviteEditorView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Invite an editor")
    header_icon = "mail"
    template_name = "onboarding/admin/invite.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(invitable_organizations(request.user), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.organization.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("onboarding_editors"), "label": _("Organization editors")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.organization.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InviteEditorForm())
        context["organization"] = self.organization
        context["action_url"] = reverse("onboarding_invite_editor", args=[self.organization.pk])
        return context

    def post(self, request, *args, **kwargs):
        form = InviteEditorForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        email = form.cleaned_data["email"]
        result = services.add_editor(email, self.organization, request.user, language=form.cleaned_data["language"])
        if result.invitation is not None:
            message = _("%(email)s is now an editor of %(organization)s and has been sent an invitation.")
        else:
            message = _("%(email)s is now an editor of %(organization)s and has been told by email.")
        messages.success(request, message % {"email": result.user.email, "organization": self.organization.name})
        if not result.email_sent:
            messages.warning(request, _("The email could not be sent. Try again later."))
        return redirect("onboarding_editors")
