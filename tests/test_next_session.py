"""Each hobby keeps its next upcoming session for fast sorting, kept current as sessions change and time passes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from backend.hobbies.models import Hobby, Session
from backend.hobbies.services import refresh_next_sessions
from backend.hobbies.tasks import refresh_next_sessions as refresh_task

from .conftest import make_hobby, make_session

pytestmark = pytest.mark.django_db


def next_start(hobby: Hobby):
    return Hobby.objects.values_list("next_session_start", flat=True).get(pk=hobby.pk)


def test_saving_sessions_keeps_the_next_one(hobby):
    assert next_start(hobby) is None
    later = make_session(hobby, starts_in=dt.timedelta(days=7))
    assert next_start(hobby) == later.start
    sooner = make_session(hobby, starts_in=dt.timedelta(days=2))
    assert next_start(hobby) == sooner.start
    make_session(hobby, starts_in=-dt.timedelta(days=1))  # past sessions never count
    assert next_start(hobby) == sooner.start


def test_cancelling_or_deleting_moves_to_the_following_session(hobby):
    first = make_session(hobby, starts_in=dt.timedelta(days=1))
    second = make_session(hobby, starts_in=dt.timedelta(days=8))
    first.cancelled = True
    first.save()
    assert next_start(hobby) == second.start
    second.delete()
    assert next_start(hobby) is None


def test_periodic_refresh_moves_past_started_sessions_only(organization):
    now = timezone.now()
    moving = make_hobby(organization)
    steady = make_hobby(organization)
    s1 = make_session(moving, starts_in=dt.timedelta(hours=1))
    s2 = make_session(moving, starts_in=dt.timedelta(days=7))
    s3 = make_session(steady, starts_in=dt.timedelta(days=3))
    assert next_start(moving) == s1.start
    # Two hours later the first session has started: the periodic job moves on to the next one.
    updated = refresh_next_sessions(now=now + dt.timedelta(hours=2))
    assert updated == 1
    assert next_start(moving) == s2.start
    assert next_start(steady) == s3.start


def test_bulk_created_sessions_are_refreshed_by_the_service(hobby):
    start = timezone.now() + dt.timedelta(days=1)
    Session.objects.bulk_create(
        [Session(hobby=hobby, start=start + dt.timedelta(days=7 * i)).derive() for i in range(5)]
    )
    assert next_start(hobby) is None  # bulk_create sends no signals…
    refresh_next_sessions([hobby.pk])  # …so bulk writers call the service
    assert next_start(hobby) == start


def test_the_celery_task_runs_in_process_without_a_broker(hobby, settings):
    session = make_session(hobby, starts_in=dt.timedelta(days=1))
    Hobby.objects.filter(pk=hobby.pk).update(next_session_start=timezone.now() - dt.timedelta(days=1))
    result = refresh_task.delay()
    assert result.get(timeout=5) == 1
    assert next_start(hobby) == session.start


def test_every_scheduled_task_exists():
    from django.conf import settings

    from backend.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_batched_changes_refresh_each_hobby_once(hobby, django_assert_max_num_queries):
    from backend.hobbies.signals import batched_session_changes

    sessions = [make_session(hobby, starts_in=dt.timedelta(days=d)) for d in (1, 2, 3, 4, 5, 6)]
    with django_assert_max_num_queries(4), batched_session_changes():
        Session.objects.filter(pk__in=[s.pk for s in sessions[:5]]).delete()
    assert next_start(hobby) == sessions[5].start


def test_new_hobbies_are_not_public_until_published(organization):
    from backend.hobbies.models import Hobby

    hobby = Hobby.objects.create(organization=organization, title_fi="Luonnos")
    assert hobby.live is False
