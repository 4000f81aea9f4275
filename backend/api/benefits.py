"""Benefits near the teenager and redeeming them (never oversold).

The rules of redeeming live in ``backend.benefits.services.redeem``; this module only reads the
arguments and turns its outcome into a payload.
"""

from __future__ import annotations

import math

import graphene
from django.db.models import Count, F, FloatField, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import ASin, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils.translation import gettext as _

from backend.benefits.models import Benefit, Redemption
from backend.benefits.services import RedemptionError, active_q, public_benefits, redeem
from backend.hobbies.services import public_hobbies

from .common import (
    ApiError,
    ErrorCode,
    FieldError,
    Language,
    current_device,
    field_error,
    interface_language,
    parse_id,
    require_device,
    translated_field,
    use_language,
)
from .ratelimit import check_rate_limit

MAX_BENEFITS = 50
DEFAULT_BENEFITS = 20
DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 200.0
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.32

LATITUDE = "hobby__venue__latitude"
LONGITUDE = "hobby__venue__longitude"


class BenefitKind(graphene.Enum):
    TRIAL = Benefit.Kind.TRIAL.value
    DISCOUNT = Benefit.Kind.DISCOUNT.value
    FREE_ENTRY = Benefit.Kind.FREE_ENTRY.value
    TICKET = Benefit.Kind.TICKET.value


class NearInput(graphene.InputObjectType):
    """A point and a radius: benefits whose hobby's venue lies within it, nearest first."""

    class Meta:
        name = "BenefitNearInput"

    lat = graphene.Float(required=True)
    lon = graphene.Float(required=True)
    radius_km = graphene.Float(default_value=DEFAULT_RADIUS_KM)


class BenefitType(graphene.ObjectType):
    class Meta:
        name = "Benefit"

    id = graphene.ID(required=True)
    kind = graphene.Field(BenefitKind, required=True)
    title = translated_field("title")
    description = translated_field("description")
    terms = translated_field("terms")
    valid_from = graphene.DateTime(required=True)
    valid_until = graphene.DateTime(required=True)
    remaining = graphene.Int(description="How many are left in total; null when there is no limit.")
    per_device_limit = graphene.Int(required=True, description="How many times one device may use it.")
    organization_name = graphene.String(required=True)
    hobby = graphene.Field("backend.api.hobbies.HobbyNode", description="The hobby it is for, when that is public.")
    latitude = graphene.Float(description="The hobby's venue, when known.")
    longitude = graphene.Float()
    distance_km = graphene.Float(description="From the point given in `near`; null without it.")
    redeemed_by_me = graphene.Int(description="How many times the calling device has used it; null when anonymous.")

    @staticmethod
    def resolve_organization_name(benefit, info):
        return benefit.organization.name

    @staticmethod
    def resolve_hobby(benefit, info):
        return _public_hobby(benefit)

    @staticmethod
    def resolve_latitude(benefit, info):
        venue = _located_venue(benefit)
        return venue.latitude if venue else None

    @staticmethod
    def resolve_longitude(benefit, info):
        venue = _located_venue(benefit)
        return venue.longitude if venue else None

    @staticmethod
    def resolve_distance_km(benefit, info):
        distance = getattr(benefit, "distance_km", None)
        return round(distance, 2) if distance is not None else None

    @staticmethod
    def resolve_redeemed_by_me(benefit, info):
        if hasattr(benefit, "redeemed_by_me"):  # annotated by the listing
            return benefit.redeemed_by_me
        device = current_device(info)
        if device is None:
            return None
        return Redemption.objects.filter(benefit=benefit, device=device).count()


def _public_hobby(benefit):
    hobby = benefit.hobby if benefit.hobby_id else None
    if hobby is None or not hobby.live or hobby.taken_down_at is not None:
        return None
    return hobby


def _located_venue(benefit):
    hobby = _public_hobby(benefit)
    venue = hobby.venue if hobby is not None and hobby.venue_id else None
    return venue if venue is not None and venue.has_location else None


class RedemptionType(graphene.ObjectType):
    class Meta:
        name = "Redemption"

    code = graphene.String(required=True, description="Show this at the venue.")
    redeemed_at = graphene.DateTime(required=True)
    valid_until = graphene.DateTime(required=True, description="The benefit's last moment of validity.")
    benefit = graphene.Field(BenefitType, required=True)

    @staticmethod
    def resolve_valid_until(redemption, info):
        return redemption.benefit.valid_until


class RedeemBenefitPayload(graphene.ObjectType):
    redemption = graphene.Field(RedemptionType)
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


# --- the listing ---------------------------------------------------------------------------------


def _check_near(near) -> tuple[float, float, float]:
    lat, lon = near.lat, near.lon
    radius = near.radius_km if near.radius_km is not None else DEFAULT_RADIUS_KM
    if not all(math.isfinite(value) for value in (lat, lon, radius)):
        raise ApiError(ErrorCode.OUT_OF_RANGE, _("Give the location as finite numbers."), field="near")
    if not -90 <= lat <= 90:
        raise ApiError(ErrorCode.OUT_OF_RANGE, _("Latitude must be between -90 and 90."), field="near")
    if not -180 <= lon <= 180:
        raise ApiError(ErrorCode.OUT_OF_RANGE, _("Longitude must be between -180 and 180."), field="near")
    if not 0 < radius <= MAX_RADIUS_KM:
        raise ApiError(
            ErrorCode.OUT_OF_RANGE,
            _("The radius must be more than 0 and at most %(max)d km.") % {"max": MAX_RADIUS_KM},
            field="near",
        )
    return lat, lon, radius


def _distance_km(lat: float, lon: float):
    """The great-circle (haversine) distance from (lat, lon) to the hobby's venue, as a database expression."""
    lat0, lon0 = math.radians(lat), math.radians(lon)
    half_dlat = (Radians(F(LATITUDE)) - Value(lat0)) / Value(2.0)
    half_dlon = (Radians(F(LONGITUDE)) - Value(lon0)) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(Radians(F(LATITUDE))) * Power(Sin(half_dlon), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)), output_field=FloatField())


def _near(queryset, lat: float, lon: float, radius: float):
    queryset = queryset.filter(
        hobby__live=True,
        hobby__taken_down_at__isnull=True,
        hobby__venue__latitude__isnull=False,
        hobby__venue__longitude__isnull=False,
    )
    # A bounding box first, so that the database can use the venue's coordinate index.
    dlat = radius / KM_PER_DEGREE
    queryset = queryset.filter(**{f"{LATITUDE}__gte": lat - dlat, f"{LATITUDE}__lte": lat + dlat})
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 0.01:
        dlon = radius / (KM_PER_DEGREE * cos_lat)
        if lon - dlon >= -180 and lon + dlon <= 180:  # near the antimeridian the distance alone decides
            queryset = queryset.filter(**{f"{LONGITUDE}__gte": lon - dlon, f"{LONGITUDE}__lte": lon + dlon})
    return (
        queryset.annotate(distance_km=_distance_km(lat, lon))
        .filter(distance_km__lte=radius)
        .order_by("distance_km", "valid_until", "id")
    )


def benefit_listing(queryset, device, info=None):
    """The relations and counts a listed benefit reads, with a fixed number of queries for any count."""
    from .hobbies import listing_queryset

    queryset = queryset.select_related("organization").prefetch_related(
        Prefetch("hobby", queryset=listing_queryset(public_hobbies(), info, ("hobby",)))
    )
    if device is not None:
        mine = (
            Redemption.objects.filter(benefit=OuterRef("pk"), device=device)
            .order_by()
            .values("benefit")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = queryset.annotate(redeemed_by_me=Coalesce(Subquery(mine, output_field=IntegerField()), 0))
    return queryset


class BenefitQuery(graphene.ObjectType):
    benefits = graphene.List(
        graphene.NonNull(BenefitType),
        required=True,
        near=graphene.Argument(NearInput),
        active=graphene.Boolean(
            default_value=True,
            description="Only benefits valid now and not sold out (the default); false lists every public one.",
        ),
        hobby_id=graphene.ID(),
        first=graphene.Int(
            default_value=DEFAULT_BENEFITS, description=f"At most {MAX_BENEFITS} (larger values are capped)."
        ),
        lang=graphene.Argument(Language),
    )

    @staticmethod
    def resolve_benefits(root, info, near=None, active=True, hobby_id=None, first=DEFAULT_BENEFITS, lang=None):
        use_language(info, lang)
        with interface_language(info, lang):
            if first is None:
                first = DEFAULT_BENEFITS
            if first < 0:
                raise ApiError(ErrorCode.OUT_OF_RANGE, _("Ask for 0 or more benefits."), field="first")
            first = min(first, MAX_BENEFITS)
            queryset = public_benefits()
            if active:
                queryset = queryset.filter(active_q())
            if hobby_id is not None:
                pk = parse_id(hobby_id, "hobbyId")
                queryset = queryset.filter(hobby_id=pk, hobby__live=True, hobby__taken_down_at__isnull=True)
            if near is not None:
                queryset = _near(queryset, *_check_near(near))
            else:
                queryset = queryset.order_by("valid_until", "id")
            device = current_device(info)
            return list(benefit_listing(queryset, device, info)[:first]) if first else []


# --- redeeming -----------------------------------------------------------------------------------


class RedeemBenefit(graphene.Mutation):
    """Use a benefit: returns a short code to show at the venue. Needs a registered device."""

    class Arguments:
        benefit_id = graphene.ID(required=True)

    Output = RedeemBenefitPayload

    @staticmethod
    def mutate(root, info, benefit_id):
        with interface_language(info):
            return _redeem_benefit(info, benefit_id)


def _redeem_benefit(info, benefit_id) -> RedeemBenefitPayload:
    def failed(field, code, message):
        return RedeemBenefitPayload(redemption=None, errors=[field_error(field, code, message)])

    limited = check_rate_limit(info, "redeemBenefit")
    if limited is not None:
        return RedeemBenefitPayload(redemption=None, errors=[limited])
    try:
        device = require_device(info)
    except ApiError as exc:
        return failed(None, exc.code, exc.message)
    try:
        pk = parse_id(benefit_id, "benefitId")
    except ApiError as exc:
        return failed("benefitId", exc.code, exc.message)
    try:
        redemption = redeem(pk, device)
    except RedemptionError as exc:
        return failed("benefitId", exc.code, exc.message)
    return RedeemBenefitPayload(redemption=redemption, errors=[])


class BenefitMutation(graphene.ObjectType):
    redeem_benefit = RedeemBenefit.Field(required=True)
