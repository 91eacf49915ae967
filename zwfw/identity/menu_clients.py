"""Staff menu entries of identity's clients screens (called from IdentityConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.menu import StaffMenuEntry, staff_menu_register


def register() -> None:
    staff_menu_register(
        StaffMenuEntry(_("接入应用（单点登录）"), "identity:clients", "identity.manage_clients", _("安全管理"), 60)
    )
