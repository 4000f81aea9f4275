"""The full-text search index: a tsvector table on PostgreSQL, an FTS5 table on SQLite (see backend/hobbies/search.py).

Existing hobbies get their documents from ``manage.py reindex_search`` (``load_demo`` and the importers
index what they write).
"""

from django.db import migrations


def create(apps, schema_editor):
    from backend.hobbies.search import create_tables

    create_tables(schema_editor)


def drop(apps, schema_editor):
    from backend.hobbies.search import drop_tables

    drop_tables(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("hobbies", "0003_session_local_minute")]

    operations = [migrations.RunPython(create, drop)]
