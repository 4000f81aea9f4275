"""CMS forms: handling one feedback item, and choosing the period of the ratings report."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from backend.hobbies.models import Municipality

from .models import Feedback
from .reports import PERIODS

NOTE_MAX_LENGTH = 4000


class FeedbackForm(WagtailAdminModelForm):
    """Only the handled flag and the internal note: what the teenager sent is never a form field, and saving
    writes these two columns alone, whatever else a request carries."""

    class Meta:
        model = Feedback
        fields = ["handled", "note"]
        labels = {"handled": _("Handled"), "note": _("Internal note")}
        help_texts = {
            "handled": _("Tick when the feedback has been read and, if needed, acted on."),
            "note": _("Seen only in the CMS, by the operator and this municipality's moderators."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.max_length = NOTE_MAX_LENGTH
        note.validators.append(MaxLengthValidator(NOTE_MAX_LENGTH))
        note.widget.attrs["maxlength"] = NOTE_MAX_LENGTH

    def save(self, commit: bool = True) -> Feedback:
        if commit:
            self.instance.save(update_fields=["handled", "note"])
        return self.instance


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.translated("name", get_language()).text or obj.name_fi


class RatingsFilterForm(forms.Form):
    """The period (12, 26 or 52 weeks) and, for those who see several municipalities, one of them."""

    weeks = forms.TypedChoiceField(
        label=_("Period"),
        choices=[(n, n) for n in PERIODS],  # labelled per request in __init__
        coerce=int,
        initial=PERIODS[0],
        widget=forms.RadioSelect,
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weeks"].choices = [(n, gettext("%(weeks)s weeks") % {"weeks": n}) for n in PERIODS]
        if municipalities is None or len(municipalities) < 2:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = municipalities

    @property
    def has_municipality(self) -> bool:
        return "municipality" in self.fields
