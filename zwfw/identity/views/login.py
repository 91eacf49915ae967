"""Login and logout: allauth's views with our two entrances and templates.

- ``/login/`` persons: mobile number + password, or 短信验证码登录 (allauth's login by code).
- ``/staff/login/`` staff: username + password, then allauth's TOTP stage (``/accounts/2fa/authenticate/``).
- ``/logout/`` POST only.

Lockout is django-axes': its authentication backend refuses a locked login and its middleware turns
the refused request into ``identity/lockout.html`` (HTTP 429).
"""

from __future__ import annotations

from typing import Any

from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import LogoutView as AllauthLogoutView
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms import PersonLoginForm, StaffLoginForm


class LoginView(AllauthLoginView):
    """公众登录 (mobile number + password; a link to 短信验证码登录)."""

    template_name = "identity/login.html"
    entrance = "person"

    def get_form_class(self) -> type:
        return PersonLoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "entrance": self.entrance,
                "action_url": reverse("identity:login"),
                "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("登录"), None)],
            }
        )
        return context


class StaffLoginView(LoginView):
    """工作人员登录 (username + password, then the TOTP code)."""

    template_name = "identity/login_staff.html"
    entrance = "staff"

    def get_form_class(self) -> type:
        return StaffLoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_url": reverse("identity:staff_login"),
                "breadcrumbs": [(_("首页"), reverse("portal:home")), (_("工作人员登录"), None)],
            }
        )
        return context


class LogoutView(AllauthLogoutView):
    """退出 (POST only: a link or an image cannot log anyone out)."""

    http_method_names = ["post", "options"]
