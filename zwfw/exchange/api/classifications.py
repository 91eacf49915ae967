"""The values the item filters take: agencies, themes, life events and regions (县 and 乡镇).

Short reference lists, not paginated; each entry says how many published items it has.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from zwfw.catalog.choices import Audience
from zwfw.catalog.selectors import (
    browse_regions,
    life_event_list,
    published_item_counts_by_agency,
    published_item_counts_by_life_event,
    published_item_counts_by_theme,
    theme_list,
)
from zwfw.org.selectors import agency_list

from .schemas import AgencyOut, ClassificationOut, RegionOut, coded

router = Router(tags=["分类与筛选"])


@router.get(
    "/agencies",
    response=list[AgencyOut],
    url_name="agency_list",
    summary="实施机构",
    description=(
        "启用的县直部门和乡镇人民政府，按显示顺序；slug 用作事项列表的 agency 筛选值，item_count 为已发布事项数。"
    ),
)
def agencies(request: HttpRequest) -> Any:
    counts = {int(f.value): f.count for f in published_item_counts_by_agency()}
    rows = list(agency_list())
    for agency in rows:
        agency.item_count = counts.get(agency.pk, 0)
    return rows


def _classified(rows: Any, facets: Any) -> list[dict[str, Any]]:
    counts = {f.value: f.count for f in facets}
    return [
        {"code": r.code, "name": r.name, "audience": coded(r.audience, Audience), "item_count": counts.get(r.code, 0)}
        for r in rows
    ]


@router.get(
    "/themes",
    response=list[ClassificationOut],
    url_name="theme_list",
    summary="主题",
    description="办事主题（户籍办理、婚姻登记、市场准入……），按显示顺序；code 用作事项列表的 theme 筛选值。",
)
def themes(request: HttpRequest) -> Any:
    return _classified(theme_list(), published_item_counts_by_theme())


@router.get(
    "/life-events",
    response=list[ClassificationOut],
    url_name="life_event_list",
    summary="生命周期事件",
    description="个人和法人的生命周期事件（出生、就业、结婚……；开办、变更、注销……）；code 用作 life_event 筛选值。",
)
def life_events(request: HttpRequest) -> Any:
    return _classified(life_event_list(), published_item_counts_by_life_event())


@router.get(
    "/regions",
    response=list[RegionOut],
    url_name="region_list",
    summary="区划（县和乡镇）",
    description="县本级和设有乡镇人民政府的各乡镇；code 用作事项列表的 region 筛选值。",
)
def regions(request: HttpRequest) -> Any:
    return browse_regions()
