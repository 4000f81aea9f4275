"""Provider content in the languages it was written in, with a fallback that says what it returned."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.core.i18n import normalize_language, resolve

from .conftest import make_hobby


@pytest.mark.parametrize(
    ("values", "requested", "expected"),
    [
        ({"fi": "Jalkapallo", "sv": "Fotboll", "en": "Football"}, "sv", ("Fotboll", "sv")),
        ({"fi": "Jalkapallo", "sv": "Fotboll", "en": "Football"}, "en", ("Football", "en")),
        ({"fi": "Jalkapallo", "en": "Football"}, "sv", ("Jalkapallo", "fi")),  # requested → fi
        ({"sv": "Fotboll", "en": "Football"}, "fi", ("Fotboll", "sv")),  # fi missing → sv
        ({"en": "Football"}, "sv", ("Football", "en")),  # → en
        ({"ru": "Футбол"}, "fi", ("Футбол", "ru")),  # → any language present
        ({"fi": "", "sv": "   ", "ru": "Футбол"}, "fi", ("Футбол", "ru")),  # blanks count as missing
        ({"fi": "Jalkapallo", "ru": "Футбол"}, "ru", ("Футбол", "ru")),  # a non-core language when asked
        ({}, "fi", ("", None)),
        ({"fi": "Jalkapallo"}, None, ("Jalkapallo", "fi")),
        ({"sv": "Fotboll", "fi": "Jalkapallo"}, "sv-FI", ("Fotboll", "sv")),  # region stripped
        ({"sv": "Fotboll", "fi": "Jalkapallo"}, "se", ("Fotboll", "sv")),  # Lipas' code for Swedish
    ],
)
def test_resolve_follows_requested_fi_sv_en_any(values, requested, expected):
    result = resolve(values, requested)
    assert (result.text, result.language) == expected


def test_resolve_tells_when_it_fell_back():
    assert resolve({"fi": "Jalkapallo"}, "en").is_fallback
    assert not resolve({"en": "Football"}, "en").is_fallback
    assert not resolve({}, "en").is_fallback


@given(
    st.dictionaries(st.sampled_from(["fi", "sv", "en", "ru", "ar"]), st.text(max_size=5)),
    st.sampled_from(["fi", "sv", "en", "de", None]),
)
def test_resolve_returns_text_whenever_any_language_has_some(values, requested):
    result = resolve(values, requested)
    has_text = any(text.strip() for text in values.values())
    assert bool(result.text) == has_text
    if has_text:
        assert values[result.language] == result.text


def test_normalize_language():
    assert normalize_language("EN_gb") == "en"
    assert normalize_language("") is None


@pytest.mark.django_db
def test_hobby_translated_uses_columns_and_extra_languages(organization):
    hobby = make_hobby(
        organization,
        title_fi="Sählykerho",
        title_en="Floorball club",
        extra_translations={"title": {"ru": "Флорбол"}},
        description_fi="",
    )
    assert hobby.translated("title", "en").text == "Floorball club"
    swedish = hobby.translated("title", "sv")
    assert (swedish.text, swedish.language, swedish.is_fallback) == ("Sählykerho", "fi", True)
    assert hobby.translated("title", "ru").language == "ru"
    assert hobby.translated("description", "fi").language is None
    assert hobby.written_languages("title") == ["fi", "en", "ru"]
    with pytest.raises(ValueError, match="no translated field"):
        hobby.translated("organization", "fi")
