"""The moderation workflow for hobbies and benefits (created by migration cms.0002; this restores it if missing)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from backend.benefits.models import Benefit
from backend.hobbies.models import Hobby

from .models import WORKFLOW_NAME, MunicipalModerationTask


def ensure_moderation_workflow() -> Workflow:
    task = MunicipalModerationTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = MunicipalModerationTask.objects.create(name=WORKFLOW_NAME, active=True)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in (Hobby, Benefit):
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow
