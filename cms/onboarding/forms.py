"""Forms: the public application, setting a password from an invitation, and the CMS decisions."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from backend.hobbies.models import Municipality, Organization

from .models import DECLINE_NEEDS_REASON, DESCRIPTION_MAX_LENGTH, Language, ProviderApplication

HONEYPOT = "leave_empty"

phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{5,40}$", _("Give a phone number with digits only, for example +358 40 123 4567.")
)
http_url_validator = URLValidator(schemes=["http", "https"], message=_("Give a web address starting with https://"))


def formfield_for_dbfield(db_field, **kwargs):
    """Model fields as form fields; a web address typed without a scheme gets https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class HttpURLField(forms.URLField):
    default_validators = [http_url_validator]
    default_error_messages = {"invalid": http_url_validator.message}


class TelInput(forms.TextInput):
    input_type = "tel"


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.translated("name", get_language()).text or obj.name_fi


class ApplicationForm(forms.ModelForm):
    """The public form. The honeypot field is rendered apart from the others, hidden from people."""

    municipality = MunicipalityChoiceField(
        queryset=Municipality.objects.all(),
        label=capfirst(_("municipality")),
        empty_label=_("Choose a municipality"),
        help_text=_("The municipality where you offer hobbies. Its moderators decide on the application."),
    )
    kind = forms.ChoiceField(
        choices=Organization.Kind.choices,
        widget=forms.RadioSelect,
        label=_("What kind of organization is it?"),
    )
    website = HttpURLField(
        label=capfirst(_("website")),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("Starting with https://"),
    )
    description = forms.CharField(
        label=capfirst(_("short description")),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you offer, for whom and where. At most 1000 characters."),
    )
    # The honeypot: people never see it; a filled one means a robot sent the form.
    leave_empty = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = ProviderApplication
        formfield_callback = formfield_for_dbfield
        fields = [
            "organization_name",
            "municipality",
            "kind",
            "contact_name",
            "email",
            "phone",
            "website",
            "description",
        ]
        labels = {"contact_name": _("Your name")}
        widgets = {"phone": TelInput}
        help_texts = {
            "email": _("We send the decision and your login link to this address."),
        }

    autocomplete = {
        "organization_name": "organization",
        "contact_name": "name",
        "email": "email",
        "phone": "tel",
        "website": "url",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        honeypot = self.fields[HONEYPOT].widget.attrs
        honeypot.update({"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"})
        # Fields in the order the page shows them, so the error summary follows the page.
        self.order_fields(["organization_name", "kind", "municipality", "website", "description"])

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    @property
    def organization_fields(self):
        return [self[name] for name in ("organization_name", "municipality", "website", "description")]

    @property
    def contact_fields(self):
        return [self[name] for name in ("contact_name", "email", "phone")]

    def clean_organization_name(self) -> str:
        return " ".join(self.cleaned_data["organization_name"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


class AcceptInvitationForm(forms.Form):
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data.get("new_password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords are not the same."), code="password_mismatch")
        return second


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("reason for declining")),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": DECLINE_NEEDS_REASON},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(DECLINE_NEEDS_REASON, code="required")
        return reason


class InviteEditorForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        help_text=_("The person gets a link to set a password. An existing account is reused."),
    )
    language = forms.ChoiceField(
        label=_("Language of the email"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = (get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["language"].initial = current if current in Language.values else settings.LANGUAGE_CODE
