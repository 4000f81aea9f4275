"""Moderation flows: nothing a provider writes is public until a moderator of that municipality approves it,
a rejected item never appears, an edit to a live hobby waits for approval, a take-down is immediate."""

from __future__ import annotations

import pytest
from wagtail.models import TaskState

from backend.hobbies.models import Hobby
from backend.hobbies.services import public_hobbies

from .cms_world import build_world, hobby_form_data, snippet_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def public_titles() -> set[str]:
    return set(public_hobbies().values_list("title_fi", flat=True))


def submit_new_hobby(client, world, title: str) -> Hobby:
    client.force_login(world.users["prov_a"])
    data = {**hobby_form_data(world.hobbies["a"], title_fi=title), "action-submit": "1"}
    response = client.post(snippet_url(Hobby, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Hobby.objects.get(title_fi=title)


def task_state_of(hobby: Hobby) -> TaskState:
    return TaskState.objects.for_instance(hobby).get(status=TaskState.STATUS_IN_PROGRESS)


def act(client, world, user: str, hobby: Hobby, action: str, comment: str = ""):
    client.force_login(world.users[user])
    state = task_state_of(hobby)
    url = snippet_url(hobby, "workflow_action", hobby.pk, action, state.pk)
    return client.post(url, {"comment": comment} if comment else {})


def test_new_hobby_is_invisible_until_its_municipalitys_moderator_approves(client, world):
    hobby = submit_new_hobby(client, world, "Uusi kerho")
    assert hobby.live is False
    assert "Uusi kerho" not in public_titles()
    assert hobby.current_workflow_state is not None

    # another municipality's moderator can neither see nor approve it
    act(client, world, "mod_e", hobby, "approve")
    hobby.refresh_from_db()
    assert hobby.live is False
    assert task_state_of(hobby).status == TaskState.STATUS_IN_PROGRESS

    # the provider cannot approve their own hobby
    act(client, world, "prov_a", hobby, "approve")
    hobby.refresh_from_db()
    assert hobby.live is False

    response = act(client, world, "mod_h", hobby, "approve")
    assert response.status_code in {200, 302}
    hobby.refresh_from_db()
    assert hobby.live is True
    assert "Uusi kerho" in public_titles()


def test_moderation_queue_is_scoped_to_the_municipality(client, world):
    hobby = submit_new_hobby(client, world, "Jonossa")
    assert TaskState.objects.reviewable_by(world.users["mod_h"]).filter(pk=task_state_of(hobby).pk).exists()
    assert not TaskState.objects.reviewable_by(world.users["mod_e"]).exists()
    assert not TaskState.objects.reviewable_by(world.users["prov_b"]).exists()
    client.force_login(world.users["mod_h"])
    assert "Jonossa" in client.get("/cms/").content.decode()
    client.force_login(world.users["mod_e"])
    assert "Jonossa" not in client.get("/cms/").content.decode()


def test_rejected_hobby_never_appears_and_the_provider_sees_the_comment(client, world):
    hobby = submit_new_hobby(client, world, "Hylättävä")
    act(client, world, "mod_h", hobby, "reject", comment="Lisää ikäraja ja hinta.")
    hobby.refresh_from_db()
    assert hobby.live is False
    assert "Hylättävä" not in public_titles()
    client.force_login(world.users["prov_a"])
    dashboard = client.get("/cms/").content.decode()
    assert "Lisää ikäraja ja hinta." in dashboard
    # another organization's editor learns nothing of it
    client.force_login(world.users["prov_b"])
    assert "Hylättävä" not in client.get("/cms/").content.decode()


def test_edit_of_a_live_hobby_waits_for_approval(client, world):
    hobby = world.hobbies["a"]
    client.force_login(world.users["prov_a"])
    data = {**hobby_form_data(hobby, title_fi="Uusi nimi"), "action-submit": "1"}
    assert client.post(snippet_url(hobby, "edit", hobby.pk), data).status_code == 302
    hobby.refresh_from_db()
    assert hobby.live is True
    assert hobby.title_fi == "Harrastus-a-uniikki"  # the public still sees the approved version
    assert "Harrastus-a-uniikki" in public_titles() and "Uusi nimi" not in public_titles()
    act(client, world, "mod_h", hobby, "approve")
    hobby.refresh_from_db()
    assert hobby.title_fi == "Uusi nimi"
    assert "Uusi nimi" in public_titles()


def test_take_down_removes_at_once_with_a_reason_and_stays_down(client, world):
    from django.urls import reverse

    hobby = world.hobbies["a"]
    client.force_login(world.users["mod_h"])
    response = client.post(reverse("cms_take_down", args=["hobby", hobby.pk]), {"reason": ""})
    assert response.status_code == 200  # a reason is required
    assert "Harrastus-a-uniikki" in public_titles()
    client.post(reverse("cms_take_down", args=["hobby", hobby.pk]), {"reason": "Turvallisuushuoli"})
    hobby.refresh_from_db()
    assert hobby.live is False and hobby.taken_down_reason == "Turvallisuushuoli"
    assert "Harrastus-a-uniikki" not in public_titles()
    client.force_login(world.users["prov_a"])
    assert "Turvallisuushuoli" in client.get("/cms/").content.decode()
    # publishing it again (a moderator's decision) lifts the take-down
    hobby.save_revision(clean=False).publish(skip_permission_checks=True)
    hobby.refresh_from_db()
    assert hobby.taken_down_at is None and "Harrastus-a-uniikki" in public_titles()


def test_cms_edits_are_remembered_so_imports_do_not_overwrite_them(client, world):
    hobby = world.hobbies["b"]
    assert hobby.edited_in_cms is False
    client.force_login(world.users["prov_b"])
    client.post(snippet_url(hobby, "edit", hobby.pk), hobby_form_data(hobby, title_fi="Käsin muokattu"))
    hobby.refresh_from_db()
    assert hobby.edited_in_cms is True


def test_preview_shows_the_card_in_each_language(client, world):
    hobby = world.hobbies["a"]
    Hobby.objects.filter(pk=hobby.pk).update(title_sv="Klubb A")
    client.force_login(world.users["prov_a"])
    url = snippet_url(hobby, "preview_on_edit", hobby.pk)
    data = hobby_form_data(hobby, title_sv="Klubb A")
    assert client.post(url, data).json()["is_valid"] is True
    swedish = client.get(url, {"mode": "sv"}).content.decode()
    assert '<html lang="sv">' in swedish and "Klubb A" in swedish
    english = client.get(url, {"mode": "en"}).content.decode()
    assert '<html lang="en">' in english
    assert 'lang="fi"' in english and "Harrastus-a-uniikki" in english  # fallback text marked as Finnish
