"""Create the moderation workflow and apply it to hobbies and benefits."""

from django.db import migrations


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("cms", "MunicipalModerationTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="municipalmoderationtask")
    task = Task.objects.filter(name="Municipal moderation").first()
    if task is None:
        task = Task.objects.create(name="Municipal moderation", content_type=task_type, active=True)
    workflow, _ = Workflow.objects.get_or_create(name="Municipal moderation", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for app_label, model in (("hobbies", "hobby"), ("benefits", "benefit")):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Municipal moderation").delete()
    apps.get_model("cms", "MunicipalModerationTask").objects.filter(name="Municipal moderation").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("hobbies", "0002_moderation_fields"),
        ("benefits", "0003_moderation_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
