"""Staff menu entries of identity's admin screens (called from IdentityConfig.ready).

Each entry carries the one permission of its administrator, so the 系统管理员, the 安全管理员 and
the 审计管理员 each see only their own screens (the groups match core's: 系统管理, 安全审计).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.menu import StaffMenuEntry, staff_menu_register


def register() -> None:
    for entry in (
        StaffMenuEntry(
            label=_("账号管理"),
            url_name="identity:admin_accounts",
            permission="identity.manage_accounts",
            group=_("安全管理"),
            order=10,
        ),
        StaffMenuEntry(
            label=_("岗位授权"),
            url_name="identity:admin_memberships",
            permission="identity.manage_accounts",
            group=_("安全管理"),
            order=11,
        ),
        StaffMenuEntry(
            label=_("密码策略"),
            url_name="identity:admin_password_policy",
            permission="identity.manage_password_policy",
            group=_("系统管理"),
            order=12,
        ),
        StaffMenuEntry(
            label=_("登录日志"),
            url_name="identity:admin_login_log",
            permission="identity.view_login_log",
            group=_("安全审计"),
            order=12,
        ),
    ):
        staff_menu_register(entry)
