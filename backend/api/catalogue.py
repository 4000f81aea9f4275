"""Read-only reference data: municipalities and the category tree, with texts in the asked language."""

from __future__ import annotations

import graphene

from backend.hobbies.models import Category, Municipality

from .common import Language, TranslatedText, request_language, translated


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
        language = request_language(info, lang)
        return [
            MunicipalityType(id=m.pk, code=m.code, slug=m.slug, name=translated(m, "name", language))
            for m in Municipality.objects.order_by("name_fi")
        ]

    @staticmethod
    def resolve_categories(root, info, lang=None):
        language = request_language(info, lang)
        return [
            CategoryType(id=c.pk, slug=c.slug, icon=c.icon, parent_id=c.parent_id, name=translated(c, "name", language))
            for c in Category.objects.order_by("sort_order", "name_fi")
        ]
