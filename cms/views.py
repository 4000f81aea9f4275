"""CMS views of our own: taking content down with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permissions import policy_registry

from backend.benefits.models import Benefit
from backend.hobbies.models import Hobby

from .services import take_down

TAKE_DOWN_MODELS = {"hobby": Hobby, "benefit": Benefit}


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("The provider sees this reason."),
    )


def edit_url(instance) -> str:
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def take_down_view(request, model_name: str, pk: int):
    model = TAKE_DOWN_MODELS.get(model_name)
    if model is None:
        raise Http404
    instance = get_object_or_404(model.objects.all(), pk=pk)  # the row scope makes others' rows 404
    if not policy_registry.get_by_type(model).user_has_permission_for_instance(request.user, "publish", instance):
        raise PermissionDenied
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take_down(instance, request.user, form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc.message_dict.get("reason", exc.messages))
        else:
            messages.success(request, _("“%(item)s” was taken down and is no longer public.") % {"item": instance})
            return redirect(edit_url(instance))
    return TemplateResponse(
        request,
        "cms/take_down.html",
        {"form": form, "object": instance, "cancel_url": edit_url(instance), "model_name": model_name},
    )
