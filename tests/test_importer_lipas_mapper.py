"""The Lipas mapper: real recorded sports places → venue and open-use hobby values, Link paging, deletions.

Pure functions: no database. Data: ../shared/data/lipas (read in place, never copied).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.demo.content import CATEGORY_TREE
from importers import lipas
from importers.records import HobbyRecord, SkipRecord, VenueRecord


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Reasons are asserted in English, the source language (the default interface language is Finnish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lipas"


@cache
def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def load(name: str):
    return copy.deepcopy(_load(name))


def sample() -> list[dict]:
    return load("sports-places-sample.json")


def place(place_id: int) -> dict:
    return next(p for p in sample() if p["sportsPlaceId"] == place_id)


def category_slugs() -> set[str]:
    slugs, stack = set(), list(CATEGORY_TREE)
    while stack:
        node = stack.pop()
        slugs.add(node.slug)
        stack.extend(node.children)
    return slugs


# Model limits the values must respect (backend.hobbies.models)
VENUE_LIMITS = {"name_fi": 200, "name_sv": 200, "name_en": 200, "street_address_fi": 200, "city": 100}
HOBBY_LIMITS = {
    f"{f}_{lang}": n for f, n in (("title", 150), ("summary", 300), ("price_text", 300)) for lang in ("fi", "sv", "en")
}
VENUE_FIELDS = {
    *(f"{f}_{lang}" for f in ("name", "street_address", "accessibility_info") for lang in ("fi", "sv", "en")),
    "postal_code",
    "city",
    "latitude",
    "longitude",
}
HOBBY_FIELDS = {
    *(f"{f}_{lang}" for f in ("title", "summary", "description", "price_text") for lang in ("fi", "sv", "en")),
    "price_kind",
    "price_amount",
    "open_use",
    "age_min",
    "age_max",
}


def assert_venue_valid(venue: VenueRecord) -> None:
    values = venue.values
    assert set(values) <= VENUE_FIELDS
    assert venue.origin_id.isdigit()
    assert any(values.get(f"name_{lang}") for lang in ("fi", "sv", "en"))
    for key, limit in VENUE_LIMITS.items():
        assert key not in values or 0 < len(values[key]) <= limit
    assert ("latitude" in values) == ("longitude" in values)
    if "latitude" in values:
        assert -90 <= values["latitude"] <= 90 and -180 <= values["longitude"] <= 180
        assert math.isfinite(values["latitude"]) and math.isfinite(values["longitude"])
    if "postal_code" in values:
        assert re.fullmatch(r"\d{5}", values["postal_code"])


def assert_hobby_valid(hobby: HobbyRecord, venue: VenueRecord) -> None:
    values = hobby.values
    assert set(values) <= HOBBY_FIELDS
    assert hobby.origin_id == f"{venue.origin_id}-open-use"
    assert hobby.venue_origin_id == venue.origin_id
    assert hobby.sessions == []
    assert values["open_use"] is True
    assert 0 <= values["age_min"] <= values["age_max"] <= 99
    assert any(values[f"title_{lang}"] for lang in ("fi", "sv", "en"))
    for key, limit in HOBBY_LIMITS.items():
        assert len(values[key]) <= limit
    assert values["price_amount"] is None  # free → no amount; paid → described in price_text
    if values["price_kind"] == "paid":
        assert all(values[f"price_text_{lang}"] for lang in ("fi", "sv", "en"))
    else:
        assert values["price_kind"] == "free"
    assert len(hobby.category_keys) == 1 and int(hobby.category_keys[0]) in lipas.YOUTH_TYPES


# --- every recorded record ---------------------------------------------------------------------


def test_every_sample_place_maps():
    places = sample()
    assert len(places) == 334
    venues = []
    for record in places:
        venue = lipas.map_place(record)
        assert_venue_valid(venue)
        hobby = lipas.map_open_use(record, venue)
        if hobby is not None:
            assert_hobby_valid(hobby, venue)
        venues.append(venue)
    # every real record has an id, a name, a Finnish postal code and usable coordinates
    assert len({v.origin_id for v in venues}) == 334
    assert all("latitude" in v.values and "postal_code" in v.values and "city" in v.values for v in venues)
    # the only youth type in the sample is the neighbourhood sports area 72269
    assert [v.origin_id for v, p in zip(venues, places, strict=True) if lipas.map_open_use(p, v)] == ["72269"]


def test_type_record_is_skipped_with_a_reason():
    type_1120 = load("sports-place-type-1120.json")
    with pytest.raises(SkipRecord) as caught:
        lipas.map_place(type_1120)
    assert caught.value.reason == "The sports place has no numeric id."
    # and as a youth type it would be mapped once it is a place: the code is in the table
    assert type_1120["typeCode"] in lipas.YOUTH_TYPES


def test_property_keys_the_mapper_reads_exist_in_lipas():
    schema = load("sports-place-type-1120.json")["properties"]
    assert {"accessibilityInfo", "infoFi", "mayBeShownInHarrastuspassiFi"} <= set(schema)
    assert schema["mayBeShownInHarrastuspassiFi"]["dataType"] == "boolean"


# --- field by field ------------------------------------------------------------------------------


def test_neighbourhood_sports_area_72269():
    record = place(72269)
    venue = lipas.map_place(record)
    assert venue.origin_id == "72269"
    assert venue.deleted is False
    assert venue.values == {
        "name_fi": "Keuruun Koulukeskuksen lähiliikunta-alue /ala-aste",
        "street_address_fi": "Keuruuntie 18",
        "postal_code": "42700",
        "city": "Keuruu",
        "latitude": 62.2613211721703,
        "longitude": 24.7051081551397,
    }
    assert lipas.city_code(record) == "249"
    assert lipas.contact_details(record) == {
        "website": "http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika",
        "email": "heli.nousiainen@keuruu.fi",
        "phone": "0400-541638",
    }

    hobby = lipas.map_open_use(record, venue)
    assert hobby.origin_id == "72269-open-use"
    assert hobby.category_keys == ["1120"]
    assert hobby.venue_origin_id == "72269"
    assert hobby.sessions == []
    values = hobby.values
    assert values["title_fi"] == "Keuruun Koulukeskuksen lähiliikunta-alue /ala-aste"
    assert values["title_sv"] == values["title_en"] == ""
    assert values["summary_fi"] == "Lähiliikuntapaikka: avoin käyttö, mene milloin haluat – ei ilmoittautumista."
    assert values["summary_sv"].startswith("Närmotionsplats: ")
    assert values["summary_en"] == "Neighbourhood sports area: open use, go whenever you like – no sign-up."
    assert values["description_fi"] == (
        "Pannakenttä, lasten leikkivälineitä, pieni jalkapallokenttä, ulkosäbäkaukalo. Osa suurempaa aluetta."
        "\n\nLisätietoja: http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika"
    )
    # no Swedish or English text: those readers fall back to the Finnish one instead of seeing only a link
    assert values["description_sv"] == values["description_en"] == ""
    assert values["price_kind"] == "free" and values["price_amount"] is None
    assert (values["age_min"], values["age_max"]) == (7, 99)
    assert values["open_use"] is True


def test_polygon_area_helsinki_72359():
    record = place(72359)
    venue = lipas.map_place(record)
    assert venue.values["name_fi"] == "Käärmeluodot (Itäinen)"
    assert venue.values["city"] == "Helsinki"
    assert venue.values["postal_code"] == "00200"  # leading zero kept
    assert (venue.values["latitude"], venue.values["longitude"]) == (60.1447422798368, 24.8508903790534)
    assert lipas.city_code(record) == "091"
    assert lipas.map_open_use(record, venue) is None  # 101 Lähipuisto is not a youth type


def test_geometry_used_when_wgs84_is_missing_point_line_and_polygon():
    record = place(72359)
    del record["location"]["coordinates"]
    # Polygon: the first point of the outer ring, GeoJSON order [lon, lat]
    assert lipas.place_coordinates(record) == (60.1447422798368, 24.8508903790534)

    line = place(72269)
    line["location"]["coordinates"]["wgs84"] = {"lat": "not a number", "lon": None}
    line["location"]["geometries"]["features"][0]["geometry"] = {
        "type": "LineString",
        "coordinates": [[22.22, 60.77, 42.7], [22.23, 60.78, 40.1]],  # with elevation, as Lipas routes have
    }
    venue = lipas.map_place(line)
    assert (venue.values["latitude"], venue.values["longitude"]) == (60.77, 22.22)

    point = place(72269)
    del point["location"]["coordinates"]
    point["location"]["geometries"] = {"type": "Point", "coordinates": [24.9, 60.2]}  # a bare geometry
    assert lipas.place_coordinates(point) == (60.2, 24.9)


@pytest.mark.parametrize(
    "wgs84",
    [
        {"lat": 95.0, "lon": 24.0},
        {"lat": 60.0, "lon": -181.0},
        {"lat": float("nan"), "lon": 24.0},
        {"lat": 0, "lon": 0},
        {"lat": True, "lon": 24.0},
        {"lat": 60.0},
        "60.1,24.9",
    ],
)
def test_broken_coordinates_leave_both_out(wgs84):
    record = place(73004)
    record["location"]["coordinates"]["wgs84"] = wgs84
    record["location"]["geometries"] = {"type": "FeatureCollection", "features": [{"type": "Feature"}]}
    values = lipas.map_place(record).values
    assert "latitude" not in values and "longitude" not in values
    assert values["name_fi"] == "Kenttäpalon laavu"


def test_localized_names_se_is_swedish():
    record = place(72426)
    record["nameLocalized"] = {"se": "  Lillfjärdens   friluftsområde ", "en": "Lillfjärden recreation area", "de": "x"}
    values = lipas.map_place(record).values
    assert values["name_fi"] == "Lillfjärden virkistysalue"
    assert values["name_sv"] == "Lillfjärdens friluftsområde"
    assert values["name_en"] == "Lillfjärden recreation area"
    assert "name_de" not in values

    # a page fetched with lang=se has its Swedish name in "name"
    values = lipas.map_place(place(72426), language="se").values
    assert values == {**values, "name_sv": "Lillfjärden virkistysalue"} and "name_fi" not in values


def test_open_use_title_follows_names_and_falls_back_to_type_name():
    record = place(72269)
    record["name-localized"] = {"se": "Keuruu skolcentrums närmotionsområde", "en": ""}
    venue = lipas.map_place(record)
    hobby = lipas.map_open_use(record, venue)
    assert hobby.values["title_sv"] == "Keuruu skolcentrums närmotionsområde"
    assert hobby.values["title_en"] == ""

    nameless = VenueRecord(origin_id="72269", values={"city": "Keuruu"})
    titles = lipas.map_open_use(place(72269), nameless).values
    assert (titles["title_fi"], titles["title_sv"], titles["title_en"]) == (
        "Lähiliikuntapaikka",
        "Närmotionsplats",
        "Neighbourhood sports area",
    )


def test_long_name_is_cut_to_fit():
    record = place(72269)
    record["name"] = "Skeittipuisto " * 30
    venue = lipas.map_place(record)
    assert len(venue.values["name_fi"]) == 200 and venue.values["name_fi"].endswith("…")
    hobby = lipas.map_open_use(record, venue)
    assert len(hobby.values["title_fi"]) == 150 and hobby.values["title_fi"].endswith("…")


@pytest.mark.parametrize("postal_code", ["4270", "42700-1", "FI-42700", "", None, 42700, "４２７００"])
def test_postal_code_must_be_five_digits(postal_code):
    record = place(72269)
    record["location"]["postalCode"] = postal_code
    assert "postal_code" not in lipas.map_place(record).values


def test_city_falls_back_to_postal_office():
    record = place(72269)
    record["location"]["city"] = None
    assert lipas.map_place(record).values["city"] == "Keuruu"  # postalOffice
    del record["location"]["postalOffice"]
    assert "city" not in lipas.map_place(record).values


@pytest.mark.parametrize(
    ("www", "expected"),
    [
        ("www.luontoon.fi/karhunkierros", "http://www.luontoon.fi/karhunkierros"),  # real, without a scheme
        ("https://uuvi.fi/fi/kohde/sandviken/", "https://uuvi.fi/fi/kohde/sandviken/"),
        ("javascript:alert(1)", None),
        ("ftp://example.fi/x", None),
        ("http://", None),
        ("kunnan sivuilla", None),
        (42, None),
    ],
)
def test_website_kept_only_when_http(www, expected):
    record = place(72269)
    record["www"] = www
    assert lipas.contact_details(record).get("website") == expected
    description = lipas.map_open_use(record, lipas.map_place(record)).values["description_fi"]
    assert (f"Lisätietoja: {expected}" in description) == (expected is not None)


def test_website_without_info_text_goes_to_every_language():
    record = place(72269)
    del record["properties"]["infoFi"]
    values = lipas.map_open_use(record, lipas.map_place(record)).values
    assert values["description_fi"] == "Lisätietoja: http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika"
    assert values["description_sv"] == "Mer information: http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika"
    assert values["description_en"] == "More information: http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika"


def test_bad_email_and_phone_are_dropped():
    record = place(72269)
    record["email"] = "not an address"
    record["phoneNumber"] = "soita toimistoon"
    assert lipas.contact_details(record) == {"website": "http://www.keuruu.fi/asukkaat/liikunta-ja-vapaa-aika"}


def test_accessibility_link_and_text():
    record = place(72269)
    record["properties"]["accessibilityInfo"] = "https://www.palvelukartta.hel.fi/fi/unit/123"
    values = lipas.map_place(record).values
    assert values["accessibility_info_fi"] == "Esteettömyystiedot: https://www.palvelukartta.hel.fi/fi/unit/123"
    assert values["accessibility_info_en"] == "Accessibility information: https://www.palvelukartta.hel.fi/fi/unit/123"
    record["properties"]["accessibilityInfo"] = "Esteetön sisäänkäynti pohjoispäädyssä."
    values = lipas.map_place(record).values
    assert values["accessibility_info_fi"] == "Esteetön sisäänkäynti pohjoispäädyssä."
    assert "accessibility_info_sv" not in values
    # the real record carries no accessibility facts
    assert not any(key.startswith("accessibility") for key in lipas.map_place(place(72269)).values)


# --- skipping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", [None, "abc", "12a", -5, 0, True, 3.5, [], "", "٣"])
def test_non_numeric_id_is_skipped(bad_id):
    record = place(72269)
    record["sportsPlaceId"] = bad_id
    with pytest.raises(SkipRecord) as caught:
        lipas.map_place(record)
    assert caught.value.reason == "The sports place has no numeric id."


def test_numeric_string_id_is_accepted():
    record = place(72269)
    record["sportsPlaceId"] = " 72269 "
    assert lipas.map_place(record).origin_id == "72269"


@pytest.mark.parametrize("name", [None, "", "   ", 5, ["x"], {}])
def test_nameless_place_is_skipped_with_its_id(name):
    record = place(72269)
    record["name"] = name
    with pytest.raises(SkipRecord) as caught:
        lipas.map_place(record)
    assert caught.value.reason == "The sports place has no name."
    assert caught.value.record_id == "72269"


@pytest.mark.parametrize("junk", [None, [], "72269", 72269])
def test_not_an_object_is_skipped(junk):
    with pytest.raises(SkipRecord):
        lipas.map_place(junk)


# --- open use: types, price, permission ------------------------------------------------------------


def as_type(code: int, **changes) -> dict:
    record = place(72269)
    record["type"] = {"typeCode": code, "name": "whatever"}
    record.update(changes)
    return record


def test_skate_park_is_free_open_use():
    record = as_type(1150)
    hobby = lipas.map_open_use(record, lipas.map_place(record))
    assert hobby.category_keys == ["1150"]
    assert hobby.values["summary_fi"] == "Skeittipaikka: avoin käyttö, mene milloin haluat – ei ilmoittautumista."
    assert hobby.values["summary_en"] == "Skate park: open use, go whenever you like – no sign-up."
    assert hobby.values["price_kind"] == "free"
    assert hobby.values["price_text_fi"] == ""


def test_swimming_hall_counts_as_paid_unless_free_use():
    record = as_type(3110)
    assert "freeUse" not in record  # as in the real record: unknown
    values = lipas.map_open_use(record, lipas.map_place(record)).values
    assert values["price_kind"] == "paid" and values["price_amount"] is None
    assert values["price_text_fi"].startswith("Käyttö voi maksaa")
    assert values["summary_sv"] == "Simhall: kom när det passar dig under öppettiderna – ingen anmälan."

    record["freeUse"] = True
    assert lipas.map_open_use(record, lipas.map_place(record)).values["price_kind"] == "free"


def test_free_use_false_makes_an_outdoor_place_paid():
    record = as_type(1130, freeUse=False)
    values = lipas.map_open_use(record, lipas.map_place(record)).values
    assert values["price_kind"] == "paid"
    assert all(values[f"price_text_{lang}"] for lang in ("fi", "sv", "en"))


def test_owner_refusal_for_harrastuspassi_is_respected():
    record = as_type(1150)
    record["properties"]["mayBeShownInHarrastuspassiFi"] = False
    assert lipas.map_open_use(record, lipas.map_place(record)) is None
    record["properties"]["mayBeShownInHarrastuspassiFi"] = True
    assert lipas.map_open_use(record, lipas.map_place(record)) is not None


@pytest.mark.parametrize("code", [301, 203, 7000, 2290, None, "abc", 99999])
def test_other_types_have_no_hobby(code):
    record = as_type(code)
    assert lipas.map_open_use(record, lipas.map_place(record)) is None


def test_type_code_as_string_is_accepted():
    record = as_type("1310")
    assert lipas.map_open_use(record, lipas.map_place(record)).category_keys == ["1310"]


# --- the type table ------------------------------------------------------------------------------


def test_youth_types_are_real_lipas_codes_with_their_names():
    lipas_names = {t["typeCode"]: t["name"] for t in load("sports-place-types.json")}
    assert len(lipas_names) == 149
    for code, key in lipas.YOUTH_TYPES.items():
        assert key == str(code)
        assert lipas.youth_type(code).lipas_name == lipas_names[code]
    must_have = {1130, 1140, 1150, 1160, 1180, 1330, 1340, 1520, 1530, 2370, 3110, 4710}
    assert must_have <= set(lipas.YOUTH_TYPES)


def test_default_category_mappings_point_to_our_categories():
    slugs = category_slugs()
    rows = lipas.default_category_mappings()
    assert [code for code, _, _ in rows] == [str(code) for code in lipas.YOUTH_TYPES]
    assert all(slug in slugs for _, slug, _ in rows)
    by_code = {code: slug for code, slug, _ in rows}
    assert by_code["1150"] == by_code["2250"] == "skateboarding"
    assert by_code["3110"] == by_code["3220"] == "swimming"
    assert by_code["2370"] == by_code["4710"] == "climbing"
    assert by_code["1130"] == "fitness"
    assert by_code["1310"] == "basketball"
    assert dict((c, label) for c, _, label in rows)["1150"].startswith("Skeitti-/rullaluistelupaikka / ")
    assert all(len(label) <= 200 for _, _, label in rows)
    assert 1140 in lipas.CODES_WITHOUT_OWN_CATEGORY and 1150 not in lipas.CODES_WITHOUT_OWN_CATEGORY


def test_every_youth_type_yields_a_valid_hobby():
    for code in lipas.YOUTH_TYPES:
        record = as_type(code)
        venue = lipas.map_place(record)
        hobby = lipas.map_open_use(record, venue)
        assert_hobby_valid(hobby, venue)
        assert hobby.category_keys == [str(code)]


# --- deleted places --------------------------------------------------------------------------------


def test_deleted_ids():
    payload = [
        {"sportsPlaceId": 72269, "deletedAt": "2025-11-02 10:11:12.123"},
        {"sportsPlaceId": "73004", "deletedAt": "2025-11-02 10:11:12.123"},
        {"sportsPlaceId": 72269, "deletedAt": "2025-11-03 08:00:00.000"},
        {"sportsPlaceId": None},
        {"deletedAt": "2025-11-02 10:11:12.123"},
        "junk",
        74035,
    ]
    assert lipas.deleted_ids(payload) == ["72269", "73004", "74035"]
    assert lipas.deleted_ids([]) == []


@pytest.mark.parametrize("payload", [None, {"sportsPlaceId": 1}, "[]", 5])
def test_deleted_ids_refuses_a_broken_payload(payload):
    with pytest.raises(lipas.LipasFormatError):
        lipas.deleted_ids(payload)


# --- Link header paging ------------------------------------------------------------------------------

BASE = "https://api.lipas.fi/v1/sports-places?pageSize=100&page=1&fields=name"
REAL_LINK = (
    '</v1/sports-places/?pageSize=10&page=2>; rel="next", </v1/sports-places/?pageSize=10&page=34>; rel="last", '
    '</v1/sports-places/?pageSize=10&page=1>; rel="first", </v1/sports-places/?pageSize=10&page=1>; rel="prev"'
)


@pytest.mark.parametrize(
    ("header", "base", "expected"),
    [
        (REAL_LINK, BASE, "https://api.lipas.fi/v1/sports-places/?pageSize=10&page=2"),
        (REAL_LINK, None, "/v1/sports-places/?pageSize=10&page=2"),
        # next not first, odd spacing, unquoted, upper case
        ('<https://h/x?page=1>; rel="prev" ,  < /v1/p?page=3 > ;REL = NEXT', BASE, "https://api.lipas.fi/v1/p?page=3"),
        ('<?page=4>; rel="next"', BASE, "https://api.lipas.fi/v1/sports-places?page=4"),
        ("<page/5>; rel=next", "https://x.fi/v1/list/", "https://x.fi/v1/list/page/5"),
        ('<https://other.fi/a?page=2>; rel="next"', BASE, "https://other.fi/a?page=2"),
        ('<https://h/a?page=2>; title="a, b; c"; rel="prev next"', None, "https://h/a?page=2"),
        # last page: no next
        ('</v1/p?page=1>; rel="first", </v1/p?page=1>; rel="prev"', BASE, None),
        ('</v1/p?page=1>; rel="nextish"', BASE, None),
        ('</v1/p?page=1>; rev="next"', BASE, None),
        (None, BASE, None),
        ("", BASE, None),
        ("garbage without brackets", BASE, None),
        ('<javascript:alert(1)>; rel="next"', BASE, None),
        ('<file:///etc/passwd>; rel="next"', None, None),
        ('<>; rel="next"', BASE, None),
    ],
)
def test_next_page_url(header, base, expected):
    assert lipas.next_page_url(header, base) == expected


# --- times -------------------------------------------------------------------------------------------


def test_lipas_times_are_helsinki_local():
    moment = dt.datetime(2025, 6, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    assert lipas.lipas_time(moment) == "2025-06-01 12:30:15.123"  # EEST, UTC+3
    parsed = lipas.parse_lipas_time(place(72269)["lastModified"])
    assert parsed == dt.datetime(2019, 8, 29, 12, 55, 30, 259000, tzinfo=dt.UTC)
    assert lipas.parse_lipas_time("yesterday") is None
    with pytest.raises(ValueError):
        lipas.lipas_time(dt.datetime(2025, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_fields_cover_what_the_mapper_reads():
    assert {"name", "type.typeCode", "location.coordinates.wgs84", "location.geometries", "www", "properties"} <= set(
        lipas.FIELDS
    )


# --- property test: mutated real records ---------------------------------------------------------------

GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=400),
    st.lists(st.one_of(st.integers(), st.floats(), st.text(max_size=5)), max_size=4),
    st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.integers(), st.text(max_size=8)), max_size=3),
)


def paths(value, prefix=()):
    """Every key/index path into a JSON value."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            yield (*prefix, index)
            yield from paths(child, (*prefix, index))


def mutate(record, path, action, garbage):
    *parents, last = path
    node = record
    for step in parents:
        node = node[step]
    if action == "drop":
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and last < len(node):
            node.pop(last)
    elif isinstance(node, dict) or (isinstance(node, list) and last < len(node)):
        node[last] = garbage


@st.composite
def mutated_records(draw):
    records = _load("sports-places-sample.json")
    record = copy.deepcopy(records[draw(st.integers(0, len(records) - 1))])
    if draw(st.booleans()):  # half of them as a youth type, so map_open_use does real work
        record["type"]["typeCode"] = draw(st.sampled_from(sorted(lipas.YOUTH_TYPES)))
    for _ in range(draw(st.integers(1, 6))):
        all_paths = list(paths(record))
        if not all_paths:
            break
        path = draw(st.sampled_from(all_paths))
        mutate(record, path, draw(st.sampled_from(["drop", "garble"])), draw(GARBAGE))
    return record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_mutated_records_never_raise_anything_but_skip(record):
    try:
        venue = lipas.map_place(record)
    except SkipRecord as skip:
        assert skip.reason
        return
    assert_venue_valid(venue)
    try:
        hobby = lipas.map_open_use(record, venue)
    except SkipRecord as skip:
        assert skip.reason
        return
    if hobby is not None:
        assert_hobby_valid(hobby, venue)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.none()), st.one_of(st.none(), st.just(BASE), st.text(max_size=40)))
def test_link_parser_never_raises(header, base):
    result = lipas.next_page_url(header, base)
    assert result is None or isinstance(result, str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(GARBAGE, st.fixed_dictionaries({"sportsPlaceId": GARBAGE})), max_size=8))
def test_deleted_ids_never_raise_on_a_list(payload):
    ids = lipas.deleted_ids(payload)
    assert all(i.isdigit() and int(i) > 0 for i in ids)
    assert len(ids) == len(set(ids))


# --- the values fit the models (field validation only: no database) ----------------------------------


def test_values_pass_model_field_validation():
    from backend.hobbies.models import Hobby, Venue

    records = [*sample(), *(as_type(code) for code in lipas.YOUTH_TYPES), as_type(3110), as_type(1130, freeUse=False)]
    hobbies = 0
    for record in records:
        venue_record = lipas.map_place(record)
        Venue(data_source="lipas", origin_id=venue_record.origin_id, **venue_record.values).clean_fields(
            exclude=["municipality", "organization"]
        )
        hobby_record = lipas.map_open_use(record, venue_record)
        if hobby_record is None:
            continue
        hobby = Hobby(data_source="lipas", origin_id=hobby_record.origin_id, **hobby_record.values)
        hobby.clean_fields(exclude=["organization", "municipality", "venue", "image"])
        hobby.clean()
        hobbies += 1
    assert hobbies == len(lipas.YOUTH_TYPES) + 3
