"""Writes of administrative divisions (GB/T 2260 regions)."""

from __future__ import annotations

import re
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record

from ..choices import RegionLevel, TownshipKind
from ..models import Region
from ._common import Actor, apply_changes, field_changes, refusals_audited, require_perm

#: What an upsert did.
UpsertOutcome = Literal["created", "updated", "unchanged"]

#: Who maintains the county's structure (regions, agencies, centres, windows). The rule that says
#: who holds it belongs in ``org/rules.py`` (系统管理员); until it is registered only the system
#: (``actor=None``, e.g. the seed loader) passes.
STRUCTURE_PERM = "org.manage_structure"

_REGION_FIELDS = frozenset({"name", "level", "township_kind", "parent", "slug", "sort_order"})
_CODE_RE = re.compile(r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$")
#: The number of digits of a region's own code at each level (without trailing zero pairs).
_LEVEL_CODE_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


def structure_permission_check(actor: Actor) -> None:
    require_perm(actor, STRUCTURE_PERM, _("您没有维护区划、机构和服务中心的权限（系统管理员职责）。"))


def region_code_prefix(code: str) -> str:
    """The significant digits of a code: 620000 → 62, 620400 → 6204, 620423 → 620423."""
    if len(code) == 6:
        while len(code) > 2 and code.endswith("00"):
            code = code[:-2]
    return code


def _region_validate(*, code: str, name: str, level: str, parent: Region | None, township_kind: str) -> None:
    if not _CODE_RE.match(code):
        raise ValidationError(
            _("区划代码“%(code)s”格式错误：应为6位（省、市、县）、9位（乡镇）或12位（村）数字。"),
            code="invalid_region_code",
            params={"code": code},
        )
    if level not in RegionLevel.values:
        raise ValidationError(_("未知的区划级别“%(level)s”。"), code="invalid_level", params={"level": level})
    if not name.strip():
        raise ValidationError(_("请填写区划名称。"), code="name_required")
    if len(region_code_prefix(code)) != _LEVEL_CODE_LENGTH[RegionLevel(level)]:
        raise ValidationError(
            _("区划代码“%(code)s”与级别“%(level)s”不符。"),
            code="code_level_mismatch",
            params={"code": code, "level": RegionLevel(level).label},
        )
    if level == RegionLevel.PROVINCE:
        if parent is not None:
            raise ValidationError(_("省级区划没有上级区划。"), code="province_parent")
    elif parent is None or not code.startswith(region_code_prefix(parent.code)) or parent.code == code:
        raise ValidationError(
            _("区划代码“%(code)s”不在上级区划“%(parent)s”之下。"),
            code="parent_mismatch",
            params={"code": code, "parent": parent.name if parent else "—"},
        )
    if level == RegionLevel.TOWNSHIP and township_kind not in (TownshipKind.TOWN, TownshipKind.TOWNSHIP):
        raise ValidationError(_("乡镇级区划须注明是“镇”还是“乡”。"), code="township_kind_required")
    if level != RegionLevel.TOWNSHIP and township_kind:
        raise ValidationError(_("只有乡镇级区划才区分“镇”和“乡”。"), code="township_kind_not_applicable")


def region_upsert(
    *,
    actor: Actor,
    code: str,
    name: str,
    level: str,
    parent: Region | None = None,
    township_kind: str = "",
    slug: str = "",
    sort_order: int = 0,
) -> tuple[Region, UpsertOutcome]:
    """Create the region with ``code`` or bring it in line with the arguments.

    Returns the region and what happened. An unchanged region is not written and not audited.
    """
    with refusals_audited(actor=actor, action="region.upsert", code=code, name=name), transaction.atomic():
        structure_permission_check(actor)
        _region_validate(code=code, name=name, level=level, parent=parent, township_kind=township_kind)
        data = {
            "name": name,
            "level": level,
            "township_kind": township_kind,
            "parent": parent,
            "slug": slug,
            "sort_order": sort_order,
        }
        region = Region.objects.select_for_update().filter(code=code).first()
        if region is None:
            region = Region(code=code, **data)
            region.full_clean()
            region.save()
            audit_record(
                actor=actor,
                action="region.create",
                obj=region,
                detail={"code": code, "name": name, "level": level},
            )
            return region, "created"
        changes = field_changes(region, data, _REGION_FIELDS)
        if not changes:
            return region, "unchanged"
        diff = apply_changes(region, changes)
        region.full_clean()
        region.save(update_fields=[*changes, "updated_at"])
        audit_record(actor=actor, action="region.update", obj=region, detail={"changes": diff})
        return region, "updated"
