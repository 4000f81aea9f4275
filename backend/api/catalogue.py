"""Reference data: municipalities and the category tree (with counts of live hobbies), in the asked language."""

from __future__ import annotations

import graphene
from django.core.cache import cache

from backend.hobbies.models import Category, Hobby, Municipality
from backend.hobbies.services import public_hobbies
from backend.hobbies.signals import CATEGORY_COUNTS_CACHE_KEY

from .common import Language, TranslatedText, language_of, translated, use_language

CATEGORY_COUNTS_SECONDS = 300


class MunicipalityType(graphene.ObjectType):
    class Meta:
        name = "Municipality"

    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    slug = graphene.String(required=True)
    name = graphene.Field(TranslatedText, required=True)


class CategoryType(graphene.ObjectType):
    class Meta:
        name = "Category"

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    icon = graphene.String(required=True)
    parent_id = graphene.ID()
    name = graphene.Field(TranslatedText, required=True)
    synonyms = graphene.Field(TranslatedText, required=True)
    hobby_count = graphene.Int(
        required=True, description="Live hobbies in this category or any of its subcategories (each counted once)."
    )
    children = graphene.List(graphene.NonNull(lambda: CategoryType), required=True)

    @staticmethod
    def resolve_synonyms(category, info):
        return translated(category._category, "synonyms", language_of(info))

    @staticmethod
    def resolve_hobby_count(category, info):
        return category_counts().get(int(category.id), 0)

    @staticmethod
    def resolve_children(category, info):
        language = language_of(info)
        return [category_type(c, language) for c in _children(info).get(int(category.id), [])]


def category_type(category: Category, language: str) -> CategoryType:
    node = CategoryType(
        id=category.pk,
        slug=category.slug,
        icon=category.icon,
        parent_id=category.parent_id,
        name=translated(category, "name", language),
    )
    node._category = category
    return node


def municipality_type(municipality: Municipality, language: str) -> MunicipalityType:
    return MunicipalityType(
        id=municipality.pk,
        code=municipality.code,
        slug=municipality.slug,
        name=translated(municipality, "name", language),
    )


def _all_categories(info) -> list[Category]:
    """The whole tree, read once per request (it has tens of rows)."""
    request = info.context
    cached = getattr(request, "_harrastuspassi_categories", None)
    if cached is None:
        cached = Category.cached_tree()
        if request is not None:
            request._harrastuspassi_categories = cached
    return cached


def _children(info) -> dict[int, list[Category]]:
    children: dict[int, list[Category]] = {}
    for category in _all_categories(info):
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    return children


def category_counts() -> dict[int, int]:
    """Live hobbies per category subtree, each hobby counted once per subtree; cached, and dropped on changes."""
    counts = cache.get(CATEGORY_COUNTS_CACHE_KEY)
    if counts is not None:
        return counts
    parents = {c.pk: c.parent_id for c in Category.cached_tree()}
    members: dict[int, set[int]] = {}
    links = Hobby.categories.through.objects.filter(hobby__in=public_hobbies()).values_list("hobby_id", "category_id")
    for hobby_id, category_id in links.iterator(chunk_size=5000):
        node, seen = category_id, set()
        while node is not None and node not in seen:
            seen.add(node)
            members.setdefault(node, set()).add(hobby_id)
            node = parents.get(node)
    counts = {category_id: len(hobbies) for category_id, hobbies in members.items()}
    cache.set(CATEGORY_COUNTS_CACHE_KEY, counts, CATEGORY_COUNTS_SECONDS)
    return counts


class CatalogueQuery(graphene.ObjectType):
    municipalities = graphene.List(graphene.NonNull(MunicipalityType), required=True, lang=graphene.Argument(Language))
    categories = graphene.List(
        graphene.NonNull(CategoryType),
        required=True,
        lang=graphene.Argument(Language),
        roots_only=graphene.Boolean(
            default_value=False, description="Only the top of the tree; walk down through `children`."
        ),
    )

    @staticmethod
    def resolve_municipalities(root, info, lang=None):
        language = use_language(info, lang)
        return [municipality_type(m, language) for m in Municipality.objects.order_by("name_fi")]

    @staticmethod
    def resolve_categories(root, info, lang=None, roots_only=False):
        language = use_language(info, lang)
        categories = _all_categories(info)
        if roots_only:
            categories = [c for c in categories if c.parent_id is None]
        return [category_type(c, language) for c in categories]
