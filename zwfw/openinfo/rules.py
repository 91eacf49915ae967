"""Who maintains open information (django-rules, autodiscovered).

- ``openinfo.maintain_info`` — object: an Agency, an :class:`~zwfw.openinfo.models.OpenInfo` or an
  attachment. The agency's 事项管理员 (``Role.ITEM_MANAGER``: each agency's 政务公开 officer is its
  item manager) maintains that agency's information; a 平台运营人员 (``Role.OPERATOR``, 县政府办公室)
  maintains every agency's. Without an object: anyone holding either role (menus, the list screen).
  Staff of another agency get no permission (403 on the staff screens, 404 on a draft's portal page).
"""

from __future__ import annotations

from typing import Any

import rules

from zwfw.org.choices import Role
from zwfw.org.rules import holds_role, holds_role_in_agency_of


def _agency_of(obj: Any) -> Any:
    """The agency of an Agency, an OpenInfo or an OpenInfoAttachment."""
    if obj is None:
        return None
    if hasattr(obj, "info"):  # OpenInfoAttachment
        obj = obj.info
    if hasattr(obj, "agency"):  # OpenInfo
        obj = obj.agency
    return obj


manages_open_info_of = holds_role_in_agency_of(Role.ITEM_MANAGER, _agency_of)


is_operator = holds_role(Role.OPERATOR)

rules.add_perm("openinfo.maintain_info", manages_open_info_of | is_operator)
#: Operators choose any agency on the staff screens; item managers work for their own.
rules.add_perm("openinfo.maintain_any_agency", is_operator)
