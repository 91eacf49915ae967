"""Login and logout (allauth's views with our templates)."""

from __future__ import annotations

from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import LogoutView as AllauthLogoutView


class LoginView(AllauthLoginView):
    template_name = "identity/login.html"


class LogoutView(AllauthLogoutView):
    pass
