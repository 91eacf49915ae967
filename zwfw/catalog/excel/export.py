"""The staff list views as tables for :mod:`zwfw.core.tabular`: 本机构事项, 待审核, 待发布.

Each list is a :class:`ListExport` — its columns, a row count and a row iterator built from the same
filters as the page — so the direct download and the background job produce the same file.
Item-list filters (query string): ``q`` (name contains), ``status`` (latest version's status code),
``item_type``; other parameters are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core.tabular import Column

from ..choices import ItemType, UseLevel, VersionStatus
from ..models import ItemVersion

#: Up to this many rows the download answers at once; more run as a background job.
DIRECT_LIMIT = 300

LISTS = ("items", "review", "publish")
LIST_PERMISSIONS = {"items": "catalog.draft_item", "review": "catalog.review_item", "publish": "catalog.publish_item"}


def _local(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def filters_clean(params: Mapping[str, Any]) -> dict[str, str]:
    """The filters this export understands, as plain strings (stored with a background job)."""
    found = {}
    q = str(params.get("q") or "").strip()[:100]
    if q:
        found["q"] = q
    status = str(params.get("status") or "")
    if status in VersionStatus.values:
        found["status"] = status
    item_type = str(params.get("item_type") or "")
    if item_type in ItemType.values:
        found["item_type"] = item_type
    return found


@dataclass
class ListExport:
    name: str
    title: str
    columns: list[Column]
    agency_id: int | None
    filters: dict[str, str]

    # --- the item list: the latest version of each item of the agency -------------------------
    def _latest_versions(self) -> Iterator[ItemVersion]:
        versions = (
            ItemVersion.objects.filter(item__agency_id=self.agency_id)
            .select_related("item")
            .only(
                "id",
                "name",
                "number",
                "status",
                "item_type",
                "updated_at",
                "item__id",
                "item__implementation_code",
                "item__basic_code",
                "item__use_level",
                "item__retired_at",
                "item__published_version_id",
            )
            .order_by("item_id", "-number")
        )
        last = None
        for version in versions.iterator(chunk_size=2000):
            if version.item_id == last:
                continue
            last = version.item_id
            if "q" in self.filters and self.filters["q"].lower() not in version.name.lower():
                continue
            if "status" in self.filters and version.status != self.filters["status"]:
                continue
            if "item_type" in self.filters and version.item_type != self.filters["item_type"]:
                continue
            yield version

    def _queue(self) -> Any:
        status = VersionStatus.REVIEW if self.name == "review" else VersionStatus.CATALOGUED
        return (
            ItemVersion.objects.filter(status=status)
            .select_related("item__agency")
            .only(
                "id",
                "name",
                "number",
                "item_type",
                "change_summary",
                "submitted_at",
                "reviewed_at",
                "item__implementation_code",
                "item__agency__short_name",
            )
            .order_by("submitted_at", "id")
        )

    def count(self) -> int:
        if self.name == "items":
            return sum(1 for _ in self._latest_versions())
        return self._queue().count()

    def rows(self) -> Iterator[dict[str, Any]]:
        if self.name == "items":
            for v in self._latest_versions():
                item = v.item
                if item.retired_at:
                    portal = _("已取消")
                elif item.published_version_id:
                    portal = _("已发布")
                else:
                    portal = _("未发布")
                yield {
                    "name": v.name,
                    "implementation_code": item.implementation_code,
                    "basic_code": item.basic_code,
                    "use_level": UseLevel(item.use_level).label if item.use_level in UseLevel.values else "",
                    "item_type": ItemType(v.item_type).label if v.item_type in ItemType.values else "",
                    "number": v.number,
                    "status": VersionStatus(v.status).label,
                    "portal": portal,
                    "updated_at": _local(v.updated_at),
                }
        else:
            for v in self._queue().iterator(chunk_size=2000):
                yield {
                    "name": v.name,
                    "agency": v.item.agency.short_name,
                    "implementation_code": v.item.implementation_code,
                    "item_type": ItemType(v.item_type).label if v.item_type in ItemType.values else "",
                    "number": v.number,
                    "change_summary": v.change_summary,
                    "submitted_at": _local(v.submitted_at),
                    "reviewed_at": _local(v.reviewed_at),
                }


def list_export(name: str, *, agency_id: int | None, filters: Mapping[str, Any]) -> ListExport:
    if name == "items":
        columns = [
            Column("name", _("事项名称"), 30),
            Column("implementation_code", _("实施编码"), 36),
            Column("basic_code", _("基本编码"), 14),
            Column("use_level", _("行使层级"), 10),
            Column("item_type", _("事项类型"), 12),
            Column("number", _("最新版本"), 8),
            Column("status", _("状态"), 10),
            Column("portal", _("门户显示"), 10),
            Column("updated_at", _("更新时间"), 18),
        ]
        return ListExport(name, _("本机构事项"), columns, agency_id, filters_clean(filters))
    columns = [
        Column("name", _("事项名称"), 30),
        Column("agency", _("实施主体"), 16),
        Column("implementation_code", _("实施编码"), 36),
        Column("item_type", _("事项类型"), 12),
        Column("number", _("版本"), 8),
        Column("change_summary", _("修订说明"), 30),
        Column("submitted_at", _("提交时间"), 18),
    ]
    if name == "publish":
        columns.append(Column("reviewed_at", _("审核时间"), 18))
    title = _("待审核事项") if name == "review" else _("待发布事项")
    return ListExport(name, title, columns, None, {})
