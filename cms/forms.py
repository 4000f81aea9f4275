"""Admin forms: choices limited to what the user may see, and the rules a single model cannot check."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from backend.hobbies.models import Hobby, Organization, Venue


class ScopedChoicesForm(WagtailAdminModelForm):
    """Re-read related-object choices at request time, so that the row scope applies to them."""

    scoped_fields: dict[str, type] = {"organization": Organization, "venue": Venue, "hobby": Hobby}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in self.scoped_fields.items():
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = model._default_manager.all()


class HobbyForm(ScopedChoicesForm):
    def clean(self):
        cleaned = super().clean()
        if "categories" in self.fields and not cleaned.get("categories"):
            self.add_error("categories", _("Choose at least one category, so that teenagers can find the hobby."))
        return cleaned


class BenefitForm(ScopedChoicesForm):
    pass
