"""Existing "Moderators" groups get the feedback permissions that ``cms.roles`` now gives moderators.

A fresh database has no such group yet (``cms.roles.ensure_groups`` creates it with every permission); this only
upgrades a database where the group already exists, so its moderators see feedback without another step.
"""

from django.db import migrations

MODERATORS = "Moderators"  # cms.roles.MODERATORS, spelled out: a migration must not import app code


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return
    wanted = Permission.objects.filter(
        content_type__app_label="feedback", codename__in=["view_feedback", "change_feedback"]
    )
    group.permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0002_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
