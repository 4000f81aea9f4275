"""The public pages: the application form, its thank-you page, and accepting an invitation.

The language comes from ``?lang=`` (fi, sv, en) or else from the browser (LocaleMiddleware); the
form posts back to its own address with ``?lang=`` so the answer stays in the same language.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import AcceptInvitationForm, ApplicationForm
from .models import Language

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = 60 * 60  # seconds


def rate_limit() -> int:
    """Applications one client address may send per hour (setting PROVIDER_APPLICATIONS_PER_HOUR, default 5)."""
    return getattr(settings, "PROVIDER_APPLICATIONS_PER_HOUR", 5)


def _language(request: HttpRequest, preferred: str | None = None) -> str:
    """Activate ``?lang=``, else ``preferred``, else what LocaleMiddleware chose; return the language."""
    requested = request.GET.get("lang")
    if requested not in Language.values:
        requested = preferred if preferred in Language.values else None
    if requested:
        translation.activate(requested)
        request.LANGUAGE_CODE = requested
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return current if current in Language.values else settings.LANGUAGE_CODE


def _with_lang(url: str, language: str) -> str:
    return f"{url}?lang={language}"


# --- the rate limit -------------------------------------------------------------------------


def _client_key(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a trusted proxy rewrites it.
    # Hashed, so the cache holds no addresses.
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"onboarding:apply:{digest}"


def _submissions(request: HttpRequest) -> int:
    return cache.get(_client_key(request), 0)


def _count_submission(request: HttpRequest) -> int:
    """Count one submission in this client's hour; returns the count including this one."""
    key = _client_key(request)
    cache.add(key, 0, timeout=RATE_LIMIT_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=RATE_LIMIT_WINDOW)
        return 1


def _too_many(request: HttpRequest, language: str) -> HttpResponse:
    logger.warning("Provider application refused: rate limit reached")
    response = render(request, "onboarding/too_many.html", {"language": language}, status=429)
    response["Retry-After"] = str(RATE_LIMIT_WINDOW)
    return response


# --- the application ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    thanks = _with_lang(reverse("onboarding:thanks"), language)
    if request.method == "POST":
        if _submissions(request) >= rate_limit():
            return _too_many(request, language)
        form = ApplicationForm(request.POST)
        if form.honeypot_filled:
            # A robot: answer as if all went well, and keep nothing.
            _count_submission(request)
            logger.info("Provider application dropped: honeypot filled")
            return redirect(thanks)
        if form.is_valid():
            # Only complete submissions count, so a person correcting mistakes is not locked out.
            if _count_submission(request) > rate_limit():
                return _too_many(request, language)
            application = form.save(commit=False)
            application.language = language
            try:
                services.submit_application(application)
            except services.DuplicateApplication as refusal:
                form.add_error("organization_name", refusal.message)
            else:
                return redirect(thanks)
    else:
        form = ApplicationForm()
    context = {
        "form": form,
        "language": language,
        "errors": _error_list(form),
        "action": _with_lang(reverse("onboarding:apply"), language),
    }
    return render(request, "onboarding/apply.html", context)


def _error_list(form) -> list[dict]:
    """Every error of the form, in page order, with the id of the input to jump to."""
    if not form.is_bound or not form.errors:
        return []
    found = [{"anchor": "", "text": error} for error in form.non_field_errors()]
    for field in form.visible_fields():
        if field.name not in form.errors or field.name == "leave_empty":
            continue
        anchor = field.id_for_label or f"{field.auto_id}_0"
        for error in field.errors:
            found.append({"anchor": anchor, "label": field.label, "text": error})
    return found


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "onboarding/thanks.html", {"language": _language(request)})


# --- the invitation -------------------------------------------------------------------------


def _invalid_invitation(request: HttpRequest, refusal: services.InvitationError) -> HttpResponse:
    preferred = refusal.invitation.language if refusal.invitation else None
    language = _language(request, preferred)
    status = 404 if refusal.code == "unknown" else 410
    context = {"language": language, "refusal": refusal, "login_url": reverse("wagtailadmin_login")}
    return _private(render(request, "onboarding/invitation_invalid.html", context, status=status))


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: never cache it, never send it on as a Referer.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as refusal:
        return _invalid_invitation(request, refusal)
    language = _language(request, invitation.language)
    # GET changes nothing (mail scanners open links); only the POST with a password uses the token.
    if request.method == "POST":
        form = AcceptInvitationForm(request.POST)
        if form.is_valid():
            try:
                services.accept(token, form.cleaned_data["new_password1"])
            except services.InvitationError as refusal:
                return _invalid_invitation(request, refusal)
            except ValidationError as problem:
                form.add_error("new_password1", problem)
            else:
                messages.success(request, translation.gettext("Your password is set. Log in with your email address."))
                return redirect(reverse("wagtailadmin_login"))
    else:
        form = AcceptInvitationForm()
    context = {
        "form": form,
        "invitation": invitation,
        "language": language,
        "errors": _error_list(form),
        "action": _with_lang(request.path, language),
    }
    return _private(render(request, "onboarding/accept.html", context))
