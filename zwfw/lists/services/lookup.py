"""An audited read: which poverty projects list a person (by ID number), for the maintainers.

Looking a person up by ID number is a use of personal data, so it is a service: the maintainer's
permission is checked, the ID number is validated, and the look-up is written to the audit log with the
number masked. Nothing is decrypted: the blind index finds the rows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric

from zwfw.core.pii import mask_id_number
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited, require_perm

from ..selectors import beneficiaries_by_id_number


def beneficiary_lookup(*, actor: Actor, id_number: str) -> list[Any]:
    """The beneficiary rows (with their projects) of the person with ``id_number``, masked."""
    number = (id_number or "").strip().upper()
    masked = mask_id_number(number)
    with refusals_audited(actor=actor, action="beneficiary.lookup", id_number=masked):
        require_perm(actor, "lists.maintain_entry", _("只有事项管理员和平台运营人员可以查询受益户。"))
        if not ric.is_valid(number):
            raise ValidationError({"id_number": [_("居民身份证号码无效（应为18位，末位校验码正确）。")]})
        rows = list(beneficiaries_by_id_number(number).order_by("-project__year", "project__name"))
        audit_record(actor=actor, action="beneficiary.lookup", detail={"id_number": masked, "found": len(rows)})
    return rows
