"""Configuration: safe defaults, production hardening, and one-line errors for bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from backend.settings.env import ConfigError, database_from_url

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k7#Qz!pL2@vN9$wX4%rT6^yU8&iO0*aS3(dF5)gH1_jK-lZ+xC=vB"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error:")
    assert fragment in lines[0]


def test_production_without_secret_key_fails_in_one_line():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="backend.settings.production", ALLOWED_HOSTS="example.fi")
    assert_one_line_error(result, "SECRET_KEY must be set in production")


def test_production_with_a_weak_secret_key_fails():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="backend.settings.production", SECRET_KEY="short", ALLOWED_HOSTS="x.fi"
    )
    assert_one_line_error(result, "SECRET_KEY is too weak")


def test_production_without_allowed_hosts_fails():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="backend.settings.production", SECRET_KEY=STRONG_KEY)
    assert_one_line_error(result, "ALLOWED_HOSTS")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://root@localhost/db", "scheme 'mysql' is not supported"),
        ("postgres://user@localhost:notaport/db", "DATABASE_URL is malformed"),
        ("postgres://user@localhost:5432/", "names no database"),
        ("not a url", "scheme '(none)' is not supported"),
    ],
)
def test_malformed_database_url_fails_in_one_line(url, fragment):
    assert_one_line_error(run_manage("check", DATABASE_URL=url), fragment)


def test_bad_boolean_fails_in_one_line():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="backend.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="example.fi",
        SECURE_SSL_REDIRECT="maybe",
    )
    assert_one_line_error(result, "SECURE_SSL_REDIRECT must be a boolean")


@pytest.mark.parametrize("value", ["not json", '["a list"]', '{"apiKey": "k"}'])
def test_bad_firebase_web_config_fails_in_one_line(value):
    assert_one_line_error(run_manage("check", FIREBASE_WEB_CONFIG=value), "FIREBASE_WEB_CONFIG must be a JSON object")


def test_bad_redis_url_fails_in_one_line():
    assert_one_line_error(run_manage("check", REDIS_URL="http://localhost:6379"), "REDIS_URL must start with")


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="backend.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="harrastuspassi.example.fi",
        CSRF_TRUSTED_ORIGINS="https://harrastuspassi.example.fi",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_database_url_parsing(tmp_path):
    sqlite = database_from_url(f"sqlite:///{tmp_path}/x/db.sqlite3", base_dir=tmp_path)
    assert sqlite["ENGINE"].endswith("sqlite3") and sqlite["NAME"] == f"{tmp_path}/x/db.sqlite3"
    assert (tmp_path / "x").is_dir()
    relative = database_from_url("sqlite:///var/db.sqlite3", base_dir=tmp_path)
    assert relative["NAME"] == str(tmp_path / "var" / "db.sqlite3")
    pg = database_from_url("postgres://hp:s%40cret@db.example:5433/harrastus?sslmode=require", base_dir=tmp_path)
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "harrastus",
        "hp",
        "s@cret",
        "db.example",
        "5433",
    )
    assert pg["OPTIONS"] == {"sslmode": "require", "options": "-c random_page_cost=1.1"}
    assert database_from_url("sqlite://:memory:", base_dir=tmp_path)["NAME"] == ":memory:"
    assert database_from_url("sqlite:///:memory:", base_dir=tmp_path)["NAME"] == ":memory:"
    with pytest.raises(ConfigError):
        database_from_url("sqlite://", base_dir=tmp_path)


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
