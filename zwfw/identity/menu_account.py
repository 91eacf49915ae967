"""Staff menu entries of identity's account screens and the user centre's own sections (called from
IdentityConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from zwfw.core.menu import StaffMenuEntry, staff_menu_register

    from .account_sections import register_identity_sections

    staff_menu_register(
        StaffMenuEntry(_("现场实名核验"), "identity:verify_in_person", "identity.verify_in_person", _("窗口服务"), 40)
    )
    staff_menu_register(
        StaffMenuEntry(_("窗口注册账号"), "identity:register_at_window", "identity.verify_in_person", _("窗口服务"), 41)
    )
    register_identity_sections()
