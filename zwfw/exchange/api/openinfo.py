"""``/api/v1/open-information``: 政务公开 — notices and documents published by the agencies and
townships, read through ``zwfw.openinfo.selectors`` only (published entries; drafts and withdrawn
entries do not exist here). Attachments are downloaded from the portal's attachment view."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zwfw.openinfo.selectors import (
    open_info_categories,
    open_info_category_counts,
    open_info_published_get,
    open_info_published_list,
)
from zwfw.org.selectors import agency_get_by_slug

from .errors import ErrorOut, invalid, not_found
from .pagination import Pagination
from .schemas import SLUG, OpenInfoCategoryOut, OpenInfoDetailOut, OpenInfoSummaryOut

router = Router(tags=["政务公开"])


class OpenInfoFilters(Schema):
    agency: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG,
        description="发布机构标识（见 /agencies 的 slug）",
        json_schema_extra={"example": "zfb"},
    )
    category: str | None = Field(
        None,
        max_length=8,
        pattern=r"^[0-9A-Z]{2,8}$",
        description="公开类别代码（见 /open-information/categories）",
        json_schema_extra={"example": "11"},
    )
    level: Literal["county", "township"] | None = Field(
        None, description="county 县直部门发布的，township 乡镇人民政府发布的", json_schema_extra={"example": "county"}
    )
    year: int | None = Field(None, ge=1949, le=2100, description="发布年度", json_schema_extra={"example": 2026})
    q: str | None = Field(
        None, max_length=50, description="关键词：标题、主题词、文号或索引号", json_schema_extra={"example": "供暖"}
    )


@router.get(
    "/open-information/categories",
    response=list[OpenInfoCategoryOut],
    url_name="open_info_categories",
    summary="政务公开类别",
    description="启用的公开类别（通知公告、政策文件……）及其已发布条数；code 用作 category 筛选值。",
)
def categories(request: HttpRequest) -> Any:
    return [{"code": c.code, "name": c.name, "count": c.count} for c in open_info_category_counts()]


@router.get(
    "/open-information",
    response={200: list[OpenInfoSummaryOut], 422: ErrorOut},
    url_name="open_info_list",
    summary="政务公开信息",
    description="已发布的政务公开信息，新的在前；可按发布机构、类别、县或乡镇、年度和关键词筛选。",
)
@paginate(Pagination)
def open_info_list(request: HttpRequest, filters: Query[OpenInfoFilters]) -> Any:
    agency = None
    if filters.agency:
        agency = agency_get_by_slug(filters.agency)
        if agency is None:
            raise invalid("agency", _("没有标识为“%(value)s”的机构。") % {"value": filters.agency})
    if filters.category and filters.category not in {c.code for c in open_info_categories()}:
        raise invalid("category", _("没有代码为“%(value)s”的公开类别。") % {"value": filters.category})
    return open_info_published_list(
        agency=agency,
        category=filters.category or None,
        township={"county": False, "township": True}.get(filters.level or ""),
        year=filters.year,
        keyword=" ".join("".join(c if c.isprintable() else " " for c in filters.q or "").split()) or None,
    )


@router.get(
    "/open-information/{info_id}",
    response={200: OpenInfoDetailOut, 404: ErrorOut},
    url_name="open_info_detail",
    summary="政务公开信息详情",
    description="一条已发布信息的元数据、正文和附件（含下载地址）。草稿和已撤回的信息返回 404。",
)
def open_info_detail(request: HttpRequest, info_id: int) -> Any:
    info = open_info_published_get(info_id) if 0 < info_id < 2**63 else None
    if info is None:
        raise not_found(_("没有编号为“%(id)s”的已发布政务公开信息。") % {"id": info_id})
    return info
