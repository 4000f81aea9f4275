"""URLs: / the app, /cms/ the CMS, /graphql the API, /healthz the health check."""

from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from backend.api.calendar import hobby_calendar
from backend.api.view import ApiView
from backend.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # The API is used with device tokens in a header, not cookies, so CSRF does not apply.
    path("graphql", csrf_exempt(ApiView.as_view(graphiql=settings.DEBUG)), name="graphql"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("providers/", include("cms.onboarding.urls")),
    path("hobbies/<int:pk>.ics", hobby_calendar, name="hobby-ics"),
    path("", core_views.home, name="home"),
    # the PWA's own routes (pwa/src/routes): each answers with the app, which shows the right screen
    *(
        path(route, core_views.home, name=f"app-{name}")
        for name, route in (
            ("welcome", "welcome"),
            ("search", "search"),
            ("hobby", "hobbies/<int:pk>"),
            ("favourites", "favourites"),
            ("benefits", "benefits"),
            ("settings", "settings"),
            ("feedback", "feedback"),
            ("info", "info/<slug:slug>"),
        )
    ),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail's page tree (school intro, info pages) is served under /pages/.
urlpatterns += [path("pages/", include(wagtail_urls))]
