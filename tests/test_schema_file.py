"""schema.graphql, the schema client developers read, is the one the server runs (regenerate it with `make schema`)."""

from __future__ import annotations

import difflib
from pathlib import Path

from django.conf import settings
from django.utils import translation
from graphql import print_schema

from backend.api.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def current_schema_text() -> str:
    # printed as `manage.py graphql_schema` prints it; that command runs in the default language
    with translation.override(settings.LANGUAGE_CODE):
        return print_schema(schema.graphql_schema)


def test_the_committed_schema_file_is_current():
    assert SCHEMA_FILE.is_file(), "schema.graphql is missing: run make schema"
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    current = current_schema_text()
    if committed != current:
        diff = "\n".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(), current.splitlines(), "schema.graphql", "the running schema", lineterm=""
                )
            )[:60]
        )
        raise AssertionError(f"schema.graphql is out of date: run make schema and commit it.\n{diff}")


def test_the_makefile_regenerates_it_with_graphene_django():
    makefile = (SCHEMA_FILE.parent / "Makefile").read_text(encoding="utf-8")
    assert "\nschema:" in makefile
    assert "manage.py graphql_schema --schema backend.api.schema.schema --out schema.graphql" in makefile
