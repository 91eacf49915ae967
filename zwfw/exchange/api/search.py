"""``/api/v1/search``: the unified search (统一检索) across items, lists, open information and
convenience services, grouped by kind — the same engine and ranking as the portal's search box."""

import html
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema

from zwfw.catalog.choices import Audience
from zwfw.catalog.search import SearchKind, search

from .errors import ErrorOut
from .items import SEARCH_AUDIENCES, clean_query
from .schemas import SearchOut

router = Router(tags=["统一检索"])

SEARCH_PAGE_SIZE_MAX = 50


class SearchParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=100,
        description="检索词：中文词语、拼音首字母（如 yyzz）或全拼",
        json_schema_extra={"example": "营业执照"},
    )
    kind: SearchKind | None = Field(None, description="只检索一个类别", json_schema_extra={"example": "item"})
    audience: Audience | None = Field(None, description="服务对象：person 个人，organisation 法人")
    page: int = Field(1, ge=1, le=500, description="页码（在每个类别内分页）")
    page_size: int = Field(10, ge=1, le=SEARCH_PAGE_SIZE_MAX, description=f"每个类别每页条数，1–{SEARCH_PAGE_SIZE_MAX}")


def _text(markup: str) -> str:
    return html.unescape(strip_tags(markup))


@router.get(
    "/search",
    response={200: SearchOut, 422: ErrorOut},
    url_name="search",
    summary="统一检索",
    description=(
        "一个检索词同时检索办事事项、权责清单、政务公开和便民服务，结果按类别分组、组内按相关度排序。"
        "支持两个字以上的中文词语、拼音首字母（yyzz 找到营业执照）和一个字的错别字；"
        "没有精确结果时给出近似结果（approximate 为 true），仍没有时给出推荐条目（suggestions）。"
    ),
)
def unified_search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    results = search(
        clean_query(params.q),
        kinds=[params.kind] if params.kind else None,
        audience=SEARCH_AUDIENCES.get(params.audience) if params.audience else None,
        limit=params.page_size,
        offset=(params.page - 1) * params.page_size,
    )
    return {
        "query": results.query,
        "truncated": results.truncated,
        "total": results.total,
        "approximate": results.approximate,
        "notice": results.notice,
        "page": params.page,
        "page_size": params.page_size,
        "groups": [
            {
                "kind": group.kind,
                "label": group.label,
                "total": group.total,
                "hits": [
                    {
                        "kind": hit.kind,
                        "key": hit.key,
                        "title": hit.title,
                        "url": hit.url,
                        "snippet": _text(hit.snippet),
                        "snippet_html": str(hit.snippet),
                        "title_html": str(hit.title_html),
                        "approximate": hit.approximate,
                    }
                    for hit in group.hits
                ],
            }
            for group in results.groups
        ],
        "suggestions": [{"title": s.title, "url": s.url} for s in results.suggestions],
    }
