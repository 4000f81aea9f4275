"""The permission matrix: every role × every action × own / other organization / other municipality,
through the real admin views. Every attempt outside a user's scope is refused and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Revision

from backend.benefits.models import Benefit
from backend.hobbies.models import Hobby, Venue

from .cms_world import ACCESS, build_world, hobby_form_data, snippet_url

pytestmark = pytest.mark.django_db

PAIRS = [(user, target) for user in ACCESS for target in ("a", "b", "e")]
REFUSED = {302, 403, 404}


@pytest.fixture
def world():
    return build_world()


def login(client, world, name):
    client.force_login(world.users[name])
    return client


def allowed(user: str, target: str) -> bool:
    return target in ACCESS[user]


def can_edit(user: str, target: str) -> bool:
    return allowed(user, target) and user != "nobody"


def assert_refused(response, secret: str):
    assert response.status_code in REFUSED, response.status_code
    assert secret not in response.content.decode()


# --- seeing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", list(ACCESS))
def test_listing_shows_only_rows_in_scope(client, world, user):
    login(client, world, user)
    for model, rows in ((Hobby, world.hobbies), (Benefit, world.benefits)):
        response = client.get(snippet_url(model, "list"))
        if user == "nobody":
            assert response.status_code in REFUSED
            continue
        html = response.content.decode()
        for key, row in rows.items():
            assert (row.title_fi in html) == allowed(user, key), (model.__name__, key)


@pytest.mark.parametrize("user", list(ACCESS))
def test_search_finds_only_rows_in_scope(client, world, user):
    login(client, world, user)
    for key, hobby in world.hobbies.items():
        response = client.get(snippet_url(Hobby, "list_results"), {"q": hobby.title_fi})
        found = response.status_code == 200 and hobby.title_fi in response.content.decode()
        assert found == allowed(user, key)


@pytest.mark.parametrize("user", list(ACCESS))
def test_choosers_offer_only_rows_in_scope(client, world, user):
    login(client, world, user)
    response = client.get(reverse("wagtailsnippetchoosers_hobbies_hobby:choose_results"))
    html = response.content.decode() if response.status_code == 200 else ""
    for key, hobby in world.hobbies.items():
        assert (hobby.title_fi in html) == allowed(user, key)
    venues = client.get(reverse("wagtailsnippetchoosers_hobbies_venue:choose_results"))
    html = venues.content.decode() if venues.status_code == 200 else ""
    for key, venue in world.venues.items():
        if key != "public":
            assert (venue.name_fi in html) == allowed(user, key)


@pytest.mark.parametrize(("user", "target"), PAIRS)
@pytest.mark.parametrize("view", ["edit", "history", "usage", "copy", "workflow_history"])
def test_object_views(client, world, user, target, view):
    login(client, world, user)
    hobby = world.hobbies[target]
    response = client.get(snippet_url(hobby, view, hobby.pk))
    if can_edit(user, target):
        assert response.status_code == 200
    else:
        assert_refused(response, hobby.title_fi)


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_preview_and_revisions(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    revision = hobby.latest_revision
    urls = [
        snippet_url(hobby, "preview_on_edit", hobby.pk),
        snippet_url(hobby, "revisions_view", hobby.pk, revision.pk),
        snippet_url(hobby, "revisions_revert", hobby.pk, revision.pk),
    ]
    for url in urls:
        response = client.get(url)
        if can_edit(user, target):
            assert response.status_code == 200, url
        else:
            assert_refused(response, hobby.title_fi)


# --- changing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_edit_saves_a_draft_only_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    revisions_before = Revision.objects.for_instance(hobby).count()
    response = client.post(snippet_url(hobby, "edit", hobby.pk), hobby_form_data(hobby, title_fi="Muutettu"))
    hobby.refresh_from_db()
    assert hobby.title_fi != "Muutettu"  # a live row changes only on publish
    if can_edit(user, target):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Revision.objects.for_instance(hobby).count() == revisions_before + 1
        assert hobby.latest_revision.as_object().title_fi == "Muutettu"
    else:
        assert response.status_code in REFUSED
        assert Revision.objects.for_instance(hobby).count() == revisions_before


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_delete_only_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    response = client.post(snippet_url(hobby, "delete", hobby.pk))
    exists = Hobby.objects.filter(pk=hobby.pk).exists()
    if can_edit(user, target):
        assert response.status_code == 302 and not exists
    else:
        assert response.status_code in REFUSED and exists


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_bulk_delete_only_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    url = reverse("wagtail_bulk_action", args=["hobbies", "hobby", "delete"]) + f"?id={hobby.pk}"
    client.post(url)
    assert Hobby.objects.filter(pk=hobby.pk).exists() == (not can_edit(user, target))


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_lock_only_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    client.post(snippet_url(hobby, "lock", hobby.pk))
    hobby.refresh_from_db()
    assert hobby.locked == can_edit(user, target)


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_unpublish_only_for_moderators_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    client.post(snippet_url(hobby, "unpublish", hobby.pk))
    hobby.refresh_from_db()
    may_publish = can_edit(user, target) and not user.startswith("prov")
    assert hobby.live == (not may_publish)


@pytest.mark.parametrize(("user", "target"), PAIRS)
def test_take_down_only_for_moderators_in_scope(client, world, user, target):
    login(client, world, user)
    hobby = world.hobbies[target]
    response = client.post(reverse("cms_take_down", args=["hobby", hobby.pk]), {"reason": "Epäasiallinen sisältö"})
    hobby.refresh_from_db()
    may_publish = can_edit(user, target) and not user.startswith("prov")
    assert hobby.live == (not may_publish)
    assert (hobby.taken_down_reason == "Epäasiallinen sisältö") == may_publish
    if not may_publish:
        assert response.status_code in REFUSED


@pytest.mark.parametrize("user", list(ACCESS))
def test_create_only_for_own_organizations(client, world, user):
    login(client, world, user)
    for key, org in world.orgs.items():
        title = f"Uusi-{key}-{user}"
        data = hobby_form_data(world.hobbies[key], title_fi=title, organization=org.pk, venue="")
        client.post(snippet_url(Hobby, "add"), data)
        created = Hobby.objects.filter(title_fi=title).first()
        assert (created is not None) == can_edit(user, key), (user, key)
        if created is not None:
            assert created.live is False  # a new hobby is a draft until published or approved


def test_provider_cannot_publish_directly(client, world):
    login(client, world, "prov_a")
    hobby = world.hobbies["a"]
    client.post(
        snippet_url(hobby, "edit", hobby.pk), {**hobby_form_data(hobby, title_fi="Julkaise"), "action-publish": "1"}
    )
    hobby.refresh_from_db()
    assert hobby.title_fi != "Julkaise"


def test_imported_rows_are_read_only_for_providers(client, world):
    hobby = world.hobbies["a"]
    Hobby.objects.filter(pk=hobby.pk).update(data_source="linkedevents", origin_id="helsinki:1")
    login(client, world, "prov_a")
    assert client.get(snippet_url(hobby, "list")).status_code == 200
    before = Revision.objects.for_instance(hobby).count()
    response = client.post(snippet_url(hobby, "edit", hobby.pk), hobby_form_data(hobby, title_fi="Muutettu"))
    assert response.status_code in REFUSED
    assert Revision.objects.for_instance(hobby).count() == before
    client.post(snippet_url(hobby, "delete", hobby.pk))
    client.post(reverse("wagtail_bulk_action", args=["hobbies", "hobby", "delete"]) + f"?id={hobby.pk}")
    assert Hobby.objects.filter(pk=hobby.pk).exists()
    # …while the municipality's moderator can still edit (and hide) it
    login(client, world, "mod_h")
    response = client.post(snippet_url(hobby, "edit", hobby.pk), hobby_form_data(hobby, title_fi="Muutettu"))
    assert response.status_code == 302


def test_public_venues_can_be_chosen_but_not_edited_by_providers(client, world):
    venue = world.venues["public"]
    login(client, world, "prov_a")
    assert venue.name_fi in client.get(reverse("wagtailsnippetchoosers_hobbies_venue:choose_results")).content.decode()
    response = client.post(snippet_url(venue, "delete", venue.pk))
    assert response.status_code in REFUSED
    assert Venue.objects.filter(pk=venue.pk).exists()


@pytest.mark.parametrize("user", list(ACCESS))
@pytest.mark.parametrize(
    "url",
    [
        "/cms/reports/site-history/",
        "/cms/reports/site-history/results/",
        "/cms/reports/workflow/",
        "/cms/reports/workflow_tasks/",
        "/cms/reports/locked/",
    ],
)
def test_cross_object_reports_are_for_operators_only(client, world, user, url):
    login(client, world, user)
    response = client.get(url)
    html = response.content.decode()
    if user == "operator":
        assert response.status_code == 200
    else:
        assert response.status_code in REFUSED
        for hobby in world.hobbies.values():
            assert hobby.title_fi not in html
