"""``/api/v1/convenience-services``: 便民服务, the navigation of non-approval services and trusted links."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zwfw.catalog.choices import ConvenienceCategory
from zwfw.catalog.selectors import convenience_service_list, life_event_list

from .errors import ErrorOut, invalid
from .pagination import Pagination
from .schemas import SLUG, ConvenienceServiceOut

router = Router(tags=["便民服务"])


class ConvenienceFilters(Schema):
    category: ConvenienceCategory | None = Field(None, description="类别", json_schema_extra={"example": "utilities"})
    life_event: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="生命周期事件代码（见 /life-events）",
        json_schema_extra={"example": "jiuye"},
    )


@router.get(
    "/convenience-services",
    response={200: list[ConvenienceServiceOut], 422: ErrorOut},
    url_name="convenience_service_list",
    summary="便民服务",
    description=(
        "县政府办公室维护的便民服务导航：水电气暖、社保、医保、公积金、交通、教育、就业查询等服务的链接和电话，"
        "按显示顺序排列；可按类别和生命周期事件筛选。外部网站的链接 is_external 为 true。"
    ),
)
@paginate(Pagination)
def convenience_services(request: HttpRequest, filters: Query[ConvenienceFilters]) -> Any:
    if filters.life_event and not life_event_list().filter(code=filters.life_event).exists():
        raise invalid("life_event", _("没有代码为“%(value)s”的生命周期事件。") % {"value": filters.life_event})
    return convenience_service_list(life_event_code=filters.life_event or None, category=filters.category or None)
