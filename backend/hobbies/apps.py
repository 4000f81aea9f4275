from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HobbiesConfig(AppConfig):
    name = "backend.hobbies"
    label = "hobbies"
    verbose_name = _("Hobbies")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the next-session bookkeeping
