"""Forms of the portal. The login form is Django's, with our labels and messages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's AuthenticationForm with Chinese labels and messages that say what to do.

    The identity issue replaces the login with allauth (password + TOTP for staff, phone code
    for citizens); until then this keeps the URL ``portal:login`` and its look.
    """

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("请输入用户名。")},
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("请输入密码。")},
    )

    error_messages = {
        "invalid_login": _("用户名或密码不正确，请检查后重新输入（密码区分大小写）。"),
        "inactive": _("该账号已停用。如有疑问，请联系政务服务中心。"),
    }
