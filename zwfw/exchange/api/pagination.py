"""Page-number pagination for every list of the API: ``?page=2&page_size=50``.

django-ninja's :class:`~ninja.pagination.PageNumberPagination` with the limits stated in the
OpenAPI document: ``page`` from 1 to 10,000 and ``page_size`` from 1 to 100 (20 by default); a
value outside them is a 422, never silently changed. The answer carries ``count`` (all matching
rows), ``page``, ``page_size``, ``pages`` and the ``items`` of the page; a page past the last one
is empty (its ``count`` still tells the client where the data ends).
"""

from math import ceil
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100
PAGE_MAX = 10_000


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=PAGE_MAX, description="页码，从 1 开始", json_schema_extra={"example": 1})
        page_size: int = Field(
            PAGE_SIZE_DEFAULT,
            ge=1,
            le=PAGE_SIZE_MAX,
            description=f"每页条数，1–{PAGE_SIZE_MAX}，默认 {PAGE_SIZE_DEFAULT}",
            json_schema_extra={"example": PAGE_SIZE_DEFAULT},
        )

    class Output(Schema):
        count: int = Field(description="符合条件的总条数", examples=[86])
        page: int = Field(description="当前页码", examples=[1])
        page_size: int = Field(description="每页条数", examples=[PAGE_SIZE_DEFAULT])
        pages: int = Field(description="总页数", examples=[5])
        items: list[Any]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE_DEFAULT, max_page_size=PAGE_SIZE_MAX, **kwargs)

    def page_of(self, rows: Any, pagination: Input) -> dict[str, Any]:
        count = self._items_count(rows)
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": ceil(count / pagination.page_size),
            "items": rows[offset : offset + pagination.page_size] if offset < count else [],
        }

    def paginate_queryset(self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        return self.page_of(queryset, pagination)


class SearchPagination(Pagination):
    """Pagination of a list that a keyword may have ranked: says when the hits are only approximate."""

    class Output(Pagination.Output):
        approximate: bool = Field(
            False, description="关键词没有精确命中，结果是近似匹配（错别字或部分词语），即“您是不是要找”"
        )

    def paginate_queryset(
        self, queryset: Any, pagination: Pagination.Input, request: HttpRequest, **params: Any
    ) -> Any:
        return {**self.page_of(queryset, pagination), "approximate": getattr(queryset, "approximate", False)}
