"""The categories of the 政府信息公开目录: reference data, normally created by migration ``openinfo.0002``.

:func:`category_upsert` creates or corrects one category by its code and writes nothing when it is
already as given; :func:`categories_seed_default` applies the whole directory of
:mod:`zwfw.openinfo.data.categories` (the demo loader, and tests whose database was flushed).
Codes are never renumbered: they are part of published index numbers.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited, require_perm

from ..models import OpenInfoCategory

Outcome = Literal["created", "updated", "unchanged"]


def category_upsert(
    *, actor: Actor, code: str, name: str, description: str = "", order: int = 0, is_active: bool = True
) -> tuple[OpenInfoCategory, Outcome]:
    """Create or update the category ``code``; "unchanged" writes nothing (no audit event)."""
    values = {
        "name": (name or "").strip(),
        "description": (description or "").strip(),
        "order": order,
        "is_active": is_active,
    }
    with refusals_audited(actor=actor, action="openinfo_category.upsert", code=code), transaction.atomic():
        require_perm(actor, "openinfo.maintain_any_agency", _("只有平台运营人员可以维护政务公开目录。"))
        if not values["name"]:
            raise ValidationError({"name": _("请填写分类名称。")})
        category = OpenInfoCategory.objects.select_for_update().filter(code=code).first()
        if category is None:
            category = OpenInfoCategory(code=code, **values)
            category.full_clean()
            category.save()
            audit_record(actor=actor, action="openinfo_category.create", obj=category, detail={"code": code, **values})
            return category, "created"
        changes = {k: v for k, v in values.items() if getattr(category, k) != v}
        if not changes:
            return category, "unchanged"
        for key, value in changes.items():
            setattr(category, key, value)
        category.full_clean()
        category.save()
        audit_record(actor=actor, action="openinfo_category.update", obj=category, detail={"code": code, **changes})
        return category, "updated"


def categories_seed_default(*, actor: Actor = None) -> dict[str, int]:
    """Apply the default directory (idempotent); returns counts by outcome."""
    from ..data.categories import CATEGORIES

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        _category, outcome = category_upsert(
            actor=actor, code=code, name=name, description=description, order=order * 10
        )
        counts[outcome] += 1
    return counts
