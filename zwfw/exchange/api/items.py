"""``/api/v1/items``: published service items (事项) and their guides (办事指南).

Only what the portal shows is ever answered: the published version of an item that is not retired,
of an active agency (``zwfw.catalog.selectors``); drafts, versions under review and retired items
do not exist for the API. A keyword (``q``) goes through the unified search
(``zwfw.catalog.search``: Chinese words, pinyin initials such as "yyzz", one-character typos) and
the list comes back ranked by relevance.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zwfw.catalog.choices import Audience, ItemType
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.search import AUDIENCE_ORGANISATIONS, AUDIENCE_PERSONS, SearchKind, search
from zwfw.catalog.selectors import browse_regions, life_event_list, published_item_get, published_item_list, theme_list
from zwfw.org.selectors import agency_get_by_slug

from .errors import ErrorOut, invalid, not_found
from .pagination import SearchPagination
from .schemas import IMPLEMENTATION_CODE, REGION_CODE, SLUG, ItemDetailOut, ItemSummaryOut

router = Router(tags=["办事事项"])

#: With a keyword, the list holds at most this many of the best matches (then filters apply).
SEARCH_RESULTS_MAX = 200
_SEARCH_BATCH = 100
SEARCH_AUDIENCES = {Audience.PERSON: AUDIENCE_PERSONS, Audience.ORGANISATION: AUDIENCE_ORGANISATIONS}


def clean_query(value: str | None) -> str:
    """Control and format characters mean nothing in a query (and PostgreSQL refuses NUL)."""
    return " ".join("".join(c if c.isprintable() else " " for c in value or "").split())


class ItemFilters(Schema):
    q: str | None = Field(
        None,
        max_length=100,
        description="关键词：中文词语、拼音首字母（如 yyzz）或编码；按相关度排序，最多返回最相关的 200 条",
        json_schema_extra={"example": "营业执照"},
    )
    agency: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="实施机构标识（见 /agencies 的 slug）",
        json_schema_extra={"example": "scjgj"},
    )
    theme: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="主题代码（见 /themes）",
        json_schema_extra={"example": "hunyin"},
    )
    life_event: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="生命周期事件代码（见 /life-events）",
        json_schema_extra={"example": "kaiban"},
    )
    audience: Audience | None = Field(
        None, description="服务对象：person 个人办事，organisation 法人办事", json_schema_extra={"example": "person"}
    )
    region: str | None = Field(
        None,
        max_length=12,
        pattern=REGION_CODE,
        description="区划代码（见 /regions）：县的代码为县级事项，乡镇的代码为该乡镇可办理的事项",
        json_schema_extra={"example": "620423101"},
    )
    item_type: ItemType | None = Field(
        None, description="事项类型代码：01–10 为行政权力，11 为公共服务", json_schema_extra={"example": "01"}
    )


class RankedItems(Sequence):
    """Published versions in the order of the search ranking, fetched one page at a time."""

    def __init__(self, codes: list[str], queryset: QuerySet[ItemVersion], *, approximate: bool) -> None:
        visible = set(
            queryset.filter(item__implementation_code__in=codes).values_list("item__implementation_code", flat=True)
        )
        self.codes = [code for code in codes if code in visible]
        self.queryset = queryset
        self.approximate = approximate

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = self.codes[index]
        found = {v.item.implementation_code: v for v in self.queryset.filter(item__implementation_code__in=page)}
        return [found[code] for code in page if code in found]


def _ranked_codes(query: str, *, agency_id: int | None, audience: str | None) -> tuple[list[str], bool]:
    codes: list[str] = []
    approximate = False
    for offset in range(0, SEARCH_RESULTS_MAX, _SEARCH_BATCH):
        results = search(
            query,
            kinds=[SearchKind.ITEM],
            agency_id=agency_id,
            audience=SEARCH_AUDIENCES.get(audience) if audience else None,
            limit=_SEARCH_BATCH,
            offset=offset,
        )
        group = results.group(SearchKind.ITEM)
        if group is None:
            break
        approximate = results.approximate
        codes += [hit.key for hit in group.hits]
        if offset + _SEARCH_BATCH >= group.total:
            break
    return codes, approximate


def _known(value: str | None, field: str, options: Any, message: str) -> None:
    if value and value not in options:
        raise invalid(field, message % {"value": value})


@router.get(
    "/items",
    response={200: list[ItemSummaryOut], 422: ErrorOut},
    url_name="item_list",
    summary="事项列表",
    description=(
        "已发布的政务服务事项，可按实施机构、主题、生命周期事件、服务对象、区划（县级或乡镇）、事项类型筛选，"
        "可用关键词 q 检索（按相关度排序）；不带 q 时按机构排序、机构内按事项名称排序。分页见 page / page_size。"
        "未知的筛选值返回 422。"
    ),
)
@paginate(SearchPagination)
def item_list(request: HttpRequest, filters: Query[ItemFilters]) -> Any:
    agency = None
    if filters.agency:
        agency = agency_get_by_slug(filters.agency)
        if agency is None:
            raise invalid("agency", _("没有标识为“%(value)s”的机构。") % {"value": filters.agency})
    if filters.theme:
        _known(
            filters.theme, "theme", set(theme_list().values_list("code", flat=True)), _("没有代码为“%(value)s”的主题。")
        )
    if filters.life_event:
        _known(
            filters.life_event,
            "life_event",
            set(life_event_list().values_list("code", flat=True)),
            _("没有代码为“%(value)s”的生命周期事件。"),
        )
    if filters.region:
        _known(filters.region, "region", {r.code for r in browse_regions()}, _("没有区划代码为“%(value)s”的县或乡镇。"))
    items = published_item_list(
        agency=agency,
        theme_code=filters.theme or None,
        life_event_code=filters.life_event or None,
        audience=filters.audience or None,
        region_code=filters.region or None,
        item_type=filters.item_type or None,
    )
    query = clean_query(filters.q)
    if not query:
        return items
    codes, approximate = _ranked_codes(
        query, agency_id=agency.pk if agency else None, audience=filters.audience or None
    )
    return RankedItems(codes, items, approximate=approximate)


@router.get(
    "/items/{implementation_code}",
    response={200: ItemDetailOut, 404: ErrorOut},
    url_name="item_detail",
    summary="办事指南",
    description=(
        "一个事项当前发布的完整办事指南：申请材料（含空白表格、示例样表的下载地址）、收费、办理流程、"
        "常见问题、时限、办理窗口、可办理的乡镇。草稿、审核中或已取消的事项返回 404。"
    ),
)
def item_detail(request: HttpRequest, implementation_code: str) -> Any:
    # A malformed code cannot name an item (and never reaches the database: PostgreSQL refuses NUL).
    wellformed = re.fullmatch(IMPLEMENTATION_CODE, implementation_code)
    version = published_item_get(implementation_code) if wellformed else None
    if version is None:
        raise not_found(_("未找到实施编码为“%(code)s”的已发布事项。") % {"code": implementation_code[:40]})
    return version
