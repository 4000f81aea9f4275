"""The CMS dashboard tells operators whether push notifications are on and what the last run did."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.roles import is_operator

from . import fcm, services
from .models import PushRegistration

COUNT_LABELS = (
    ("devices", _("Devices checked")),
    ("sent", _("Sent")),
    ("failed", _("Failed")),
    ("pruned", _("Tokens removed")),
    ("deferred", _("Devices held for quiet hours")),
    ("capped", _("Held by the daily cap")),
)


class NotificationStatusPanel(Component):
    name = "notification_status"
    order = 200
    template_name = "notifications/status_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not is_operator(self.request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        health = fcm.health()
        run = services.last_run()
        return {
            "configured": health["configured"],
            "credentials_ok": health["ok"],
            "registered": PushRegistration.objects.count(),
            "run": run,
            "counts": [(label, getattr(run, name)) for name, label in COUNT_LABELS] if run else [],
        }


@hooks.register("construct_homepage_panels")
def _notification_status_panel(request, panels):
    panels.append(NotificationStatusPanel(request))
