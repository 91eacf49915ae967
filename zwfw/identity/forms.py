"""The login forms (allauth's, with our fields and messages)."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """登录: a mobile number (persons) or a username (staff), and the password."""
