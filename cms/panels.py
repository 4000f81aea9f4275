"""Dashboard panels. Moderators get Wagtail's "awaiting your review" panel, scoped by the moderation task;
providers get this overview of their organizations' content and the moderators' comments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from backend.benefits.models import Benefit
from backend.hobbies.models import Hobby

from .roles import member_organization_ids
from .views import edit_url


def status_of(instance) -> tuple[str, str]:
    """(status key, comment or reason) for a provider's view of one item."""
    if instance.taken_down_at:
        return "taken_down", instance.taken_down_reason
    workflow_state = instance.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            rejected = (
                TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
                .order_by("-finished_at")
                .first()
            )
            return "rejected", rejected.comment if rejected else ""
        return ("live_in_moderation" if instance.live else "in_moderation"), ""
    if instance.live:
        return ("live_with_draft" if instance.has_unpublished_changes else "live"), ""
    return "draft", ""


STATUS_LABELS = {
    "draft": _("Draft"),
    "in_moderation": _("Waiting for moderation"),
    "rejected": _("Changes requested"),
    "live": _("Live"),
    "live_with_draft": _("Live, changes not submitted"),
    "live_in_moderation": _("Live, changes waiting for moderation"),
    "taken_down": _("Taken down"),
}


class ProviderContentPanel(Component):
    name = "provider_content"
    order = 50
    template_name = "cms/panels/provider_content.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not member_organization_ids(self.request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        organizations = member_organization_ids(self.request.user)
        rows = []
        for model in (Hobby, Benefit):
            for item in model.objects.filter(organization_id__in=organizations).order_by("-updated_at")[:50]:
                status, note = status_of(item)
                rows.append(
                    {
                        "item": item,
                        "status": status,
                        "label": STATUS_LABELS[status],
                        "note": note,
                        "kind": model._meta.verbose_name,
                        "url": edit_url(item),
                    }
                )
        order = ["rejected", "taken_down", "in_moderation", "live_in_moderation", "draft", "live_with_draft", "live"]
        rows.sort(key=lambda row: order.index(row["status"]))
        return {"rows": rows}
