"""Lipas (the national sports-facility database, API v1) → venues and "open use" hobbies.

Pure functions, no database and no HTTP: the sync engine fetches pages and hands each sports place to
``map_place`` (a ``VenueRecord``) and ``map_open_use`` (a ``HobbyRecord`` for youth-relevant types, else None).
Formats: ``../shared/design/DATA-SOURCES.md`` §2; recorded data: ``../shared/data/lipas/``.

Lipas places are facilities, not hobbies. For the types in ``YOUTH_TYPES`` (a skate park, an outdoor gym, a
swimming hall…) we publish "open use of this place" as a hobby at the place, with no sessions. Its category
comes from the type code through ``CategoryMapping`` (source ``lipas_type``); ``default_category_mappings``
gives the seed rows.

Texts that a young person reads (titles, summaries, price notes) are content written in fi/sv/en here, not
interface strings, so they live in small dicts rather than in the gettext catalogue. Skip reasons are for
operators and go through gettext.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from backend.core.i18n import normalize_language

from .records import HobbyRecord, SkipRecord, VenueRecord

SOURCE = "lipas"
LIPAS_TIME_ZONE = ZoneInfo("Europe/Helsinki")
LIPAS_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # "2019-08-29 15:55:30.259", local time, milliseconds

# The list endpoint returns only {"sportsPlaceId": N} without ``fields``; these are what the mappers read.
FIELDS: tuple[str, ...] = (
    "name",
    "nameLocalized",
    "marketingName",
    "type.typeCode",
    "type.name",
    "location.coordinates.wgs84",
    "location.geometries",
    "location.address",
    "location.postalCode",
    "location.postalOffice",
    "location.city.name",
    "location.city.cityCode",
    "www",
    "email",
    "phoneNumber",
    "reservationsLink",
    "freeUse",
    "properties",
    "lastModified",
)

# Model field lengths (backend.hobbies.models): values are cut to fit rather than failing the row.
VENUE_NAME_MAX = 200
VENUE_ADDRESS_MAX = 200
VENUE_CITY_MAX = 100
HOBBY_TITLE_MAX = 150
HOBBY_SUMMARY_MAX = 300
HOBBY_PRICE_TEXT_MAX = 300

# Open use of a public sports place suits everyone from school age up: 7 is when children start school and
# move about on their own, 99 is the model's upper bound ("no upper limit"). The app's own age filter then
# shows these places to every teenager.
OPEN_USE_AGE_MIN = 7
OPEN_USE_AGE_MAX = 99

LANGUAGES = ("fi", "sv", "en")


# --- the youth-relevant type table -------------------------------------------------------------


@dataclass(frozen=True)
class YouthType:
    """A Lipas type that becomes an "open use" hobby.

    ``lipas_name`` is the Finnish name exactly as Lipas has it (checked by the tests against
    ``sports-place-types.json``); ``names`` are our own short, friendly names in fi/sv/en for titles and
    summaries; ``category`` is the suggested category slug (see ``backend/demo/content.py``).
    ``kind`` picks the summary: "free" (go any time), "winter"/"summer" (seasonal), "hours" (opening hours,
    usually with a ticket: such places count as paid unless Lipas says ``freeUse``).
    """

    lipas_name: str
    names: dict[str, str]
    category: str
    kind: str = "free"

    @property
    def usually_paid(self) -> bool:
        return self.kind == "hours"


def _t(lipas_name: str, fi: str, sv: str, en: str, category: str, kind: str = "free") -> YouthType:
    return YouthType(lipas_name, {"fi": fi, "sv": sv, "en": en}, category, kind)


# fmt: off
_YOUTH: dict[int, YouthType] = {
    1110: _t("Liikuntapuisto", "Liikuntapuisto", "Idrottspark", "Sports park", "sports"),
    1120: _t("Lähiliikuntapaikka", "Lähiliikuntapaikka", "Närmotionsplats", "Neighbourhood sports area", "sports"),
    1130: _t("Ulkokuntoilupaikka", "Ulkokuntosali", "Utegym", "Outdoor gym", "fitness"),
    1140: _t("Parkour-alue", "Parkour-alue", "Parkourområde", "Parkour area", "sports"),
    1150: _t("Skeitti-/rullaluistelupaikka", "Skeittipaikka", "Skateplats", "Skate park", "skateboarding"),
    1160: _t("Pyöräilyalue", "BMX- ja pyöräilyalue", "BMX- och cykelområde", "BMX and bike park", "sports"),
    1180: _t("Frisbeegolfrata", "Frisbeegolfrata", "Discgolfbana", "Disc golf course", "sports"),
    1210: _t("Yleisurheilun harjoitusalue", "Yleisurheilupaikka", "Friidrottsplats", "Athletics training area",
             "sports"),
    1220: _t("Yleisurheilukenttä", "Yleisurheilukenttä", "Friidrottsplan", "Athletics field", "sports"),
    1310: _t("Koripallokenttä", "Koripallokenttä", "Basketplan", "Basketball court", "basketball"),
    1320: _t("Lentopallokenttä", "Lentopallokenttä", "Volleybollplan", "Volleyball court", "sports"),
    1330: _t("Beachvolleykenttä", "Beach volley -kenttä", "Beachvolleyplan", "Beach volleyball court", "sports"),
    1340: _t("Pallokenttä", "Pallokenttä", "Bollplan", "Ball field", "football"),
    1380: _t("Rullakiekkokenttä", "Rullakiekkokenttä", "Inlinehockeyplan", "Roller hockey rink", "sports"),
    1395: _t("Pöytätennisalue", "Ulkopingis", "Bordtennis utomhus", "Outdoor table tennis", "sports"),
    1510: _t("Tekojääkenttä", "Tekojäärata", "Konstis", "Artificial ice rink", "sports", "winter"),
    1520: _t("Luistelukenttä", "Luistelukenttä", "Skridskoplan", "Ice skating field", "sports", "winter"),
    1530: _t("Kaukalo", "Kaukalo", "Hockeyrink", "Ice hockey rink", "sports", "winter"),
    1550: _t("Luistelureitti", "Luistelureitti", "Skridskoled", "Ice skating trail", "sports", "winter"),
    2120: _t("Kuntosali", "Kuntosali", "Gym", "Gym", "fitness", "hours"),
    2250: _t("Skeittihalli", "Skeittihalli", "Skatehall", "Indoor skate park", "skateboarding", "hours"),
    2370: _t("Sisäkiipeilyseinä", "Kiipeilyseinä sisällä", "Klättervägg inomhus", "Indoor climbing wall",
             "climbing", "hours"),
    2380: _t("Parkour-sali", "Parkour-sali", "Parkoursal", "Parkour hall", "sports", "hours"),
    3110: _t("Uimahalli", "Uimahalli", "Simhall", "Swimming hall", "swimming", "hours"),
    3210: _t("Maauimala", "Maauimala", "Utomhusbassäng", "Outdoor swimming pool", "swimming", "hours"),
    3220: _t("Uimaranta", "Uimaranta", "Badstrand", "Beach", "swimming", "summer"),
    3230: _t("Uimapaikka", "Uimapaikka", "Badplats", "Swimming spot", "swimming", "summer"),
    4710: _t("Ulkokiipeilyseinä", "Kiipeilyseinä ulkona", "Klättervägg utomhus", "Outdoor climbing wall", "climbing"),
    4720: _t("Kiipeilykallio", "Kiipeilykallio", "Klätterklippa", "Climbing rock", "climbing"),
}
# fmt: on

# Lipas type code → our category key: the code itself; the engine maps it through CategoryMapping "lipas_type".
YOUTH_TYPES: dict[int, str] = {code: str(code) for code in _YOUTH}

# Codes whose suggested category is only the broad "sports" parent: we have no category of their own
# (parkour, BMX, disc golf, athletics, volleyball, roller hockey, table tennis, ice skating and hockey).
CODES_WITHOUT_OWN_CATEGORY: tuple[int, ...] = tuple(code for code, t in _YOUTH.items() if t.category == "sports")


def youth_type(code: int) -> YouthType | None:
    return _YOUTH.get(code)


def default_category_mappings() -> list[tuple[str, str, str]]:
    """(Lipas type code, suggested category slug, label "Lipas name / sv / en") for seeding CategoryMapping."""
    return [
        (str(code), t.category, f"{t.lipas_name} / {t.names['sv']} / {t.names['en']}") for code, t in _YOUTH.items()
    ]


# --- content texts of the open-use hobby (fi/sv/en) ----------------------------------------------

_SUMMARIES: dict[str, dict[str, str]] = {
    "free": {
        "fi": "{name}: avoin käyttö, mene milloin haluat – ei ilmoittautumista.",
        "sv": "{name}: fri användning, gå dit när du vill – ingen anmälan.",
        "en": "{name}: open use, go whenever you like – no sign-up.",
    },
    "winter": {
        "fi": "{name}: avoin käyttö talvikaudella, mene milloin haluat – ei ilmoittautumista.",
        "sv": "{name}: fri användning på vintern, gå dit när du vill – ingen anmälan.",
        "en": "{name}: open use in winter, go whenever you like – no sign-up.",
    },
    "summer": {
        "fi": "{name}: avoin käyttö kesällä, mene milloin haluat – ei ilmoittautumista.",
        "sv": "{name}: fri användning på sommaren, gå dit när du vill – ingen anmälan.",
        "en": "{name}: open use in summer, go whenever you like – no sign-up.",
    },
    "hours": {
        "fi": "{name}: käy omaan tahtiin aukioloaikoina – ei ilmoittautumista.",
        "sv": "{name}: kom när det passar dig under öppettiderna – ingen anmälan.",
        "en": "{name}: drop in at your own pace during opening hours – no sign-up.",
    },
}
_PRICE_CHECK: dict[str, str] = {
    "fi": "Käyttö voi maksaa tai vaatia varauksen – tarkista paikan omilta sivuilta.",
    "sv": "Det kan kosta eller kräva bokning – kolla på platsens egen webbplats.",
    "en": "There may be a fee or a booking – check the place's own website.",
}
_MORE_INFO: dict[str, str] = {
    "fi": "Lisätietoja: {url}",
    "sv": "Mer information: {url}",
    "en": "More information: {url}",
}
_ACCESSIBILITY_LINK: dict[str, str] = {
    "fi": "Esteettömyystiedot: {url}",
    "sv": "Information om tillgänglighet: {url}",
    "en": "Accessibility information: {url}",
}


# --- small value helpers -------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ()\-/]{5,40}")


def _clean(value: object, max_length: int | None = None) -> str | None:
    """A one-line text: strings only, whitespace collapsed, blank → None, cut to ``max_length`` with '…'."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    if not text:
        return None
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def _clean_block(value: object) -> str | None:
    """A free-text block (``infoFi``): keep line breaks, trim each line, blank → None."""
    if not isinstance(value, str):
        return None
    lines = [_SPACES.sub(" ", line).strip() for line in value.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _number(value: object) -> float | None:
    """A finite float from an int/float (not a bool) or a numeric string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _valid_point(lat: object, lon: object) -> tuple[float, float] | None:
    """(lat, lon) when both are numbers in range; (0, 0) counts as broken (a default, not a place)."""
    lat_f, lon_f = _number(lat), _number(lon)
    if lat_f is None or lon_f is None:
        return None
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        return None
    if lat_f == 0 and lon_f == 0:
        return None
    return lat_f, lon_f


def http_url(value: object) -> str | None:
    """An http(s) address or None; a bare ``www.example.fi/x`` (common in Lipas) gets ``http://``."""
    text = _clean(value)
    if not text or " " in text:
        return None
    if text.lower().startswith("www."):
        text = "http://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    return text if len(text) <= 500 else None


def email_address(value: object) -> str | None:
    text = _clean(value)
    return text if text and len(text) <= 254 and _EMAIL.fullmatch(text) else None


def phone_number(value: object) -> str | None:
    text = _clean(value)
    return text if text and _PHONE.fullmatch(text) and sum(c.isdigit() for c in text) >= 5 else None


def place_id(place: object) -> str:
    """``sportsPlaceId`` as a string of digits; SkipRecord when it is missing or not a positive integer."""
    raw = place.get("sportsPlaceId") if isinstance(place, dict) else None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return str(raw)
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() and int(raw) > 0:
        return str(int(raw))
    shown = None if raw is None else str(raw)[:40]
    raise SkipRecord(gettext("The sports place has no numeric id."), shown)


def type_code(place: object) -> int | None:
    """``type.typeCode`` as an int, or None."""
    code = _dict(_dict(place).get("type")).get("typeCode")
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str) and code.strip().isascii() and code.strip().isdigit():
        return int(code)
    return None


def city_code(place: object) -> str | None:
    """``location.city.cityCode`` as Statistics Finland's three-digit code (91 → "091"), for Municipality.code."""
    code = _dict(_dict(_dict(place).get("location")).get("city")).get("cityCode")
    if isinstance(code, str) and code.strip().isascii() and code.strip().isdigit():
        code = int(code)
    if isinstance(code, int) and not isinstance(code, bool) and 0 < code < 1000:
        return f"{code:03d}"
    return None


# --- names and coordinates ------------------------------------------------------------------------


def place_names(place: dict, *, language: str = "fi", max_length: int = VENUE_NAME_MAX) -> dict[str, str]:
    """{language: name} from ``name`` (in the language the page was fetched in, Finnish by default) and the
    localized names (``nameLocalized`` / ``name-localized`` {se, en}; Swedish is ``se`` in Lipas)."""
    names: dict[str, str] = {}
    main_language = normalize_language(language) or "fi"
    raw_name = place.get("name")
    if isinstance(raw_name, dict):  # tolerate {"fi": …, "se": …, "en": …}
        localized = [raw_name]
    else:
        text = _clean(raw_name, max_length)
        if text:
            names[main_language] = text
        localized = []
    for key in ("nameLocalized", "name-localized", "name_localized"):
        localized.append(_dict(place.get(key)))
    for mapping in localized:
        for code, value in mapping.items():
            lang = normalize_language(code) if isinstance(code, str) else None
            text = _clean(value, max_length)
            if lang in LANGUAGES and text and lang not in names:
                names[lang] = text
    return names


def _first_position(coordinates: object, depth: int = 0) -> tuple[object, object] | None:
    """The first [lon, lat, …] position in GeoJSON coordinates of any nesting (Point, LineString, Polygon…)."""
    if not isinstance(coordinates, list | tuple) or not coordinates or depth > 6:
        return None
    if not isinstance(coordinates[0], list | tuple):
        return (coordinates[0], coordinates[1]) if len(coordinates) >= 2 else None
    return _first_position(coordinates[0], depth + 1)


def _geometries(value: object, depth: int = 0):
    """Every geometry in a FeatureCollection / Feature / GeometryCollection / bare geometry, in order."""
    value = _dict(value)
    if depth > 4:
        return
    kind = value.get("type")
    if kind == "FeatureCollection":
        features = value.get("features")
        for feature in features if isinstance(features, list) else []:
            yield from _geometries(feature, depth + 1)
    elif kind == "Feature":
        yield from _geometries(value.get("geometry"), depth + 1)
    elif isinstance(kind, str) and kind.lower() == "geometrycollection":
        members = value.get("geometries")
        for geometry in members if isinstance(members, list) else []:
            yield from _geometries(geometry, depth + 1)
    elif kind:
        yield value


def place_coordinates(place: dict) -> tuple[float, float] | None:
    """(lat, lon) from ``location.coordinates.wgs84``, else the first point of ``location.geometries``
    (GeoJSON, longitude first; for a route or an area its first point). None when neither is usable."""
    location = _dict(place.get("location"))
    wgs84 = _dict(_dict(location.get("coordinates")).get("wgs84"))
    point = _valid_point(wgs84.get("lat"), wgs84.get("lon"))
    if point:
        return point
    for geometry in _geometries(location.get("geometries")):
        position = _first_position(geometry.get("coordinates"))
        if position:
            point = _valid_point(position[1], position[0])
            if point:
                return point
    return None


# --- contact and accessibility ----------------------------------------------------------------------


def contact_details(place: dict) -> dict[str, str]:
    """The usable contact details of a place: ``website``, ``email``, ``phone``, ``reservations_url``.

    Venue has no contact fields yet; the open-use hobby shows the website in its description, and the rest
    is available here for when Venue (or the engine) gets somewhere to keep it.
    """
    found = {
        "website": http_url(place.get("www")),
        "email": email_address(place.get("email")),
        "phone": phone_number(place.get("phoneNumber")),
        "reservations_url": http_url(place.get("reservationsLink")),
    }
    return {key: value for key, value in found.items() if value}


def accessibility_values(properties: dict) -> dict[str, str]:
    """Venue accessibility fields from Lipas properties.

    Lipas v1 has no yes/no accessibility facts (wheelchair, toilet, loop…): only ``accessibilityInfo``, a
    string that is a link to accessibility information (Lipas' own label) or sometimes a free text. A link
    becomes a line in each language, a text is kept as Finnish.
    """
    raw = properties.get("accessibilityInfo")
    url = http_url(raw)
    if url:
        return {f"accessibility_info_{lang}": _ACCESSIBILITY_LINK[lang].format(url=url) for lang in LANGUAGES}
    text = _clean_block(raw)
    return {"accessibility_info_fi": text[:2000]} if text else {}


# --- the mappers ------------------------------------------------------------------------------------


def map_place(place: dict, *, source: str = SOURCE, language: str = "fi") -> VenueRecord:
    """One Lipas sports place → a VenueRecord.

    ``language`` is the ``lang`` the page was fetched with (``name`` comes in that language; ``se`` is
    Swedish). ``source`` is the data-source slug the engine runs under; it is not part of the values.
    Keys with no usable value are left out, so an update keeps what the row had. Raises SkipRecord for a
    place without a numeric id or without a name.
    """
    del source  # same signature for every source's mapper; the engine keys rows on (source, origin_id)
    if not isinstance(place, dict):
        raise SkipRecord(gettext("The sports place is not a JSON object."))
    origin_id = place_id(place)
    names = place_names(place, language=language)
    if not names:
        raise SkipRecord(gettext("The sports place has no name."), origin_id)

    values: dict[str, object] = {f"name_{lang}": text for lang, text in names.items()}
    location = _dict(place.get("location"))
    address = _clean(location.get("address"), VENUE_ADDRESS_MAX)
    if address:
        values["street_address_fi"] = address
    postal_code = _clean(location.get("postalCode"))
    if postal_code and _POSTAL_CODE.fullmatch(postal_code):
        values["postal_code"] = postal_code
    city = _clean(_dict(location.get("city")).get("name"), VENUE_CITY_MAX) or _clean(
        location.get("postalOffice"), VENUE_CITY_MAX
    )
    if city:
        values["city"] = city
    point = place_coordinates(place)
    if point:
        values["latitude"], values["longitude"] = point
    values.update(accessibility_values(_dict(place.get("properties"))))
    return VenueRecord(origin_id=origin_id, values=values)


def has_open_use(place: object) -> bool:
    """Does ``map_open_use`` make an "open use" hobby of this place (a youth type the owner lets us show)?"""
    code = type_code(place)
    return isinstance(place, dict) and code is not None and code in _YOUTH and may_be_shown(place)


def may_be_shown(place: dict) -> bool:
    """False only when the owner has said no: ``mayBeShownInHarrastuspassiFi: false`` (a Lipas property made
    for this service). Absent means the open-data licence applies."""
    return _dict(place.get("properties")).get("mayBeShownInHarrastuspassiFi") is not False


def map_open_use(place: dict, venue: VenueRecord) -> HobbyRecord | None:
    """The "open use" hobby at a youth-relevant place (``YOUTH_TYPES``), or None for other types.

    Title: the place's name in each language it has (cut to fit), else the type's name. Summary: a short
    text from the type's name. Free unless ``freeUse`` is false or the type usually has a ticket (a swimming
    hall, a gym…), then "paid" with a note to check the place's site. Ages 7–99 (see ``OPEN_USE_AGE_MIN``).
    """
    if not isinstance(place, dict):
        raise SkipRecord(gettext("The sports place is not a JSON object."))
    code = type_code(place)
    kind = _YOUTH.get(code) if code is not None else None
    if kind is None or not may_be_shown(place):
        return None

    # The hobby is derived wholly from the place, so every language is written ("" when absent): a name or an
    # info text removed at the source disappears here too.
    titles = {lang: _clean(venue.values.get(f"name_{lang}"), HOBBY_TITLE_MAX) for lang in LANGUAGES}
    if not any(titles.values()):
        titles = dict(kind.names)
    values: dict[str, object] = {f"title_{lang}": titles.get(lang) or "" for lang in LANGUAGES}
    for lang in LANGUAGES:
        summary = _SUMMARIES[kind.kind][lang].format(name=kind.names[lang])
        values[f"summary_{lang}"] = summary[:HOBBY_SUMMARY_MAX]

    properties = _dict(place.get("properties"))
    website = http_url(place.get("www"))
    descriptions = {
        lang: _clean_block(properties.get(key)) for lang, key in (("fi", "infoFi"), ("sv", "infoSe"), ("en", "infoEn"))
    }
    if website:
        # the link goes under each text there is, or alone in every language when there is no text: a language
        # holding only the link would otherwise hide the Finnish text from a Swedish reader
        with_text = [lang for lang in LANGUAGES if descriptions[lang]] or list(LANGUAGES)
        for lang in with_text:
            descriptions[lang] = "\n\n".join(filter(None, [descriptions[lang], _MORE_INFO[lang].format(url=website)]))
    values.update({f"description_{lang}": descriptions[lang] or "" for lang in LANGUAGES})

    free_use = place.get("freeUse")
    paid = free_use is False or (free_use is not True and kind.usually_paid)
    values["price_kind"] = "paid" if paid else "free"
    values["price_amount"] = None
    for lang in LANGUAGES:
        values[f"price_text_{lang}"] = _PRICE_CHECK[lang][:HOBBY_PRICE_TEXT_MAX] if paid else ""
    values.update(open_use=True, age_min=OPEN_USE_AGE_MIN, age_max=OPEN_USE_AGE_MAX)

    return HobbyRecord(
        origin_id=f"{venue.origin_id}-open-use",
        values=values,
        category_keys=[YOUTH_TYPES[code]],
        venue_origin_id=venue.origin_id,
    )


# --- deletions, paging and times ------------------------------------------------------------------


class LipasFormatError(ValueError):
    """A Lipas response is not in the documented shape (the engine treats the fetch as failed)."""


def deleted_ids(payload: object) -> list[str]:
    """Origin ids from ``GET deleted-sports-places`` (``[{"sportsPlaceId": N, "deletedAt": "…"}, …]``).

    Items without a usable id are ignored (deleting less is the safe side); a payload that is not a list
    raises LipasFormatError so that nothing is deleted on a broken response. Order kept, duplicates dropped.
    """
    if not isinstance(payload, list):
        raise LipasFormatError(gettext("The list of deleted sports places is not a JSON array."))
    ids: dict[str, None] = {}
    for item in payload:
        try:
            ids[place_id(item if isinstance(item, dict) else {"sportsPlaceId": item})] = None
        except SkipRecord:
            continue
    return list(ids)


def next_page_url(link_header: str | None, base_url: str | None = None) -> str | None:
    """The ``rel="next"`` target of an HTTP ``Link`` header, resolved against ``base_url``; None on the last page.

    The header is parsed by ``importers.fetch.link_targets`` (extra spaces, unquoted or upper-case rel values,
    several rels in one value, several headers joined by commas). Only http(s) targets are returned.
    """
    from .fetch import link_targets

    if not isinstance(link_header, str) or not link_header.strip():
        return None
    target = link_targets(link_header).get("next")
    if not target:
        return None
    url = urljoin(base_url, target) if base_url else target
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https") or (not scheme and not base_url and url.startswith("/")):
        return url
    return None


def lipas_time(moment: dt.datetime) -> str:
    """A datetime as Lipas wants it in ``modifiedAfter`` / ``since``: Helsinki local time, milliseconds."""
    if moment.tzinfo is None:
        raise ValueError("lipas_time needs an aware datetime")
    return moment.astimezone(LIPAS_TIME_ZONE).strftime(LIPAS_TIME_FORMAT)[:-3]


def parse_lipas_time(value: object) -> dt.datetime | None:
    """``lastModified`` ("2019-08-29 15:55:30.259", Helsinki local time) as an aware datetime, or None."""
    text = _clean(value)
    if not text:
        return None
    for fmt in (LIPAS_TIME_FORMAT, "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=LIPAS_TIME_ZONE)
        except ValueError:
            continue
    return None
