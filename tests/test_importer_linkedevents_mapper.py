"""The Linked Events mapper on the real recorded records in ../shared/data/linkedevents, and on broken variants."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.hobbies.models import Hobby, Venue
from importers.linkedevents import (
    AGES_WHEN_UNSTATED,
    cut,
    event_publisher,
    html_to_text,
    is_cancelled,
    is_sub_event,
    map_ages,
    map_event,
    map_offers,
    map_place,
    map_sub_events,
    parse_price_amount,
    parse_price_unit,
    parse_time,
    place_municipality,
    registration_url,
)
from importers.records import HobbyRecord, SessionRecord, SkipRecord, VenueRecord


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Reasons are asserted in English, the source language (the default interface language is Finnish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "linkedevents"
SOURCE = "linkedevents"
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC


def load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def events_in(document) -> list[dict]:
    items = document["data"] if isinstance(document, dict) and isinstance(document.get("data"), list) else [document]
    return [
        item
        for item in items
        if isinstance(item, dict) and ("start_time" in item or str(item.get("@type", "")).startswith("Event"))
    ]


def places_in(value) -> list[dict]:
    """Every place object anywhere in a document: listed ones and locations inlined in events."""
    found = []
    if isinstance(value, dict):
        if value.get("@type") == "Place":
            found.append(value)
        for child in value.values():
            found.extend(places_in(child))
    elif isinstance(value, list):
        for child in value:
            found.extend(places_in(child))
    return found


def all_events() -> list[tuple[str, dict]]:
    return [(path.name, event) for path in sorted(DATA.glob("*.json")) for event in events_in(load(path.name))]


def all_places() -> list[tuple[str, dict]]:
    return [(path.name, place) for path in sorted(DATA.glob("*.json")) for place in places_in(load(path.name))]


def amos_rex(**changes) -> dict:
    """The real paid, postponed Amos Rex event (events_data.json), given a start time so that it maps."""
    event = copy.deepcopy(load("events_data.json")["data"][1])
    event.update({"event_status": "EventScheduled", "start_time": "2020-06-10T08:00:00Z", "end_time": None})
    event.update(changes)
    return event


def course(**changes) -> dict:
    event = copy.deepcopy(load("linkedcourses_event.json"))
    event.update(changes)
    return event


# --- every real record goes through the mappers ---------------------------------------------------------------------


def test_the_data_folder_holds_the_expected_records():
    files_with_events = {name for name, _ in all_events()}
    assert files_with_events == {
        "draft_event_data.json",
        "event_data.json",
        "event_data_with_locations_and_keywords.json",
        "events_data.json",
        "linkedcourses_event.json",
    }
    assert len(all_events()) == 6
    assert len(all_places()) >= 5  # place_data, places_data (2), and two inlined locations


@pytest.mark.parametrize(("filename", "event"), all_events(), ids=lambda v: v if isinstance(v, str) else v.get("id"))
def test_every_real_event_maps_or_is_skipped_with_a_reason(filename, event):
    try:
        record = map_event(copy.deepcopy(event), source=SOURCE, places={})
    except SkipRecord as skip:
        assert skip.reason.strip()
        assert skip.record_id == event["id"]
        return
    assert isinstance(record, HobbyRecord)
    assert record.origin_id == event["id"]
    assert_hobby_invariants(record)


def test_which_real_events_map_and_why_the_others_are_skipped():
    outcomes = {}
    for filename, event in all_events():
        try:
            outcomes[(filename, event["id"])] = map_event(event, source=SOURCE).origin_id
        except SkipRecord as skip:
            outcomes[(filename, event["id"])] = skip.reason
    assert outcomes == {
        ("draft_event_data.json", "helsinki:afxp6tv4xa"): "The event is a draft, not published.",
        ("event_data.json", "helsinki:afxp6tv4xa"): "The event is postponed and has no new start time yet.",
        ("event_data_with_locations_and_keywords.json", "helsinki:afxp6tv4xa"): (
            "The event is postponed and has no new start time yet."
        ),
        ("events_data.json", "helsinki:afy6ikna3u"): "helsinki:afy6ikna3u",
        ("events_data.json", "helsinki:afxp6tv4xa"): "The event is postponed and has no new start time yet.",
        ("linkedcourses_event.json", "harrastushaku:13248"): "harrastushaku:13248",
    }


@pytest.mark.parametrize(("filename", "place"), all_places(), ids=lambda v: v if isinstance(v, str) else v.get("id"))
def test_every_real_place_maps_with_lon_lat_in_the_right_order(filename, place):
    record = map_place(place, source=SOURCE)
    assert record.origin_id == place["id"]
    assert record.deleted is False
    lon, lat = place["position"]["coordinates"]
    assert (record.values["latitude"], record.values["longitude"]) == (lat, lon)
    assert 59 < record.values["latitude"] < 61 and 24 < record.values["longitude"] < 26  # Helsinki region
    for lang in ("fi", "sv", "en"):
        assert record.values[f"name_{lang}"] == place["name"][lang]
    assert_venue_invariants(record)


# --- places field by field ------------------------------------------------------------------------------------------


def test_sello_library_field_by_field():
    place = load("place_data.json")
    record = map_place(place, source=SOURCE)
    assert record == VenueRecord(
        origin_id="tprek:15417",
        values={
            "name_fi": "Sellon kirjasto",
            "name_sv": "Sellobiblioteket",
            "name_en": "Sello Library",
            "street_address_fi": "Leppävaarankatu 9",
            "street_address_sv": "Albergagatan 9",
            "street_address_en": "Leppävaarankatu 9",
            "postal_code": "02600",
            "city": "Espoo",
            "latitude": 60.21748,
            "longitude": 24.80992,
            "municipality_code": "espoo",
        },
        deleted=False,
    )
    assert place_municipality(place) == "espoo"


def test_listed_places_keep_their_own_addresses():
    records = {p["id"]: map_place(p, source=SOURCE) for p in load("places_data.json")["data"]}
    entresse = records["tprek:15321"].values
    assert entresse["street_address_sv"] == "Brogatan 11"
    assert entresse["postal_code"] == "02770"
    assert (entresse["latitude"], entresse["longitude"]) == (60.203636, 24.657864)


def test_broken_coordinates_are_left_out_but_the_place_is_kept():
    for position in (
        {"type": "Point", "coordinates": [24.9, 160.2]},  # latitude out of range
        {"type": "Point", "coordinates": [240.9, 60.2]},
        {"type": "Point", "coordinates": ["24.9", "60.2"]},
        {"type": "Point", "coordinates": [24.9]},
        {"type": "Point", "coordinates": [float("nan"), 60.2]},
        {"type": "Point", "coordinates": [0, 0]},
        {"type": "Point"},
        "POINT(24.9 60.2)",
    ):
        place = load("place_data.json") | {"position": position}
        record = map_place(place, source=SOURCE)
        assert "latitude" not in record.values and "longitude" not in record.values, position
        assert record.values["name_fi"] == "Sellon kirjasto"


def test_a_place_without_position_clears_the_coordinates():
    record = map_place(load("place_data.json") | {"position": None}, source=SOURCE)
    assert record.values["latitude"] is None and record.values["longitude"] is None


@pytest.mark.parametrize(("postal", "expected"), [("00100", "00100"), ("02 600", "02600"), (None, ""), ("", "")])
def test_postal_codes(postal, expected):
    assert map_place(load("place_data.json") | {"postal_code": postal}, source=SOURCE).values["postal_code"] == expected


@pytest.mark.parametrize("postal", ["FI-00100", "1234", "001000", 100])
def test_an_invalid_postal_code_is_left_out(postal):
    assert "postal_code" not in map_place(load("place_data.json") | {"postal_code": postal}, source=SOURCE).values


def test_places_without_a_usable_name_are_skipped():
    for name in (None, {}, {"fi": "  "}, {"ru": "Библиотека"}):
        with pytest.raises(SkipRecord) as info:
            map_place(load("place_data.json") | {"name": name}, source=SOURCE)
        assert info.value.record_id == "tprek:15417"
    with pytest.raises(SkipRecord):
        map_place({"name": {"fi": "Ei tunnistetta"}}, source=SOURCE)


def test_a_deleted_place_is_marked_deleted_without_touching_its_values():
    record = map_place({"id": "tprek:1", "name": {"fi": "POISTETTU"}, "deleted": True}, source=SOURCE)
    assert record == VenueRecord(origin_id="tprek:1", values={}, deleted=True)


def test_a_swedish_only_place_and_language_variants():
    place = load("place_data.json") | {"name": {"sv-FI": "Sellobiblioteket"}, "address_locality": {"SE": "Esbo"}}
    values = map_place(place, source=SOURCE).values
    assert (values["name_fi"], values["name_sv"], values["name_en"]) == ("", "Sellobiblioteket", "")
    assert values["city"] == "Esbo"


def test_long_place_names_are_cut_to_the_column():
    limit = Venue._meta.get_field("name_fi").max_length
    values = map_place(load("place_data.json") | {"name": {"fi": "Kirjasto " * 60}}, source=SOURCE).values
    assert len(values["name_fi"]) <= limit
    assert values["name_fi"].startswith("Kirjasto Kirjasto") and values["name_fi"].endswith("Kirjasto…")


# --- events field by field ------------------------------------------------------------------------------------------


def test_free_online_event_field_by_field():
    record = map_event(load("events_data.json")["data"][0], source=SOURCE)
    v = record.values
    assert record.origin_id == "helsinki:afy6ikna3u"
    assert v["title_fi"] == "Uutta Koillis-Helsinkiä verkkotilaisuus"
    assert v["title_sv"] == v["title_en"] == ""
    assert v["summary_fi"].startswith("Tule kuulemaan ja keskustelemaan verkkoon")
    # paragraphs become blank lines, <br> a line break, and no markup is left
    paragraphs = v["description_fi"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].splitlines()[:2] == [
        "Esittelyssä mukana olevat hankkeet:",
        "Asemakaavoitus ja muu maankäytön suunnittelu / Ota kantaa juuri nyt",
    ]
    assert "<" not in v["description_fi"] and ">" not in v["description_fi"]
    assert (v["price_kind"], v["price_amount"], v["price_unit"]) == ("free", None, "")
    assert v["price_text_fi"] == ""
    assert record.category_keys == [
        "yso:p15875",
        "yso:p13980",
        "yso:p14004",
        "yso:p8270",
        "yso:p15882",
        "yso:p26626",
        "yso:p8268",
    ]
    assert record.venue_origin_id == "helsinki:internet"
    assert record.organization_name is None
    assert event_publisher(load("events_data.json")["data"][0]) == "ahjo:u541000"
    assert v["image_url"] == "https://api.hel.fi/linkedevents/media/images/UKH2020_fb__tapahtuma_1920_x10802.jpg"
    assert v["image_alt_fi"] == "Ideakuva tulevaisuuden Malmin keskustan katunäkymästä"  # a plain string: the title's
    assert (v["image_credit"], v["image_license"]) == ("", "event_only")
    assert (v["age_min"], v["age_max"]) == AGES_WHEN_UNSTATED == (0, 99)
    assert v["instruction_languages"] == ",fi,"
    assert v["registration_url"].startswith("https://www.hel.fi/Helsinki/fi/asuminen-ja-ymparisto/")
    assert (v["enrolment_start"], v["enrolment_end"]) == (None, None)
    assert v["extra_translations"] == {}
    assert record.sessions == [
        SessionRecord(
            origin_id="helsinki:afy6ikna3u",
            start=dt.datetime(2020, 6, 1, 13, 45, tzinfo=UTC),
            end=dt.datetime(2020, 6, 1, 16, 0, tzinfo=UTC),
            cancelled=False,
        )
    ]
    assert record.deleted is False


def test_paid_event_in_three_languages_field_by_field():
    record = map_event(amos_rex(), source=SOURCE)
    v = record.values
    for lang in ("fi", "sv", "en"):
        assert v[f"title_{lang}"] == "Raija Malka & Kaija Saariaho: Blick"
        assert v[f"price_text_{lang}"] == "5-15€"  # the empty offer descriptions add nothing
    assert v["summary_sv"].startswith("Bildkonstnären Raija Malka")
    assert v["summary_en"].endswith("next summer.")  # trailing space trimmed
    assert v["description_sv"].split("\n\n")[-1] == "Inträde 5-15€, under 18 år fritt inträde"
    assert "må, fre kl 11-18\nons, to kl 11-20" in v["description_sv"]
    assert (v["price_kind"], v["price_amount"], v["price_unit"]) == ("paid", None, "")  # a range: no amount
    assert record.category_keys == ["helfi:12", "yso:p5121", "yso:p6889", "yso:p1808"]
    assert record.venue_origin_id == "tprek:55959"
    assert record.organization_name == "Amos Rex"
    assert v["image_credit"] == "Amos Rex (c) Sara Magno"
    assert v["image_license"] == "event_only"
    assert v["image_alt_fi"] == v["image_alt_sv"] == v["image_alt_en"] == ""
    assert v["registration_url"] == "http://www.amosrex.fi"  # the offer's link
    assert v["instruction_languages"] == ""
    assert record.sessions[0].start == dt.datetime(2020, 6, 10, 8, 0, tzinfo=UTC)
    assert record.sessions[0].end is None


def test_an_unambiguous_price_gives_an_amount_and_unit():
    offer = {"is_free": False, "price": {"fi": "40 € / lukukausi", "sv": "40 € / termin", "en": "€40 per term"}}
    v = map_event(amos_rex(offers=[offer]), source=SOURCE).values
    assert (v["price_kind"], v["price_amount"], v["price_unit"]) == ("paid", Decimal("40.00"), "term")
    assert v["price_text_sv"] == "40 € / termin"


def test_an_amount_without_a_stated_unit_is_left_to_the_price_text():
    offer = {"is_free": False, "price": {"fi": "15 €", "en": "€15"}}
    v = map_event(amos_rex(offers=[offer]), source=SOURCE).values
    assert (v["price_kind"], v["price_amount"], v["price_unit"]) == ("paid", None, "")
    assert (v["price_text_fi"], v["price_text_en"]) == ("15 €", "€15")


def test_the_unit_may_come_from_the_offer_description():
    offer = {
        "is_free": False,
        "price": {"fi": "25 €"},
        "description": {"fi": "<p>Maksu peritään kuukausittain /kk</p>"},
    }
    v = map_event(amos_rex(offers=[offer]), source=SOURCE).values
    assert (v["price_amount"], v["price_unit"]) == (Decimal("25.00"), "month")
    assert v["price_text_fi"] == "25 €; Maksu peritään kuukausittain /kk"


def test_languages_that_disagree_on_the_amount_give_none():
    offer = {"is_free": False, "price": {"fi": "40 €", "en": "45 €"}}
    assert map_event(amos_rex(offers=[offer]), source=SOURCE).values["price_amount"] is None


def test_two_paid_offers_keep_both_texts_and_no_amount():
    offers = [
        {"is_free": False, "price": {"fi": "10 €/kerta"}, "description": {"fi": "<p>Kertamaksu</p>"}},
        {"is_free": False, "price": {"fi": "80 €/kausi"}},
    ]
    values, texts = map_offers(offers)
    assert values == {"price_kind": "paid", "price_amount": None, "price_unit": ""}
    assert texts == {"fi": "10 €/kerta; Kertamaksu; 80 €/kausi"}


def test_free_offers_and_no_offers():
    assert map_offers([{"is_free": True, "price": None}])[0]["price_kind"] == "free"
    free_with_note = map_offers([{"is_free": True, "description": {"fi": "Vaatii ilmoittautumisen"}}])
    assert free_with_note == (
        {"price_kind": "free", "price_amount": None, "price_unit": ""},
        {"fi": "Vaatii ilmoittautumisen"},
    )
    assert map_offers([]) == ({}, {})
    assert map_offers(None) == ({}, {})
    # the Linked Courses record has no offers: the price is left to the model and to people
    values = map_event(course(), source=SOURCE).values
    assert not {"price_kind", "price_amount", "price_unit", "price_text_fi"} & set(values)


def test_linked_courses_event_field_by_field():
    record = map_event(course(), source=SOURCE)
    v = record.values
    assert v["title_fi"] == "Lauantai työnjako 22.8."
    # the extra spaces inside the description are gone; the text is one paragraph
    assert v["description_fi"].startswith("Työnjaossa pääset siivoamaan karsinoita ja tekemään muita navettatöitä")
    assert "  " not in v["description_fi"] and "\n" not in v["description_fi"]
    assert (v["age_min"], v["age_max"]) == (12, 17)
    assert record.category_keys == ["yso:p23125"]  # audience keywords are not categories
    assert record.venue_origin_id == "tprek:8020"  # a linkedcourses place URL
    assert v["image_url"] == "https://www.harrastushaku.fi/images/activityimages/6135_0232.JPG"
    assert (v["image_license"], v["image_credit"]) == ("cc_by", "")
    # bare dates: the whole day in Helsinki
    (session,) = record.sessions
    assert session.start == dt.datetime(2020, 8, 22, tzinfo=HELSINKI)
    assert session.end == dt.datetime(2020, 8, 23, tzinfo=HELSINKI)
    assert session.cancelled is False  # EventRescheduled is still happening
    assert session.start.utcoffset() == dt.timedelta(0)


def test_enrolment_times_from_the_course_extension_and_from_the_event():
    extension = {"enrolment_start_time": "2020-08-01T06:00:00Z", "enrolment_end_time": "2020-08-20"}
    v = map_event(course(extension_course=extension), source=SOURCE).values
    assert v["enrolment_start"] == dt.datetime(2020, 8, 1, 6, 0, tzinfo=UTC)
    assert v["enrolment_end"] == dt.datetime(2020, 8, 21, tzinfo=HELSINKI)  # through the 20th
    v = map_event(
        course(enrolment_start_time="2020-08-01T09:00:00+03:00", enrolment_end_time="2020-08-10T12:00:00.123456+03:00"),
        source=SOURCE,
    ).values
    assert v["enrolment_start"] == dt.datetime(2020, 8, 1, 6, 0, tzinfo=UTC)
    assert v["enrolment_end"] == dt.datetime(2020, 8, 10, 9, 0, 0, 123456, tzinfo=UTC)
    backwards = course(enrolment_start_time="2020-08-10T09:00:00Z", enrolment_end_time="2020-08-01T09:00:00Z")
    v = map_event(backwards, source=SOURCE).values
    assert v["enrolment_start"] == dt.datetime(2020, 8, 10, 9, 0, tzinfo=UTC) and v["enrolment_end"] is None


def test_inlined_location_and_keywords_are_read_and_the_place_collected():
    event = load("event_data_with_locations_and_keywords.json") | {"start_time": "2020-06-10T08:00:00Z"}
    places: dict[str, VenueRecord] = {}
    record = map_event(event, source=SOURCE, places=places)
    assert record.venue_origin_id == "tprek:45317"
    assert record.category_keys == ["helmet:1", "helmet:10592", "helmet:10689", "helmet:11193", "yso:p8113"]
    venue = places["tprek:45317"]
    assert (venue.values["latitude"], venue.values["longitude"]) == (60.159977, 24.920868)
    assert venue.values["name_sv"] == "Busholmens bibliotek och infocenter"
    assert venue.values["postal_code"] == "00220"


def test_other_languages_go_to_extra_translations():
    event = amos_rex(
        name={"fi": "Blick", "sv-FI": "Blick på svenska", "ru": "Взгляд", "zh_hans": "目光", "ar": ""},
        short_description={"fi": "Näyttely", "RU": "Выставка"},
        images=[{"url": "https://example.org/a.jpg", "alt_text": {"fi": "Kuva", "ru": "Фото"}}],
    )
    v = map_event(event, source=SOURCE).values
    assert (v["title_fi"], v["title_sv"], v["title_en"]) == ("Blick", "Blick på svenska", "")
    assert v["extra_translations"] == {
        "title": {"ru": "Взгляд", "zh": "目光"},
        "summary": {"ru": "Выставка"},
        "image_alt": {"ru": "Фото"},
    }
    assert v["image_alt_fi"] == "Kuva"


def test_texts_are_cut_to_the_model_columns():
    limit = Hobby._meta.get_field("title_fi").max_length
    long_title = "Sählyä ja säbää " * 30
    v = map_event(amos_rex(name={"fi": long_title, "ru": long_title}), source=SOURCE).values
    assert len(v["title_fi"]) <= limit and v["title_fi"].endswith("…")
    assert len(v["extra_translations"]["title"]["ru"]) <= limit
    assert v["title_fi"].startswith("Sählyä ja säbää Sählyä")
    assert cut("abc", 3) == "abc" and cut("abcdef", 4) == "abc…"


def test_titles_and_names_lose_markup_and_entities():
    v = map_event(amos_rex(name={"fi": "Tom &amp; Jerry <b>live</b>"}), source=SOURCE).values
    assert v["title_fi"] == "Tom & Jerry live"


def test_a_cancelled_event_keeps_its_hobby_with_the_session_cancelled():
    record = map_event(amos_rex(event_status="EventCancelled"), source=SOURCE)
    assert record.deleted is False
    assert [s.cancelled for s in record.sessions] == [True]


def test_a_deleted_event_is_marked_deleted_without_its_placeholder_texts():
    shrunk = {
        "id": "helsinki:abc",
        "name": {"fi": "POISTETTU", "sv": "RADERAD", "en": "DELETED"},
        "last_modified_time": "2025-01-01T10:00:00Z",
        "deleted": True,
        "replaced_by": None,
    }
    assert map_event(shrunk, source=SOURCE) == HobbyRecord(origin_id="helsinki:abc", values={}, deleted=True)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"start_time": None}, "The event has no readable start time."),
        ({"start_time": "next tuesday"}, "The event has no readable start time."),
        ({"start_time": "2020-02-30"}, "The event has no readable start time."),
        ({"name": {"ru": "Только по-русски"}}, "The event has no title in Finnish, Swedish or English."),
        ({"name": None}, "The event has no title in Finnish, Swedish or English."),
        ({"id": None}, "The event has no id."),
        ({"publication_status": "draft"}, "The event is a draft, not published."),
    ],
)
def test_unusable_events_are_skipped_with_a_reason(changes, reason):
    with pytest.raises(SkipRecord) as info:
        map_event(amos_rex(**changes), source=SOURCE)
    assert info.value.reason == reason


def test_an_end_before_the_start_is_dropped():
    record = map_event(amos_rex(start_time="2020-06-10T10:00:00Z", end_time="2020-06-10T09:00:00Z"), source=SOURCE)
    assert record.sessions[0].end is None
    record = map_event(amos_rex(start_time="2020-06-10T10:00:00Z", end_time="2020-06-10T10:00:00Z"), source=SOURCE)
    assert record.sessions[0].end is None


def test_times_with_offsets_z_and_without_a_zone():
    assert parse_time("2025-09-02T14:00:00Z") == dt.datetime(2025, 9, 2, 14, 0, tzinfo=UTC)
    assert parse_time("2025-09-02T17:00:00+03:00") == dt.datetime(2025, 9, 2, 14, 0, tzinfo=UTC)
    assert parse_time("2025-09-02T17:00:00") == dt.datetime(2025, 9, 2, 17, 0, tzinfo=HELSINKI)  # local time
    assert parse_time("2025-12-14") == dt.datetime(2025, 12, 14, tzinfo=HELSINKI)
    assert parse_time("2025-12-14", end=True) == dt.datetime(2025, 12, 15, tzinfo=HELSINKI)
    assert parse_time("9999-12-31", end=True) is None
    for broken in (None, "", 1590000000, "2025-13-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "yesterday"):
        assert parse_time(broken) is None


def test_registration_links():
    event = amos_rex(offers=[{"is_free": True}], info_url={"fi": "https://tapahtuma.example/info"})
    assert registration_url(event) == "https://tapahtuma.example/info"
    event["external_links"] = [
        {"name": "extlink_facebook", "link": "https://facebook.com/x", "language": "fi"},
        {"name": "registration", "link": "https://ilmo.example/kurssi", "language": "fi"},
    ]
    assert registration_url(event) == "https://ilmo.example/kurssi"
    event["offers"] = [{"is_free": False, "info_url": {"fi": "javascript:alert(1)", "sv": "https://biljett.example/"}}]
    assert registration_url(event) == "https://biljett.example/"
    event = amos_rex(offers=[], external_links=[], info_url={"fi": "www.helmet.fi/jätkäsaari"})
    assert registration_url(event) == ""  # not an http(s) address
    event["registration"] = {"@id": "https://api.hel.fi/linkedevents/v1/registration/12/"}
    assert registration_url(event) == ""


def test_provider_name_falls_back_to_any_language():
    assert map_event(amos_rex(provider={"sv": "Amos Rex Ab"}), source=SOURCE).organization_name == "Amos Rex Ab"
    assert map_event(amos_rex(provider={"ru": "Амос Рекс"}), source=SOURCE).organization_name == "Амос Рекс"
    assert map_event(amos_rex(provider=None), source=SOURCE).organization_name is None


@pytest.mark.parametrize(
    ("minimum", "maximum", "expected"),
    [
        (12, 17, (12, 17)),
        (None, None, AGES_WHEN_UNSTATED),
        (13, None, (13, 99)),
        (None, 15, (0, 15)),
        (17, 12, (12, 17)),
        (-3, 150, (0, 99)),
        ("14", "18", (14, 18)),
        (True, "x", AGES_WHEN_UNSTATED),
        (12.0, 15.5, (12, 99)),
        (float("nan"), None, AGES_WHEN_UNSTATED),
    ],
)
def test_ages(minimum, maximum, expected):
    assert map_ages(minimum, maximum) == expected


def test_html_to_text_keeps_paragraphs_lines_and_lists():
    html = (
        "<h2>Otsikko</h2><p>Eka  rivi<br/>toka\n rivi</p><ul><li>yksi</li><li>kaksi</li></ul>"
        "<script>alert(1)</script><p>a &amp; b&nbsp;c <span style='x'>d</span></p>"
    )
    assert html_to_text(html) == "Otsikko\n\nEka rivi\ntoka rivi\n\nyksi\nkaksi\n\na & b c d"
    assert html_to_text("plain text\n\nstays") == "plain text stays"
    assert html_to_text("<p>broken <b>nesting</p> <![if x]> rest").startswith("broken nesting")
    assert html_to_text("") == ""


# --- recurring super events -----------------------------------------------------------------------------------------


def _series():
    base = course(id="harrastushaku:sarja", super_event_type="recurring", start_time="2020-09-01", end_time=None)
    pointer = {"@id": "https://api.hel.fi/linkedcourses/v1/event/harrastushaku:sarja/"}
    subs = []
    for n, day in enumerate(["2020-09-15", "2020-09-01", "2020-09-08", "2020-09-22"], start=1):
        sub = course(
            id=f"harrastushaku:sarja-{n}",
            super_event=pointer,
            start_time=f"{day}T14:00:00Z",
            end_time=f"{day}T15:30:00Z",
        )
        subs.append(sub)
    subs[2]["event_status"] = "EventCancelled"
    subs[3]["deleted"] = True
    subs.append(course(id="harrastushaku:muu", super_event={"@id": ".../v1/event/harrastushaku:other/"}))
    subs.append(course(id="harrastushaku:ei-aikaa", super_event=pointer, start_time=None))
    return base, subs


def test_a_recurring_series_is_one_hobby_with_a_session_per_sub_event():
    base, subs = _series()
    super_record = map_event(base, source=SOURCE)
    assert super_record.sessions == []  # the series' own span is not a session
    combined = map_sub_events(super_record, subs)
    assert super_record.sessions == []  # not changed in place
    assert [(s.origin_id, s.start.day, s.cancelled) for s in combined.sessions] == [
        ("harrastushaku:sarja-2", 1, False),
        ("harrastushaku:sarja-3", 8, True),
        ("harrastushaku:sarja-1", 15, False),
    ]
    assert combined.sessions[0].end - combined.sessions[0].start == dt.timedelta(minutes=90)
    assert combined.values == super_record.values and combined.category_keys == super_record.category_keys
    cancelled = map_sub_events(super_record, subs, series_cancelled=is_cancelled({"event_status": "EventCancelled"}))
    assert all(s.cancelled for s in cancelled.sessions)


def test_a_recurring_super_event_needs_no_start_of_its_own():
    base, _ = _series()
    assert map_event(base | {"start_time": None}, source=SOURCE).sessions == []


def test_is_sub_event():
    _, subs = _series()
    assert is_sub_event(subs[0]) == "harrastushaku:sarja"
    assert is_sub_event(subs[0], recurring_ids={"harrastushaku:sarja"}) == "harrastushaku:sarja"
    assert is_sub_event(subs[0], recurring_ids=set()) is None  # an umbrella's child is a hobby of its own
    assert is_sub_event(course()) is None
    inline_umbrella = course(super_event={"id": "helsinki:festari", "super_event_type": "umbrella"})
    assert is_sub_event(inline_umbrella) is None
    inline_series = course(super_event={"id": "helsinki:sarja", "super_event_type": "recurring"})
    assert is_sub_event(inline_series) == "helsinki:sarja"
    assert is_sub_event({"id": "x", "super_event": {"@id": "https://api.hel.fi/linkedevents/v1/event/x/"}}) is None


# --- the price parser -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("15 €", "15.00", ""),
        ("15€", "15.00", ""),
        ("15,50 e", "15.50", ""),
        ("15.50 EUR", "15.50", ""),
        ("10 euroa", "10.00", ""),
        ("10 euro", "10.00", ""),
        ("€12", "12.00", ""),
        ("EUR 12,5", "12.50", ""),
        ("15", "15.00", ""),
        ("15,-", "15.00", ""),
        ("1 200 €", "1200.00", ""),
        ("Hinta 25 €", "25.00", ""),
        ("25 €/kk", "25.00", "month"),
        ("25 € / kk", "25.00", "month"),
        ("25 euroa kuukaudessa", "25.00", "month"),
        ("Kuukausimaksu 25 €", "25.00", "month"),
        ("25 € / kuukausi", "25.00", "month"),
        ("Kausimaksu 90 €", "90.00", "term"),
        ("90 € syyskaudelta", "90.00", "term"),
        ("40 € per kausi", "40.00", "term"),
        ("40 € / lukukausi", "40.00", "term"),
        ("Lukukausimaksu 60 €", "60.00", "term"),
        ("5 € per kerta", "5.00", "once"),
        ("5 €/kerta", "5.00", "once"),
        ("Kertamaksu 5 €", "5.00", "once"),
        ("120 €/vuosi", "120.00", "year"),
        ("Kurssimaksu 35 €", "35.00", "course"),
        ("30 € per månad", "30.00", "month"),
        ("50 € per termin", "50.00", "term"),
        ("5 € per gång", "5.00", "once"),
        ("€30 per month", "30.00", "month"),
        ("€50 per term", "50.00", "term"),
        ("€5 per session", "5.00", "once"),
        ("Inträde 8 €", "8.00", ""),
        ("Admission €8", "8.00", ""),
        ("0 €", "0.00", ""),
    ],
)
def test_price_with_one_amount(text, amount, unit):
    assert parse_price_amount(text) == Decimal(amount)
    assert parse_price_unit(text) == unit


@pytest.mark.parametrize(
    "text",
    [
        "5-15€",
        "5–15 €",
        "15-20 euroa",
        "10 €/kerta, 80 €/kausi",
        "10 €/kerta tai 80 €/kausi",
        "alle 18-vuotiaille vapaa, muut 5 €",
        "Inträde 5-15€, under 18 år fritt inträde",
        "Admission fee 5-15€, under 18 yrs free entry",
        "Maksu 40 € 1.9. mennessä",
        "1.200 €",
        "2 kertaa viikossa",
        "Ilmainen",
        "Gratis",
        "Free",
        "Vapaa pääsy",
        "Hinta ilmoitetaan myöhemmin",
        "Klo 17",
        "Ryhmä 12 hlöä",
        "",
        "€",
        "15 € + 5 € materiaalimaksu",
        "Kausimaksu 120 € (2 krt/vko)",
        "1000000 €",
        "12,345 €",
    ],
)
def test_price_without_an_unambiguous_amount(text):
    assert parse_price_amount(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("", ""),
        ("Ilmainen", ""),
        ("2 kertaa viikossa", ""),  # "twice a week" is not "per time"
        ("10 €/kerta, 80 €/kausi", ""),  # two units
        ("/kk", "month"),
        ("syyskausi", "term"),
        ("per kerta", "once"),
    ],
)
def test_price_units(text, unit):
    assert parse_price_unit(text) == unit


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_the_price_parser_never_fails(text):
    amount = parse_price_amount(text)
    assert amount is None or (Decimal(0) <= amount <= Decimal("999999.99") and amount.as_tuple().exponent == -2)
    assert parse_price_unit(text) in {"", "once", "month", "term", "year", "course"}


# --- broken records never crash the mapper --------------------------------------------------------------------------


def assert_hobby_invariants(record: HobbyRecord) -> None:
    assert isinstance(record.origin_id, str) and 0 < len(record.origin_id) <= 200
    v = record.values
    for key, value in v.items():
        field = Hobby._meta.get_field(key)
        limit = getattr(field, "max_length", None)
        if isinstance(value, str) and limit:
            assert len(value) <= limit, key
    if record.deleted:
        assert v == {}
        return
    assert any(v[f"title_{lang}"] for lang in ("fi", "sv", "en"))
    assert 0 <= v["age_min"] <= v["age_max"] <= 99
    if "price_kind" in v:
        assert v["price_kind"] in {"free", "paid"}
        if v["price_kind"] == "free":
            assert v["price_amount"] is None and v["price_unit"] == ""
        if v["price_amount"] is not None:
            assert Decimal(0) <= v["price_amount"] <= Decimal("999999.99")
            assert v["price_unit"] in {"once", "month", "term", "year", "course"}
        else:
            assert v["price_unit"] == ""
    for key in ("image_url", "registration_url"):
        assert v[key] == "" or v[key].startswith(("http://", "https://"))
    if v["enrolment_start"] and v["enrolment_end"]:
        assert v["enrolment_end"] > v["enrolment_start"]
    for texts in v["extra_translations"].values():
        assert all(isinstance(t, str) and t and lang not in {"fi", "sv", "en"} for lang, t in texts.items())
    for key in record.category_keys:
        assert isinstance(key, str) and 0 < len(key) <= 100
    assert record.venue_origin_id is None or isinstance(record.venue_origin_id, str)
    for session in record.sessions:
        assert session.start.utcoffset() is not None
        assert session.end is None or session.end > session.start


def assert_venue_invariants(record: VenueRecord) -> None:
    v = record.values
    for key, value in v.items():
        if key == "municipality_code":
            assert isinstance(value, str) and value
            continue
        limit = getattr(Venue._meta.get_field(key), "max_length", None)
        if isinstance(value, str) and limit:
            assert len(value) <= limit, key
    assert ("latitude" in v) == ("longitude" in v)
    if v.get("latitude") is not None:
        assert -90 <= v["latitude"] <= 90 and -180 <= v["longitude"] <= 180
    assert (v.get("latitude") is None) == (v.get("longitude") is None)
    if "postal_code" in v:
        assert v["postal_code"] == "" or (len(v["postal_code"]) == 5 and v["postal_code"].isdigit())


PROPERTY_SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

garbage = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        st.text(min_size=300, max_size=400),
        st.sampled_from(
            [
                "",
                "2020-13-45",
                "9999-12-31",
                "0001-01-01T00:00:00+14:00",
                "2020-06-01T13:45:00Z",
                "2020-06-01",
                "javascript:alert(1)",
                "https://example.org/x.jpg",
                "<p>Hei<br>maailma</p><![if x]>",
                "5-15 €",
                "15 €/kk",
                "recurring",
                "EventCancelled",
                "draft",
                "tprek:8740",
                "https://api.hel.fi/linkedevents/v1/place/tprek:8740/",
            ]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(["fi", "sv", "en", "ru", "zh_hans", "SE", "@id", "id", "x", ""]), children),
    ),
    max_leaves=8,
)


def _paths(value, prefix=()):
    """Every key path inside a JSON value, so a mutation can reach nested offers, images and positions."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated(draw, bases: list[dict]):
    record = copy.deepcopy(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        paths = [p for p in _paths(record) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = record
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        else:
            parent[path[-1]] = draw(garbage)
    return record


def _base_events() -> list[dict]:
    return [event for _, event in all_events()] + [
        amos_rex(),
        amos_rex(offers=[{"is_free": False, "price": {"fi": "40 € / lukukausi"}, "info_url": {"fi": "https://a.fi"}}]),
        load("event_data_with_locations_and_keywords.json") | {"start_time": "2020-06-10T08:00:00Z"},
        course(extension_course={"enrolment_start_time": "2020-08-01T06:00:00Z", "enrolment_end_time": "2020-08-20"}),
        _series()[0],
    ]


@given(mutated(_base_events()))
@PROPERTY_SETTINGS
def test_map_event_never_fails_on_broken_records(event):
    places: dict[str, VenueRecord] = {}
    try:
        record = map_event(event, source=SOURCE, places=places)
    except SkipRecord as skip:
        assert isinstance(skip.reason, str) and skip.reason.strip()
        return
    assert_hobby_invariants(record)
    for venue in places.values():
        assert_venue_invariants(venue)


@given(mutated([place for _, place in all_places()]))
@PROPERTY_SETTINGS
def test_map_place_never_fails_on_broken_records(place):
    try:
        record = map_place(place, source=SOURCE)
    except SkipRecord as skip:
        assert skip.reason.strip()
        return
    assert_venue_invariants(record)


@given(st.lists(mutated(_series()[1]), max_size=6), st.booleans())
@PROPERTY_SETTINGS
def test_map_sub_events_never_fails_on_broken_sub_events(subs, series_cancelled):
    super_record = map_event(_series()[0], source=SOURCE)
    combined = map_sub_events(super_record, subs, series_cancelled=series_cancelled)
    ids = [s.origin_id for s in combined.sessions]
    assert len(ids) == len(set(ids))
    assert [s.start for s in combined.sessions] == sorted(s.start for s in combined.sessions)
    for session in combined.sessions:
        assert session.end is None or session.end > session.start
        assert session.cancelled or not series_cancelled


# --- what the mapper gives passes the models' own validation (the engine runs it before saving) ----------------------

RELATIONS = ["organization", "municipality", "venue", "image", "locked_by", "latest_revision", "live_revision"]


@pytest.mark.parametrize("index", range(len(_base_events())))
def test_mapped_hobbies_pass_the_model_validation(index):
    try:
        record = map_event(_base_events()[index], source=SOURCE)
    except SkipRecord:
        return
    hobby = Hobby(**record.values)
    hobby.clean_fields(exclude=[*RELATIONS, "taken_down_by"])
    hobby.clean()


@pytest.mark.parametrize(("filename", "place"), all_places(), ids=lambda v: v if isinstance(v, str) else v.get("id"))
def test_mapped_venues_pass_the_model_validation(filename, place):
    values = dict(map_place(place, source=SOURCE).values)
    values.pop("municipality_code")
    Venue(**values).clean_fields(exclude=["municipality", "organization"])
