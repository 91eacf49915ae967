"""Writes of service centres (the county hall, each township's 便民服务中心) and their windows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record

from ..choices import CentreKind, RegionLevel
from ..models import Agency, Region, ServiceCentre, Window
from ._common import Actor, apply_changes, field_changes, refusals_audited
from .region import structure_permission_check

CENTRE_FIELDS = frozenset({"name", "kind", "region", "agency", "address", "phone", "office_hours", "sort_order"})
WINDOW_FIELDS = frozenset({"name", "is_comprehensive", "is_active"})
_WINDOW_NUMBER_RE = re.compile(r"^[0-9A-Za-z-]{1,16}$")
_CENTRE_REGION_LEVEL = {CentreKind.COUNTY: RegionLevel.COUNTY, CentreKind.TOWNSHIP: RegionLevel.TOWNSHIP}


def _centre_validate(centre: ServiceCentre) -> None:
    if centre.kind not in CentreKind.values:
        raise ValidationError(_("未知的服务中心类型“%(kind)s”。"), code="invalid_kind", params={"kind": centre.kind})
    if ServiceCentre.objects.exclude(pk=centre.pk).filter(name=centre.name).exists():
        raise ValidationError(
            _("服务中心名称“%(value)s”已被使用。"), code="duplicate_name", params={"value": centre.name}
        )
    region: Region = centre.region
    if region.level != _CENTRE_REGION_LEVEL[CentreKind(centre.kind)]:
        raise ValidationError(
            _("%(kind)s的所在区划应为%(level)s区划。"),
            code="centre_region",
            params={
                "kind": CentreKind(centre.kind).label,
                "level": _CENTRE_REGION_LEVEL[CentreKind(centre.kind)].label,
            },
        )
    if not centre.agency.is_active:
        raise ValidationError(
            _("管理机构“%(agency)s”已停用。"), code="inactive_agency", params={"agency": centre.agency}
        )
    centre.full_clean()


def centre_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    region: Region,
    agency: Agency,
    address: str,
    phone: str,
    office_hours: str,
    sort_order: int = 0,
) -> ServiceCentre:
    """Create a service centre managed by ``agency``."""
    with refusals_audited(actor=actor, action="centre.create", name=name), transaction.atomic():
        structure_permission_check(actor)
        centre = ServiceCentre(
            name=name,
            kind=kind,
            region=region,
            agency=agency,
            address=address,
            phone=phone,
            office_hours=office_hours,
            sort_order=sort_order,
        )
        _centre_validate(centre)
        centre.stamp(actor)
        centre.save()
        audit_record(actor=actor, action="centre.create", obj=centre, detail={"kind": kind, "agency": agency.slug})
        return centre


def centre_update(*, actor: Actor, centre: ServiceCentre, data: Mapping[str, Any]) -> list[str]:
    """Change the fields in ``data`` that differ; return their names (empty: nothing was written)."""
    with refusals_audited(actor=actor, action="centre.update", obj=centre), transaction.atomic():
        structure_permission_check(actor)
        locked = ServiceCentre.objects.select_for_update().get(pk=centre.pk)
        changes = field_changes(locked, data, CENTRE_FIELDS)
        if not changes:
            return []
        diff = apply_changes(locked, changes)
        _centre_validate(locked)
        locked.stamp(actor)
        locked.save(update_fields=[*changes, "updated_by", "updated_at"])
        audit_record(actor=actor, action="centre.update", obj=locked, detail={"changes": diff})
    for name in changes:
        setattr(centre, name, getattr(locked, name))
    centre.updated_at, centre.updated_by_id = locked.updated_at, locked.updated_by_id
    return sorted(changes)


def _window_agencies_validate(agencies: list[Agency]) -> None:
    if not agencies:
        raise ValidationError(_("请至少指定一个进驻机构。"), code="no_agency")
    inactive = [a.short_name for a in agencies if not a.is_active]
    if inactive:
        raise ValidationError(
            _("进驻机构已停用：%(names)s。"), code="inactive_agency", params={"names": "、".join(inactive)}
        )


def window_create(
    *,
    actor: Actor,
    centre: ServiceCentre,
    number: str,
    name: str,
    agencies: Iterable[Agency],
    is_comprehensive: bool = False,
    is_active: bool = True,
) -> Window:
    """Open a window (counter) in ``centre`` that takes applications for ``agencies``."""
    agencies = list(agencies)
    with (
        refusals_audited(actor=actor, action="window.create", obj=centre, number=number),
        transaction.atomic(),
    ):
        structure_permission_check(actor)
        if not _WINDOW_NUMBER_RE.match(number):
            raise ValidationError(
                _("窗口号“%(number)s”格式错误：只能由数字、字母和连字符组成，最多16位。"),
                code="invalid_number",
                params={"number": number},
            )
        if Window.objects.filter(centre=centre, number=number).exists():
            raise ValidationError(
                _("%(centre)s已有%(number)s号窗口。"),
                code="duplicate_number",
                params={"centre": centre, "number": number},
            )
        _window_agencies_validate(agencies)
        window = Window(centre=centre, number=number, name=name, is_comprehensive=is_comprehensive, is_active=is_active)
        window.full_clean()
        window.stamp(actor)
        window.save()
        window.agencies.set(agencies)
        audit_record(
            actor=actor,
            action="window.create",
            obj=window,
            detail={"centre": centre.name, "number": number, "agencies": sorted(a.slug for a in agencies)},
        )
        return window


def window_update(
    *, actor: Actor, window: Window, data: Mapping[str, Any], agencies: Iterable[Agency] | None = None
) -> list[str]:
    """Change the fields in ``data`` (and the set of ``agencies`` if given) that differ.

    Returns the names of what changed ("agencies" for the set); empty means nothing was written.
    """
    new_agencies = list(agencies) if agencies is not None else None
    with refusals_audited(actor=actor, action="window.update", obj=window), transaction.atomic():
        structure_permission_check(actor)
        locked = Window.objects.select_for_update().get(pk=window.pk)
        changes = field_changes(locked, data, WINDOW_FIELDS)
        agencies_changed = False
        if new_agencies is not None:
            _window_agencies_validate(new_agencies)
            old_ids = set(locked.agencies.values_list("pk", flat=True))
            agencies_changed = old_ids != {a.pk for a in new_agencies}
        if not changes and not agencies_changed:
            return []
        diff = apply_changes(locked, changes)
        locked.full_clean()
        locked.stamp(actor)
        locked.save(update_fields=[*changes, "updated_by", "updated_at"])
        if agencies_changed:
            assert new_agencies is not None
            old_slugs = sorted(locked.agencies.values_list("slug", flat=True))
            locked.agencies.set(new_agencies)
            diff["agencies"] = [old_slugs, sorted(a.slug for a in new_agencies)]
        audit_record(actor=actor, action="window.update", obj=locked, detail={"changes": diff})
    for name in changes:
        setattr(window, name, getattr(locked, name))
    window.updated_at, window.updated_by_id = locked.updated_at, locked.updated_by_id
    return sorted([*changes, *(["agencies"] if agencies_changed else [])])
