"""What happens to an application and an invitation; the views only call these.

- ``submit_application``: the public form's only write (one ``ProviderApplication`` row).
- ``approve``: in one transaction, one verified Organization, one account (or the existing account with
  that email) made a provider editor, and an invitation; then the email in the applicant's language.
- ``decline``: a reason is required; the applicant gets it by email.
- ``invite`` / ``accept``: a one-time link, stored only as a SHA-256 hash, that sets the password
  (through Django's password validators) and activates the account.
- ``add_editor``: an organization invites a further editor.

Accounts made here are inactive with an unusable password until their invitation is accepted; an
existing account with a password is only given the membership and told about it by email.
Emails are sent after the transaction, so a failing mail server never undoes a decision; the result
says whether the email went out, and ``add_editor`` can send a fresh invitation.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.hobbies.models import Municipality, Organization
from cms import roles

from .models import DECLINE_NEEDS_REASON, DUPLICATE_PENDING, Invitation, ProviderApplication, hash_token, name_key

logger = logging.getLogger(__name__)

DUPLICATE_ORGANIZATION = _("An organization with this name is already in the service in this municipality.")
ALREADY_DECIDED = _("This application has already been decided.")


class OnboardingError(Exception):
    """A refusal with a message meant for the person who asked (already translated when shown)."""

    def __init__(self, message, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class DuplicateApplication(OnboardingError):
    pass


class AlreadyDecided(OnboardingError):
    pass


class InvitationError(OnboardingError):
    """``code`` is "unknown", "used" or "expired"; ``invitation`` is set for the last two."""

    def __init__(self, message, code: str, invitation: Invitation | None = None) -> None:
        super().__init__(message, code)
        self.invitation = invitation


# --- the application ------------------------------------------------------------------------


def _all_organizations():
    # The base manager is never row-scoped: a duplicate or a taken slug counts wherever it is.
    return Organization._base_manager.all()


def organization_exists(municipality: Municipality | int, organization_name: str) -> bool:
    """Whether the municipality already has an organization of this name (case and spacing ignored)."""
    municipality_id = getattr(municipality, "pk", municipality)
    key = name_key(organization_name)
    names = _all_organizations().filter(municipality_id=municipality_id).values_list("name", flat=True)
    return any(name_key(name) == key for name in names.iterator())


def duplicate_message(municipality: Municipality | int, organization_name: str):
    """Why a new application with this name cannot be sent in this municipality, or None."""
    municipality_id = getattr(municipality, "pk", municipality)
    pending = ProviderApplication.objects.filter(
        municipality_id=municipality_id,
        name_key=name_key(organization_name),
        status=ProviderApplication.Status.PENDING,
    )
    if pending.exists():
        return DUPLICATE_PENDING
    if organization_exists(municipality_id, organization_name):
        return DUPLICATE_ORGANIZATION
    return None


def submit_application(application: ProviderApplication) -> ProviderApplication:
    """Save a new application (validated by the form); refuses duplicates and creates nothing else."""
    message = duplicate_message(application.municipality_id, application.organization_name)
    if message:
        raise DuplicateApplication(message, "duplicate")
    application.status = ProviderApplication.Status.PENDING
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same application sent twice at the same moment
        raise DuplicateApplication(DUPLICATE_PENDING, "duplicate") from None
    return application


# --- accounts and invitations ---------------------------------------------------------------


def find_or_create_user(email: str):
    """The account for ``email`` (username = the email lowercased), created inactive if there is none."""
    User = get_user_model()
    address = email.strip().lower()
    user = User._default_manager.filter(username__iexact=address).order_by("pk").first()
    if user is None:
        user = User._default_manager.filter(email__iexact=address).order_by("pk").first()
    if user is not None:
        return user, False
    user = User(username=address, email=address, is_active=False)
    user.set_unusable_password()
    user.save()
    return user, True


def invite(user, organization: Organization, invited_by=None, *, language: str = "fi") -> tuple[Invitation, str]:
    """A new invitation for ``user``; returns it and the raw token, which is not stored anywhere.

    Earlier unused invitations of the same user stop working: only the newest link counts.
    """
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    raw_token = secrets.token_urlsafe(32)
    days = getattr(settings, "PROVIDER_INVITATION_DAYS", 7)
    invitation = Invitation.objects.create(
        user=user,
        organization=organization,
        token_hash=hash_token(raw_token),
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
        invited_by=invited_by,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    return invitation, raw_token


_INVITATION_MESSAGES = {
    "unknown": _("This invitation link is not valid. Check that you copied the whole link from the email."),
    "used": _("This invitation link has already been used. If you set your password, log in to the CMS."),
    "expired": _("This invitation link has expired. Ask your organization or municipality for a new invitation."),
}


def find_invitation(raw_token: str, *, for_update: bool = False) -> Invitation:
    """The invitation the raw token belongs to, if it can still be used; otherwise InvitationError."""
    invitation = None
    if raw_token and len(raw_token) <= 200:
        queryset = Invitation.objects.select_related("user", "organization")
        if for_update:
            queryset = queryset.select_for_update()
        invitation = queryset.filter(token_hash=hash_token(raw_token)).first()
    if invitation is None:
        raise InvitationError(_INVITATION_MESSAGES["unknown"], "unknown")
    if invitation.is_used:
        raise InvitationError(_INVITATION_MESSAGES["used"], "used", invitation)
    if invitation.is_expired:
        raise InvitationError(_INVITATION_MESSAGES["expired"], "expired", invitation)
    return invitation


def accept(raw_token: str, password: str):
    """Set the password and activate the account; works once. Raises InvitationError or ValidationError."""
    with transaction.atomic():
        invitation = find_invitation(raw_token, for_update=True)
        user = invitation.user
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.is_active = True
        user.save()
        now = timezone.now()
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        # Any other link to this account would now reset a password someone has chosen: close them.
        Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    return user


# --- email ----------------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_url(raw_token: str, language: str) -> str:
    return absolute_url(reverse("onboarding:accept", args=[raw_token])) + f"?lang={language}"


def _send(template: str, subject, language: str, to: str, context: dict) -> bool:
    """Render ``onboarding/email/<template>.txt`` in ``language`` and send it; False when sending failed."""
    with translation.override(language):
        body = render_to_string(f"onboarding/email/{template}.txt", context)
        subject = str(subject) if not callable(subject) else subject()
    try:
        send_mail(subject, body, None, [to], fail_silently=False)
    except Exception:  # noqa: BLE001 - the decision stands; the caller reports that the email failed
        logger.exception("Could not send the %s email to %s", template, to)
        return False
    return True


def _email_context(language: str, municipality: Municipality | None = None, **extra) -> dict:
    return {
        "language": language,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "login_url": absolute_url(reverse("wagtailadmin_login")),
        "municipality_name": municipality.translated("name", language).text if municipality else "",
        **extra,
    }


def send_invitation(invitation: Invitation, raw_token: str, *, template: str = "invitation", name: str = "") -> bool:
    language = invitation.language
    user = invitation.user
    context = _email_context(
        language,
        invitation.organization.municipality,
        name=name,
        user=user,
        organization=invitation.organization,
        invited_by=invitation.invited_by,
        url=invitation_url(raw_token, language),
        expires_at=invitation.expires_at,
        username=user.get_username(),
    )

    def subject():
        if template == "approved":
            return gettext("Your application to %(site)s has been approved") % {"site": settings.WAGTAIL_SITE_NAME}
        return gettext("You have been invited to edit %(organization)s in %(site)s") % {
            "organization": invitation.organization.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    return _send(template, subject, language, user.email, context)


def send_membership_notice(
    user, organization: Organization, language: str, *, approved: bool = False, name: str = ""
) -> bool:
    """For an account that already has a password: it can now edit the organization's content."""

    def subject():
        if approved:
            return gettext("Your application to %(site)s has been approved") % {"site": settings.WAGTAIL_SITE_NAME}
        return gettext("You can now edit %(organization)s in %(site)s") % {
            "organization": organization.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    context = _email_context(
        language,
        organization.municipality,
        name=name,
        user=user,
        organization=organization,
        approved=approved,
        username=user.get_username(),
    )
    return _send("membership", subject, language, user.email, context)


# --- decisions ------------------------------------------------------------------------------


@dataclass
class EditorResult:
    """What ``add_editor`` (and ``approve``) did for one person."""

    user: object
    created: bool
    invitation: Invitation | None
    email_sent: bool


@dataclass
class ApprovalResult(EditorResult):
    organization: Organization | None = None


def unique_slug(name: str) -> str:
    base = slugify(name)[:180].strip("-") or "organization"
    slug, n = base, 1
    while _all_organizations().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _lock_pending(application: ProviderApplication) -> ProviderApplication:
    locked = ProviderApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ProviderApplication.Status.PENDING:
        raise AlreadyDecided(ALREADY_DECIDED, "decided")
    return locked


def _give_membership(email: str, organization: Organization, invited_by, language: str):
    """Inside a transaction: the account, its membership, and an invitation when it has no password yet."""
    user, created = find_or_create_user(email)
    if not user.email:
        user.email = email.strip().lower()
        user.save(update_fields=["email"])
    roles.make_provider_editor(user, organization)
    invitation = raw_token = None
    if not user.has_usable_password():
        invitation, raw_token = invite(user, organization, invited_by, language=language)
    return user, created, invitation, raw_token


def approve(application: ProviderApplication, decided_by) -> ApprovalResult:
    """Approve a pending application: exactly one organization, one editor account, one email."""
    with transaction.atomic():
        locked = _lock_pending(application)
        if organization_exists(locked.municipality_id, locked.organization_name):
            raise DuplicateApplication(DUPLICATE_ORGANIZATION, "duplicate")
        organization = Organization.objects.create(
            municipality_id=locked.municipality_id,
            kind=locked.kind,
            name=locked.organization_name.strip(),
            slug=unique_slug(locked.organization_name),
            website=locked.website,
            email=locked.email,
            phone=locked.phone,
            verified=True,
            **{f"description_{locked.language}": locked.description},
        )
        user, created, invitation, raw_token = _give_membership(locked.email, organization, decided_by, locked.language)
        locked.status = ProviderApplication.Status.APPROVED
        locked.decided_by = decided_by
        locked.decided_at = timezone.now()
        locked.organization = organization
        locked.save(update_fields=["status", "decided_by", "decided_at", "organization"])
    application.refresh_from_db()
    if invitation is not None:
        sent = send_invitation(invitation, raw_token, template="approved", name=locked.contact_name)
    else:
        sent = send_membership_notice(user, organization, locked.language, approved=True, name=locked.contact_name)
    return ApprovalResult(user=user, created=created, invitation=invitation, email_sent=sent, organization=organization)


def decline(application: ProviderApplication, decided_by, reason: str) -> bool:
    """Decline a pending application with a reason; creates nothing. Returns whether the email was sent."""
    reason = (reason or "").strip()
    if not reason:
        raise OnboardingError(DECLINE_NEEDS_REASON, "reason")
    with transaction.atomic():
        locked = _lock_pending(application)
        locked.status = ProviderApplication.Status.DECLINED
        locked.decline_reason = reason
        locked.decided_by = decided_by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    application.refresh_from_db()

    def subject():
        return gettext("Your application to %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    context = _email_context(locked.language, locked.municipality, application=locked, reason=reason)
    return _send("declined", subject, locked.language, locked.email, context)


def add_editor(email: str, organization: Organization, invited_by, *, language: str = "fi") -> EditorResult:
    """Make the person with ``email`` an editor of ``organization`` and email them (an invitation if needed)."""
    with transaction.atomic():
        user, created, invitation, raw_token = _give_membership(email, organization, invited_by, language)
    if invitation is not None:
        sent = send_invitation(invitation, raw_token)
    else:
        sent = send_membership_notice(user, organization, language)
    return EditorResult(user=user, created=created, invitation=invitation, email_sent=sent)
