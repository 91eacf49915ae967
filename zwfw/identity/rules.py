"""Who may do what with accounts, organisations and OIDC clients (django-rules; autodiscovered).

The three administrators (三员) each hold their own permissions and nothing else:
the 安全管理员 accounts, roles, keys and connected systems; the 系统管理员 configuration (the password
policies); the 审计管理员 the audit and login logs. Window clerks verify persons in person.
Organisations are object-level: ``user.has_perm("identity.act_for_organisation", org)``.
"""

from __future__ import annotations

from typing import Any

import rules

from zwfw.org.choices import Role
from zwfw.org.rules import holds_role

from .choices import AgentRole

is_sysadmin = holds_role(Role.SYSADMIN)
is_secadmin = holds_role(Role.SECADMIN)
is_auditor = holds_role(Role.AUDITOR)
is_window_clerk = holds_role(Role.WINDOW_CLERK)


def _agent_roles(user: Any, organisation: Any) -> set[str]:
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(organisation.agent_links.filter(user=user, is_active=True).values_list("role", flat=True))


@rules.predicate
def acts_for(user: Any, organisation: Any) -> bool:
    """The user is an active agent (any role) of the organisation."""
    return bool(_agent_roles(user, organisation))


@rules.predicate
def administers(user: Any, organisation: Any) -> bool:
    """The user is the organisation's 单位管理员."""
    return AgentRole.ADMIN in _agent_roles(user, organisation)


# 安全管理员: staff accounts, their roles, TOTP resets, lockouts, OIDC clients and their secrets.
rules.add_perm("identity.manage_accounts", is_secadmin)
rules.add_perm("identity.manage_clients", is_secadmin)
# 系统管理员: configuration.
rules.add_perm("identity.manage_password_policy", is_sysadmin)
# 审计管理员: the login log (successes, failures, lockouts).
rules.add_perm("identity.view_login_log", is_auditor)
# Window clerks: 现场实名核验 (the full ID number is shown to them, and that view is audited).
rules.add_perm("identity.verify_in_person", is_window_clerk)
# Organisations.
rules.add_perm("identity.act_for_organisation", acts_for)
rules.add_perm("identity.manage_organisation_agents", administers)
