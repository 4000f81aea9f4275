"""Feedback in the CMS: who sees which feedback, handling it without touching what was sent, ratings per week."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from backend.feedback.models import Feedback
from backend.feedback.reports import weekly_ratings

from .cms_world import build_world

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
REFUSED = {302, 403, 404}


@pytest.fixture(autouse=True)
def _english_cms(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def items(world) -> dict[str, Feedback]:
    """Feedback about Helsinki (by municipality, and by hobby only), about Espoo, and about the app in general."""
    helsinki = world.hobbies["a"].municipality
    espoo = world.hobbies["e"].municipality
    made = {
        "hki": Feedback.objects.create(rating=4, text="Kiva kerho-hki", municipality=helsinki, language="fi"),
        "hki_hobby": Feedback.objects.create(text="Valmentaja oli myöhässä-hobby", hobby=world.hobbies["b"]),
        "espoo": Feedback.objects.create(
            rating=2, text="Liian kallis-espoo", hobby=world.hobbies["e"], municipality=espoo, channel="ios"
        ),
        "general": Feedback.objects.create(rating=5, text="Hyvä sovellus-general", language="sv", handled=True),
    }
    now = timezone.now()
    for age, key in enumerate(("hki", "hki_hobby", "espoo", "general")):
        Feedback.objects.filter(pk=made[key].pk).update(created_at=now - dt.timedelta(hours=age))
    return made


SEES = {
    "operator": {"hki", "hki_hobby", "espoo", "general"},
    "mod_h": {"hki", "hki_hobby"},
    "mod_e": {"espoo"},
}


def logged_in(world, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def url(view: str, feedback: Feedback | None = None) -> str:
    return reverse(f"feedback:{view}", args=[feedback.pk] if feedback else [])


def texts(html: str, items: dict) -> set[str]:
    return {key for key, item in items.items() if item.text in html}


# --- who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("user", list(SEES))
def test_listing_shows_only_feedback_in_scope(world, items, user):
    response = logged_in(world, user).get(url("index"))
    assert response.status_code == 200
    assert texts(response.content.decode(), items) == SEES[user]


@pytest.mark.parametrize("user", list(SEES))
def test_each_item_opens_only_in_scope(world, items, user):
    client = logged_in(world, user)
    for key, item in items.items():
        for view in ("edit", "inspect", "history"):
            status = client.get(url(view, item)).status_code
            assert (status == 200) == (key in SEES[user]), (key, view, status)
            if key not in SEES[user]:
                assert status == 404, (key, view)


@pytest.mark.parametrize("user", ["prov_a", "prov_b", "nobody"])
def test_provider_editors_and_others_see_nothing(world, items, user):
    client = logged_in(world, user)
    assert client.get(url("index")).status_code in REFUSED
    assert client.get(url("ratings")).status_code in REFUSED
    for item in items.values():
        for view in ("edit", "inspect", "history", "delete"):
            response = client.get(url(view, item))
            assert response.status_code in REFUSED
            assert item.text not in response.content.decode()
        assert client.post(url("edit", item), {"handled": "on", "note": "x"}).status_code in REFUSED
    assert not Feedback.objects.filter(note="x").exists()
    if user != "nobody":
        dashboard = client.get("/cms/").content.decode()
        assert url("index") not in dashboard


def test_a_hobbys_usage_page_does_not_reveal_its_feedback(world, items):
    """Provider editors may open their hobby's usage page: feedback is not listed there."""
    hobby = world.hobbies["b"]
    client = logged_in(world, "prov_b")
    response = client.get(reverse("wagtailsnippets_hobbies_hobby:usage", args=[hobby.pk]))
    assert response.status_code == 200
    assert items["hki_hobby"].text not in response.content.decode()


def test_menu_shows_the_unhandled_count_in_scope(world, items):
    assert "Feedback (2 open)" in logged_in(world, "mod_h").get("/cms/").content.decode()
    assert "Feedback (1 open)" in logged_in(world, "mod_e").get("/cms/").content.decode()
    assert "Feedback (3 open)" in logged_in(world, "operator").get("/cms/").content.decode()


def test_nobody_adds_or_copies_feedback_in_the_cms(world, items):
    client = logged_in(world, "operator")
    response = client.get(reverse("feedback:add"))
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/cms/")
    before = Feedback.objects.count()
    client.post(reverse("feedback:add"), {"text": "Made up", "rating": "5", "handled": "on"})
    assert Feedback.objects.count() == before


def test_only_the_operator_deletes(world, items):
    moderator = logged_in(world, "mod_h")
    assert moderator.post(url("delete", items["hki"])).status_code in REFUSED
    assert Feedback.objects.filter(pk=items["hki"].pk).exists()
    operator = logged_in(world, "operator")
    assert operator.post(url("delete", items["general"])).status_code == 302
    assert not Feedback.objects.filter(pk=items["general"].pk).exists()


# --- the listing ----------------------------------------------------------------------------------


def test_listing_reads_without_colour(world, items):
    html = logged_in(world, "operator").get(url("index")).content.decode()
    assert "4/5" in html and "2/5" in html and "5/5" in html
    assert html.count(">Unhandled<") + html.count("Unhandled\n") >= 1
    assert "Unhandled" in html and "Handled" in html
    assert 'lang="sv"' in html  # the text is marked with the language it was written in
    # newest first
    positions = [html.index(items[key].text) for key in ("hki", "hki_hobby", "espoo", "general")]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "unhandled"}, {"hki", "hki_hobby", "espoo"}),
        ({"status": "handled"}, {"general"}),
        ({"rating": "4"}, {"hki"}),
        ({"rating": "none"}, {"hki_hobby"}),
        ({"channel": "ios"}, {"espoo"}),
        ({"q": "kallis"}, {"espoo"}),
    ],
)
def test_listing_filters(world, items, query, expected):
    html = logged_in(world, "operator").get(url("index"), query).content.decode()
    assert texts(html, items) == expected


def test_municipality_filter_includes_feedback_about_its_hobbies(world, items):
    helsinki = world.hobbies["a"].municipality
    html = logged_in(world, "operator").get(url("index"), {"municipality": helsinki.pk}).content.decode()
    assert texts(html, items) == {"hki", "hki_hobby"}


def test_a_moderator_cannot_filter_their_way_to_another_municipality(world, items):
    espoo = world.hobbies["e"].municipality
    response = logged_in(world, "mod_h").get(url("index"), {"municipality": espoo.pk})
    assert response.status_code == 200
    assert texts(response.content.decode(), items) <= SEES["mod_h"]


# --- handling one item ----------------------------------------------------------------------------


def test_marking_handled_with_a_note_keeps_what_was_sent(world, items):
    item = Feedback.objects.get(pk=items["hki"].pk)
    client = logged_in(world, "mod_h")
    page = client.get(url("edit", item)).content.decode()
    assert item.text in page and "4/5" in page
    assert 'name="text"' not in page and 'name="rating"' not in page
    response = client.post(
        url("edit", item),
        {
            "handled": "on",
            "note": "Forwarded to the club.",
            # none of these may change
            "text": "Rewritten by staff",
            "rating": "1",
            "hobby": world.hobbies["e"].pk,
            "municipality": world.hobbies["e"].municipality_id,
            "channel": "android",
            "language": "en",
            "created_at": "2000-01-01 00:00",
        },
    )
    assert response.status_code == 302
    saved = Feedback.objects.get(pk=item.pk)
    assert saved.handled is True and saved.note == "Forwarded to the club."
    assert (saved.text, saved.rating, saved.hobby_id, saved.municipality_id) == (
        item.text,
        item.rating,
        item.hobby_id,
        item.municipality_id,
    )
    assert (saved.channel, saved.language, saved.created_at) == (item.channel, item.language, item.created_at)
    # Who did it is in Wagtail's log, nowhere else
    entry = ModelLogEntry.objects.get(object_id=str(item.pk), action="wagtail.edit")
    assert entry.user_id == world.users["mod_h"].pk


def test_unmarking_handled(world, items):
    item = items["general"]
    response = logged_in(world, "operator").post(url("edit", item), {"note": ""})
    assert response.status_code == 302
    assert Feedback.objects.get(pk=item.pk).handled is False


def test_another_municipalitys_feedback_cannot_be_handled(world, items):
    item = items["espoo"]
    response = logged_in(world, "mod_h").post(url("edit", item), {"handled": "on", "note": "Not mine"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert not item.handled and item.note == ""


def test_a_too_long_note_is_a_validation_message(world, items):
    item = items["hki"]
    response = logged_in(world, "mod_h").post(url("edit", item), {"handled": "on", "note": "x" * 4001})
    assert response.status_code == 200
    assert "at most 4000 characters" in response.content.decode()
    item.refresh_from_db()
    assert item.note == "" and not item.handled


def test_inspect_shows_the_full_text_and_note(world, items):
    item = items["hki"]
    long_text = "Pitkä palaute. " * 20
    Feedback.objects.filter(pk=item.pk).update(text=long_text, note="Soitettu seuralle.")
    html = logged_in(world, "mod_h").get(url("inspect", item)).content.decode()
    assert long_text.strip() in html and "Soitettu seuralle." in html
    assert "Unhandled" in html


# --- ratings per week -----------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 19)  # a Thursday; its week starts on Monday 16 November


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


def rate(ratings, when: dt.datetime, **fields) -> None:
    for rating in ratings:
        item = Feedback.objects.create(rating=rating, **fields)
        Feedback.objects.filter(pk=item.pk).update(created_at=when)


def test_weekly_averages_and_the_withheld_week(db, settings):
    settings.ANALYTICS_MIN_DEVICES = 5
    monday = dt.date(2026, 11, 16)
    rate([5, 4, 4, 3, 5], at(monday))  # 21 / 5 = 4.2
    Feedback.objects.create(text="Only words, no stars")  # not part of any average
    rate([2, 3], at(monday - dt.timedelta(weeks=1)))  # two ratings: withheld
    rate([1, 2, 2, 2, 2, 2], at(monday - dt.timedelta(weeks=3)))  # 11 / 6 = 1.83 → 1.8
    rate([4] * 15 + [5] * 5, at(monday - dt.timedelta(weeks=5)))  # 85 / 20 = 4.25 → 4.3 (half up)
    rate([1] * 9, at(monday - dt.timedelta(weeks=12)))  # before the 12-week period
    rows = weekly_ratings(Feedback.objects.all(), weeks=12, today=TODAY)
    assert len(rows) == 12
    assert rows[0].start == monday - dt.timedelta(weeks=11) and rows[-1].start == monday
    by_age = {(monday - row.start).days // 7: row for row in rows}
    assert (by_age[0].count, by_age[0].average, by_age[0].withheld) == (5, Decimal("4.2"), False)
    assert (by_age[1].count, by_age[1].average, by_age[1].withheld) == (2, None, True)
    assert (by_age[3].count, by_age[3].average) == (6, Decimal("1.8"))
    assert (by_age[5].count, by_age[5].average) == (20, Decimal("4.3"))
    assert (by_age[2].count, by_age[2].average, by_age[2].withheld) == (0, None, False)
    assert sum(row.count for row in rows) == 33
    assert len(weekly_ratings(Feedback.objects.all(), weeks=26, today=TODAY)) == 26
    assert weekly_ratings(Feedback.objects.all(), weeks=26, today=TODAY)[-13].count == 9


def test_weeks_follow_helsinki_time(db, settings):
    settings.ANALYTICS_MIN_DEVICES = 2
    sunday = dt.date(2026, 11, 15)
    rate([1, 1], at(sunday, 23, 30))  # Sunday evening in Helsinki, 21:30 UTC: the week before
    rate([5, 5], at(sunday + dt.timedelta(days=1), 0, 30))  # Monday 00:30 in Helsinki, still Sunday in UTC
    rows = weekly_ratings(Feedback.objects.all(), weeks=2, today=TODAY)
    assert [(row.start, row.count, row.average) for row in rows] == [
        (dt.date(2026, 11, 9), 2, Decimal("1.0")),
        (dt.date(2026, 11, 16), 2, Decimal("5.0")),
    ]


def test_the_threshold_is_configurable(db, settings):
    rate([3, 4, 5], at(TODAY))
    settings.ANALYTICS_MIN_DEVICES = 3
    assert weekly_ratings(Feedback.objects.all(), weeks=1, today=TODAY)[0].average == Decimal("4.0")
    settings.ANALYTICS_MIN_DEVICES = 4
    assert weekly_ratings(Feedback.objects.all(), weeks=1, today=TODAY)[0].withheld


def seed_ratings(world) -> None:
    """This week: 5 ratings in Helsinki (avg 4.4) and 2 in Espoo; last week 5 in Espoo (avg 2.0)."""
    now = timezone.now()
    helsinki = world.hobbies["a"].municipality
    rate([5, 5, 4, 4, 4], now, municipality=helsinki)
    rate([1, 1], now, hobby=world.hobbies["e"])
    rate([2, 2, 2, 2, 2], now - dt.timedelta(weeks=1), hobby=world.hobbies["e"])


def table_of(response) -> list[list[str]]:
    return [[str(cell) for cell in row] for row in response.context["table"]]


def test_ratings_page_shows_chart_table_and_privacy_note(world, settings):
    settings.ANALYTICS_MIN_DEVICES = 5
    seed_ratings(world)
    response = logged_in(world, "operator").get(url("ratings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="hp-chart" role="img"' in html
    assert "fewer than 5 ratings shows no average" in html
    table = table_of(response)
    assert len(table) == 12
    assert table[-1][2:] == ["7", "3.4"]  # (5+5+4+4+4+1+1) / 7 = 3.43
    assert table[-2][2:] == ["5", "2.0"]
    assert table[0][2:] == ["0", "—"]


def test_ratings_are_scoped_like_the_listing(world, settings):
    settings.ANALYTICS_MIN_DEVICES = 5
    seed_ratings(world)
    helsinki = table_of(logged_in(world, "mod_h").get(url("ratings")))
    assert helsinki[-1][2:] == ["5", "4.4"] and helsinki[-2][2:] == ["0", "—"]
    espoo = table_of(logged_in(world, "mod_e").get(url("ratings")))
    assert espoo[-1][2:] == ["2", "fewer than 5"] and espoo[-2][2:] == ["5", "2.0"]
    # a moderator of one municipality gets no municipality choice, and cannot pick another one
    page = logged_in(world, "mod_h").get(url("ratings"), {"municipality": world.hobbies["e"].municipality_id})
    assert 'name="municipality"' not in page.content.decode()
    assert table_of(page)[-1][2:] == ["5", "4.4"]


def test_operator_chooses_period_and_municipality(world, settings):
    settings.ANALYTICS_MIN_DEVICES = 5
    seed_ratings(world)
    client = logged_in(world, "operator")
    espoo = world.hobbies["e"].municipality
    response = client.get(url("ratings"), {"weeks": "26", "municipality": espoo.pk})
    assert response.status_code == 200
    table = table_of(response)
    assert len(table) == 26
    assert table[-1][2:] == ["2", "fewer than 5"] and table[-2][2:] == ["5", "2.0"]
    assert "Espoo" in response.content.decode()


@pytest.mark.parametrize("query", [{"weeks": "7"}, {"weeks": "lots"}, {"municipality": "999999"}])
def test_bad_choices_fall_back_to_the_default_with_a_message(world, query):
    response = logged_in(world, "operator").get(url("ratings"), query)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert len(table_of(response)) == 12


def test_csv_matches_the_table(world, settings):
    settings.ANALYTICS_MIN_DEVICES = 5
    seed_ratings(world)
    client = logged_in(world, "operator")
    query = {"weeks": "26"}
    table = table_of(client.get(url("ratings"), query))
    response = client.get(url("ratings"), {**query, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Week", "Week starts", "Number of ratings", "Average rating"]
    body = rows[1:]
    assert len(body) == len(table) == 26
    for csv_row, table_row in zip(body, table, strict=True):
        assert csv_row[0] == table_row[0]
        assert dt.date.fromisoformat(csv_row[1]).weekday() == 0
        assert csv_row[2] == table_row[2]
        assert csv_row[3] == ("" if table_row[3] == "—" else table_row[3])
    assert body[-1][3] == "3.4" and body[-2][3] == "2.0"


@pytest.mark.django_db
def test_an_existing_moderators_group_gets_the_feedback_permissions_by_migration():
    import importlib

    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group

    migration = importlib.import_module("backend.feedback.migrations.0003_moderators_see_feedback")
    group, _created = Group.objects.get_or_create(name=migration.MODERATORS)
    group.permissions.remove(*group.permissions.filter(content_type__app_label="feedback"))  # as before this change
    migration.grant(django_apps, None)
    codenames = set(group.permissions.filter(content_type__app_label="feedback").values_list("codename", flat=True))
    assert codenames == {"view_feedback", "change_feedback"}
