"""Public URLs of provider onboarding (mounted at /providers/)."""

from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.thanks, name="thanks"),
    path("invitation/<str:token>/", views.accept, name="accept"),
]
