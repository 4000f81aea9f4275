"""Benchmark: how long the demo load takes on a fresh database, and a no-op re-run.

Usage: .venv/bin/python bench/demo_load.py [--runs N] [--database-url URL]
Default database: a fresh SQLite file in a temporary folder. For PostgreSQL pass a URL whose database name
starts with "bench" (it is dropped and created again before each first run).
Prints the median wall time of N first runs (each on a freshly migrated database) and of N re-runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def recreate_postgres_database(url: str) -> None:
    """Drop and create the (benchmark-only!) database named in the URL, so each first run starts empty."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"refusing to drop {name!r}: the benchmark database's name must start with 'bench'")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    first, again = [], []
    for run in range(options.runs):
        with tempfile.TemporaryDirectory() as tmp:
            url = options.database_url or f"sqlite:///{tmp}/bench.sqlite3"
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.settings.dev", "DATABASE_URL": url}
            if options.database_url:
                recreate_postgres_database(options.database_url)
            manage("migrate", "--noinput", env=env)
            first.append(manage("load_demo", env=env))
            again.append(manage("load_demo", env=env))
            print(f"run {run + 1}: first {first[-1]:.2f} s, re-run {again[-1]:.2f} s", flush=True)
    print(f"demo load, first run: median {statistics.median(first):.2f} s over {len(first)} runs")
    print(f"demo load, no-op re-run: median {statistics.median(again):.2f} s over {len(again)} runs")
    print(f"ratio first / re-run (same runs): {statistics.median(first) / statistics.median(again):.1f}x")


if __name__ == "__main__":
    main()
