"""Forms of persons and organisations: registration (allauth's signup), profile, organisations."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import IdNumberField


class PersonSignupForm(AllauthSignupForm):
    """个人注册: name, resident ID number (GB 11643), mobile number (confirmed by SMS), password."""

    full_name = forms.CharField(label=_("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = IdNumberField()

    field_order = ["full_name", "id_number", "phone", "password1", "password2"]

    def save(self, request: Any) -> Any:
        from .services.person import person_register_complete

        user = super().save(request)
        person_register_complete(
            user=user, full_name=self.cleaned_data["full_name"], id_number=self.cleaned_data["id_number"]
        )
        return user
