"""Public URLs of provider onboarding (mounted at /providers/)."""

urlpatterns: list = []
