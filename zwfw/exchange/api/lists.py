"""``/api/v1/lists``: the five lists of 阳光政务 (五张清单), read through ``zwfw.lists.selectors`` only.

行政权力清单 (``power``) is the published power items of the catalogue (its entries are identified by
their implementation code and lead to the guide); 部门责任清单, 行政事业性收费清单, 财政专项资金管理清单
and 扶贫专项清单 are maintained by the agencies. Only published entries exist here; the households
of a poverty project come exactly as the lists domain masks them (``beneficiaries_masked``).
An entry's ``fields`` are the download rows of the lists domain (``entry_rows``), so the API, the XLSX/CSV/JSON
downloads and the portal always agree.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zwfw.catalog.selectors import browse_regions
from zwfw.lists.choices import ListKind, RevisionAction
from zwfw.lists.selectors import (
    beneficiaries_masked,
    entry_columns,
    entry_rows,
    power_items,
    public_entry_facts,
    public_history_changes,
    published_counts,
    published_entries,
    published_entry_get,
)
from zwfw.org.selectors import agency_get_by_slug

from .errors import ErrorOut, invalid, not_found
from .pagination import Pagination
from .schemas import IMPLEMENTATION_CODE, REGION_CODE, SLUG, ListEntryDetailOut, ListEntryOut, ListOut, coded

router = Router(tags=["五张清单"])

_OWN_KEYS = {"id", "agency", "published_at", "beneficiaries"}


def _list_url(kind: str) -> str:
    return reverse("portal:ygzw_list", kwargs={"list_kind": kind})


def _entry_out(kind: str, entry: Any, row: dict[str, Any]) -> dict[str, Any]:
    if kind == ListKind.POWER:
        code = entry.item.implementation_code
        agency, ident = entry.item.agency, code
        url = reverse("portal:item_detail", kwargs={"code": code})
    else:
        agency, ident = entry.agency, str(entry.pk)
        url = reverse("portal:ygzw_entry", kwargs={"list_kind": kind, "pk": entry.pk})
    return {
        "id": ident,
        "kind": kind,
        "name": row.get("name", ""),
        "agency": agency,
        "fields": {k: v for k, v in row.items() if k not in _OWN_KEYS},
        "beneficiaries": beneficiaries_masked(entry) if kind == ListKind.POVERTY else None,
        "published_at": entry.published_at,
        "url": url,
        "api_url": reverse("api-v1:list_entry_detail", kwargs={"kind": kind, "entry_id": ident}),
    }


class EntryPage(Sequence):
    """The entries of a queryset as API rows, built one page at a time (``entry_rows`` of the page)."""

    def __init__(self, kind: str, queryset: QuerySet[Any]) -> None:
        self.kind = kind
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        entries = list(self.queryset[index])
        return [_entry_out(self.kind, e, row) for e, row in zip(entries, entry_rows(self.kind, entries), strict=True)]


class ListFilters(Schema):
    agency: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="机构标识（见 /agencies 的 slug）",
        json_schema_extra={"example": "mzj"},
    )
    township: str | None = Field(
        None,
        max_length=12,
        pattern=REGION_CODE,
        description="区划代码（见 /regions）：扶贫专项为项目所在乡镇，其他清单为该乡镇人民政府的条目",
        json_schema_extra={"example": "620423104"},
    )
    year: int | None = Field(
        None, ge=2000, le=2100, description="年度（财政专项资金、扶贫专项清单）", json_schema_extra={"example": 2026}
    )
    q: str | None = Field(
        None, max_length=50, description="关键词，在名称和主要内容中查找", json_schema_extra={"example": "身份证"}
    )


@router.get(
    "/lists",
    response=list[ListOut],
    url_name="list_index",
    summary="五张清单",
    description="五张清单及其已发布条目数，和各清单条目 fields 中字段的含义（columns）。",
)
def lists_index(request: HttpRequest) -> Any:
    counts = published_counts()
    return [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "count": counts.get(kind.value, 0),
            "columns": [{"key": c.key, "label": c.label} for c in entry_columns(kind.value)],
            "url": _list_url(kind.value),
            "api_url": reverse("api-v1:list_entries", kwargs={"kind": kind.value}),
        }
        for kind in ListKind
    ]


@router.get(
    "/lists/{kind}",
    response={200: list[ListEntryOut], 422: ErrorOut},
    url_name="list_entries",
    summary="清单条目",
    description=(
        "一张清单的已发布条目，按显示顺序；可按机构、乡镇、年度和关键词筛选。"
        "kind：power 行政权力清单，responsibility 部门责任清单，fee 行政事业性收费清单，"
        "fund 财政专项资金管理清单，poverty 扶贫专项清单（受益户姓名和身份证号已脱敏）。"
    ),
)
@paginate(Pagination)
def list_entries(request: HttpRequest, kind: ListKind, filters: Query[ListFilters]) -> Any:
    if filters.agency and agency_get_by_slug(filters.agency) is None:
        raise invalid("agency", _("没有标识为“%(value)s”的机构。") % {"value": filters.agency})
    if filters.township and filters.township not in {r.code for r in browse_regions()}:
        raise invalid("township", _("没有区划代码为“%(value)s”的县或乡镇。") % {"value": filters.township})
    options = {"agency": filters.agency or None, "township": filters.township or None, "keyword": filters.q}
    if kind == ListKind.POWER:
        return EntryPage(kind.value, power_items(**options))
    return EntryPage(kind.value, published_entries(kind.value, year=filters.year, **options))


@router.get(
    "/lists/{kind}/{entry_id}",
    response={200: ListEntryDetailOut, 404: ErrorOut, 422: ErrorOut},
    url_name="list_entry_detail",
    summary="清单条目详情",
    description=(
        "一个已发布条目的全部内容和发布历史；行政权力清单的条目以事项实施编码标识，完整办事指南见 /items/{实施编码}。"
    ),
)
def list_entry_detail(request: HttpRequest, kind: ListKind, entry_id: str) -> Any:
    missing = not_found(_("%(list)s中没有编号为“%(id)s”的已发布条目。") % {"list": kind.label, "id": entry_id[:40]})
    if kind == ListKind.POWER:
        entry = (
            power_items().filter(item__implementation_code=entry_id).first()
            if re.fullmatch(IMPLEMENTATION_CODE, entry_id)
            else None
        )
        if entry is None:
            raise missing
        return {**_entry_out(kind.value, entry, next(entry_rows(kind.value, [entry]))), "facts": [], "history": []}
    if not re.fullmatch(r"[0-9]{1,18}", entry_id):
        raise missing
    entry = published_entry_get(kind.value, int(entry_id))
    if entry is None:
        raise missing
    out = _entry_out(kind.value, entry, next(entry_rows(kind.value, [entry])))
    out["facts"] = [{"label": label, "value": value} for label, value in public_entry_facts(entry)]
    out["history"] = [
        {
            "number": step["revision"].number,
            "action": coded(step["revision"].action, RevisionAction),
            "occurred_at": step["revision"].occurred_at,
            "note": step["revision"].note,
            "changes": [{"label": c.label, "old": c.old, "new": c.new} for c in step["changes"]],
        }
        for step in public_history_changes(entry)
    ]
    return out
