"""The CMS serves every content type's listing, creation form and edit form (permissions come in the CMS issue)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from backend.benefits.models import Benefit
from backend.hobbies.models import Category, CategoryMapping, Hobby, Municipality, Organization, Venue
from importers.models import ImportRun

pytestmark = pytest.mark.django_db

MODELS = [Hobby, Benefit, Venue, Organization, Category, CategoryMapping, Municipality, ImportRun]


@pytest.fixture
def operator_client(client):
    user = get_user_model().objects.create_superuser("operator", "op@example.invalid", "pw-for-tests-only")
    client.force_login(user)
    return client


def url_name(model, view: str) -> str:
    return f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_listing_and_add_forms_render(operator_client, model, hobby):
    assert operator_client.get(reverse(url_name(model, "list"))).status_code == 200
    assert operator_client.get(reverse(url_name(model, "add"))).status_code == 200


def test_hobby_edit_form_renders_and_saves_a_draft(operator_client, hobby):
    url = reverse(url_name(Hobby, "edit"), args=[hobby.pk])
    response = operator_client.get(url)
    assert response.status_code == 200
    assert b"Jalkapallokerho" in response.content


def test_instruction_languages_are_normalised(hobby):
    hobby.instruction_languages = "FI, en en"
    hobby.full_clean()
    assert hobby.instruction_languages == ",fi,en,"
    assert hobby.instruction_language_list == ["fi", "en"]
