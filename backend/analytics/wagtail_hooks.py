"""The report pages in the CMS menu and their admin URLs (Wagtail's admin login applies to both)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ProviderReportView, UsageReportView, may_see_own_hobbies, may_see_usage


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("statistics/", UsageReportView.as_view(), name="analytics_usage"),
        path("statistics/hobbies/", ProviderReportView.as_view(), name="analytics_provider"),
    ]


class UsageMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_usage(request.user)


class ProviderMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_own_hobbies(request.user)


@hooks.register("register_admin_menu_item")
def register_usage_menu_item():
    return UsageMenuItem(
        _("Usage statistics"), reverse("analytics_usage"), icon_name="table", name="usage-statistics", order=300
    )


@hooks.register("register_admin_menu_item")
def register_provider_menu_item():
    return ProviderMenuItem(
        _("Statistics of your hobbies"),
        reverse("analytics_provider"),
        icon_name="table",
        name="hobby-statistics",
        order=310,
    )
