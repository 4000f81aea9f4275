"""The CMS: permission policies, the snippet viewsets for provider content, moderation actions, dashboards.

Who sees what is decided below the views: ``cms.middleware`` scopes every queryset of a CMS request to
the user's municipality/organizations (``cms.scope``), and the policies registered here decide what
the user may do with each row (``cms.permissions``). Nothing here relies on hiding buttons.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.permissions import register_permission_policy
from wagtail.signals import published
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from backend.benefits.models import Benefit
from backend.hobbies.models import Category, CategoryMapping, Hobby, Municipality, Organization, Session, Venue
from importers.models import ImportRun

from .forms import BenefitForm, HobbyForm
from .panels import ProviderContentPanel
from .permissions import ScopedPermissionPolicy
from .services import TAKE_DOWN_ACTION, clear_take_down, mark_edited_in_cms
from .views import TAKE_DOWN_MODELS, take_down_view

# Policies first: a viewset registered before them would get Wagtail's unscoped fallback policy.
for _model in (Hobby, Benefit, Venue, Organization, Session):
    register_permission_policy(_model, ScopedPermissionPolicy(_model))


class InstanceCheckedMixin:
    """Wagtail's edit view checks the model permission only; ours also asks the policy about this row
    (imported rows are read-only for provider editors: they can inspect them, not change them)."""

    instance_action = "change"

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission_for_instance(request.user, self.instance_action, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class InstanceCheckedEditView(InstanceCheckedMixin, SnippetEditView):
    instance_action = "change"


class InstanceCheckedDeleteView(InstanceCheckedMixin, SnippetDeleteView):
    instance_action = "delete"


class ScopedSnippetViewSet(SnippetViewSet):
    edit_view_class = InstanceCheckedEditView
    delete_view_class = InstanceCheckedDeleteView
    inspect_view_enabled = True


def _language_panels(*fields: str) -> list:
    """One collapsible panel per language, holding that language's version of each field."""
    names = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
    return [
        MultiFieldPanel([FieldPanel(f"{field}_{lang}") for field in fields], heading=label)
        for lang, label in names.items()
    ]


class HobbyViewSet(ScopedSnippetViewSet):
    model = Hobby
    icon = "date"
    menu_label = _("Hobbies")
    list_display = ["__str__", "organization", "municipality", "live", "next_session_start", "data_source"]
    list_filter = ["live", "municipality", "organization", "categories", "data_source"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    ordering = ["title_fi"]
    edit_handler = TabbedInterface(
        [
            ObjectList(_language_panels("title", "summary", "description"), heading=_("Texts")),
            ObjectList(
                [
                    FieldPanel("organization"),
                    FieldPanel("venue"),
                    FieldPanel("categories"),
                    FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                    FieldPanel("level"),
                    FieldPanel("instruction_languages"),
                    FieldPanel("open_use"),
                ],
                heading=_("Details"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("price_kind"), FieldPanel("price_amount"), FieldPanel("price_unit")]),
                    FieldPanel("trial_session"),
                    *_language_panels("price_text"),
                ],
                heading=_("Price"),
            ),
            ObjectList(
                [
                    FieldPanel("registration_url"),
                    FieldRowPanel([FieldPanel("enrolment_start"), FieldPanel("enrolment_end")]),
                    *_language_panels("what_to_bring"),
                ],
                heading=_("Joining"),
            ),
            ObjectList([FieldPanel("image"), *_language_panels("image_alt")], heading=_("Image")),
            ObjectList([InlinePanel("sessions", heading=_("Sessions"), label=_("Session"))], heading=_("Sessions")),
        ],
        base_form_class=HobbyForm,
    )


class BenefitViewSet(ScopedSnippetViewSet):
    model = Benefit
    icon = "tag"
    menu_label = _("Benefits")
    list_display = ["__str__", "organization", "kind", "valid_until", "redeemed_count", "total_quantity", "live"]
    edit_handler = ObjectList(
        [
            FieldPanel("organization"),
            FieldPanel("hobby"),
            FieldPanel("kind"),
            *_language_panels("title", "description", "terms"),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
            FieldRowPanel([FieldPanel("total_quantity"), FieldPanel("per_device_limit")]),
        ],
        base_form_class=BenefitForm,
    )
    list_filter = ["live", "kind", "organization"]
    search_fields = ["title_fi", "title_sv", "title_en"]


class VenueViewSet(ScopedSnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["__str__", "postal_code", "city", "municipality", "data_source"]
    list_filter = ["municipality", "data_source"]
    search_fields = ["name_fi", "name_sv", "name_en", "street_address_fi", "postal_code"]


class OrganizationViewSet(ScopedSnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "municipality", "kind", "verified"]
    list_filter = ["municipality", "kind", "verified"]
    search_fields = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    menu_label = _("Categories")
    list_display = ["name_fi", "name_sv", "name_en", "parent"]
    list_filter = ["parent"]
    search_fields = ["name_fi", "name_sv", "name_en"]


class CategoryMappingViewSet(SnippetViewSet):
    model = CategoryMapping
    icon = "link"
    menu_label = _("Keyword mappings")
    list_display = ["external_id", "label", "source", "category"]
    list_filter = ["source"]
    search_fields = ["external_id", "label"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Municipalities")
    list_display = ["name_fi", "code"]


class ImportRunViewSet(SnippetViewSet):
    model = ImportRun
    icon = "download"
    menu_label = _("Import runs")
    list_display = ["source", "started_at", "status", "created", "updated", "deleted", "failed"]
    list_filter = ["source", "status"]


class HobbyPassGroup(SnippetViewSetGroup):
    menu_label = _("Hobby pass")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        HobbyViewSet,
        BenefitViewSet,
        VenueViewSet,
        OrganizationViewSet,
        CategoryViewSet,
        CategoryMappingViewSet,
        MunicipalityViewSet,
        ImportRunViewSet,
    )


register_snippet(HobbyPassGroup)


# --- moderation actions -----------------------------------------------------------------------


@hooks.register("register_admin_urls")
def _moderation_urls():
    return [path("take-down/<str:model_name>/<int:pk>/", take_down_view, name="cms_take_down")]


class TakeDownMenuItem(ActionMenuItem):
    name = "action-take-down"
    label = _("Take down…")
    icon_name = "warning"

    def is_shown(self, context):
        instance = context.get("instance")
        if context.get("view") != "edit" or instance is None or not instance.live:
            return False
        policy = ScopedPermissionPolicy(type(instance))
        return policy.user_has_permission_for_instance(context["request"].user, "publish", instance)

    def get_url(self, parent_context):
        instance = parent_context["instance"]
        return reverse("cms_take_down", args=[instance._meta.model_name, instance.pk])


@hooks.register("register_snippet_action_menu_item")
def _take_down_menu_item(model):
    return TakeDownMenuItem(order=70) if model in TAKE_DOWN_MODELS.values() else None


@hooks.register("register_log_actions")
def _log_actions(actions):
    actions.register_action(TAKE_DOWN_ACTION, _("Take down"), _("Taken down"))


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def _remember_cms_edit(request, instance):
    mark_edited_in_cms(instance)


def _lift_take_down(sender, instance, **kwargs):
    clear_take_down(instance)


published.connect(_lift_take_down, sender=Hobby, dispatch_uid="hobby_published_lifts_take_down")
published.connect(_lift_take_down, sender=Benefit, dispatch_uid="benefit_published_lifts_take_down")


@hooks.register("construct_homepage_panels")
def _dashboard_panels(request, panels):
    panels.insert(0, ProviderContentPanel(request))


@hooks.register("construct_reports_menu")
def _reports_for_operators_only(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = []
