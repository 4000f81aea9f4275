"""Provider onboarding: the public application form, moderation of applications, and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backend.hobbies.models import Municipality, Organization
from cms.onboarding import services
from cms.onboarding.models import Invitation, ProviderApplication
from cms.roles import PROVIDER_EDITORS, make_moderator, make_provider_editor

pytestmark = pytest.mark.django_db

APPLY = "/providers/apply/"
LINK = re.compile(r"https?://\S+/providers/invitation/(?P<token>[\w-]+)/\?lang=(?P<lang>\w+)")


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _english_cms(settings):
    """CMS screens are checked in English here (their fi/sv translations are checked in test_translations);
    the public form chooses its language from ?lang= or the browser, as tested below."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def helsinki(db) -> Municipality:
    return Municipality.objects.create(code="091", slug="helsinki", name_fi="Helsinki", name_sv="Helsingfors")


@pytest.fixture
def espoo(db) -> Municipality:
    return Municipality.objects.create(code="049", slug="espoo", name_fi="Espoo", name_sv="Esbo")


@pytest.fixture
def helsinki_moderator(django_user_model, helsinki):
    user = django_user_model.objects.create_user("mod-hki", "mod@hel.example", "pw-for-tests-only")
    make_moderator(user, helsinki)
    return user


@pytest.fixture
def espoo_moderator(django_user_model, espoo):
    user = django_user_model.objects.create_user("mod-espoo", "mod@espoo.example", "pw-for-tests-only")
    make_moderator(user, espoo)
    return user


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("operator", "op@example.invalid", "pw-for-tests-only")


def make_organization(municipality, name: str, slug: str) -> Organization:
    return Organization.objects.create(
        municipality=municipality, name=name, slug=slug, kind=Organization.Kind.ASSOCIATION
    )


def form_data(municipality, **overrides) -> dict:
    data = {
        "organization_name": "Kallion Koripallo ry",
        "municipality": str(municipality.pk),
        "kind": "association",
        "contact_name": "Maija Meikäläinen",
        "email": "Maija.Meikalainen@Kallionkoris.example",
        "phone": "+358 40 123 4567",
        "website": "https://kallionkoris.example",
        "description": "Koripalloa 10–15-vuotiaille Kallion liikuntahallissa.",
        "leave_empty": "",
    }
    data.update(overrides)
    return data


def make_application(municipality, **fields) -> ProviderApplication:
    values = {
        "organization_name": "Kallion Koripallo ry",
        "kind": "association",
        "contact_name": "Maija Meikäläinen",
        "email": "Maija.Meikalainen@Kallionkoris.example",
        "website": "https://kallionkoris.example",
        "description": "Koripalloa nuorille.",
        "language": "fi",
    }
    values.update(fields)
    return ProviderApplication.objects.create(municipality=municipality, **values)


def counts() -> dict:
    return {
        "applications": ProviderApplication.objects.count(),
        "organizations": Organization._base_manager.count(),
        "users": get_user_model().objects.count(),
        "invitations": Invitation.objects.count(),
    }


def admin_url(view: str, application) -> str:
    return reverse(f"provider_applications:{view}", args=[application.pk])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the public form ------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "association"), [("fi", "Yhdistys"), ("sv", "Förening"), ("en", "Association")])
def test_form_renders_in_each_language(client, helsinki, language, association):
    for response in (
        client.get(APPLY, {"lang": language}),
        client.get(APPLY, headers={"accept-language": f"{language},en;q=0.5"}),
    ):
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert association in html
        assert html.count("<h1") == 1
        assert '<main id="main"' in html
        assert 'href="#main"' in html  # the skip link
        assert "<fieldset" in html and "<legend" in html
        assert 'for="id_organization_name"' in html
        assert 'autocomplete="organization"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        # the honeypot is hidden from people and assistive technology
        assert re.search(r'<div class="hp" aria-hidden="true">', html)
        honeypot = re.search(r"<input[^>]*name=\"leave_empty\"[^>]*>", html).group(0)
        assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
        # no external assets
        assert not re.search(r'(src|href)="(https?:)?//', html)
        assert "Helsingfors" in html if language == "sv" else "Helsinki" in html


def test_valid_application_creates_one_row_and_nothing_else(client, helsinki):
    before = counts()
    response = client.post(f"{APPLY}?lang=sv", form_data(helsinki))
    assert response.status_code == 302
    assert response["Location"] == "/providers/apply/thanks/?lang=sv"
    assert counts() == {**before, "applications": before["applications"] + 1}
    application = ProviderApplication.objects.get()
    assert application.status == ProviderApplication.Status.PENDING
    assert application.language == "sv"
    assert application.municipality == helsinki
    assert application.website == "https://kallionkoris.example"
    assert mail.outbox == []
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert '<html lang="sv">' in thanks.content.decode()


def test_language_of_the_application_follows_the_browser(client, helsinki):
    response = client.post(APPLY, form_data(helsinki), headers={"accept-language": "en-GB,en;q=0.8"})
    assert response.status_code == 302
    assert ProviderApplication.objects.get().language == "en"


def test_filled_honeypot_pretends_success_and_creates_nothing(client, helsinki):
    before = counts()
    response = client.post(APPLY, form_data(helsinki, leave_empty="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"].startswith("/providers/apply/thanks/")
    assert counts() == before


def test_sixth_submission_in_an_hour_is_refused(client, helsinki):
    for n in range(5):
        response = client.post(APPLY, form_data(helsinki, organization_name=f"Seura {n}"))
        assert response.status_code == 302
    response = client.post(APPLY, form_data(helsinki, organization_name="Seura 6"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "<h1" in response.content.decode()
    assert ProviderApplication.objects.count() == 5
    assert not ProviderApplication.objects.filter(organization_name="Seura 6").exists()
    # another address is not affected
    other = client.post(APPLY, form_data(helsinki, organization_name="Seura 7"), REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


def test_invalid_submissions_do_not_count_towards_the_limit(client, helsinki):
    for _ in range(6):
        assert client.post(APPLY, form_data(helsinki, email="not an email")).status_code == 200
    assert client.post(APPLY, form_data(helsinki)).status_code == 302


def test_errors_are_announced_and_linked(client, helsinki):
    response = client.post(
        f"{APPLY}?lang=en", form_data(helsinki, organization_name="", kind="", website="javascript:alert(1)")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert html.index('role="alert"') < html.index("<form")
    assert 'href="#id_organization_name"' in html
    assert 'href="#id_kind_0"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_organization_name"', html) or re.search(
        r'<input[^>]*id="id_organization_name"[^>]*aria-invalid="true"', html
    )
    assert 'aria-describedby="id_organization_name_error"' in html
    assert 'id="id_organization_name_error"' in html
    assert "<title>Error:" in html
    assert ProviderApplication.objects.count() == 0


@pytest.mark.parametrize("website", ["ftp://kallionkoris.example", "javascript:alert(1)", "data:text/html,hi"])
def test_website_must_be_http_or_https(client, helsinki, website):
    response = client.post(APPLY, form_data(helsinki, website=website))
    assert response.status_code == 200
    assert ProviderApplication.objects.count() == 0


def test_website_without_scheme_gets_https(client, helsinki):
    client.post(APPLY, form_data(helsinki, website="kallionkoris.example"))
    assert ProviderApplication.objects.get().website == "https://kallionkoris.example"


def test_description_is_limited(client, helsinki):
    response = client.post(APPLY, form_data(helsinki, description="x" * 1001))
    assert response.status_code == 200
    assert ProviderApplication.objects.count() == 0


def test_duplicate_pending_application_is_refused(client, helsinki, espoo):
    make_application(helsinki, organization_name="Kallion Koripallo ry")
    before = counts()
    response = client.post(f"{APPLY}?lang=en", form_data(helsinki, organization_name="  KALLION   koripallo RY "))
    assert response.status_code == 200
    assert "already waiting for a decision" in response.content.decode()
    assert counts() == before
    # the same name in another municipality is a different organization
    assert client.post(APPLY, form_data(espoo)).status_code == 302


def test_application_for_an_existing_organization_is_refused(client, helsinki):
    make_organization(helsinki, "Ääneen Laulajat ry", "aaneen-laulajat")
    before = counts()
    response = client.post(f"{APPLY}?lang=en", form_data(helsinki, organization_name="ÄÄNEEN LAULAJAT RY"))
    assert response.status_code == 200
    assert "already in the service" in response.content.decode()
    assert counts() == before


def test_database_refuses_two_pending_applications_with_one_name(helsinki):
    make_application(helsinki, organization_name="Seura")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_application(helsinki, organization_name="SEURA")


def test_database_refuses_a_decline_without_reason(helsinki):
    application = make_application(helsinki)
    application.status = ProviderApplication.Status.DECLINED
    application.decided_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()


# --- who sees applications in the CMS -------------------------------------------------------


def test_moderator_sees_only_their_municipalitys_applications(helsinki, espoo, helsinki_moderator, espoo_moderator):
    in_helsinki = make_application(helsinki, organization_name="Helsingin Shakki")
    in_espoo = make_application(espoo, organization_name="Espoon Sulkapallo")
    listing = logged_in(espoo_moderator).get(reverse("provider_applications:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Espoon Sulkapallo" in html
    assert "Helsingin Shakki" not in html
    own = logged_in(helsinki_moderator).get(reverse("provider_applications:index")).content.decode()
    assert "Helsingin Shakki" in own and "Espoon Sulkapallo" not in own
    client = logged_in(espoo_moderator)
    for view in ("inspect", "edit", "approve", "decline", "history"):
        assert client.get(admin_url(view, in_espoo)).status_code == 200, view
    found = client.get(reverse("provider_applications:index"), {"q": "Sulkapallo"}).content.decode()
    assert "Espoon Sulkapallo" in found
    assert (
        "Helsingin Shakki" not in client.get(reverse("provider_applications:index"), {"q": "Shakki"}).content.decode()
    )
    assert client.get(admin_url("delete", in_espoo)).status_code == 302  # moderators do not delete
    assert ProviderApplication.objects.filter(pk=in_espoo.pk).exists()
    assert in_helsinki.pk != in_espoo.pk


def test_menu_items_follow_the_roles(helsinki, helsinki_moderator, django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@example.invalid", "pw-for-tests-only")
    make_provider_editor(editor, make_organization(helsinki, "Seura", "seura"))
    moderator_menu = logged_in(helsinki_moderator).get("/cms/").content.decode()
    assert "Provider applications" in moderator_menu and "Organization editors" in moderator_menu
    editor_menu = logged_in(editor).get("/cms/").content.decode()
    assert "Provider applications" not in editor_menu and "Organization editors" in editor_menu


def test_another_municipalitys_application_is_out_of_reach(helsinki, espoo, espoo_moderator):
    application = make_application(helsinki)
    client = logged_in(espoo_moderator)
    before = counts()
    for view in ("inspect", "edit", "approve", "decline", "delete", "history"):
        assert client.get(admin_url(view, application)).status_code in (403, 404), view
    assert client.post(admin_url("approve", application)).status_code in (403, 404)
    assert client.post(admin_url("decline", application), {"reason": "No."}).status_code in (403, 404)
    assert client.post(admin_url("edit", application), {"organization_name": "Hijacked"}).status_code in (403, 404)
    assert client.post(admin_url("delete", application)).status_code in (403, 404)
    application.refresh_from_db()
    assert application.status == ProviderApplication.Status.PENDING
    assert application.organization_name == "Kallion Koripallo ry"
    assert counts() == before
    assert mail.outbox == []


def test_users_without_a_role_see_no_applications(helsinki, django_user_model):
    make_application(helsinki)
    editor = django_user_model.objects.create_user("editor", "editor@example.invalid", "pw-for-tests-only")
    make_provider_editor(editor, make_organization(helsinki, "Seura", "seura"))
    client = logged_in(editor)
    assert client.get(reverse("provider_applications:index")).status_code in (302, 403)
    application = ProviderApplication.objects.get()
    assert client.get(admin_url("inspect", application)).status_code in (403, 404)
    assert client.post(admin_url("approve", application)).status_code in (403, 404)
    assert ProviderApplication.objects.get().is_pending


def test_operator_sees_every_application(helsinki, espoo, operator):
    make_application(helsinki, organization_name="Helsingin Shakki")
    spam = make_application(espoo, organization_name="Espoon Sulkapallo")
    client = logged_in(operator)
    html = client.get(reverse("provider_applications:index")).content.decode()
    assert "Helsingin Shakki" in html and "Espoon Sulkapallo" in html
    # an operator may remove an application (e.g. obvious spam, or personal data past its time)
    assert client.get(admin_url("delete", spam)).status_code == 200
    assert client.post(admin_url("delete", spam)).status_code == 302
    assert not ProviderApplication.objects.filter(pk=spam.pk).exists()


def test_nobody_adds_applications_in_the_cms(operator):
    response = logged_in(operator).get(reverse("provider_applications:add"))
    # Wagtail answers a refused permission with a redirect to the dashboard
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/cms/")


def test_moderator_can_correct_a_pending_application(helsinki, espoo, helsinki_moderator):
    application = make_application(helsinki)
    client = logged_in(helsinki_moderator)
    assert client.get(admin_url("edit", application)).status_code == 200
    data = form_data(helsinki, organization_name="Kallion Koris ry", language="fi")
    assert client.post(admin_url("edit", application), data).status_code == 302
    application.refresh_from_db()
    assert application.organization_name == "Kallion Koris ry"
    assert application.name_key == "kallion koris ry"
    # they cannot move it to a municipality they do not moderate
    client.post(admin_url("edit", application), {**data, "municipality": str(espoo.pk)})
    application.refresh_from_db()
    assert application.municipality == helsinki


def test_decisions_need_the_csrf_token(helsinki, helsinki_moderator):
    application = make_application(helsinki)
    client = Client(enforce_csrf_checks=True)
    client.force_login(helsinki_moderator)
    assert client.post(admin_url("approve", application)).status_code == 403
    assert client.post(admin_url("decline", application), {"reason": "No."}).status_code == 403
    assert ProviderApplication.objects.get().is_pending


# --- approval and the invitation ------------------------------------------------------------


def approve(client, application):
    return client.post(admin_url("approve", application))


def test_approval_creates_one_organization_and_one_invited_account(helsinki, helsinki_moderator):
    application = make_application(helsinki, language="sv", phone="+358 40 765 4321")
    client = logged_in(helsinki_moderator)
    assert client.get(admin_url("approve", application)).status_code == 200
    before = counts()
    response = approve(client, application)
    assert response.status_code == 302
    assert counts() == {
        "applications": before["applications"],
        "organizations": before["organizations"] + 1,
        "users": before["users"] + 1,
        "invitations": before["invitations"] + 1,
    }
    application.refresh_from_db()
    assert application.status == ProviderApplication.Status.APPROVED
    assert application.decided_by == helsinki_moderator
    assert application.decided_at is not None

    organization = application.organization
    assert organization.name == "Kallion Koripallo ry"
    assert organization.municipality == helsinki
    assert organization.kind == "association"
    assert organization.slug == "kallion-koripallo-ry"
    assert organization.verified is True
    assert organization.website == "https://kallionkoris.example"
    assert organization.email == application.email
    assert organization.description_sv == "Koripalloa nuorille."

    user = get_user_model().objects.get(username="maija.meikalainen@kallionkoris.example")
    assert user.email == "maija.meikalainen@kallionkoris.example"
    assert not user.has_usable_password()
    assert user.is_active is False
    assert list(organization.members.all()) == [user]
    assert user.groups.filter(name=PROVIDER_EDITORS).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maija.meikalainen@kallionkoris.example"]
    link = LINK.search(message.body)
    assert link and message.body.count("/providers/invitation/") == 1
    assert link.group(0).startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/providers/invitation/")
    assert link.group("lang") == "sv"
    raw_token = link.group("token")
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(raw_token.encode()).hexdigest()
    assert raw_token not in str(Invitation.objects.values().get())
    assert invitation.user == user and invitation.organization == organization
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert client.get(admin_url("inspect", application)).status_code == 200
    assert client.get(admin_url("edit", application)).status_code == 404  # decided: no more edits
    history = client.get(admin_url("history", application))
    assert history.status_code == 200
    assert "Application approved" in history.content.decode()


def test_invitation_lifetime_is_configurable(settings, helsinki):
    settings.PROVIDER_INVITATION_DAYS = 2
    organization = make_organization(helsinki, "Seura", "seura")
    user, _ = services.find_or_create_user("new@example.invalid")
    invitation, _ = services.invite(user, organization, None)
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=2)


def test_approving_twice_creates_nothing_more(helsinki, helsinki_moderator):
    application = make_application(helsinki)
    client = logged_in(helsinki_moderator)
    approve(client, application)
    after_first = counts()
    response = approve(client, application)
    assert response.status_code == 302
    assert counts() == after_first
    assert len(mail.outbox) == 1
    with pytest.raises(services.AlreadyDecided):
        services.approve(application, helsinki_moderator)
    assert counts() == after_first


def test_approval_reuses_an_existing_account(helsinki, helsinki_moderator, django_user_model):
    existing = django_user_model.objects.create_user(
        "maija", "maija.meikalainen@kallionkoris.example", "an-existing-Passw0rd"
    )
    other = make_organization(helsinki, "Toinen seura", "toinen-seura")
    make_provider_editor(existing, other)
    application = make_application(helsinki)
    before = counts()
    approve(logged_in(helsinki_moderator), application)
    assert counts()["users"] == before["users"]
    assert counts()["invitations"] == before["invitations"]
    application.refresh_from_db()
    assert set(existing.organizations.all()) == {other, application.organization}
    existing.refresh_from_db()
    assert existing.check_password("an-existing-Passw0rd")
    assert len(mail.outbox) == 1
    assert "/providers/invitation/" not in mail.outbox[0].body
    assert "/cms/login/" in mail.outbox[0].body


def test_approval_gives_a_unique_slug(helsinki, espoo, helsinki_moderator):
    make_organization(espoo, "Kallion Koripallo ry", "kallion-koripallo-ry")
    application = make_application(helsinki)
    approve(logged_in(helsinki_moderator), application)
    application.refresh_from_db()
    assert application.organization.slug == "kallion-koripallo-ry-2"


def approved_link(helsinki, moderator) -> tuple[ProviderApplication, str]:
    application = make_application(helsinki)
    approve(logged_in(moderator), application)
    application.refresh_from_db()
    link = LINK.search(mail.outbox[-1].body)
    return application, reverse("onboarding:accept", args=[link.group("token")])


def test_invitation_link_works_once(client, helsinki, helsinki_moderator):
    _, url = approved_link(helsinki, helsinki_moderator)
    user = get_user_model().objects.get(username="maija.meikalainen@kallionkoris.example")

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "maija.meikalainen@kallionkoris.example" in html
    assert 'autocomplete="new-password"' in html
    assert page["Referrer-Policy"] == "no-referrer"

    mismatch = client.post(url, {"new_password1": "Kori-pallo-2025!", "new_password2": "something else 1"})
    assert mismatch.status_code == 200
    assert 'role="alert"' in mismatch.content.decode()
    weak = client.post(url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password() and not user.is_active

    done = client.post(url, {"new_password1": "Kori-pallo-2025!", "new_password2": "Kori-pallo-2025!"})
    assert done.status_code == 302
    assert done["Location"] == reverse("wagtailadmin_login")
    user.refresh_from_db()
    assert user.is_active and user.check_password("Kori-pallo-2025!")
    assert Invitation.objects.get().used_at is not None

    again = client.get(url)
    assert again.status_code == 410
    assert "already been used" in client.get(url + "?lang=en").content.decode()
    reuse = client.post(url, {"new_password1": "Another-Passw0rd!", "new_password2": "Another-Passw0rd!"})
    assert reuse.status_code == 410
    user.refresh_from_db()
    assert user.check_password("Kori-pallo-2025!")

    cms = Client()
    assert cms.login(username="maija.meikalainen@kallionkoris.example", password="Kori-pallo-2025!")
    assert cms.get("/cms/").status_code == 200


def test_expired_invitation_changes_nothing(client, helsinki, helsinki_moderator):
    _, url = approved_link(helsinki, helsinki_moderator)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    page = client.get(url + "?lang=en")
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    response = client.post(url, {"new_password1": "Kori-pallo-2025!", "new_password2": "Kori-pallo-2025!"})
    assert response.status_code == 410
    user = get_user_model().objects.get(username="maija.meikalainen@kallionkoris.example")
    assert not user.is_active and not user.has_usable_password()
    assert Invitation.objects.get().used_at is None


def test_invitation_expires_after_its_lifetime(client, helsinki, helsinki_moderator, monkeypatch):
    _, url = approved_link(helsinki, helsinki_moderator)
    later = timezone.now() + dt.timedelta(days=7, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url).status_code == 410


def test_unknown_token_is_not_found(client, db):
    assert client.get(reverse("onboarding:accept", args=["not-a-real-token"])).status_code == 404
    response = client.post(
        reverse("onboarding:accept", args=["not-a-real-token"]),
        {"new_password1": "Kori-pallo-2025!", "new_password2": "Kori-pallo-2025!"},
    )
    assert response.status_code == 404


def test_a_new_invitation_replaces_the_old_link(client, helsinki, helsinki_moderator):
    application, old_url = approved_link(helsinki, helsinki_moderator)
    services.add_editor("maija.meikalainen@kallionkoris.example", application.organization, helsinki_moderator)
    new_url = reverse("onboarding:accept", args=[LINK.search(mail.outbox[-1].body).group("token")])
    assert client.get(old_url).status_code == 410
    assert client.get(new_url).status_code == 200


# --- declining ------------------------------------------------------------------------------


def test_decline_needs_a_reason_and_creates_nothing(helsinki, helsinki_moderator):
    application = make_application(helsinki, language="en")
    client = logged_in(helsinki_moderator)
    assert client.get(admin_url("decline", application)).status_code == 200
    before = counts()

    empty = client.post(admin_url("decline", application), {"reason": "   "})
    assert empty.status_code == 400
    assert ProviderApplication.objects.get().is_pending
    assert mail.outbox == []

    done = client.post(admin_url("decline", application), {"reason": "We could not confirm who runs the club."})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == ProviderApplication.Status.DECLINED
    assert application.decline_reason == "We could not confirm who runs the club."
    assert application.decided_by == helsinki_moderator
    assert counts() == before
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]
    assert "We could not confirm who runs the club." in mail.outbox[0].body

    # a declined application cannot be approved afterwards
    approve(client, application)
    assert counts() == before
    assert ProviderApplication.objects.get().status == ProviderApplication.Status.DECLINED
    with pytest.raises(services.OnboardingError):
        services.decline(application, helsinki_moderator, "")


# --- inviting further editors ---------------------------------------------------------------


@pytest.fixture
def editor(django_user_model, helsinki):
    user = django_user_model.objects.create_user("editor", "editor@kallio.example", "pw-for-tests-only")
    make_provider_editor(user, make_organization(helsinki, "Kallion Shakki", "kallion-shakki"))
    return user


def test_editor_invites_another_editor_to_their_organization(editor):
    organization = editor.organizations.get()
    client = logged_in(editor)
    assert client.get(reverse("onboarding_editors")).status_code == 200
    url = reverse("onboarding_invite_editor", args=[organization.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "Second.Editor@Kallio.example", "language": "en"})
    assert response.status_code == 302
    new = get_user_model().objects.get(username="second.editor@kallio.example")
    assert new in organization.members.all()
    assert new.groups.filter(name=PROVIDER_EDITORS).exists()
    assert not new.is_active
    assert len(mail.outbox) == 1
    assert LINK.search(mail.outbox[0].body).group("lang") == "en"
    listing = client.get(reverse("onboarding_editors")).content.decode()
    assert "second.editor@kallio.example" in listing


def test_editor_cannot_invite_to_another_organization(editor, helsinki, espoo):
    others = [make_organization(helsinki, "Toinen seura", "toinen"), make_organization(espoo, "Espoon seura", "espoo")]
    client = logged_in(editor)
    before = counts()
    for organization in others:
        url = reverse("onboarding_invite_editor", args=[organization.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": "intruder@example.invalid", "language": "fi"}).status_code == 404
        assert organization.name not in client.get(reverse("onboarding_editors")).content.decode()
    assert counts() == before
    assert mail.outbox == []


def test_moderator_invites_only_within_their_municipality(helsinki, espoo, helsinki_moderator, espoo_moderator):
    organization = make_organization(helsinki, "Kallion Shakki", "kallion-shakki")
    url = reverse("onboarding_invite_editor", args=[organization.pk])
    assert logged_in(espoo_moderator).post(url, {"email": "x@example.invalid", "language": "fi"}).status_code == 404
    assert not get_user_model().objects.filter(username="x@example.invalid").exists()
    assert logged_in(helsinki_moderator).post(url, {"email": "x@example.invalid", "language": "fi"}).status_code == 302
    assert organization.members.filter(username="x@example.invalid").exists()


def test_roles_exist_after_approval(helsinki, helsinki_moderator):
    approved_link(helsinki, helsinki_moderator)
    assert Group.objects.filter(name=PROVIDER_EDITORS).exists()


def test_a_failing_mail_server_does_not_undo_the_approval(helsinki, helsinki_moderator, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    application = make_application(helsinki)
    response = logged_in(helsinki_moderator).post(admin_url("approve", application), follow=True)
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ProviderApplication.Status.APPROVED
    assert Invitation.objects.count() == 1
    monkeypatch.undo()
    # a fresh invitation can be sent from the editors page
    services.add_editor(application.email, application.organization, helsinki_moderator)
    assert len(mail.outbox) == 1 and LINK.search(mail.outbox[0].body)


def test_approval_is_refused_when_the_organization_appeared_meanwhile(helsinki, helsinki_moderator):
    application = make_application(helsinki)
    make_organization(helsinki, "KALLION KORIPALLO RY", "kallion-koripallo")
    before = counts()
    with pytest.raises(services.DuplicateApplication):
        services.approve(application, helsinki_moderator)
    assert counts() == before
    assert ProviderApplication.objects.get().is_pending
    assert mail.outbox == []
