"""``recommendations``: hobbies suggested for the calling device, or for anyone from what the query says.

Works without a device (interests, age and location in the query; nothing is stored), for a fresh device, and
for one with a history; a device that turned personalisation off gets suggestions from the query and from
popularity only. Each suggestion carries its reason as a code the app can style and a sentence in the request's
language. The ranking is ``backend/recommendations/services.py`` over the model in ``recommender/``.
"""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _

from backend.hobbies.models import Category, Hobby
from backend.recommendations import services
from backend.recommendations.reasons import reason_text

from .catalogue import CategoryType, category_type
from .common import ApiError, ErrorCode, Language, current_device, id_or_none, language_of, use_language
from .hobbies import MAX_PAGE_SIZE, HobbyNode, NearInput, listing_queryset

MAX_RECOMMENDATIONS = MAX_PAGE_SIZE
MAX_RADIUS_KM = 200
MAX_INTERESTS = 50


class ReasonCode(graphene.Enum):
    """Why a hobby is suggested."""

    INTEREST = "interest"
    SIMILAR = "similar"
    POPULAR = "popular"
    POPULAR_OVERALL = "popular_overall"
    NEW = "new"
    FREE_TRIAL = "free_trial"
    EXPLORE = "explore"


class RecommendationReason(graphene.ObjectType):
    code = graphene.Field(ReasonCode, required=True)
    text = graphene.String(required=True, description="The reason as a sentence in the request's language.")
    category = graphene.Field(CategoryType, description="The interest it matches (code INTEREST).")
    hobby = graphene.Field(lambda: HobbyNode, description="The saved or viewed hobby it resembles (code SIMILAR).")


class Recommendation(graphene.ObjectType):
    hobby = graphene.Field(lambda: HobbyNode, required=True)
    reason = graphene.Field(RecommendationReason, required=True)


def _check(first, age, near, interests) -> tuple[int, services.Near | None, list[int] | None]:
    if not 0 <= first <= MAX_RECOMMENDATIONS:
        raise ApiError(
            ErrorCode.OUT_OF_RANGE,
            _("Ask for between 0 and %(max)d hobbies at a time.") % {"max": MAX_RECOMMENDATIONS},
            field="first",
        )
    if age is not None and not 5 <= age <= 99:
        raise ApiError(ErrorCode.OUT_OF_RANGE, _("Give an age between 5 and 99."), field="age")
    place = None
    if near is not None:
        if not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
            raise ApiError(ErrorCode.OUT_OF_RANGE, _("These are not coordinates on Earth."), field="near")
        if not 0 < near.radius_km <= MAX_RADIUS_KM:
            raise ApiError(
                ErrorCode.OUT_OF_RANGE,
                _("Give a radius above 0 and at most %(max)d km.") % {"max": MAX_RADIUS_KM},
                field="near.radiusKm",
            )
        place = services.Near(near.lat, near.lon, near.radius_km)
    ids = None
    if interests is not None:
        if len(interests) > MAX_INTERESTS:
            raise ApiError(
                ErrorCode.OUT_OF_RANGE,
                _("Give at most %(max)d interests.") % {"max": MAX_INTERESTS},
                field="interests",
            )
        known = {c.pk for c in Category.cached_tree()}
        ids = [id_or_none(value) for value in interests]
        if any(pk not in known for pk in ids):
            raise ApiError(ErrorCode.NOT_FOUND, _("No such category."), field="interests")
    return first, place, ids


def _reasons(info, suggestions: list[services.Suggested]) -> list[RecommendationReason]:
    """Each suggestion's reason with what it names: categories from the cached tree, hobbies in one query."""
    language = language_of(info)
    categories = {c.pk: c for c in Category.cached_tree()}
    similar_ids = {s.reason.params.get("item_id") for s in suggestions if s.reason.code == "similar"}
    similar = Hobby.objects.filter(pk__in=similar_ids)
    hobbies = {h.pk: h for h in listing_queryset(similar, info, ("reason", "hobby"))} if similar_ids else {}
    reasons = []
    for suggestion in suggestions:
        reason = suggestion.reason
        category = categories.get(reason.params.get("category_id")) if reason.code == "interest" else None
        hobby = hobbies.get(reason.params.get("item_id")) if reason.code == "similar" else None
        text = reason_text(
            reason,
            language,
            category_name=category.translated("name", language).text if category else None,
            hobby_title=hobby.translated("title", language).text if hobby else None,
        )
        reasons.append(
            RecommendationReason(
                code=reason.code,
                text=text,
                category=category_type(category, language) if category else None,
                hobby=hobby,
            )
        )
    return reasons


class RecommendationQuery(graphene.ObjectType):
    recommendations = graphene.List(
        graphene.NonNull(Recommendation),
        required=True,
        description=(
            "Hobbies suggested for the calling device (Authorization: Device <token>) or, without one, from the "
            "arguments alone. Arguments override what the device has stored; nothing given is stored."
        ),
        first=graphene.Int(default_value=10, description=f"At most {MAX_RECOMMENDATIONS}."),
        near=graphene.Argument(NearInput, description="Only hobbies within this radius."),
        age=graphene.Int(description="Only hobbies for this age."),
        interests=graphene.List(graphene.NonNull(graphene.ID), description="Category ids the person likes."),
        lang=graphene.Argument(Language),
    )

    @staticmethod
    def resolve_recommendations(root, info, first=10, near=None, age=None, interests=None, lang=None):
        use_language(info, lang)
        first, place, interest_ids = _check(first, age, near, interests)
        device = current_device(info)
        suggestions = services.recommend(
            device=device,
            interests=interest_ids,
            age=age,
            near=place,
            first=first,
            listing=lambda qs: listing_queryset(qs, info, ("hobby",)),
        )
        return [
            Recommendation(hobby=s.hobby, reason=reason)
            for s, reason in zip(suggestions, _reasons(info, suggestions), strict=True)
        ]
