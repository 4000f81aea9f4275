"""Bad data is impossible: each rule is enforced by the database and explained by the model's validation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from backend.benefits.models import Benefit
from backend.feedback.models import Feedback
from backend.hobbies.models import Category, Hobby, Session, Venue

from .conftest import make_hobby

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; their fi/sv translations are checked in test_i18n."""
    with translation.override("en"):
        yield


def messages_of(excinfo) -> str:
    return " ".join(str(m) for m in excinfo.value.messages)


def assert_db_rejects(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


# --- age range ---------------------------------------------------------------------------------


def test_age_min_above_age_max_is_rejected_by_database(hobby):
    assert_db_rejects(lambda: Hobby.objects.filter(pk=hobby.pk).update(age_min=16, age_max=13))


def test_age_min_above_age_max_has_a_clear_message(hobby):
    hobby.age_min, hobby.age_max = 16, 13
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert "The minimum age cannot be greater than the maximum age." in messages_of(excinfo)


@pytest.mark.parametrize(("age_min", "age_max"), [(12, 100), (100, 120)])
def test_ages_outside_0_to_99_are_rejected_by_database(hobby, age_min, age_max):
    assert_db_rejects(lambda: Hobby.objects.filter(pk=hobby.pk).update(age_min=age_min, age_max=age_max))


def test_ages_outside_0_to_99_have_a_clear_message(hobby):
    hobby.age_max = 150
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert excinfo.value.message_dict["age_max"] == ["Ages must be between 0 and 99."]


# --- price ----------------------------------------------------------------------------------------


def test_free_hobby_with_an_amount_is_rejected_by_database(hobby):
    assert_db_rejects(lambda: Hobby.objects.filter(pk=hobby.pk).update(price_kind="free", price_amount=10))


def test_free_hobby_with_an_amount_has_a_clear_message(hobby):
    hobby.price_kind, hobby.price_amount = Hobby.PriceKind.FREE, Decimal("10.00")
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert "A free hobby has no price amount" in messages_of(excinfo)


def test_negative_price_is_rejected_by_database(hobby):
    assert_db_rejects(lambda: Hobby.objects.filter(pk=hobby.pk).update(price_kind="paid", price_amount=-1))


def test_paid_hobby_needs_an_amount_or_a_description(hobby):
    hobby.price_kind = Hobby.PriceKind.PAID
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert "A paid hobby needs a price" in messages_of(excinfo)
    hobby.price_text_fi = "40 € / lukukausi"
    hobby.full_clean()


def test_paid_hobby_with_amount_and_unit_is_valid(hobby):
    hobby.price_kind, hobby.price_amount, hobby.price_unit = "paid", Decimal("40"), Hobby.PriceUnit.TERM
    hobby.full_clean()
    hobby.save()
    assert Hobby.objects.get(pk=hobby.pk).price_amount == Decimal("40.00")


# --- other hobby rules -------------------------------------------------------------------------


def test_hobby_needs_a_title_in_some_language(hobby):
    hobby.title_fi = ""
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert "Give the hobby a title in at least one language." in messages_of(excinfo)
    hobby.title_sv = "Fotbollsklubb"
    hobby.full_clean()


def test_enrolment_must_close_after_it_opens(hobby):
    now = timezone.now()
    assert_db_rejects(
        lambda: Hobby.objects.filter(pk=hobby.pk).update(enrolment_start=now, enrolment_end=now - dt.timedelta(days=1))
    )
    hobby.enrolment_start, hobby.enrolment_end = now, now - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        hobby.full_clean()
    assert "Enrolment must close after it opens." in messages_of(excinfo)


def test_data_source_and_origin_id_are_unique_together(organization):
    make_hobby(organization, data_source="linkedevents", origin_id="helsinki:123")
    make_hobby(organization, data_source="lipas", origin_id="helsinki:123")  # another source: fine
    make_hobby(organization)  # CMS rows have no origin id: any number of them
    make_hobby(organization)
    assert_db_rejects(lambda: make_hobby(organization, data_source="linkedevents", origin_id="helsinki:123"))


def test_hobby_takes_its_municipality_from_its_organization(hobby, organization):
    assert hobby.municipality_id == organization.municipality_id


# --- sessions -------------------------------------------------------------------------------------


def test_session_must_end_after_it_starts(hobby):
    start = timezone.now()
    assert_db_rejects(lambda: Session.objects.create(hobby=hobby, start=start, end=start))
    session = Session(hobby=hobby, start=start, end=start - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as excinfo:
        session.full_clean()
    assert "A session must end after it starts." in messages_of(excinfo)


def test_session_weekday_and_time_of_day_are_derived_in_helsinki_time(hobby):
    # 2026-11-23 is a Monday; 15:30 UTC is 17:30 in Helsinki (EET, UTC+2): evening.
    start = dt.datetime(2026, 11, 23, 15, 30, tzinfo=dt.UTC)
    session = Session.objects.create(hobby=hobby, start=start, end=start + dt.timedelta(hours=1))
    assert (session.weekday, session.time_of_day) == (0, "evening")
    # 2026-11-28 23:30 UTC is already Sunday 01:30 in Helsinki: morning.
    late = Session.objects.create(hobby=hobby, start=dt.datetime(2026, 11, 28, 23, 30, tzinfo=dt.UTC))
    assert (late.weekday, late.time_of_day) == (6, "morning")


# --- venues -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lat", "lon"), [(91, 24.9), (-91, 24.9), (60.1, 181), (60.1, -181)])
def test_coordinates_out_of_range_are_rejected(venue, lat, lon):
    assert_db_rejects(lambda: Venue.objects.filter(pk=venue.pk).update(latitude=lat, longitude=lon))
    venue.latitude, venue.longitude = lat, lon
    with pytest.raises(ValidationError) as excinfo:
        venue.full_clean()
    assert "between" in messages_of(excinfo)


def test_coordinates_come_in_pairs(venue):
    assert_db_rejects(lambda: Venue.objects.filter(pk=venue.pk).update(latitude=None))
    venue.longitude = None
    with pytest.raises(ValidationError) as excinfo:
        venue.full_clean()
    assert "Give both latitude and longitude, or neither." in messages_of(excinfo)


def test_postal_code_has_five_digits(venue):
    venue.postal_code = "123"
    with pytest.raises(ValidationError) as excinfo:
        venue.full_clean()
    assert "A Finnish postal code has five digits." in messages_of(excinfo)


# --- categories ---------------------------------------------------------------------------------------


def test_category_cannot_be_its_own_ancestor(category):
    child = Category.objects.create(
        slug="futsal", name_fi="Futsal", name_sv="Futsal", name_en="Futsal", parent=category
    )
    assert_db_rejects(lambda: Category.objects.filter(pk=category.pk).update(parent=category))
    category.parent = child
    with pytest.raises(ValidationError) as excinfo:
        category.full_clean()
    assert "cannot be placed under itself" in messages_of(excinfo)


def test_descendants_include_the_whole_subtree(category):
    child = Category.objects.create(
        slug="futsal", name_fi="Futsal", name_sv="Futsal", name_en="Futsal", parent=category
    )
    grandchild = Category.objects.create(slug="f2", name_fi="F2", name_sv="F2", name_en="F2", parent=child)
    other = Category.objects.create(slug="music", name_fi="Musiikki", name_sv="Musik", name_en="Music")
    assert Category.descendant_ids([category.pk]) == {category.pk, child.pk, grandchild.pk}
    assert other.pk not in Category.descendant_ids([category.pk])


# --- benefits -----------------------------------------------------------------------------------------


@pytest.fixture
def benefit(organization) -> Benefit:
    now = timezone.now()
    return Benefit.objects.create(
        organization=organization,
        kind=Benefit.Kind.TRIAL,
        title_fi="Ilmainen kokeilu",
        valid_from=now,
        valid_until=now + dt.timedelta(days=30),
        total_quantity=3,
    )


def test_benefit_is_never_oversold_at_the_database(benefit):
    Benefit.objects.filter(pk=benefit.pk).update(redeemed_count=3)
    assert_db_rejects(lambda: Benefit.objects.filter(pk=benefit.pk).update(redeemed_count=4))


def test_quantity_below_redemptions_has_a_clear_message(benefit):
    Benefit.objects.filter(pk=benefit.pk).update(redeemed_count=3)
    benefit.refresh_from_db()
    benefit.total_quantity = 2
    with pytest.raises(ValidationError) as excinfo:
        benefit.full_clean()
    assert "The quantity cannot be smaller than the number already redeemed." in messages_of(excinfo)


def test_benefit_validity_must_be_ordered(benefit):
    assert_db_rejects(lambda: Benefit.objects.filter(pk=benefit.pk).update(valid_until=benefit.valid_from))


def test_benefit_per_device_limit_is_at_least_one(benefit):
    assert_db_rejects(lambda: Benefit.objects.filter(pk=benefit.pk).update(per_device_limit=0))


# --- feedback -------------------------------------------------------------------------------------------


def test_feedback_rating_is_one_to_five(db):
    assert_db_rejects(lambda: Feedback.objects.create(rating=6))
    assert_db_rejects(lambda: Feedback.objects.create(rating=0))
    with pytest.raises(ValidationError) as excinfo:
        Feedback(rating=6).full_clean()
    assert "rating" in excinfo.value.message_dict


def test_feedback_is_not_empty(db):
    assert_db_rejects(lambda: Feedback.objects.create(text=""))
    with pytest.raises(ValidationError) as excinfo:
        Feedback(text="   ").full_clean()
    assert "Give a rating, a text, or both." in messages_of(excinfo)
    Feedback(rating=4).full_clean()
