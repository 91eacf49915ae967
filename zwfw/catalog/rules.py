"""Who may draft, review, publish and read the history of service items (django-rules, autodiscovered).

- ``catalog.draft_item`` — object: the Agency (or an item / version of it): the agency's 事项管理员.
  Without an object: anyone holding the role somewhere (for menus).
- ``catalog.review_item`` — 事项审核员 in any agency (县委编办 or 县司法局 review for the whole county).
  The services add the separation rule: nobody approves a version they authored.
- ``catalog.publish_item`` — 平台运营人员 (县政府办公室): publishes.
- ``catalog.retire_item`` — object: the item (or its agency): the agency's 事项管理员 or an operator.
- ``catalog.view_item_history`` — item managers (of the item's agency when an object is given),
  reviewers, operators and supervisors.
"""

from __future__ import annotations

from typing import Any

import rules

from zwfw.org.choices import Role
from zwfw.org.rules import holds_role, holds_role_in_agency_of


def _agency_of(obj: Any) -> Any:
    """The agency an object belongs to: an Agency, a ServiceItem or an ItemVersion."""
    if obj is None:
        return None
    if hasattr(obj, "item"):  # ItemVersion
        obj = obj.item
    if hasattr(obj, "agency"):  # ServiceItem
        obj = obj.agency
    return obj


manages_items_of = holds_role_in_agency_of(Role.ITEM_MANAGER, _agency_of)


is_item_reviewer = holds_role(Role.ITEM_REVIEWER)
is_operator = holds_role(Role.OPERATOR)
is_supervisor = holds_role(Role.SUPERVISOR)

rules.add_perm("catalog.draft_item", manages_items_of)
rules.add_perm("catalog.review_item", is_item_reviewer)
rules.add_perm("catalog.publish_item", is_operator)
rules.add_perm("catalog.manage_convenience", is_operator)  # 便民服务 navigation, kept by the county office
rules.add_perm("catalog.retire_item", manages_items_of | is_operator)
rules.add_perm("catalog.view_item_history", manages_items_of | is_item_reviewer | is_operator | is_supervisor)
