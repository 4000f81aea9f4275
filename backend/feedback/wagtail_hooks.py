"""CMS registration: "Feedback" for the operator and the moderators of the municipality it concerns.

The permission policy is registered before the viewset asks for one. Nobody adds feedback in the CMS (it comes
from the app), only the operator deletes it, and every row outside ``views.visible_feedback`` is out of reach.
The menu item shows how many visible items are still unhandled ("open").
"""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.roles import is_operator

from . import views
from .forms import FeedbackForm
from .models import Feedback


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":  # feedback only comes from the app
            return False
        if action == "delete" and not is_operator(user):
            return False
        return views.may_see_feedback(user) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and views.visible_feedback(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return views.visible_feedback(user)
        return Feedback.objects.none()


POLICY = FeedbackPermissionPolicy(Feedback)
register_permission_policy(Feedback, POLICY)


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return POLICY.user_has_any_permission(request.user, ["view", "change"])

    def render_component(self, request):
        unhandled = views.visible_feedback(request.user).filter(handled=False).count()
        label = self.label
        if unhandled:
            label = _("%(label)s (%(count)s open)") % {"label": self.label, "count": unhandled}
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    name = "feedback"
    url_prefix = "feedback"
    icon = "comment"
    menu_label = gettext_lazy("Feedback")
    menu_order = 215
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    # Feedback must not show up in a hobby's "usage" page, which provider editors can open.
    add_to_reference_index = False

    index_view_class = views.FeedbackIndexView
    inspect_view_class = views.FeedbackInspectView
    edit_view_class = views.FeedbackEditView
    delete_view_class = views.FeedbackDeleteView
    history_view_class = views.FeedbackHistoryView
    usage_view_class = views.FeedbackUsageView

    ordering = "-created_at"
    search_fields = ["text", "note"]
    list_per_page = 50

    @cached_property
    def menu_item_class(self):
        return FeedbackMenuItem

    def get_form_class(self, for_update=False):
        return FeedbackForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("ratings/", self.ratings_view, name="ratings")]

    @property
    def ratings_view(self):
        return self.construct_view(views.RatingsView)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet()
