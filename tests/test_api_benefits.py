"""Benefits in the API: listing and filtering, the `near` search, redeeming by the rules, and never overselling
even when many devices redeem at the same moment (on PostgreSQL, where row locks are real)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.benefits import services
from backend.benefits.models import Benefit, Redemption
from backend.benefits.services import CODE_ALPHABET, CODE_LENGTH, RedemptionError, redeem
from backend.devices.models import Device
from backend.hobbies.models import Venue

from .conftest import make_hobby

BENEFITS = """
query($near: BenefitNearInput, $active: Boolean, $hobbyId: ID, $first: Int, $lang: Language) {
  benefits(near: $near, active: $active, hobbyId: $hobbyId, first: $first, lang: $lang) {
    id kind title { text language } description { text language } terms { text language }
    validFrom validUntil remaining perDeviceLimit organizationName
    hobby { id title { text } } latitude longitude distanceKm redeemedByMe
  }
}
"""

REDEEM = """
mutation($id: ID!) {
  redeemBenefit(benefitId: $id) {
    redemption { code redeemedAt validUntil benefit { id remaining redeemedByMe } }
    errors { field code message }
  }
}
"""


def gql(client, query, variables=None, token=None, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Device {token}"
    response = client.post(
        "/graphql", {"query": query, "variables": variables or {}}, content_type="application/json", **headers
    )
    assert response.status_code in (200, 400), response.content
    return response.json()


def make_benefit(organization, *, hobby=None, live=True, starts=-1, ends=30, **fields) -> Benefit:
    """A benefit valid from ``starts`` to ``ends`` days from now."""
    now = timezone.now()
    values = {
        "kind": Benefit.Kind.TRIAL,
        "title_fi": "Ilmainen kokeilu",
        "description_fi": "Tule kokeilemaan.",
        "terms_fi": "Kerran per henkilö.",
    }
    values.update(fields)
    return Benefit.objects.create(
        organization=organization,
        hobby=hobby,
        live=live,
        valid_from=now + dt.timedelta(days=starts),
        valid_until=now + dt.timedelta(days=ends),
        **values,
    )


def ids(data) -> list[int]:
    return [int(item["id"]) for item in data["data"]["benefits"]]


def redeem_via_api(client, benefit_id, token):
    return gql(client, REDEEM, {"id": str(benefit_id)}, token=token)["data"]["redeemBenefit"]


# --- listing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lists_only_public_active_benefits_ordered_by_end(client, organization):
    late = make_benefit(organization, ends=60)
    soon = make_benefit(organization, ends=5)
    make_benefit(organization, live=False)  # a draft
    taken_down = make_benefit(organization)
    Benefit.objects.filter(pk=taken_down.pk).update(taken_down_at=timezone.now())
    expired = make_benefit(organization, starts=-10, ends=-1)
    upcoming = make_benefit(organization, starts=3, ends=10)
    sold_out = make_benefit(organization, total_quantity=2)
    Benefit.objects.filter(pk=sold_out.pk).update(redeemed_count=2)

    assert ids(gql(client, BENEFITS)) == [soon.pk, late.pk]
    everything = ids(gql(client, BENEFITS, {"active": False}))
    assert everything == [expired.pk, soon.pk, upcoming.pk, sold_out.pk, late.pk]


@pytest.mark.django_db
def test_benefit_fields_and_translations_with_fallback(client, organization):
    benefit = make_benefit(
        organization,
        kind=Benefit.Kind.FREE_ENTRY,
        title_sv="Gratis prov",
        total_quantity=10,
        per_device_limit=2,
    )
    Benefit.objects.filter(pk=benefit.pk).update(redeemed_count=4)

    item = gql(client, BENEFITS, {"lang": "SV"})["data"]["benefits"][0]
    assert item["kind"] == "FREE_ENTRY"
    assert item["title"] == {"text": "Gratis prov", "language": "sv"}
    assert item["description"] == {"text": "Tule kokeilemaan.", "language": "fi"}  # fallback, and says so
    assert item["remaining"] == 6 and item["perDeviceLimit"] == 2
    assert item["organizationName"] == organization.name
    assert item["redeemedByMe"] is None  # anonymous
    assert item["hobby"] is None and item["latitude"] is None and item["distanceKm"] is None

    unlimited = make_benefit(organization, ends=60)
    items = gql(client, BENEFITS, {"lang": "EN"}, HTTP_ACCEPT_LANGUAGE="sv")["data"]["benefits"]
    assert items[0]["title"]["language"] == "fi"  # no English: fi before sv
    assert items[1]["id"] == str(unlimited.pk) and items[1]["remaining"] is None


@pytest.mark.django_db
def test_hobby_is_shown_only_when_public(client, organization, hobby):
    hidden = make_hobby(organization, live=False, title_fi="Luonnos")
    with_public = make_benefit(organization, hobby=hobby, ends=5)
    with_hidden = make_benefit(organization, hobby=hidden, ends=6)

    items = {int(i["id"]): i for i in gql(client, BENEFITS)["data"]["benefits"]}
    assert items[with_public.pk]["hobby"] == {"id": str(hobby.pk), "title": {"text": hobby.title_fi}}
    assert items[with_public.pk]["latitude"] == pytest.approx(60.1841)
    assert items[with_hidden.pk]["hobby"] is None
    assert items[with_hidden.pk]["latitude"] is None  # nothing about a hidden hobby leaks

    assert ids(gql(client, BENEFITS, {"hobbyId": str(hobby.pk)})) == [with_public.pk]
    assert ids(gql(client, BENEFITS, {"hobbyId": str(hidden.pk)})) == []
    error = gql(client, BENEFITS, {"hobbyId": "abc"})["errors"][0]
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "hobbyId"}


@pytest.mark.django_db
def test_first_is_capped_at_fifty(client, organization):
    now = timezone.now()
    Benefit.objects.bulk_create(
        Benefit(
            organization=organization,
            kind="trial",
            title_fi=f"Etu {i}",
            live=True,
            valid_from=now - dt.timedelta(days=1),
            valid_until=now + dt.timedelta(days=1, minutes=i),
        )
        for i in range(55)
    )
    slim = "query($first: Int) { benefits(first: $first) { id } }"
    assert len(ids(gql(client, slim, {"first": 500}))) == 50
    assert len(ids(gql(client, slim, {"first": 7}))) == 7
    assert len(ids(gql(client, slim))) == 20
    assert gql(client, slim, {"first": 0})["data"]["benefits"] == []
    error = gql(client, BENEFITS, {"first": -1})["errors"][0]
    assert error["extensions"]["code"] == "OUT_OF_RANGE" and error["extensions"]["field"] == "first"


# --- near ------------------------------------------------------------------------------------


@pytest.fixture
def places(municipality, organization):
    """Benefits at venues 0 km, ~3 km, ~15 km and ~150 km from the centre of Helsinki, and one with no location."""

    def at(name, lat, lon, ends):
        venue = Venue.objects.create(name_fi=name, municipality=municipality, latitude=lat, longitude=lon)
        return make_benefit(organization, hobby=make_hobby(organization, venue=venue), ends=ends, title_fi=name)

    return {
        "centre": at("Keskusta", 60.1699, 24.9384, 30),
        "kallio": at("Kallio", 60.1841, 24.9494, 3),  # ~1.7 km
        "espoo": at("Espoo", 60.2055, 24.6559, 2),  # ~16 km
        "tampere": at("Tampere", 61.4978, 23.7610, 1),  # ~160 km
        "nowhere": make_benefit(organization, hobby=make_hobby(organization), ends=4),
        "no_hobby": make_benefit(organization, ends=5),
    }


@pytest.mark.django_db
def test_near_keeps_located_benefits_within_the_radius_nearest_first(client, places):
    near = {"lat": 60.1699, "lon": 24.9384}
    data = gql(client, BENEFITS, {"near": near})  # the default radius is 10 km
    assert ids(data) == [places["centre"].pk, places["kallio"].pk]
    distances = [item["distanceKm"] for item in data["data"]["benefits"]]
    assert distances[0] == pytest.approx(0, abs=0.01)
    assert distances[1] == pytest.approx(1.7, abs=0.2)

    wide = gql(client, BENEFITS, {"near": {**near, "radiusKm": 200}})
    assert ids(wide) == [places[k].pk for k in ("centre", "kallio", "espoo", "tampere")]
    assert wide["data"]["benefits"][3]["distanceKm"] == pytest.approx(160, abs=10)

    # Without near: every benefit, by end date, with the venue's coordinates where known.
    plain = gql(client, BENEFITS)["data"]["benefits"]
    assert [int(i["id"]) for i in plain][:2] == [places["tampere"].pk, places["espoo"].pk]
    assert all(i["distanceKm"] is None for i in plain)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "near",
    [
        {"lat": 91, "lon": 24},
        {"lat": -90.5, "lon": 24},
        {"lat": 60, "lon": 181},
        {"lat": 60, "lon": -180.1},
        {"lat": 60, "lon": 24, "radiusKm": 0},
        {"lat": 60, "lon": 24, "radiusKm": -5},
        {"lat": 60, "lon": 24, "radiusKm": 200.5},
    ],
)
def test_near_out_of_range_is_an_error(client, places, near):
    data = gql(client, BENEFITS, {"near": near})
    assert data["data"] is None
    assert data["errors"][0]["extensions"] == {"code": "OUT_OF_RANGE", "field": "near"}


@pytest.mark.django_db
def test_near_accepts_the_edges(client, places):
    for near in ({"lat": 90, "lon": 180, "radiusKm": 200}, {"lat": -90, "lon": -180, "radiusKm": 0.001}):
        assert gql(client, BENEFITS, {"near": near})["data"]["benefits"] == []


# --- redeemedByMe and the number of queries ----------------------------------------------------


@pytest.mark.django_db
def test_redeemed_by_me_counts_the_devices_own_redemptions(client, organization):
    benefit = make_benefit(organization, per_device_limit=3)
    me, my_token = Device.register()
    other, other_token = Device.register()
    redeem(benefit.pk, me)
    redeem(benefit.pk, me)
    redeem(benefit.pk, other)

    assert gql(client, BENEFITS, token=my_token)["data"]["benefits"][0]["redeemedByMe"] == 2
    assert gql(client, BENEFITS, token=other_token)["data"]["benefits"][0]["redeemedByMe"] == 1
    assert gql(client, BENEFITS)["data"]["benefits"][0]["redeemedByMe"] is None


@pytest.mark.django_db
def test_listing_takes_the_same_number_of_queries_for_any_number_of_benefits(
    client, municipality, organization, category, django_assert_max_num_queries
):
    device, token = Device.register()

    def add(n):
        for i in range(n):
            venue = Venue.objects.create(
                name_fi=f"Paikka {i}", municipality=municipality, latitude=60.17, longitude=24.94
            )
            benefit = make_benefit(organization, hobby=make_hobby(organization, venue=venue, categories=[category]))
            redeem(benefit.pk, device)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            data = gql(client, BENEFITS, {"near": {"lat": 60.17, "lon": 24.94}, "first": 50}, token=token)
        assert "errors" not in data, data
        return len(data["data"]["benefits"]), len(queries)

    gql(client, BENEFITS, token=token)  # the device's weekly activity row is written outside the measured calls
    add(2)
    few, few_queries = count_queries()
    add(10)
    many, many_queries = count_queries()
    assert (few, many) == (2, 12)
    assert many_queries == few_queries
    with django_assert_max_num_queries(8):
        gql(client, BENEFITS, {"first": 50}, token=token)


# --- redeeming -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_redeeming_returns_a_short_unambiguous_code(client, organization):
    benefit = make_benefit(organization, total_quantity=5)
    _device, token = Device.register()

    payload = redeem_via_api(client, benefit.pk, token)
    assert payload["errors"] == []
    redemption = payload["redemption"]
    assert len(redemption["code"]) == CODE_LENGTH
    assert set(redemption["code"]) <= set(CODE_ALPHABET)
    assert not set(redemption["code"]) & set("0O1I")
    assert redemption["benefit"] == {"id": str(benefit.pk), "remaining": 4, "redeemedByMe": 1}
    assert dt.datetime.fromisoformat(redemption["validUntil"]) == benefit.valid_until
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 1
    assert Redemption.objects.get().code == redemption["code"]


@pytest.mark.django_db
def test_codes_are_random_and_unique_per_benefit(organization):
    benefit = make_benefit(organization, per_device_limit=50)
    device, _token = Device.register()
    codes = [redeem(benefit.pk, device).code for _ in range(30)]
    assert len(set(codes)) == 30


@pytest.mark.django_db
def test_a_code_collision_draws_another_code(organization, monkeypatch):
    benefit = make_benefit(organization, per_device_limit=5)
    device, _token = Device.register()
    Redemption.objects.create(benefit=benefit, device=None, code="AAAAAAAA")
    draws = iter(["AAAAAAAA", "AAAAAAAA", "CCCCCCCC"])
    monkeypatch.setattr(services, "new_code", lambda: next(draws))

    assert redeem(benefit.pk, device).code == "CCCCCCCC"
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 1  # counted once, not once per attempt


@pytest.mark.django_db
def test_anonymous_or_unknown_devices_cannot_redeem(client, organization):
    benefit = make_benefit(organization)
    for token in (None, "not-a-real-token"):
        payload = redeem_via_api(client, benefit.pk, token)
        assert payload["redemption"] is None
        assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"]
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 0 and not Redemption.objects.exists()


@pytest.mark.django_db
def test_only_public_benefits_valid_now_can_be_redeemed(client, organization):
    _device, token = Device.register()
    draft = make_benefit(organization, live=False)
    taken_down = make_benefit(organization)
    Benefit.objects.filter(pk=taken_down.pk).update(taken_down_at=timezone.now())
    expired = make_benefit(organization, starts=-10, ends=-1)
    upcoming = make_benefit(organization, starts=1, ends=10)

    cases = [
        (draft.pk, "NOT_FOUND"),
        (taken_down.pk, "NOT_FOUND"),
        (999999, "NOT_FOUND"),
        ("x1", "INVALID_INPUT"),
        (-3, "INVALID_INPUT"),
        (expired.pk, "NOT_ACTIVE"),
        (upcoming.pk, "NOT_ACTIVE"),
    ]
    for benefit_id, code in cases:
        payload = redeem_via_api(client, benefit_id, token)
        assert payload["redemption"] is None
        assert payload["errors"][0]["code"] == code, benefit_id
        assert payload["errors"][0]["field"] == "benefitId" and payload["errors"][0]["message"]
    assert not Redemption.objects.exists()
    assert set(Benefit.objects.values_list("redeemed_count", flat=True)) == {0}


@pytest.mark.django_db
def test_the_total_quantity_is_never_exceeded(client, organization):
    benefit = make_benefit(organization, total_quantity=2)
    tokens = [Device.register()[1] for _ in range(3)]
    assert redeem_via_api(client, benefit.pk, tokens[0])["errors"] == []
    assert redeem_via_api(client, benefit.pk, tokens[1])["errors"] == []
    payload = redeem_via_api(client, benefit.pk, tokens[2])
    assert payload["redemption"] is None and payload["errors"][0]["code"] == "SOLD_OUT"
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 2 and benefit.redemptions.count() == 2
    assert ids(gql(client, BENEFITS)) == []  # sold out is no longer active


@pytest.mark.django_db
def test_the_per_device_limit_is_kept(client, organization):
    benefit = make_benefit(organization, per_device_limit=2)
    _me, token = Device.register()
    _other, other_token = Device.register()
    assert redeem_via_api(client, benefit.pk, token)["errors"] == []
    assert redeem_via_api(client, benefit.pk, token)["errors"] == []
    payload = redeem_via_api(client, benefit.pk, token)
    assert payload["redemption"] is None and payload["errors"][0]["code"] == "LIMIT_REACHED"
    assert redeem_via_api(client, benefit.pk, other_token)["errors"] == []  # another device still may
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 3


@pytest.mark.django_db
def test_redeeming_is_rate_limited(client, organization, settings):
    settings.API_RATE_LIMITS = {"redeemBenefit": {"device": "2/minute"}}
    benefit = make_benefit(organization, per_device_limit=10)
    _device, token = Device.register()
    assert redeem_via_api(client, benefit.pk, token)["errors"] == []
    assert redeem_via_api(client, benefit.pk, token)["errors"] == []
    payload = redeem_via_api(client, benefit.pk, token)
    assert payload["redemption"] is None and payload["errors"][0]["code"] == "RATE_LIMITED"
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 2


@pytest.mark.django_db
def test_the_service_raises_a_coded_error(organization):
    benefit = make_benefit(organization, total_quantity=1)
    first, second = Device.register()[0], Device.register()[0]
    redeem(benefit.pk, first)
    with pytest.raises(RedemptionError) as caught:
        redeem(benefit.pk, second)
    assert caught.value.code == "SOLD_OUT"


# --- concurrency (PostgreSQL) ------------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and parallel connections need PostgreSQL"
)


def run_in_parallel(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released at the same moment; each closes its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def target(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_redemptions_never_oversell(organization):
    benefit = make_benefit(organization, total_quantity=3)
    devices = [Device.register()[0] for _ in range(20)]

    def work(i):
        try:
            return redeem(benefit.pk, devices[i]).code
        except RedemptionError as exc:
            return exc.code

    results = run_in_parallel(20, work)
    unexpected = [r for r in results if not isinstance(r, str)]
    assert unexpected == []
    codes = [r for r in results if r not in ("SOLD_OUT",)]
    assert len(codes) == 3 and results.count("SOLD_OUT") == 17
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 3
    assert sorted(benefit.redemptions.values_list("code", flat=True)) == sorted(codes)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_of_one_device_keep_its_limit(organization):
    benefit = make_benefit(organization, per_device_limit=1)
    _device, token = Device.register()

    def work(_i):
        payload = redeem_via_api(Client(), benefit.pk, token)
        return payload["errors"][0]["code"] if payload["errors"] else "OK"

    results = run_in_parallel(10, work)
    assert results.count("OK") == 1
    assert results.count("LIMIT_REACHED") == 9
    benefit.refresh_from_db()
    assert benefit.redeemed_count == 1 and benefit.redemptions.count() == 1
