"""Apply the signed-in user's row scope to every CMS request (see backend.core.scoping and cms.scope)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied

from backend.core.scoping import scoped

from .roles import is_operator
from .scope import scope_for

# Wagtail's cross-object reports (site history, workflows, locked items…) list rows through log and
# workflow tables that the row scope does not cover, so they are for operators only.
OPERATOR_ONLY_PREFIXES = ("reports/",)


class CmsScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "CMS_URL_PREFIX", "/cms/")

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not request.path.startswith(self.prefix) or user is None or not user.is_authenticated:
            return self.get_response(request)
        rest = request.path[len(self.prefix) :]
        if rest.startswith(OPERATOR_ONLY_PREFIXES) and not is_operator(user):
            raise PermissionDenied
        with scoped(scope_for(user)):
            response = self.get_response(request)
            if getattr(response, "render", None) and not getattr(response, "is_rendered", True):
                response.render()  # template responses render inside the scope
            return response
