"""The full-text search index: a tsvector table on PostgreSQL, an FTS5 table on SQLite (see backend/hobbies/search.py).

Neither table has a foreign key to the hobbies: Django's flush (tests, ``manage.py flush``) truncates model
tables only, and a reference would make that fail. Documents of deleted hobbies are removed by a signal,
and a stale one could never show anything, as every search starts from the hobby table.

Existing hobbies get their documents from ``manage.py reindex_search`` (``load_demo`` and the importers
index what they write).
"""

from django.db import migrations

PG_TABLE = "hobby_search_document"
SQLITE_TABLE = "hobby_search_fts"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PG_TABLE} (hobby_id bigint PRIMARY KEY, document tsvector NOT NULL)"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_gin ON {PG_TABLE} USING GIN (document)")
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
            "a, b, c, d, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        table = PG_TABLE if schema_editor.connection.vendor == "postgresql" else SQLITE_TABLE
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("hobbies", "0003_session_local_minute")]

    operations = [migrations.RunPython(create, drop)]
