"""Permissions that depend on staff roles, registered with django-rules.

Other domains ask ``user.has_perm("core.manage_calendar")`` and never import org: the rule
that says *who* holds that permission lives here, next to the roles. Object-level permissions
scoped to an agency take the agency as the object: ``user.has_perm("org.act_for_agency", agency)``.
Autodiscovered by ``rules.apps.AutodiscoverRulesConfig``.
"""

from __future__ import annotations

from typing import Any

import rules

from .choices import Role


def holds_role(*roles: str) -> Any:
    """A predicate: the user has an active membership with one of ``roles`` (in any agency)."""

    @rules.predicate(name=f"holds_role({','.join(roles)})")
    def predicate(user: Any) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return user.memberships.filter(is_active=True, role__in=roles, agency__is_active=True).exists()

    return predicate


@rules.predicate
def is_staff_member(user: Any) -> bool:
    """Anyone with at least one active membership may open the staff back office."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.memberships.filter(is_active=True, agency__is_active=True).exists()


@rules.predicate
def is_member_of(user: Any, agency: Any) -> bool:
    if agency is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.memberships.filter(is_active=True, agency=agency).exists()


is_sysadmin = holds_role(Role.SYSADMIN)
is_secadmin = holds_role(Role.SECADMIN)
is_auditor = holds_role(Role.AUDITOR)

# The back office.
rules.add_perm("portal.use_staff_shell", is_staff_member)
rules.add_perm("org.act_for_agency", is_member_of)
# 三员: each sees only their own screens.
rules.add_perm("core.manage_calendar", is_sysadmin)  # 系统管理员: configuration, incl. the working-day calendar
rules.add_perm("core.view_system_alerts", is_sysadmin)
rules.add_perm("org.manage_structure", is_sysadmin)  # regions, agencies, centres, windows
rules.add_perm("org.manage_memberships", is_secadmin)  # 安全管理员: accounts, roles, keys
rules.add_perm("core.view_audit_log", is_auditor)  # 审计管理员: reads the audit log
