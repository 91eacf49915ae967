"""Writes of agencies: county departments, township governments, the county government office."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record

from ..choices import AgencyKind, RegionLevel
from ..models import Agency, Region
from ..uscc import uscc_validate
from ._common import Actor, apply_changes, field_changes, refusals_audited
from .region import structure_permission_check

#: The fields ``agency_update`` may change (everything but the identity of the row).
AGENCY_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "slug",
        "kind",
        "uscc",
        "region",
        "parent",
        "duties_note",
        "address",
        "phone",
        "complaint_phone",
        "office_hours",
        "email",
        "introduction",
        "is_active",
        "sort_order",
    }
)


def _agency_validate(agency: Agency) -> None:
    """Check an agency about to be saved; raise a ValidationError with a Chinese message."""
    agency.uscc = uscc_validate(agency.uscc)
    if agency.kind not in AgencyKind.values:
        raise ValidationError(_("未知的机构类型“%(kind)s”。"), code="invalid_kind", params={"kind": agency.kind})
    others = Agency.objects.exclude(pk=agency.pk)
    for field, message in (
        ("name", _("机构全称“%(value)s”已被其他机构使用。")),
        ("slug", _("子站标识“%(value)s”已被其他机构使用。")),
        ("uscc", _("统一社会信用代码“%(value)s”已被其他机构使用。")),
    ):
        value = getattr(agency, field)
        if others.filter(**{field: value}).exists():
            raise ValidationError(message, code=f"duplicate_{field}", params={"value": value})
    region: Region = agency.region
    is_township_region = region.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)
    if agency.kind == AgencyKind.TOWNSHIP_GOVERNMENT and region.level != RegionLevel.TOWNSHIP:
        raise ValidationError(_("乡镇人民政府的所在区划必须是乡镇。"), code="township_region")
    if agency.kind != AgencyKind.TOWNSHIP_GOVERNMENT and is_township_region:
        raise ValidationError(_("县级机构的所在区划不能是乡镇或村。"), code="county_region")
    if agency.parent_id is not None and agency.parent_id == agency.pk:
        raise ValidationError(_("机构不能以自己为上级机构。"), code="self_parent")
    if agency.phone and agency.complaint_phone and agency.phone.strip() == agency.complaint_phone.strip():
        raise ValidationError(_("监督投诉电话不能与咨询电话相同。"), code="same_phones")
    agency.full_clean()


def agency_create(
    *,
    actor: Actor,
    name: str,
    short_name: str,
    slug: str,
    kind: str,
    uscc: str,
    region: Region,
    parent: Agency | None = None,
    duties_note: str = "",
    address: str = "",
    phone: str = "",
    complaint_phone: str = "",
    office_hours: str = "",
    email: str = "",
    introduction: str = "",
    is_active: bool = True,
    sort_order: int = 0,
) -> Agency:
    """Create an agency. The USCC must pass GB 32100 and the embedded GB 11714 check."""
    with refusals_audited(actor=actor, action="agency.create", slug=slug, name=name), transaction.atomic():
        structure_permission_check(actor)
        agency = Agency(
            name=name,
            short_name=short_name,
            slug=slug,
            kind=kind,
            uscc=uscc,
            region=region,
            parent=parent,
            duties_note=duties_note,
            address=address,
            phone=phone,
            complaint_phone=complaint_phone,
            office_hours=office_hours,
            email=email,
            introduction=introduction,
            is_active=is_active,
            sort_order=sort_order,
        )
        _agency_validate(agency)
        agency.stamp(actor)
        agency.save()
        audit_record(
            actor=actor,
            action="agency.create",
            obj=agency,
            detail={"slug": agency.slug, "kind": agency.kind, "uscc": agency.uscc},
        )
        return agency


def agency_update(*, actor: Actor, agency: Agency, data: Mapping[str, Any]) -> list[str]:
    """Change the fields in ``data`` that differ; return their names (empty: nothing was written)."""
    with refusals_audited(actor=actor, action="agency.update", obj=agency), transaction.atomic():
        structure_permission_check(actor)
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        changes = field_changes(locked, data, AGENCY_FIELDS)
        if "uscc" in changes and _uscc_compact(changes["uscc"]) == locked.uscc:
            del changes["uscc"]  # the same code written differently (spaces, lower case)
        if not changes:
            return []
        diff = apply_changes(locked, changes)
        _agency_validate(locked)
        locked.stamp(actor)
        locked.save(update_fields=[*changes, "updated_by", "updated_at"])
        audit_record(actor=actor, action="agency.update", obj=locked, detail={"changes": diff})
    # The caller's instance reflects the new state too.
    for name in changes:
        setattr(agency, name, getattr(locked, name))
    agency.updated_at, agency.updated_by_id = locked.updated_at, locked.updated_by_id
    return sorted(changes)


def _uscc_compact(value: str) -> str | None:
    """The compact form of a USCC, or None when it is invalid (the full check runs later)."""
    try:
        return uscc_validate(value)
    except ValidationError:
        return None
