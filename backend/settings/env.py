"""Reading configuration from environment variables, with one-line errors.

Every setting that an operator may set comes through these helpers, so that bad
configuration stops the process at start with a message naming the variable,
instead of a traceback from deep inside Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A configuration value is missing or malformed; the message is one line for the operator."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise ConfigError(f"{name} must be set")
        return default
    return value.strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), got {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Turn a DATABASE_URL into a Django DATABASES entry.

    Supported: ``sqlite:///relative/or/absolute/path.sqlite3`` (``sqlite:////abs`` also works),
    ``sqlite://:memory:`` and ``postgres://user:password@host:port/name?sslmode=...``
    (``postgresql://`` and ``pgsql://`` are the same).
    """
    hint = "use sqlite:///path/to/db.sqlite3 or postgres://user:password@host:5432/name"
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = None if scheme == "sqlite" else parts.port
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL is malformed ({exc}); {hint}") from None
    if scheme == "sqlite":
        if parts.netloc == ":memory:" or parts.path in {"/:memory:", ":memory:"}:
            name = ":memory:"
        else:
            raw = unquote(parts.path)
            if not raw or raw == "/":
                raise ConfigError(f"DATABASE_URL has no SQLite file path; {hint}")
            # sqlite:///db.sqlite3 is relative to the project, sqlite:////tmp/db.sqlite3 absolute
            path = Path(raw[1:]) if raw.startswith("/") else Path(raw)
            path = path if path.is_absolute() else base_dir / path
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"DATABASE_URL: cannot create the folder {path.parent} ({exc.strerror})") from None
            name = str(path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                # IMMEDIATE makes writers queue instead of failing with "database is locked"
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigError(f"DATABASE_URL names no database; {hint}")
        if not parts.hostname and not parts.path:
            raise ConfigError(f"DATABASE_URL has no host; {hint}")
        options = dict(parse_qsl(parts.query))
        # Storage is SSD nowadays: with PostgreSQL's default random_page_cost (4, for spinning disks) the planner
        # scans whole tables where an index lookup is far cheaper. ``?options=...`` in the URL overrides this.
        options.setdefault("options", "-c random_page_cost=1.1")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            "CONN_HEALTH_CHECKS": True,
        }
    shown = scheme or "(none)"
    raise ConfigError(f"DATABASE_URL scheme {shown!r} is not supported; {hint}")
