"""Read-only reference data: municipalities and the category tree, with texts in the asked language."""

from __future__ import annotations

import graphene

from backend.core.i18n import CONTENT_LANGUAGES, normalize_language
from backend.hobbies.models import Category, Municipality


class Language(graphene.Enum):
    FI = "fi"
    SV = "sv"
    EN = "en"


class TranslatedText(graphene.ObjectType):
    text = graphene.String(required=True)
    language = graphene.String(description="The language of `text` (a fallback when it differs from the request).")


def _language(info, lang) -> str:
    if lang:
        return lang.value if hasattr(lang, "value") else str(lang)
    header = info.context.META.get("HTTP_ACCEPT_LANGUAGE", "") if info.context else ""
    for part in header.split(","):
        code = normalize_language(part.split(";")[0])
        if code in CONTENT_LANGUAGES:
            return code
    return "fi"


def translated(obj, field: str, language: str) -> TranslatedText:
    value = obj.translated(field, language)
    return TranslatedText(text=value.text, language=value.language)


class MunicipalityType(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    slug = graphene.String(required=True)
    name = graphene.Field(TranslatedText, required=True)


class CategoryType(graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    icon = graphene.String(required=True)
    parent_id = graphene.ID()
    name = graphene.Field(TranslatedText, required=True)


class CatalogueQuery(graphene.ObjectType):
    municipalities = graphene.List(graphene.NonNull(MunicipalityType), required=True, lang=graphene.Argument(Language))
    categories = graphene.List(graphene.NonNull(CategoryType), required=True, lang=graphene.Argument(Language))

    @staticmethod
    def resolve_municipalities(root, info, lang=None):
        language = _language(info, lang)
        return [
            MunicipalityType(id=m.pk, code=m.code, slug=m.slug, name=translated(m, "name", language))
            for m in Municipality.objects.order_by("name_fi")
        ]

    @staticmethod
    def resolve_categories(root, info, lang=None):
        language = _language(info, lang)
        return [
            CategoryType(id=c.pk, slug=c.slug, icon=c.icon, parent_id=c.parent_id, name=translated(c, "name", language))
            for c in Category.objects.order_by("sort_order", "name_fi")
        ]
