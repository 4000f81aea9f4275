"""One real round trip through the Redis broker: a worker process runs a task and its result lands in the DB.

Runs on CI's second pass (PostgreSQL + Redis). The embedded default has no broker and an in-memory test
database that another process cannot open, so there it is skipped with that reason.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from backend.celery import app as celery_app
from backend.hobbies.models import Hobby
from backend.hobbies.tasks import refresh_next_sessions

from .conftest import make_session

ROOT = Path(__file__).resolve().parents[1]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.broker
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
    reason="needs REDIS_URL and PostgreSQL (CI's second pass)",
)
@pytest.mark.django_db(transaction=True)
def test_worker_executes_a_task_from_redis_and_writes_to_the_database(hobby, settings):
    session = make_session(hobby, starts_in=dt.timedelta(days=1))
    Hobby.objects.filter(pk=hobby.pk).update(next_session_start=timezone.now() - dt.timedelta(days=1))

    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "backend",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        refresh_next_sessions.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if Hobby.objects.values_list("next_session_start", flat=True).get(pk=hobby.pk) == session.start:
                break
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.25)
        else:
            pytest.fail("the worker did not run the task within 60 s")
    finally:
        celery_app.conf.task_always_eager = eager
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "backend.hobbies.tasks.refresh_next_sessions" in output
    assert "succeeded" in output
