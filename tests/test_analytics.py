"""Usage analytics: the figures on a seeded data set, k-anonymity, scopes, CSV export and retention.

The seeded city (``seed_usage``): Helsinki with organizations A and B, Espoo with E; football (a subcategory of
sports) in Helsinki 00510 and in Espoo 02100, a band (music) in Helsinki; twelve devices, one of which does not
allow usage statistics. Everything happened last week unless said otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from backend.analytics.models import DeviceWeek, DeviceWeekRollup, InteractionRollup, SearchEvent, SearchRollup
from backend.analytics.queries import reports
from backend.analytics.queries.reports import WITHHELD, Period, Scope
from backend.analytics.retention import apply_retention, cutoff_week
from backend.analytics.weeks import midnight, week_of
from backend.benefits.models import Redemption
from backend.devices.models import Device, Interaction
from backend.hobbies.models import Category, Hobby, Municipality, Venue

from .cms_world import World, build_world

VIEW, FAVOURITE, JOIN = Interaction.Kind.VIEW, Interaction.Kind.FAVOURITE, Interaction.Kind.JOIN_CLICK
FUTIS_KALLIO, BAND = ("Futis Kallio", "Seura A"), ("Bändikoulu", "Seura B")


@dataclass
class Usage:
    world: World
    devices: list[Device]
    hobbies: dict[str, Hobby] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    last_week: dt.datetime | None = None


def last_week_at(hours: int = 0) -> dt.datetime:
    """Wednesday noon of last week (plus ``hours``): always inside "the last 4 weeks", never this week."""
    monday = week_of(timezone.localdate()) - dt.timedelta(weeks=1)
    return midnight(monday) + dt.timedelta(days=2, hours=12 + hours)


def interact(device, hobby, kind, when, times: int = 1) -> None:
    for n in range(times):
        Interaction.objects.create(device=device, hobby=hobby, kind=kind, created_at=when + dt.timedelta(minutes=n))


def search(device, query, results, when, municipalities: str = "") -> None:
    SearchEvent.objects.create(
        device=device, query=query, result_count=results, created_at=when, municipalities=municipalities, channel="web"
    )


def seed_usage() -> Usage:
    world = build_world()
    helsinki, espoo = Municipality.objects.get(code="091"), Municipality.objects.get(code="049")
    sports = world.category
    football = Category.objects.create(slug="football", parent=sports, name_fi="Jalkapallo", name_en="Football")
    music = Category.objects.create(slug="music", name_fi="Musiikki", name_en="Music")
    band = Category.objects.create(slug="band", parent=music, name_fi="Bändi", name_en="Band")
    venue_h = Venue.objects.create(name_fi="Halli", postal_code="00510", city="Helsinki", municipality=helsinki)
    venue_e = Venue.objects.create(name_fi="Kenttä", postal_code="02100", city="Espoo", municipality=espoo)

    def hobby(org, title, venue, category, age_min, age_max):
        made = Hobby.objects.create(
            organization=world.orgs[org], title_fi=title, venue=venue, age_min=age_min, age_max=age_max, live=True
        )
        made.categories.set([category])
        return made

    usage = Usage(world=world, devices=[], municipalities={"helsinki": helsinki, "espoo": espoo})
    usage.hobbies = {
        "h_foot": hobby("a", "Futis Kallio", venue_h, football, 12, 15),
        "h_band": hobby("b", "Bändikoulu", venue_h, band, 13, 17),
        "e_foot": hobby("e", "Futis Tapiola", venue_e, football, 10, 14),
    }
    groups = ["13-15"] * 8 + ["16-17"] * 3 + ["13-15"]
    usage.devices = [Device.register(age_group=group)[0] for group in groups]
    d = usage.devices
    d[11].analytics = False
    d[11].save()
    when = usage.last_week = last_week_at()
    h_foot, h_band, e_foot = usage.hobbies["h_foot"], usage.hobbies["h_band"], usage.hobbies["e_foot"]
    for device in d[0:8]:
        interact(device, h_foot, VIEW, when)
    interact(d[0], h_foot, VIEW, when + dt.timedelta(hours=1))
    for device in d[0:3]:
        interact(device, h_foot, FAVOURITE, when)
    for device in d[0:6]:
        interact(device, h_foot, JOIN, when)
    for device in [*d[8:11], d[0], d[1]]:
        interact(device, h_band, VIEW, when)
    for device in d[0:4]:
        interact(device, e_foot, VIEW, when)
    interact(d[11], h_foot, VIEW, when, times=3)  # does not allow statistics: never counted
    interact(d[11], e_foot, VIEW, when)
    week = week_of(when)
    for n, device in enumerate(d[0:11]):
        channel = "web" if n < 7 else "android" if n < 10 else "ios"
        DeviceWeek.objects.create(device=device, week=week, channel=channel)
    for device in d[0:2]:
        DeviceWeek.objects.create(device=device, week=week, channel="android")
    DeviceWeek.objects.create(device=d[11], week=week, channel="web")
    helsinki_key = f",{helsinki.pk},"
    for device in d[0:6]:
        search(device, "koripallo", 0, when, helsinki_key)
    search(d[0], "koripallo", 0, when + dt.timedelta(hours=2), helsinki_key)
    for device in d[0:2]:
        search(device, "sähly", 0, when)
    for device in d[0:7]:
        search(device, "jalkapallo", 3, when)
    search(d[11], "koripallo", 0, when, helsinki_key)
    benefit_a, benefit_e = world.benefits["a"], world.benefits["e"]
    benefit_a.hobby = h_foot
    benefit_a.save()
    for n, device in enumerate(d[0:6]):
        Redemption.objects.create(benefit=benefit_a, device=device, code=f"A{n}", redeemed_at=when)
    for n, device in enumerate(d[0:2]):
        Redemption.objects.create(benefit=benefit_e, device=device, code=f"E{n}", redeemed_at=when)
    return usage


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def usage(db) -> Usage:
    return seed_usage()


def figures(figure, scope=None, weeks=12, **kwargs):
    return figure(scope or Scope.everything(), Period.last(weeks), **kwargs).as_dict()


# --- the figures ----------------------------------------------------------------------------------------


def test_usage_per_channel(usage):
    assert figures(reports.channel_usage) == {
        "Web app": {"devices": 7},
        "Android app": {"devices": 5},  # three devices, and two that also used the web app
        "iOS app": {"devices": WITHHELD},
        "Other": {"devices": WITHHELD},
    }


def test_usage_per_municipality(usage):
    assert figures(reports.municipality_usage) == {
        "Espoo": {"devices": WITHHELD, "interactions": WITHHELD},
        "Helsinki": {"devices": 11, "interactions": 9 + 3 + 6 + 5},
    }


def test_active_devices_per_week(usage):
    table = reports.weekly_active(Scope.everything(), Period.last(4))
    assert len(table.rows) == 4
    assert table.values("devices") == [WITHHELD, WITHHELD, 11, WITHHELD]  # last week is the third of four


def test_top_hobbies(usage):
    assert figures(reports.top_hobbies) == {
        FUTIS_KALLIO: {"devices": 8, "views": 9, "favourites": WITHHELD, "join_clicks": 6},
        BAND: {"devices": 5, "views": 5, "favourites": WITHHELD, "join_clicks": WITHHELD},
    }
    assert list(figures(reports.top_hobbies)) == [FUTIS_KALLIO, BAND]  # most devices first


def test_top_categories(usage):
    assert figures(reports.top_categories) == {
        "Football": {"devices": 8, "views": 13, "favourites": WITHHELD, "join_clicks": 6},
        "Band": {"devices": 5, "views": 5, "favourites": WITHHELD, "join_clicks": WITHHELD},
    }


def test_zero_result_searches_list_only_texts_of_enough_devices(usage):
    assert figures(reports.zero_result_searches) == {"koripallo": {"devices": 6, "searches": 7}}


def test_demand_and_supply(usage):
    # sports for 13–15 in 00510: eight devices, one public hobby there for that age (the A/B hobbies of the CMS
    # world have no postal code, so they count in "Helsinki, area not known")
    assert figures(reports.demand_supply) == {
        ("Sports", "13–15", "00510 Helsinki"): {"devices": 8, "hobbies": 1, "devices_per_hobby": 8.0}
    }


def test_redemptions_per_benefit(usage):
    assert figures(reports.redemptions_per_benefit) == {
        ("Etu-a-uniikki", "Seura A"): {"redemptions": 6},
        ("Etu-e-uniikki", "Seura E"): {"redemptions": WITHHELD},
    }


def test_provider_sees_each_of_their_hobbies(usage):
    scope = Scope.of_organizations({usage.world.orgs["a"].pk})
    assert figures(reports.provider_hobbies, scope) == {
        ("Futis Kallio", "Seura A"): {"views": 9, "favourites": WITHHELD, "join_clicks": 6, "redemptions": 6},
        ("Harrastus-a-uniikki", "Seura A"): {
            "views": WITHHELD,
            "favourites": WITHHELD,
            "join_clicks": WITHHELD,
            "redemptions": WITHHELD,
        },
    }


def test_a_lower_threshold_reveals_the_small_groups(usage):
    with override_settings(ANALYTICS_MIN_DEVICES=3):
        assert figures(reports.top_hobbies)[FUTIS_KALLIO]["favourites"] == 3
        assert figures(reports.top_hobbies)["Futis Tapiola", "Seura E"] == {
            "devices": 4,
            "views": 4,
            "favourites": WITHHELD,
            "join_clicks": WITHHELD,
        }
        assert figures(reports.channel_usage)["iOS app"] == {"devices": WITHHELD}  # one device
        assert figures(reports.municipality_usage)["Espoo"] == {"devices": 4, "interactions": 4}
        assert "sähly" not in figures(reports.zero_result_searches)  # two devices
        assert figures(reports.redemptions_per_benefit)["Etu-e-uniikki", "Seura E"] == {"redemptions": WITHHELD}
        assert ("Music", "16–17", "00510 Helsinki") in figures(reports.demand_supply)


def test_the_period_limits_the_figures(usage):
    interact(usage.devices[0], usage.hobbies["h_foot"], VIEW, usage.last_week - dt.timedelta(weeks=10))
    assert figures(reports.top_hobbies, weeks=4)[FUTIS_KALLIO]["views"] == 9
    assert figures(reports.top_hobbies, weeks=12)[FUTIS_KALLIO]["views"] == 10


def test_no_table_sums_its_cells(usage):
    """A total beside withheld cells would give them away: no table has a total row or column."""
    scopes = (Scope.everything(), Scope.of_organizations({usage.world.orgs["a"].pk}))
    for scope in scopes:
        for table in reports.tables((*reports.USAGE_FIGURES, *reports.PROVIDER_FIGURES), scope, Period.last()):
            assert not any("total" in column.key or "Total" in column.label for column in table.columns)
            assert not any(str(row[0]).lower().startswith("total") for row in table.rows)


# --- scopes --------------------------------------------------------------------------------------------


def test_a_moderator_scope_holds_only_their_municipality(usage):
    helsinki = Scope.of_municipalities({usage.municipalities["helsinki"].pk})
    espoo = Scope.of_municipalities({usage.municipalities["espoo"].pk})
    assert set(figures(reports.municipality_usage, helsinki)) == {"Helsinki"}
    assert set(figures(reports.top_hobbies, helsinki)) == {FUTIS_KALLIO, BAND}
    assert set(figures(reports.top_categories, espoo)) == set()  # four devices
    assert figures(reports.zero_result_searches, helsinki) == {"koripallo": {"devices": 6, "searches": 7}}
    assert figures(reports.zero_result_searches, espoo) == {}
    assert set(figures(reports.redemptions_per_benefit, espoo)) == {("Etu-e-uniikki", "Seura E")}
    # the devices that used Espoo's hobbies: four on the web, two of them also on Android
    assert figures(reports.channel_usage, espoo)["Web app"] == {"devices": WITHHELD}
    with override_settings(ANALYTICS_MIN_DEVICES=3):
        assert figures(reports.channel_usage, espoo)["Web app"] == {"devices": 4}
        assert figures(reports.weekly_active, espoo, weeks=4)[reports.week_label(week_of(usage.last_week))] == {
            "devices": 4
        }


def test_a_provider_scope_holds_only_their_hobbies(usage):
    scope = Scope.of_organizations({usage.world.orgs["b"].pk})
    assert set(figures(reports.provider_hobbies, scope)) == {
        ("Bändikoulu", "Seura B"),
        ("Harrastus-b-uniikki", "Seura B"),
    }
    assert figures(reports.zero_result_searches, scope) == {}


# --- the CMS pages -------------------------------------------------------------------------------------


def page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_operator_sees_every_figure_with_charts(client, usage):
    response = page(client, usage.world.users["operator"], reverse("analytics_usage"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Futis Kallio", "Bändikoulu", "koripallo", "Espoo", "Helsinki", "<svg", "<caption", 'scope="col"'):
        assert text in html, text
    assert "sähly" not in html
    assert "fewer than 5" in html


def test_operator_can_choose_one_municipality(client, usage):
    espoo = usage.municipalities["espoo"]
    html = page(client, usage.world.users["operator"], reverse("analytics_usage"), municipality=espoo.pk).content
    assert b"Futis Kallio" not in html and b"koripallo" not in html


def test_moderator_sees_only_their_municipality_and_cannot_widen_it(client, usage):
    helsinki, espoo = usage.municipalities["helsinki"], usage.municipalities["espoo"]
    moderator = usage.world.users["mod_e"]
    for params in ({}, {"municipality": helsinki.pk}, {"municipality": "x", "weeks": 1000}):
        response = page(client, moderator, reverse("analytics_usage"), **params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Futis Kallio" not in html and "Bändikoulu" not in html and "koripallo" not in html
        assert "Helsinki" not in html.split('id="hp-municipalities"')[1]
    response = page(client, moderator, reverse("analytics_usage"), municipality=helsinki.pk)
    assert 'role="alert"' in response.content.decode()
    html = page(client, usage.world.users["mod_h"], reverse("analytics_usage")).content.decode()
    assert "Futis Kallio" in html and "Futis Tapiola" not in html
    assert espoo.name_fi not in html.split('id="hp-municipalities"')[1]


def test_provider_sees_only_their_hobbies_and_not_the_city_pages(client, usage):
    provider = usage.world.users["prov_a"]
    assert page(client, provider, reverse("analytics_usage")).status_code == 403
    response = page(client, provider, reverse("analytics_provider"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Futis Kallio" in html and "Harrastus-a-uniikki" in html
    assert "Bändikoulu" not in html and "Futis Tapiola" not in html


@pytest.mark.parametrize(("user", "url"), [("mod_h", "analytics_provider"), ("operator", "analytics_provider")])
def test_the_provider_page_is_for_provider_editors(client, usage, user, url):
    assert page(client, usage.world.users[user], reverse(url)).status_code == 403


def test_someone_without_a_role_sees_neither_page(client, usage):
    for url in ("analytics_usage", "analytics_provider"):
        response = page(client, usage.world.users["nobody"], reverse(url))
        assert response.status_code in (302, 403)
        assert b"Futis" not in response.content


def test_menu_items_follow_the_roles(client, usage):
    def menu(user):
        return page(client, usage.world.users[user], reverse("wagtailadmin_home")).content.decode()

    assert "Usage statistics" in menu("operator") and "Statistics of your hobbies" not in menu("operator")
    assert "Usage statistics" in menu("mod_h")
    assert "Usage statistics" not in menu("prov_a") and "Statistics of your hobbies" in menu("prov_a")


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_export_matches_the_table_including_withheld_cells(client, usage):
    response = page(
        client, usage.world.users["operator"], reverse("analytics_usage"), format="csv", table="top-hobbies"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="usage-statistics-top-hobbies-')
    period = Period.last(12)
    table = reports.top_hobbies(Scope.everything(), period)
    rows = read_csv(response)
    assert rows[0] == ["Hobby", "Organization", "Devices", "Views", "Favourites", "Join clicks"]
    assert rows[1:] == [[str(value) for value in row] for row in table.rows]
    assert rows[1] == ["Futis Kallio", "Seura A", "8", "9", "fewer than 5", "6"]
    channels = read_csv(
        page(client, usage.world.users["operator"], reverse("analytics_usage"), format="csv", table="channels")
    )
    assert channels[1:] == [
        ["Web app", "7"],
        ["iOS app", "fewer than 5"],
        ["Android app", "5"],
        ["Other", "fewer than 5"],
    ]


def test_csv_cells_never_start_a_spreadsheet_formula(client, usage):
    for n, device in enumerate(usage.devices[:5]):
        search(device, "=hyperlink(x)", 0, usage.last_week + dt.timedelta(minutes=n))
    operator = usage.world.users["operator"]
    rows = read_csv(page(client, operator, reverse("analytics_usage"), format="csv", table="zero-result-searches"))
    assert ["'=hyperlink(x)", "5", "5"] in rows


def test_csv_of_a_provider_and_an_unknown_table(client, usage):
    provider = usage.world.users["prov_a"]
    rows = read_csv(page(client, provider, reverse("analytics_provider"), format="csv", table="hobbies"))
    assert ["Futis Kallio", "Seura A", "9", "fewer than 5", "6", "6"] in rows
    assert page(client, provider, reverse("analytics_provider"), format="csv", table="nope").status_code == 404
    assert page(client, provider, reverse("analytics_provider"), format="csv", table="channels").status_code == 404


# --- retention -----------------------------------------------------------------------------------------


def every_figure(scope: Scope, period: Period) -> list:
    """The figures of the page this scope is shown on (providers have their own page)."""
    figures = reports.PROVIDER_FIGURES if scope.organizations is not None else reports.USAGE_FIGURES
    return [(t.name, t.rows) for t in reports.tables(figures, scope, period)]


@override_settings(ANALYTICS_RETENTION_MONTHS=13)
def test_retention_keeps_the_totals_and_deletes_the_raw_rows(usage):
    d, h_foot = usage.devices, usage.hobbies["h_foot"]
    old = midnight(week_of(timezone.localdate() - dt.timedelta(days=500))) + dt.timedelta(days=1, hours=10)
    for device in d[0:6]:
        interact(device, h_foot, VIEW, old)
        search(device, "koripallo", 0, old, f",{usage.municipalities['helsinki'].pk},")
        DeviceWeek.objects.create(device=device, week=week_of(old), channel="web")
    interact(d[11], h_foot, VIEW, old)
    search(d[11], "koripallo", 0, old)
    DeviceWeek.objects.create(device=d[11], week=week_of(old), channel="web")
    everything = Period(start=week_of(old), weeks=(week_of(timezone.localdate()) - week_of(old)).days // 7 + 1)
    only_old = Period(start=week_of(old), weeks=1)
    scopes = [
        Scope.everything(),
        Scope.of_municipalities({usage.municipalities["helsinki"].pk}),
        Scope.of_organizations({usage.world.orgs["a"].pk}),
    ]
    before = [every_figure(scope, period) for scope in scopes for period in (everything, only_old)]
    recent = Interaction.objects.filter(created_at__gte=midnight(cutoff_week())).count()

    result = apply_retention()

    assert result.interactions == 7 and result.searches == 7 and result.device_weeks == 7
    assert not Interaction.objects.filter(created_at__lt=midnight(cutoff_week())).exists()
    assert not SearchEvent.objects.filter(created_at__lt=midnight(cutoff_week())).exists()
    assert not DeviceWeek.objects.filter(week__lt=cutoff_week()).exists()
    assert Interaction.objects.count() == recent  # newer rows stay
    assert InteractionRollup.objects.get().events == 6  # the device without statistics is not counted
    assert SearchRollup.objects.get().devices == 6
    assert DeviceWeekRollup.objects.filter(municipality=None, channel="").get().devices == 6
    after = [every_figure(scope, period) for scope in scopes for period in (everything, only_old)]
    assert after == before
    old_top = [rows for name, rows in before[1] if name == "top-hobbies"]
    assert old_top == [[["Futis Kallio", "Seura A", 6, 6, WITHHELD, WITHHELD]]]

    again = apply_retention()  # nothing left to do: the same figures
    assert (again.interactions, again.searches, again.device_weeks) == (0, 0, 0)
    assert [every_figure(scope, period) for scope in scopes for period in (everything, only_old)] == before


def test_retention_device_counts_across_weeks_stay_a_lower_bound(usage):
    """Two old weeks with the same five devices: the rollups cannot know they are the same, so the figure
    shows five (not ten); with five different devices in the second week it would still show at least five."""
    h_foot = usage.hobbies["h_foot"]
    first = midnight(week_of(timezone.localdate() - dt.timedelta(days=600))) + dt.timedelta(days=1)
    for week in (0, 1):
        for device in usage.devices[0:5]:
            interact(device, h_foot, VIEW, first + dt.timedelta(weeks=week))
    period = Period(start=week_of(first), weeks=2)
    assert figures_for(period)[FUTIS_KALLIO]["devices"] == 5
    apply_retention()
    expected = {"devices": 5, "views": 10, "favourites": WITHHELD, "join_clicks": WITHHELD}
    assert figures_for(period)[FUTIS_KALLIO] == expected


def figures_for(period: Period) -> dict:
    return reports.top_hobbies(Scope.everything(), period).as_dict()


def test_retention_cutoff_is_a_monday_beyond_the_retention_period():
    now = timezone.make_aware(dt.datetime(2026, 3, 31, 12))
    with override_settings(ANALYTICS_RETENTION_MONTHS=13):
        cut = cutoff_week(now)
    assert cut.weekday() == 0
    assert cut <= dt.date(2025, 2, 28) < cut + dt.timedelta(days=7)


def test_the_task_and_the_command_apply_retention(usage, capsys):
    from django.core.management import call_command

    from backend.analytics.tasks import apply_retention as task

    old = timezone.now() - dt.timedelta(days=800)
    interact(usage.devices[0], usage.hobbies["h_foot"], VIEW, old)
    assert task.delay().get()["interactions"] == 1
    interact(usage.devices[0], usage.hobbies["h_foot"], VIEW, old)
    call_command("apply_analytics_retention")
    assert "1 interactions" in capsys.readouterr().out


# --- the demo --------------------------------------------------------------------------------------------


def test_demo_usage_statistics_are_written_once(usage):
    from backend.demo.analytics import NOT_FOUND, load_demo_analytics
    from backend.demo.interactions import PREFIX

    demo = [Device.objects.create(token_hash=f"{PREFIX}{n}", age_group="13-15") for n in range(8)]
    for device in demo:
        interact(device, usage.hobbies["h_foot"], VIEW, usage.last_week)
        interact(device, usage.hobbies["h_band"], VIEW, usage.last_week - dt.timedelta(weeks=2))
    assert load_demo_analytics() > 0
    weeks = set(DeviceWeek.objects.filter(device__in=demo).values_list("device_id", "week"))
    expected_weeks = {week_of(usage.last_week), week_of(usage.last_week - dt.timedelta(weeks=2))}
    assert weeks == {(device.pk, week) for device in demo for week in expected_weeks}
    searches = SearchEvent.objects.filter(device__in=demo)
    assert not searches.filter(query__in=NOT_FOUND).exclude(result_count=0).exists()
    assert load_demo_analytics() == 0  # a second load adds nothing
    assert SearchEvent.objects.filter(device__in=demo).count() == searches.count()


def test_a_page_of_figures_is_computed_once_per_cache_period(client, usage, settings, django_assert_max_num_queries):
    from django.core.cache import cache

    settings.ANALYTICS_CACHE_SECONDS = 600
    cache.clear()
    operator = usage.world.users["operator"]
    first = page(client, operator, reverse("analytics_usage"))
    assert first.status_code == 200 and b"Futis Kallio" in first.content
    Interaction.objects.filter(hobby=usage.hobbies["h_foot"]).delete()  # new data shows after the cache period
    with django_assert_max_num_queries(12):  # the session, the user, the roles: no figure is computed again
        again = page(client, operator, reverse("analytics_usage"), format="csv", table="top-hobbies")
    assert "Futis Kallio" in again.content.decode("utf-8")
    moderator = page(client, usage.world.users["mod_h"], reverse("analytics_usage"))  # another scope: its own
    assert b"Futis Kallio" not in moderator.content
    cache.clear()
    assert "Futis Kallio" not in page(
        client, operator, reverse("analytics_usage"), format="csv", table="top-hobbies"
    ).content.decode("utf-8")
