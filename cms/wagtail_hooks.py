"""The CMS menu: provider content as snippet viewsets, grouped under "Hobbies".

Issue 3 (provider CMS) adds organization-scoped permission policies, moderation workflows, previews
and dashboards on top of these viewsets; until then every CMS user with model permissions sees all rows.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from backend.benefits.models import Benefit
from backend.hobbies.models import Category, CategoryMapping, Hobby, Municipality, Organization, Venue
from importers.models import ImportRun


def _language_panels(*fields: str) -> list:
    """One collapsible panel per language, holding that language's version of each field."""
    names = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
    return [
        MultiFieldPanel([FieldPanel(f"{field}_{lang}") for field in fields], heading=label)
        for lang, label in names.items()
    ]


class HobbyViewSet(SnippetViewSet):
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
        ]
    )


class BenefitViewSet(SnippetViewSet):
    model = Benefit
    icon = "tag"
    menu_label = _("Benefits")
    list_display = ["__str__", "organization", "kind", "valid_until", "redeemed_count", "total_quantity", "live"]
    list_filter = ["live", "kind", "organization"]
    search_fields = ["title_fi", "title_sv", "title_en"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["__str__", "postal_code", "city", "municipality", "data_source"]
    list_filter = ["municipality", "data_source"]
    search_fields = ["name_fi", "name_sv", "name_en", "street_address_fi", "postal_code"]


class OrganizationViewSet(SnippetViewSet):
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
