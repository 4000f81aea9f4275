"""The moderation step of the workflow: a moderator of the item's own municipality approves or rejects it."""

from __future__ import annotations

from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from backend.benefits.models import Benefit
from backend.core.scoping import unscoped
from backend.hobbies.models import Hobby

from .roles import is_operator, moderated_municipality_ids
from .scope import municipality_of

WORKFLOW_NAME = "Municipal moderation"


class MunicipalModerationTask(Task):
    """Approve or request changes: open only to the moderators of the item's municipality (and operators)."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("Municipal moderation task")
        verbose_name_plural = _("Municipal moderation tasks")

    @classmethod
    def get_description(cls):
        return _("Moderators of the municipality the item belongs to approve it or request changes.")

    def can_moderate(self, obj, user) -> bool:
        if not user.is_authenticated:
            return False
        if is_operator(user):
            return True
        with unscoped():
            return municipality_of(obj) in moderated_municipality_ids(user)

    def user_can_access_editor(self, obj, user):
        return self.can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        # While in moderation only its moderators may change it; the provider waits for the decision.
        return not self.can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self.can_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.can_moderate(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve and publish"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if is_operator(user):
            return states
        municipalities = moderated_municipality_ids(user)
        if not municipalities:
            return TaskState.objects.none()
        as_text = {"pk_text": Cast("pk", output_field=CharField())}
        with unscoped():
            hobbies = Hobby.objects.filter(municipality_id__in=municipalities).annotate(**as_text)
            benefits = Benefit.objects.filter(organization__municipality_id__in=municipalities).annotate(**as_text)
        hobby_states = states.filter(
            workflow_state__base_content_type__app_label="hobbies",
            workflow_state__base_content_type__model="hobby",
            workflow_state__object_id__in=Subquery(hobbies.values("pk_text")),
        )
        benefit_states = states.filter(
            workflow_state__base_content_type__app_label="benefits",
            workflow_state__base_content_type__model="benefit",
            workflow_state__object_id__in=Subquery(benefits.values("pk_text")),
        )
        return hobby_states | benefit_states
