"""Content in the languages its author wrote, and the fallback that picks one to show.

Provider content is kept in the languages the provider wrote (often Finnish only). When a
reader asks for a language the content lacks, we fall back requested → fi → sv → en → any
other language present, and always say which language was returned so the client can mark
it (`lang` attribute) and the reader knows it is a fallback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
FALLBACK_ORDER: tuple[str, ...] = ("fi", "sv", "en")


@dataclass(frozen=True)
class Translated:
    """A text in one language, with the language it is in (None when no language has text)."""

    text: str
    language: str | None
    requested: str | None

    @property
    def is_fallback(self) -> bool:
        return self.language is not None and self.language != self.requested

    def __str__(self) -> str:
        return self.text


def normalize_language(code: str | None) -> str | None:
    """'sv-FI' → 'sv', 'EN' → 'en', 'se' (Lipas' code for Swedish) → 'sv'."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return {"se": "sv"}.get(base, base) or None


def resolve(values: Mapping[str, str | None], requested: str | None) -> Translated:
    """Pick the text to show for ``requested`` from ``{language: text}``.

    Order: the requested language, then fi, sv, en, then any other language with text (in the
    mapping's order). Blank strings count as missing.
    """
    wanted = normalize_language(requested)
    present = {lang: text for lang, text in values.items() if text and text.strip()}
    order = ([wanted] if wanted else []) + [lang for lang in FALLBACK_ORDER if lang != wanted]
    for lang in order:
        if lang in present:
            return Translated(present[lang], lang, wanted)
    for lang, text in present.items():
        return Translated(text, lang, wanted)
    return Translated("", None, wanted)


class TranslatedFieldsMixin(models.Model):
    """A model with ``<field>_fi/_sv/_en`` columns and ``extra_translations`` for other languages.

    ``extra_translations`` holds languages beyond fi/sv/en that an import brought, as
    ``{"title": {"ru": "..."}}``; the CMS edits the three columns.
    """

    translated_fields: tuple[str, ...] = ()

    extra_translations = models.JSONField(
        _("other languages"),
        default=dict,
        blank=True,
        help_text=_("Texts in languages other than Finnish, Swedish and English, by field."),
    )

    class Meta:
        abstract = True

    def translations(self, field: str) -> dict[str, str]:
        if field not in self.translated_fields:
            raise ValueError(f"{type(self).__name__} has no translated field {field!r}")
        values = {lang: getattr(self, f"{field}_{lang}") or "" for lang in CONTENT_LANGUAGES}
        extra = (self.extra_translations or {}).get(field) or {}
        for lang, text in extra.items():
            values.setdefault(lang, text or "")
        return values

    def translated(self, field: str, language: str | None) -> Translated:
        return resolve(self.translations(field), language)

    def written_languages(self, field: str) -> list[str]:
        return [lang for lang, text in self.translations(field).items() if text and text.strip()]
