"""Every interface string exists in Finnish and Swedish, and the compiled catalogues are what Django serves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "backend" / "locale"


def entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of a .po file, header excluded."""
    result = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = "#, fuzzy" in block
        msgid = (
            "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[1].split("msgstr", 1)[0]))
            if "msgid " in block
            else None
        )
        if msgid is None or block.lstrip().startswith("#~"):
            continue
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        if msgid:
            result.append((msgid, msgstr, fuzzy))
    return result


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    found = entries(po)
    assert len(found) > 200
    missing = [msgid for msgid, msgstr, fuzzy in found if not msgstr or fuzzy]
    assert missing == []
    assert (po.with_suffix(".mo")).is_file()


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        ("fi", "The minimum age cannot be greater than the maximum age.", None),
        ("sv", "A session must end after it starts.", None),
        ("fi", "Beginners welcome", "Aloittelijat tervetulleita"),
        ("sv", "Beginners welcome", "Nybörjare välkomna"),
    ],
)
def test_compiled_catalogue_translates(language, source, expected):
    with translation.override(language):
        text = translation.gettext(source)
    assert text != source
    if expected:
        assert text == expected
