"""Form fields for a mainland mobile number and a resident ID number, with Chinese messages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from zwfw.core.pii import mobile_normalise


def id_number_normalise(value: str) -> str:
    """A resident ID number checked against GB 11643 (length, region, birth date, check digit)."""
    text = re.sub(r"\s", "", value or "").upper()
    if not text:
        raise ValidationError(_("请填写居民身份证号码。"), code="id_number_required")
    try:
        return ric.validate(text)
    except StdnumError as exc:
        raise ValidationError(
            _("居民身份证号码不正确，请核对后重新输入（18位，最后一位可能是X）。"), code="invalid_id_number"
        ) from exc


class MobileField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("手机号码"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "numeric"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return mobile_normalise(value) if value else value


class IdNumberField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("居民身份证号码"))
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("min_length", 15)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return id_number_normalise(value) if value else value
