"""The anonymous device profile: a random id and a token that is shown once and stored only as a hash."""

import pytest
from django.db import IntegrityError, transaction

from backend.benefits.models import Benefit, Redemption
from backend.devices.models import Device, Favourite, Interaction, hash_token

pytestmark = pytest.mark.django_db


def test_register_returns_a_token_that_is_stored_only_as_a_hash():
    device, token = Device.register(language="sv", age_group=Device.AgeGroup.AGE_13_15)
    assert len(token) >= 40
    stored = Device.objects.get(pk=device.pk)
    assert stored.token_hash == hash_token(token) != token
    assert token not in str(Device.objects.filter(pk=device.pk).values().get())
    assert Device.for_token(token) == device


@pytest.mark.parametrize("bad", ["", "x", "not-a-token", "a" * 5000])
def test_unknown_or_malformed_tokens_find_nothing(bad):
    Device.register()
    assert Device.for_token(bad) is None


def test_deleting_a_device_removes_what_it_remembered_but_keeps_redemption_counts(hobby, organization):
    device, _ = Device.register()
    device.interests.add(*hobby.categories.all())
    Favourite.objects.create(device=device, hobby=hobby)
    Interaction.objects.create(device=device, hobby=hobby, kind=Interaction.Kind.VIEW)
    benefit = Benefit.objects.create(
        organization=organization,
        kind="trial",
        title_fi="Kokeilu",
        valid_from="2026-01-01T00:00Z",
        valid_until="2027-01-01T00:00Z",
    )
    redemption = Redemption.objects.create(benefit=benefit, device=device, code="ABC123")
    device.delete()
    assert not Favourite.objects.exists() and not Interaction.objects.exists()
    redemption.refresh_from_db()
    assert redemption.device_id is None  # an anonymous count remains


def test_a_hobby_is_favourited_once_per_device(hobby):
    device, _ = Device.register()
    Favourite.objects.create(device=device, hobby=hobby)
    with pytest.raises(IntegrityError), transaction.atomic():
        Favourite.objects.create(device=device, hobby=hobby)
