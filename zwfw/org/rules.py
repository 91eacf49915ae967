"""Permissions that depend on staff roles, registered with django-rules.

Other domains ask ``user.has_perm("core.manage_calendar")`` and never import org: the rule
that says *who* holds that permission lives here, next to the roles. Object-level permissions
scoped to an agency take the agency as the object: ``user.has_perm("org.act_for_agency", agency)``.
Autodiscovered by ``rules.apps.AutodiscoverRulesConfig``.

A user's active roles are read once and kept on the user object for the rest of the request
(``active_roles``), so a page that asks ten permission questions runs one query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from .choices import Role

_CACHE_ATTR = "_zwfw_active_roles"


def active_roles(user: Any) -> frozenset[tuple[int, str]]:
    """``{(agency_id, role)}`` of the user's active memberships in active agencies (cached per object)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(is_active=True, agency__is_active=True).values_list("agency_id", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def active_roles_forget(user: Any) -> None:
    """Drop the cached roles (after a membership of this user object changed)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _usable(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def holds_role(*roles: str) -> Any:
    """A predicate: the user has an active membership with one of ``roles`` (in any agency)."""
    wanted = frozenset(roles)

    @rules.predicate(name=f"holds_role({','.join(roles)})")
    def predicate(user: Any) -> bool:
        return _usable(user) and any(role in wanted for _, role in active_roles(user))

    return predicate


@rules.predicate
def is_staff_member(user: Any) -> bool:
    """Anyone with at least one active membership may open the staff back office."""
    return _usable(user) and bool(active_roles(user))


def holds_role_in_agency_of(role: str, agency_of: Callable[[Any], Any]) -> Any:
    """A predicate: the user holds ``role`` in the (active) agency of the object, which
    ``agency_of(obj)`` finds; without an object, holds ``role`` in any agency (menus, list screens).

    Domains keep only their ``agency_of`` (an item, a list entry, an attachment → its agency).
    """

    @rules.predicate(name=f"holds_role_in_agency_of({role})")
    def predicate(user: Any, obj: Any = None) -> bool:
        if not _usable(user):
            return False
        roles = active_roles(user)
        if obj is None:
            return any(held == role for _, held in roles)
        agency = agency_of(obj)
        if agency is None or not getattr(agency, "is_active", False):
            return False
        return (agency.pk, role) in roles

    return predicate


@rules.predicate
def is_member_of(user: Any, agency: Any) -> bool:
    """The user has an active membership in this (active) agency."""
    if agency is None or not _usable(user) or not getattr(agency, "is_active", False):
        return False
    return any(agency_id == agency.pk for agency_id, _ in active_roles(user))


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
