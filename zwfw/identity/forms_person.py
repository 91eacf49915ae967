"""Forms of persons and organisations: registration (allauth's signup), the ID check, organisations,
agents, and the window clerk's screens."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zwfw.org.uscc import uscc_validate

from .choices import AgentRole, OrganisationKind
from .fields import IdNumberField, MobileField

PASSWORD_HELP = _("至少 12 个字符；不能全是数字，不能是常见密码，也不要与姓名、手机号码相近。")


class PersonSignupForm(AllauthSignupForm):
    """个人注册: name, resident ID number (GB 11643), mobile number (confirmed by SMS), password.

    A duplicate ID number is refused on the form (the person is sent to log in or to a window). A
    duplicate mobile number follows allauth's enumeration prevention: no account is created, the next
    page asks for the SMS code as usual, and the number's holder gets an SMS saying it already has an
    account (``AccountAdapter.send_account_already_exists_sms``).
    """

    full_name = forms.CharField(label=_("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = IdNumberField()

    field_order = ["full_name", "id_number", "phone", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("手机号码")
        self.fields["phone"].help_text = _("用于接收验证码和办事通知，注册时将发送验证码核实。")
        if "password1" in self.fields:
            self.fields["password1"].label = _("设置密码")
            self.fields["password1"].help_text = PASSWORD_HELP
        if "password2" in self.fields:
            self.fields["password2"].label = _("确认密码")

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise ValidationError(_("请填写姓名。"), code="full_name_required")
        return name

    def clean_id_number(self) -> str:
        from .selectors import user_by_id_number
        from .services.person import _duplicate_id_error, person_abandoned_release

        number = self.cleaned_data["id_number"]
        holder = user_by_id_number(number) if number else None
        if holder is not None and not person_abandoned_release(user=holder):
            raise _duplicate_id_error()
        return number

    def clean(self) -> dict[str, Any]:
        from .services.person import person_abandoned_release
        from .services.phone import user_by_mobile

        # A registration that never confirmed this number does not block it (before allauth's check).
        phone = self.cleaned_data.get("phone")
        holder = user_by_mobile(phone) if phone else None
        if holder is not None:
            person_abandoned_release(user=holder)
        return super().clean()

    def save(self, request: Any) -> Any:
        from .services.person import person_register_complete

        with transaction.atomic():
            user = super().save(request)
            person_register_complete(
                user=user, full_name=self.cleaned_data["full_name"], id_number=self.cleaned_data["id_number"]
            )
        return user


class IdCheckForm(forms.Form):
    """Submit the name and ID number for the level-2 check again (after a failed check)."""

    full_name = forms.CharField(label=_("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = IdNumberField()


class OrganisationRegisterForm(forms.Form):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        min_length=18,
        help_text=_("18位，见营业执照或登记证书。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(label=_("单位名称"), max_length=200)
    kind = forms.ChoiceField(label=_("单位类型"), choices=OrganisationKind.choices)
    legal_representative = forms.CharField(label=_("法定代表人（负责人）"), max_length=100)

    def clean_uscc(self) -> str:
        return uscc_validate(self.cleaned_data["uscc"].strip().upper())


class AgentAddForm(forms.Form):
    mobile = MobileField(label=_("经办人的手机号码"), help_text=_("对方须已在本网站注册并验证该手机号码。"))
    role = forms.ChoiceField(label=_("角色"), choices=AgentRole.choices, initial=AgentRole.AGENT)


class AgentRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=AgentRole.choices)


class PersonFindForm(forms.Form):
    """The window clerk types the ID number (POST only; looked up by its blind index)."""

    id_number = IdNumberField(label=_("居民身份证号码"))


class InPersonVerifyForm(forms.Form):
    card_checked = forms.BooleanField(
        label=_("我已核对居民身份证原件，证件上的姓名、号码和照片与本人一致。"),
        error_messages={"required": _("请先核对居民身份证原件，并勾选确认。")},
    )


class WindowRegisterForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = IdNumberField()
    mobile = MobileField()
    card_checked = forms.BooleanField(
        label=_("我已读取并核对居民身份证原件。"),
        error_messages={"required": _("请先核对居民身份证原件，并勾选确认。")},
    )


class WindowCodeForm(forms.Form):
    code = forms.CharField(
        label=_("短信验证码"),
        max_length=8,
        help_text=_("请申请人读出手机收到的验证码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
