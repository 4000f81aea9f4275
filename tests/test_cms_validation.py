"""Validation in the CMS: each rule gives a clear message, in the provider's own language."""

from __future__ import annotations

import pytest
from wagtail.users.models import UserProfile

from backend.hobbies.models import Hobby

from .cms_world import build_world, hobby_form_data, snippet_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def post_new_hobby(client, world, language: str = "en", **changes) -> str:
    user = world.users["prov_a"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    data = hobby_form_data(world.hobbies["a"], venue="")
    data.update({"title_fi": "Validoitava", **changes})
    before = Hobby.objects.count()
    response = client.post(snippet_url(Hobby, "add"), data)
    assert response.status_code == 200, "an invalid form is shown again"
    assert Hobby.objects.count() == before, "nothing is saved"
    return response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age_min": 16, "age_max": 13}, "The minimum age cannot be greater than the maximum age."),
        ({"age_max": 120}, "Ages must be between 0 and 99."),
        ({"price_kind": "free", "price_amount": "15"}, "A free hobby has no price amount"),
        ({"price_kind": "paid"}, "A paid hobby needs a price: give an amount or describe the price."),
        (
            {"enrolment_start": "2027-01-10 10:00", "enrolment_end": "2027-01-01 10:00"},
            "Enrolment must close after it opens.",
        ),
        ({"registration_url": "javascript:alert(1)"}, "Give a web address starting with https://"),
        ({"registration_url": "ftp://example.fi/file"}, "Give a web address starting with https://"),
        ({"title_fi": "x" * 151}, "Ensure this value has at most 150 characters"),
        ({"categories": []}, "Choose at least one category, so that teenagers can find the hobby."),
        ({"title_fi": ""}, "Give the hobby a title in at least one language."),
        ({"instruction_languages": "finnish!"}, "Use two-letter language codes such as fi, sv, en."),
    ],
)
def test_rule_gives_a_clear_message(client, world, changes, message):
    assert message in post_new_hobby(client, world, **changes)


def test_session_must_end_after_it_starts(client, world):
    sessions = {
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-start": "2027-01-10 18:00",
        "sessions-0-end": "2027-01-10 17:00",
        "sessions-0-cancelled": "",
        "sessions-0-id": "",
        "sessions-0-DELETE": "",
    }
    html = post_new_hobby(client, world, **sessions)
    assert "A session must end after it starts." in html


def test_image_needs_alt_text(client, world):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="kuva", file=get_test_image_file())
    html = post_new_hobby(client, world, image=image.pk)
    assert "Describe the image for people who cannot see it (alt text)." in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Alaikäraja ei voi olla suurempi kuin yläikäraja."),
        ("sv", "Den lägsta åldern kan inte vara högre än den högsta åldern."),
    ],
)
def test_messages_in_the_providers_language(client, world, language, message):
    html = post_new_hobby(client, world, language=language, age_min=16, age_max=13)
    assert message in html
