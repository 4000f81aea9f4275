"""Linked Events → domain values: pure functions from one API record to ``importers.records`` values.

Nothing here touches the database or the network; the sync engine fetches pages and saves what these
functions return. Formats: ``../shared/design/DATA-SOURCES.md`` §1.

Decisions a reader of the data should know about:

* **Languages.** Language keys are normalized (``sv-FI`` → ``sv``, ``zh_hans`` → ``zh``). fi/sv/en go to the
  ``_fi/_sv/_en`` columns; other languages of a hobby's texts go to ``extra_translations`` as
  ``{"title": {"ru": "…"}}``. A Venue keeps fi/sv/en only. A translated field that arrives as a plain string
  instead of a language dict is taken as Finnish; an image's plain-string ``alt_text`` is taken to be in the
  first language the title has (fi, else sv, else en).
* **Full state.** Every text column of a mapped record is present in ``values`` (``""`` when the source has no
  text), so a text removed at the source is removed here too. Values the source sends *broken* (coordinates out
  of range, a postal code that is not five digits) are left out instead, so the engine keeps what it had.
* **Deleted records** (``deleted: true``, the shrunken form ``show_deleted`` returns) map to a record with empty
  ``values`` and ``deleted=True``: their "POISTETTU" name must not overwrite the real one.
* **Times.** ISO strings with an offset or ``Z`` become aware datetimes in UTC; a string without an offset is
  Helsinki time. A bare date (``2020-08-22``) is an all-day time: as a start it means 00:00 Helsinki that day,
  as an end it means the end of that day (00:00 the next day), so a one-day event still ends after it starts.
* **Ages.** ``audience_min_age``/``audience_max_age`` are clamped to 0–99. Only a minimum → up to 99 ("13+");
  only a maximum → from 0; a swapped pair is put in order. When the source states **no** age at all the hobby
  is stored as 0–99 ("no age limit stated"), not 12–17: the source did not restrict it, and inventing a youth
  range would hide that (change ``AGES_WHEN_UNSTATED`` to decide otherwise).
* **Price.** No offers → the price fields are left out (the source says nothing). All offers free → ``free``.
  Otherwise ``paid``, with the offers' price and description texts kept per language, and ``price_amount``
  only when exactly one paid offer names exactly one amount with a currency (or the price is a bare number),
  the same in every language, and the text states what it covers (``price_unit``: "/kk" → month, "lukukausi"
  → term, "per kerta" → once…). An amount whose unit is not stated is left out (the text keeps it), because a
  Hobby with an amount but no unit does not validate, and guessing the unit could mislead.
* **Drafts** (``publication_status: "draft"``) and events without a usable start are skipped with a reason;
  a recurring super event needs no start of its own: its sub-events are its sessions (``map_sub_events``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Container, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.core.i18n import CONTENT_LANGUAGES, normalize_language

from .records import HobbyRecord, SessionRecord, SkipRecord, VenueRecord

HELSINKI = ZoneInfo("Europe/Helsinki")
AGE_LIMIT = 99
AGES_WHEN_UNSTATED: tuple[int, int] = (0, AGE_LIMIT)
# Years outside this window are typing errors or placeholders, not hobby sessions.
PLAUSIBLE_YEARS = range(1900, 2200)
MAX_PRICE = Decimal("999999.99")  # Hobby.price_amount: max_digits=8, decimal_places=2
ORIGIN_ID_MAX = 200  # SourceMixin.origin_id
KEYWORD_ID_MAX = 100  # CategoryMapping.external_id

STATUS_CANCELLED = "EventCancelled"
RECURRING = "recurring"


# --- model limits ------------------------------------------------------------------------------------------------


@functools.cache
def _hobby_max_length(field: str) -> int | None:
    from backend.hobbies.models import Hobby

    return Hobby._meta.get_field(field).max_length


@functools.cache
def _venue_max_length(field: str) -> int | None:
    from backend.hobbies.models import Venue

    return Venue._meta.get_field(field).max_length


@functools.cache
def _organization_name_max_length() -> int | None:
    from backend.hobbies.models import Organization

    return Organization._meta.get_field("name").max_length


def cut(text: str, max_length: int | None) -> str:
    """``text`` shortened to ``max_length`` characters, at a word boundary when one is near, ending in "…"."""
    if max_length is None or len(text) <= max_length:
        return text
    if max_length <= 1:
        return text[:max_length]
    head = text[: max_length - 1]
    space = head.rfind(" ")
    if space >= max_length * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:.-–") + "…"


# --- HTML to text ------------------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "section", "article", "header"}
    | {"footer", "table", "tr", "pre", "hr", "dl", "figure", "figcaption", "address", "aside", "nav", "main"}
    | {"details", "summary"}
)
_LINE_TAGS = frozenset({"br", "li", "dt", "dd"})
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "title"})
_PARAGRAPH = "\x00P\x00"
_LINE = "\x00L\x00"


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINE_TAGS:
            self.parts.append(_LINE)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINE_TAGS:
            self.parts.append(_LINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # HTML whitespace: any run of it is one space; line breaks come from the tags only.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line, ``<br>`` and list items by a newline."""
    if not html:
        return ""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: S110 - html.parser gives up on some broken markup; keep what it read
        pass
    text = "".join(parser.parts)
    paragraphs = []
    for block in text.split(_PARAGRAPH):
        lines = [" ".join(line.split()) for line in block.split(_LINE)]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def plain_line(text: str) -> str:
    """One line of plain text from a value that may hold markup or entities (names, short descriptions)."""
    if "<" not in text and "&" not in text:  # no markup, no entities: the parser would return it as it is
        return " ".join(text.split())
    return " ".join(html_to_text(text).split())


# --- small readers that survive any input --------------------------------------------------------------------------


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _identifier(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and value.strip() and len(value.strip()) <= ORIGIN_ID_MAX:
        return value.strip()
    return None


def translations(value: Any, *, html: bool = False) -> dict[str, str]:
    """``{"fi": …, "sv-FI": …}`` → ``{"fi": text, "sv": text}`` with normalized codes and empty texts dropped.

    A plain string is taken as Finnish. With ``html`` the texts are turned from HTML into plain text with
    paragraphs; otherwise into one line.
    """
    if isinstance(value, str):
        value = {"fi": value}
    result: dict[str, str] = {}
    for code, raw in _dict(value).items():
        lang = normalize_language(code) if isinstance(code, str) else None
        if not lang or lang in result or not isinstance(raw, str):
            continue
        text = html_to_text(raw) if html else plain_line(raw)
        if text:
            result[lang] = text
    return result


def _first_language(texts: Mapping[str, str]) -> str:
    for lang in (*CONTENT_LANGUAGES, *texts):
        if texts.get(lang):
            return texts[lang]
    return ""


def _put_translated(values: dict, extra: dict, field: str, texts: Mapping[str, str]) -> None:
    """``title`` + ``{"fi": …, "ru": …}`` → ``values["title_fi"]`` (cut to the column) and ``extra["title"]["ru"]``."""
    limit = _hobby_max_length(f"{field}_fi")
    for lang in CONTENT_LANGUAGES:
        values[f"{field}_{lang}"] = cut(texts.get(lang, ""), limit)
    others = {lang: cut(text, limit) for lang, text in texts.items() if lang not in CONTENT_LANGUAGES}
    if others:
        extra[field] = others


def reference_id(value: Any, kind: str) -> str | None:
    """The id of an inlined object or of a ``{"@id": ".../v1/<kind>/<id>/"}`` reference (also a bare URL or id)."""
    if isinstance(value, dict):
        own = _identifier(value.get("id"))
        if own:
            return own
        value = value.get("@id")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if "://" not in value:
        return _identifier(value)
    try:
        segments = [s for s in urlsplit(value).path.split("/") if s]
    except ValueError:
        return None
    if len(segments) >= 2 and segments[-2] == kind:
        return _identifier(unquote(segments[-1]))
    return None


@functools.cache
def _url_validator():
    from backend.hobbies.models.common import http_url_validator

    return http_url_validator


def http_url(value: Any, max_length: int | None = None) -> str:
    """``value`` when it is a valid http(s) address that fits the column, else ``""``."""
    url = _text(value)
    if not url or (max_length and len(url) > max_length):
        return ""
    try:
        _url_validator()(url)
    except ValidationError:
        return ""
    return url


# --- times ----------------------------------------------------------------------------------------------------------

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_time(value: Any, *, end: bool = False) -> dt.datetime | None:
    """An aware UTC datetime from an ISO string, or None when missing or unreadable.

    No offset → Helsinki time. A bare date is midnight in Helsinki, or as an ``end`` the end of that day.
    """
    text = _text(value)
    if not text:
        return None
    try:
        if _DATE_ONLY.match(text):
            day = dt.date.fromisoformat(text)
            if end:
                day += dt.timedelta(days=1)
            moment = dt.datetime.combine(day, dt.time(), tzinfo=HELSINKI)
        else:
            moment = dt.datetime.fromisoformat(text)
            if moment.tzinfo is None or moment.utcoffset() is None:
                moment = moment.replace(tzinfo=HELSINKI)
        if moment.year not in PLAUSIBLE_YEARS:
            return None
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError, TypeError):
        return None


# --- price ----------------------------------------------------------------------------------------------------------

# A number: digits, optionally with a decimal part; "1 200" joined first when a currency follows.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?=\s*(?:€|e\b|eur))", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CURRENCY_AFTER = re.compile(r"\s*(?:[,:]-\s*)?(?:€|eur(?:o|oa|os|on|ot)?\b|e\b|[,:]-)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:€|\beur)\s*$", re.IGNORECASE)
_BARE_AMOUNT = re.compile(r"^\s*\d+(?:[.,]\d{1,2})?\s*(?:[,:]-)?\s*$")

_UNIT_PATTERNS: dict[str, re.Pattern] = {
    "month": re.compile(
        r"/\s*kk\b|\bkk\b|kuukau|\bper\s+(?:month|månad|mån)\b|/\s*(?:month|mån|månad)\b|\bmonthly\b"
        r"|\bi\s+månaden\b|\bmånadsavgift",
        re.IGNORECASE,
    ),
    "term": re.compile(
        r"(?<!kuu)kau(?:si|de)|\btermin|\bper\s+term\b|/\s*term\b|\bterm\b|semester|\bsäsong|\bseason",
        re.IGNORECASE,
    ),
    "once": re.compile(
        r"/\s*kerta\b|\bper\s+kerta\b|\bkerta\b|kerralta|kertamaksu|\bper\s+gång\b|/\s*gång\b|\bper\s+tillfälle"
        r"|/\s*tillfälle|\bper\s+(?:time|session|visit|class|lesson)\b|/\s*(?:time|session|visit|class|lesson)\b",
        re.IGNORECASE,
    ),
    "year": re.compile(
        r"/\s*v\b|/\s*vuosi|\bvuodessa|\bper\s+vuosi|vuosimaksu|vuodelta|\bper\s+(?:year|år)\b|/\s*(?:year|år)\b"
        r"|\byearly\b|\bannual|\bårsavgift|\bi\s+året\b",
        re.IGNORECASE,
    ),
    "course": re.compile(
        r"/\s*kurssi\b|\bper\s+kurssi\b|kurssimaksu|kurssilta|\bper\s+(?:course|kurs)\b|/\s*(?:course|kurs)\b"
        r"|\bcourse\s+fee|kursavgift",
        re.IGNORECASE,
    ),
}


class _Ambiguous:
    """Marker: the text names several numbers, so no single amount can be read from it."""


AMBIGUOUS = _Ambiguous()


def _decimal(token: str) -> Decimal | None:
    whole, sep, fraction = token.replace(",", ".").partition(".")
    if sep and (len(fraction) > 2 or "." in fraction):
        return None  # "1.200", "1.9.2025": a thousands separator or a date, not euros and cents
    try:
        amount = Decimal(f"{whole}.{fraction}" if sep else whole)
    except InvalidOperation:
        return None
    if amount < 0 or amount > MAX_PRICE:
        return None
    return amount.quantize(Decimal("0.01"))


def _read_amount(text: str) -> Decimal | None | _Ambiguous:
    """One amount (Decimal), no number at all (None), or several numbers / an unclear one (AMBIGUOUS)."""
    if not text:
        return None
    text = _THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group(1)), text)
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return None
    if len(numbers) > 1:
        return AMBIGUOUS
    match = numbers[0]
    amount = _decimal(match.group())
    if amount is None:
        return AMBIGUOUS
    has_currency = bool(_CURRENCY_AFTER.match(text, match.end()) or _CURRENCY_BEFORE.search(text[: match.start()]))
    if has_currency or _BARE_AMOUNT.match(text):
        return amount
    return AMBIGUOUS


def parse_price_amount(text: str | None) -> Decimal | None:
    """The amount in euros when ``text`` names exactly one ("15 €", "15,50 e", "10 euroa", "€12"), else None.

    Ranges ("5–15 €"), several prices, ages or dates next to the price, and numbers without a currency
    (unless the whole text is the number) give None: a wrong amount is worse than none.
    """
    amount = _read_amount(text or "")
    return amount if isinstance(amount, Decimal) else None


def parse_price_unit(text: str | None) -> str:
    """What the price covers when the text says it: "/kk" → month, "lukukausi" → term, "per kerta" → once…

    Empty when the text states no unit or more than one.
    """
    found = {unit for unit, pattern in _UNIT_PATTERNS.items() if pattern.search(text or "")}
    return found.pop() if len(found) == 1 else ""


def _offer_texts(offer: dict) -> dict[str, str]:
    """Price and description of one offer, joined per language."""
    prices = translations(offer.get("price"))
    descriptions = translations(offer.get("description"), html=True)
    texts: dict[str, str] = {}
    for lang in dict.fromkeys([*prices, *descriptions]):
        parts = [prices.get(lang, ""), " ".join(descriptions.get(lang, "").split())]
        texts[lang] = "; ".join(dict.fromkeys(p for p in parts if p))
    return texts


def map_offers(offers: Any) -> tuple[dict, dict[str, str]]:
    """``offers`` → (price values for the Hobby, price texts of every language). Empty values when nothing is said."""
    free, paid = [], []
    for offer in _list(offers):
        if not isinstance(offer, dict):
            continue
        is_free = offer.get("is_free")
        if is_free is True:
            free.append(offer)
        elif is_free is False or translations(offer.get("price")):
            paid.append(offer)
    if not free and not paid:
        return {}, {}
    texts: dict[str, list[str]] = {}
    for offer in paid + free:
        for lang, text in _offer_texts(offer).items():
            texts.setdefault(lang, []).append(text)
    joined = {lang: "; ".join(dict.fromkeys(parts)) for lang, parts in texts.items()}
    if not paid:
        return {"price_kind": "free", "price_amount": None, "price_unit": ""}, joined
    amount, unit = None, ""
    if len(paid) == 1:
        prices = translations(paid[0].get("price"))
        readings = [_read_amount(text) for text in prices.values()]
        amounts = {r for r in readings if isinstance(r, Decimal)}
        if len(amounts) == 1 and AMBIGUOUS not in readings:
            amount = amounts.pop()
            units = {parse_price_unit(text) for text in _offer_texts(paid[0]).values()} - {""}
            unit = units.pop() if len(units) == 1 else ""
        if not unit:
            amount = None  # Hobby.clean() rejects an amount without its unit; the price text still says it
    return {"price_kind": "paid", "price_amount": amount, "price_unit": unit}, joined


# --- ages -----------------------------------------------------------------------------------------------------------


def _age(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return None
        value = int(value)
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return min(max(value, 0), AGE_LIMIT)


def map_ages(minimum: Any, maximum: Any) -> tuple[int, int]:
    low, high = _age(minimum), _age(maximum)
    if low is None and high is None:
        return AGES_WHEN_UNSTATED
    low = 0 if low is None else low
    high = AGE_LIMIT if high is None else high
    return (low, high) if low <= high else (high, low)


# --- places ---------------------------------------------------------------------------------------------------------


def _coordinates(position: Any) -> tuple[float, float] | None | _Ambiguous:
    """(latitude, longitude) from a GeoJSON point ([lon, lat]); None when there is none; AMBIGUOUS when broken."""
    if position is None:
        return None
    coords = _dict(position).get("coordinates")
    if not isinstance(coords, list | tuple) or len(coords) < 2:
        return AMBIGUOUS
    lon, lat = coords[0], coords[1]
    if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in (lon, lat)):
        return AMBIGUOUS
    lon, lat = float(lon), float(lat)
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return AMBIGUOUS
    if lat == 0 and lon == 0:
        return AMBIGUOUS  # "null island": a placeholder, not a place
    return lat, lon


def map_place(place: dict, *, source: str) -> VenueRecord:
    """A Linked Events place (``tprek:…``) → a VenueRecord. Skips a place without an id or any fi/sv/en name."""
    place = _dict(place)
    origin_id = _identifier(place.get("id"))
    if not origin_id:
        raise SkipRecord(_("The place has no id."))
    if place.get("deleted") is True:
        return VenueRecord(origin_id=origin_id, values={}, deleted=True)
    names = translations(place.get("name"))
    if not any(names.get(lang) for lang in CONTENT_LANGUAGES):
        raise SkipRecord(_("The place has no name in Finnish, Swedish or English."), origin_id)
    values: dict[str, Any] = {}
    addresses = translations(place.get("street_address"))
    for lang in CONTENT_LANGUAGES:
        values[f"name_{lang}"] = cut(names.get(lang, ""), _venue_max_length(f"name_{lang}"))
        values[f"street_address_{lang}"] = cut(addresses.get(lang, ""), _venue_max_length(f"street_address_{lang}"))
    postal = place.get("postal_code")
    if postal is None or (isinstance(postal, str) and not postal.strip()):
        values["postal_code"] = ""
    elif isinstance(postal, str) and re.fullmatch(r"\d{5}", postal.replace(" ", "")):
        values["postal_code"] = postal.replace(" ", "")
    values["city"] = cut(_first_language(translations(place.get("address_locality"))), _venue_max_length("city"))
    municipality = place_municipality(place)
    if municipality:
        values["municipality_code"] = municipality  # the engine's key: a Municipality slug, name or code
    coordinates = _coordinates(place.get("position"))
    if coordinates is None:
        values["latitude"] = values["longitude"] = None
    elif isinstance(coordinates, tuple):
        values["latitude"], values["longitude"] = coordinates
    return VenueRecord(origin_id=origin_id, values=values, deleted=False)


def place_municipality(place: dict) -> str | None:
    """The municipality of a place as its ``divisions`` name it (``kunta:espoo`` → ``"espoo"``), for the engine."""
    for division in _list(_dict(place).get("divisions")):
        division = _dict(division)
        ocd = _text(division.get("ocd_id"))
        if division.get("type") == "muni" and "kunta:" in ocd:
            return ocd.rsplit("kunta:", 1)[1].split("/")[0] or None
    return None


# --- events ---------------------------------------------------------------------------------------------------------


def _images(event: dict, title_language: str) -> tuple[dict, dict[str, str]]:
    values = {"image_url": "", "image_credit": "", "image_license": ""}
    alts: dict[str, str] = {}
    images = _list(event.get("images"))
    image = _dict(images[0]) if images else {}
    url = http_url(image.get("url"), _hobby_max_length("image_url"))
    if url:
        values["image_url"] = url
        alt = image.get("alt_text")
        alts = translations({title_language: alt} if isinstance(alt, str) else alt)
        values["image_credit"] = cut(
            plain_line(_text(image.get("photographer_name"))), _hobby_max_length("image_credit")
        )
        values["image_license"] = cut(_text(image.get("license")), _hobby_max_length("image_license"))
    return values, alts


def _url_in_languages(value: Any) -> str:
    if isinstance(value, str):
        value = {"fi": value}
    urls = {normalize_language(k): v for k, v in _dict(value).items() if isinstance(k, str)}
    limit = _hobby_max_length("registration_url")
    for lang in (*CONTENT_LANGUAGES, *urls):
        url = http_url(urls.get(lang), limit)
        if url:
            return url
    return ""


_REGISTRATION_WORDS = re.compile(r"regist|ilmoittau|anmäl|enrol|sign.?up|ticket|lippu|biljett", re.IGNORECASE)


def registration_url(event: dict) -> str:
    """Where to sign up: an offer's link, a registration external link, ``registration``, then the event's info link."""
    for offer in _list(event.get("offers")):
        url = _url_in_languages(_dict(offer).get("info_url"))
        if url:
            return url
    for link in _list(event.get("external_links")):
        link = _dict(link)
        if _REGISTRATION_WORDS.search(_text(link.get("name"))):
            url = http_url(link.get("link"), _hobby_max_length("registration_url"))
            if url:
                return url
    registration = event.get("registration")
    if isinstance(registration, dict):
        for key in ("signup_url", "url", "link"):
            url = _url_in_languages(registration.get(key))
            if url:
                return url
    elif isinstance(registration, str) and "/registration/" not in registration:  # an API address is not for people
        url = _url_in_languages(registration)
        if url:
            return url
    return _url_in_languages(event.get("info_url"))


def _instruction_languages(event: dict) -> str:
    from backend.hobbies.models.hobby import LanguageListField

    codes = []
    for item in _list(event.get("in_language")):
        code = normalize_language(reference_id(item, "language"))
        if code and re.fullmatch(r"[a-z]{2,3}", code):
            codes.append(code)
    packed = LanguageListField.pack(codes)
    limit = _hobby_max_length("instruction_languages") or 60
    while len(packed) > limit:
        codes.pop()
        packed = LanguageListField.pack(codes)
    return packed


def organization_name(event: dict) -> str | None:
    """The provider's name: Finnish, else any language the source gives; None when the source names none."""
    name = _first_language(translations(_dict(event).get("provider")))
    return cut(name, _organization_name_max_length()) if name else None


def event_publisher(event: dict) -> str | None:
    """The publishing organization's id (``ahjo:u48040030``), for the engine when ``provider`` is empty."""
    return reference_id(_dict(event).get("publisher"), "organization")


def is_cancelled(event: dict) -> bool:
    return _dict(event).get("event_status") == STATUS_CANCELLED


def is_recurring_super_event(event: dict) -> bool:
    return _dict(event).get("super_event_type") == RECURRING


def is_sub_event(event: dict, recurring_ids: Container[str] | None = None) -> str | None:
    """The id of the super event this event belongs to, when that is a recurring series.

    A sub-event only points at its super event; it does not say whether that is a ``recurring`` series or an
    ``umbrella`` (a festival whose events are hobbies of their own). When the reference is inlined with its
    ``super_event_type`` that decides; else pass ``recurring_ids`` (the ids of the recurring super events the
    engine has seen) — without it any super event counts.
    """
    reference = _dict(event).get("super_event")
    super_id = reference_id(reference, "event")
    if not super_id or super_id == _identifier(_dict(event).get("id")):
        return None
    if isinstance(reference, dict) and "super_event_type" in reference:
        return super_id if reference.get("super_event_type") == RECURRING else None
    if recurring_ids is not None and super_id not in recurring_ids:
        return None
    return super_id


def _session(event: dict, origin_id: str) -> SessionRecord | None:
    start = parse_time(event.get("start_time"))
    if start is None:
        return None
    end = parse_time(event.get("end_time"), end=True)
    if end is not None and end <= start:
        end = None
    return SessionRecord(origin_id=origin_id, start=start, end=end, cancelled=is_cancelled(event))


def map_event(event: dict, *, source: str, places: dict[str, VenueRecord] | None = None) -> HobbyRecord:
    """A Linked Events event → a HobbyRecord, or SkipRecord with the reason.

    ``places``: when given, a location the API inlined (``include=location``) is mapped with ``map_place`` and
    added to it (existing entries win), so the engine can save those venues without fetching them.
    A recurring super event gets no session of its own; combine it with its sub-events via ``map_sub_events``.
    """
    event = _dict(event)
    origin_id = _identifier(event.get("id"))
    if not origin_id:
        raise SkipRecord(_("The event has no id."))
    if event.get("deleted") is True:
        return HobbyRecord(origin_id=origin_id, values={}, deleted=True)
    if event.get("publication_status") == "draft":
        raise SkipRecord(_("The event is a draft, not published."), origin_id)

    titles = translations(event.get("name"))
    if not any(titles.get(lang) for lang in CONTENT_LANGUAGES):
        raise SkipRecord(_("The event has no title in Finnish, Swedish or English."), origin_id)
    recurring = is_recurring_super_event(event)
    session = None if recurring else _session(event, origin_id)
    if not recurring and session is None:
        if event.get("event_status") == "EventPostponed":
            raise SkipRecord(_("The event is postponed and has no new start time yet."), origin_id)
        raise SkipRecord(_("The event has no readable start time."), origin_id)

    values: dict[str, Any] = {}
    extra: dict[str, dict[str, str]] = {}
    _put_translated(values, extra, "title", titles)
    _put_translated(values, extra, "summary", translations(event.get("short_description")))
    _put_translated(values, extra, "description", translations(event.get("description"), html=True))

    values["age_min"], values["age_max"] = map_ages(event.get("audience_min_age"), event.get("audience_max_age"))
    values["instruction_languages"] = _instruction_languages(event)

    price_values, price_texts = map_offers(event.get("offers"))
    if price_values:
        values.update(price_values)
        _put_translated(values, extra, "price_text", price_texts)

    title_language = next(lang for lang in CONTENT_LANGUAGES if titles.get(lang))
    image_values, alts = _images(event, title_language)
    values.update(image_values)
    _put_translated(values, extra, "image_alt", alts)

    values["registration_url"] = registration_url(event)
    course = _dict(event.get("extension_course"))
    enrolment_start = parse_time(event.get("enrolment_start_time") or course.get("enrolment_start_time"))
    enrolment_end = parse_time(event.get("enrolment_end_time") or course.get("enrolment_end_time"), end=True)
    if enrolment_start and enrolment_end and enrolment_end <= enrolment_start:
        enrolment_end = None
    values["enrolment_start"], values["enrolment_end"] = enrolment_start, enrolment_end
    values["extra_translations"] = extra

    keys = []
    for keyword in _list(event.get("keywords")):
        key = reference_id(keyword, "keyword")
        if key and len(key) <= KEYWORD_ID_MAX:
            keys.append(key)

    location = event.get("location")
    venue_id = reference_id(location, "place")
    if places is not None and venue_id and venue_id not in places and isinstance(location, dict) and "name" in location:
        with contextlib.suppress(SkipRecord):
            places[venue_id] = map_place(location, source=source)

    return HobbyRecord(
        origin_id=origin_id,
        values=values,
        category_keys=list(dict.fromkeys(keys)),
        venue_origin_id=venue_id,
        organization_name=organization_name(event),
        sessions=[session] if session else [],
        deleted=False,
    )


def map_sub_events(
    super_record: HobbyRecord, sub_events: Iterable[dict], *, series_cancelled: bool = False
) -> HobbyRecord:
    """The super event's hobby with one session per sub-event (a copy; ``super_record`` is not changed).

    Deleted sub-events and ones without a readable start give no session; cancelled ones are flagged, and
    all are flagged with ``series_cancelled`` (pass ``is_cancelled(super_event)``: a HobbyRecord carries no
    status). Sub-events pointing at another super event are ignored.
    """
    sessions: dict[str, SessionRecord] = {}
    for sub in sub_events or ():
        sub = _dict(sub)
        sub_id = _identifier(sub.get("id"))
        if not sub_id or sub.get("deleted") is True or sub_id == super_record.origin_id:
            continue
        parent = reference_id(sub.get("super_event"), "event")
        if parent and parent != super_record.origin_id:
            continue
        session = _session(sub, sub_id)
        if session is not None:
            if series_cancelled and not session.cancelled:
                session = dataclasses.replace(session, cancelled=True)
            sessions.setdefault(sub_id, session)
    ordered = sorted(sessions.values(), key=lambda s: (s.start, s.origin_id))
    return dataclasses.replace(super_record, sessions=ordered)
