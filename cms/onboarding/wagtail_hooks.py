"""CMS registration: "Provider applications" (moderators and operators) and "Organization editors".

The permission policy is registered first, before any viewset asks for one. It lets nobody add
applications in the CMS (they come from the public form) and lets only operators and moderators with a
municipality in, each limited to the rows of ``access.visible_applications``.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.roles import is_operator

from . import admin_views
from .access import may_invite_editors, may_see_applications, visible_applications
from .forms import formfield_for_dbfield
from .models import ProviderApplication


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":  # applications only come from the public form
            return False
        if action == "delete" and not is_operator(user):
            return False
        return may_see_applications(user) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and visible_applications(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return visible_applications(user)
        return ProviderApplication.objects.none()


register_permission_policy(ProviderApplication, ApplicationPermissionPolicy(ProviderApplication))


class ProviderApplicationViewSet(ModelViewSet):
    model = ProviderApplication
    name = "provider_applications"
    url_prefix = "provider-applications"
    icon = "form"
    menu_label = _("Provider applications")
    menu_order = 210
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False

    index_view_class = admin_views.ApplicationIndexView
    inspect_view_class = admin_views.ApplicationInspectView
    edit_view_class = admin_views.ApplicationEditView
    delete_view_class = admin_views.ApplicationDeleteView
    history_view_class = admin_views.ApplicationHistoryView
    usage_view_class = admin_views.ApplicationUsageView

    list_display = ["organization_name", "municipality", "kind", "status", "created_at"]
    list_filter = ["status", "municipality", "kind"]
    search_fields = ["organization_name", "contact_name", "email"]
    ordering = ["-created_at"]
    form_fields = [
        "organization_name",
        "municipality",
        "kind",
        "contact_name",
        "email",
        "phone",
        "website",
        "description",
        "language",
    ]
    inspect_view_fields = [
        "organization_name",
        "municipality",
        "kind",
        "contact_name",
        "email",
        "phone",
        "website",
        "description",
        "language",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "decline_reason",
        "organization",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        return formfield_for_dbfield(db_field, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
            path("decline/<int:pk>/", self.decline_view, name="decline"),
        ]

    @property
    def approve_view(self):
        return self.construct_view(admin_views.ApproveView)

    @property
    def decline_view(self):
        return self.construct_view(admin_views.DeclineView)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ProviderApplicationViewSet()


@hooks.register("register_admin_urls")
def register_editor_urls():
    return [
        path("onboarding/editors/", admin_views.EditorsIndexView.as_view(), name="onboarding_editors"),
        path(
            "onboarding/editors/<int:pk>/invite/",
            admin_views.InviteEditorView.as_view(),
            name="onboarding_invite_editor",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_invite_editors(request.user)


@hooks.register("register_admin_menu_item")
def register_editors_menu_item():
    return EditorsMenuItem(
        _("Organization editors"),
        reverse("onboarding_editors"),
        icon_name="group",
        name="organization-editors",
        order=220,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("onboarding.approve", _("Approve application"), _("Application approved"))
    actions.register_action("onboarding.decline", _("Decline application"), _("Application declined"))
