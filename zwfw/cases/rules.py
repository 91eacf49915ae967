"""Who may do what with cases (django-rules, autodiscovered).

Staff act on a case only through a step of their own agency and role:

- ``cases.handle_step`` — object: a ``CaseStep``: the user holds the step's role in the step's agency.
  Without an object: holds a handling role somewhere (menus, the inbox).
- ``cases.view_case`` — object: a ``Case``: the user is a member of the case's agency or of the agency of any
  of its steps (a joint-approval agency sees the whole case it works on), or a supervisor.
- ``cases.view_inbox`` — no object: open the inbox and case pages: handlers, and supervisors (read-only: they
  hold no ``cases.handle_step``, so every action is refused).
- ``cases.register_window`` — window clerks (窗口受理人员) of any agency: register a walk-in application.
- ``cases.extend_case`` — object: a ``Case``: the 审批决定人 (the agency's head for this purpose) of the case's
  agency: 延长期限 with reasons.
- ``cases.assign_step`` — object: a ``CaseStep``: the decider of the step's agency assigns a step to a colleague.

Applicants never use permissions: the selectors return only their own applications and cases (404 otherwise).
"""

from __future__ import annotations

from typing import Any

import rules

from zwfw.org.choices import Role
from zwfw.org.rules import active_roles, holds_role

HANDLING_ROLES = (Role.WINDOW_CLERK, Role.EXAMINER, Role.DECIDER)


def _usable(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def handles_step(user: Any, step: Any = None) -> bool:
    if not _usable(user):
        return False
    roles = active_roles(user)
    if step is None:
        return any(role in HANDLING_ROLES for _, role in roles)
    return (step.agency_id, step.role) in roles


@rules.predicate
def sees_case(user: Any, case: Any = None) -> bool:
    if not _usable(user):
        return False
    roles = active_roles(user)
    if case is None:
        return any(role in HANDLING_ROLES for _, role in roles)
    agencies = {agency_id for agency_id, _ in roles}
    if case.agency_id in agencies:
        return True
    return case.steps.filter(agency_id__in=agencies).exists()


@rules.predicate
def decides_for_case_agency(user: Any, obj: Any = None) -> bool:
    if not _usable(user):
        return False
    roles = active_roles(user)
    if obj is None:
        return any(role == Role.DECIDER for _, role in roles)
    return (obj.agency_id, Role.DECIDER) in roles


is_window_clerk = holds_role(Role.WINDOW_CLERK)
is_supervisor = holds_role(Role.SUPERVISOR)

rules.add_perm("cases.handle_step", handles_step)
rules.add_perm("cases.view_case", sees_case | is_supervisor)
rules.add_perm("cases.view_inbox", handles_step | is_supervisor)
rules.add_perm("cases.register_window", is_window_clerk)
rules.add_perm("cases.extend_case", decides_for_case_agency)
rules.add_perm("cases.assign_step", decides_for_case_agency)
