"""The login forms: allauth's, with our fields, Chinese messages and the two entrances.

- ``PersonLoginForm`` (/login/): a mobile number (or, for accounts without one, the username)
  and the password. Staff are sent to their own entrance once their password is right.
- ``StaffLoginForm`` (/staff/login/): the username and the password; allauth's MFA stage asks
  for the TOTP code next. Persons are sent to the public entrance once their password is right.
- ``RequestLoginCodeForm`` (短信验证码登录): allauth's, except that a staff account is treated
  exactly like an unknown number — no code is sent and the page looks the same (no enumeration).

A wrong password and an unknown number or username give the same message.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import ConfirmLoginCodeForm as AllauthConfirmLoginCodeForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .fields import mobile_normalise
from .services.security import is_staff_account


def _password_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("请输入密码。")},
    )


class _EntranceLoginForm(AllauthLoginForm):
    """allauth's login with one kind of login value and a refusal for the other entrance."""

    wrong_credentials = gettext_lazy("账号或密码不正确。")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"] = _password_field()
        self.fields.pop("remember", None)
        self.order_fields(["login", "password"])

    def _credentials_for(self, login: str) -> dict[str, str]:
        raise NotImplementedError

    def user_credentials(self) -> dict[str, str]:
        credentials = self._credentials_for(self.cleaned_data["login"])
        password = self.cleaned_data.get("password")
        if password:
            credentials["password"] = password
        return credentials

    def _clean_with_password(self, credentials: dict[str, Any]) -> dict[str, Any]:
        try:
            cleaned = super()._clean_with_password(credentials)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "too_many_login_attempts":
                raise
            raise ValidationError(self.wrong_credentials, code="invalid_login") from exc
        self._check_entrance(self.user)
        return cleaned

    def _check_entrance(self, user: Any) -> None:
        raise NotImplementedError

    def _other_entrance(self, url_name: str) -> str:
        """The other entrance's address, keeping where the person was going (``next``)."""
        url = reverse(url_name)
        request = self.request
        target = (request.POST.get("next") or request.GET.get("next")) if request is not None else None
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            url += "?" + urlencode({"next": target})
        return url


class PersonLoginForm(_EntranceLoginForm):
    """公众登录: 手机号码 + 密码."""

    wrong_credentials = gettext_lazy("手机号码或密码不正确，请检查后重新输入（密码区分大小写）。")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label=gettext_lazy("手机号码"),
            max_length=150,
            help_text=gettext_lazy("没有登记手机号码的账号，请输入用户名。"),
            widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
            error_messages={"required": gettext_lazy("请输入手机号码。")},
        )
        self.order_fields(["login", "password"])

    def _credentials_for(self, login: str) -> dict[str, str]:
        try:
            return {"phone": mobile_normalise(login)}
        except ValidationError:
            return {"username": login}

    def _check_entrance(self, user: Any) -> None:
        if is_staff_account(user):
            self.user = None
            raise ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("工作人员账号请从工作人员入口登录。"),
                    self._other_entrance("identity:staff_login"),
                    _("前往工作人员登录"),
                ),
                code="staff_entrance",
            )


class StaffLoginForm(_EntranceLoginForm):
    """工作人员登录: 用户名 + 密码, then the TOTP code (allauth's MFA stage)."""

    wrong_credentials = gettext_lazy("用户名或密码不正确，请检查后重新输入（密码区分大小写）。")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label=gettext_lazy("用户名"),
            max_length=150,
            widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
            error_messages={"required": gettext_lazy("请输入用户名。")},
        )
        self.order_fields(["login", "password"])

    def _credentials_for(self, login: str) -> dict[str, str]:
        return {"username": login}

    def _check_entrance(self, user: Any) -> None:
        if not is_staff_account(user):
            self.user = None
            raise ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("此入口仅供工作人员使用。"),
                    self._other_entrance("identity:login"),
                    _("前往公众登录"),
                ),
                code="person_entrance",
            )


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """短信验证码登录, step 1: the mobile number. Staff numbers get no code (and no hint that they are staff)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phone = self.fields["phone"]
        phone.label = gettext_lazy("手机号码")
        phone.error_messages["required"] = gettext_lazy("请输入手机号码。")
        phone.widget.attrs["autocomplete"] = "tel"

    def clean_phone(self) -> str:
        phone = super().clean_phone()
        user = getattr(self, "_user", None)
        if user is not None and (not user.is_active or is_staff_account(user)):
            # Treated like a number without an account: nothing is sent, the next page is the same.
            self._user = None
        return phone


def _code_field(field: forms.Field, label: Any, required: Any) -> None:
    field.label = label
    field.error_messages["required"] = required
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric"})


class ConfirmLoginCodeForm(AllauthConfirmLoginCodeForm):
    """短信验证码登录, step 2: the code from the SMS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"], gettext_lazy("短信验证码"), gettext_lazy("请输入短信验证码。"))
        self.fields["code"].widget.attrs.pop("inputmode", None)  # allauth's codes may contain letters


class TotpAuthenticateForm(AllauthAuthenticateForm):
    """The TOTP step of a login. A login locked by django-axes (wrong passwords or wrong codes, counted
    together) cannot finish here either, even with the right code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"], gettext_lazy("动态口令"), gettext_lazy("请输入动态口令。"))
        self.fields["code"].widget.attrs.pop("inputmode", None)  # a recovery code has letters

    def clean_code(self) -> str:
        from allauth.core import context
        from axes.handlers.proxy import AxesProxyHandler

        request = context.request
        if request is not None and not AxesProxyHandler.is_allowed(request, {"username": self.user.get_username()}):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            raise ValidationError(_("登录失败次数过多，账号已暂时锁定。"), code="locked_out")
        return super().clean_code()


class TotpReauthenticateForm(AllauthReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"], gettext_lazy("动态口令"), gettext_lazy("请输入动态口令。"))


class ActivateTotpForm(AllauthActivateTOTPForm):
    """Binding an authenticator app: the 6-digit code it shows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(
            self.fields["code"], gettext_lazy("动态口令"), gettext_lazy("请输入验证器应用显示的 6 位动态口令。")
        )


def _recent_code_login(request: Any, user: Any) -> bool:
    """The user logged in with an SMS code within the reauthentication window (5 minutes)."""
    import time

    from allauth.account.internal.flows.login import get_authentication_records
    from django.conf import settings

    if request is None or user is None:
        return False
    window = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "code" and time.time() - float(record.get("at", 0)) < window
        for record in get_authentication_records(request, user)
    )


class ChangePasswordForm(AllauthChangePasswordForm):
    """修改密码. A person who has just logged in with an SMS code (the way back in after a forgotten
    password) sets a new password without the old one; everyone else types the current one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from allauth.core import context

        super().__init__(*args, **kwargs)
        if not is_staff_account(self.user) and _recent_code_login(context.request, self.user):
            del self.fields["oldpassword"]
