"""Who maintains the lists (django-rules, autodiscovered).

- ``lists.maintain_entry`` — object: an Agency or a list entry (its agency). The agency's active
  事项管理员 (``Role.ITEM_MANAGER``) maintains its own agency's entries: create, edit, publish.
  平台运营人员 (``Role.OPERATOR``) may maintain every agency's entries. Anyone else — including the
  item manager of another agency — is refused. Without an object: holds one of these roles somewhere
  (for the menu and the list screens).
- ``lists.withdraw_entry`` — the same people: an agency withdraws its own entries, the operator any.
- ``lists.view_entry_history`` — the maintainers above and supervisors (监察人员) read any entry's history.
"""

from __future__ import annotations

from typing import Any

import rules

from zwfw.org.choices import Role
from zwfw.org.rules import holds_role, holds_role_in_agency_of


def _agency_of(obj: Any) -> Any:
    """The agency of a list entry, or the object itself when it is an Agency."""
    if obj is None:
        return None
    if hasattr(obj, "agency"):
        return obj.agency
    return obj


manages_lists_of = holds_role_in_agency_of(Role.ITEM_MANAGER, _agency_of)


is_operator = holds_role(Role.OPERATOR)
is_supervisor = holds_role(Role.SUPERVISOR)

rules.add_perm("lists.maintain_entry", manages_lists_of | is_operator)
rules.add_perm("lists.withdraw_entry", manages_lists_of | is_operator)
rules.add_perm("lists.view_entry_history", manages_lists_of | is_operator | is_supervisor)
