"""Reads of open information (政务公开库): what the public may see, and what staff maintain.

The portal, the read API (``/api/v1/``) and the home pages read only through these functions.

Public reads (published entries only; drafts and withdrawn entries never appear):

- :func:`open_info_published_list` — published entries, newest first, with filters
  (``agency``, ``category``, ``township``/``department`` scope, ``year``, ``keyword``);
  ``agency`` and ``category`` are joined, attachments are *not* fetched (use the count annotation
  ``attachment_count``).
- :func:`open_info_published_get` — one published entry with its agency, category and attachments.
- :func:`open_info_latest` — the newest few for a home page (county or one agency's sub-site).
- :func:`open_info_categories`, :func:`open_info_category_counts`, :func:`open_info_years`,
  :func:`open_info_publishing_agencies` — the options of the portal's filters.
- :func:`open_info_attachment_get` — one attachment of an entry the viewer may see (published, or a
  draft/withdrawn entry to its maintainers), for the download view.

Staff reads (the caller has checked ``openinfo.maintain_info``):

- :func:`open_info_for_viewer` — an entry the viewer may see (published, or maintained by them).
- :func:`open_info_staff_list` — the entries of one agency (or all, for an operator) by status.
- :func:`open_info_history` — the audit events of an entry (who did what, when).

Every function runs a fixed number of queries, however many entries there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from zwfw.core.models import AuditEvent
from zwfw.org.choices import AgencyKind
from zwfw.org.models import Agency

from .choices import OpenInfoStatus
from .models import OpenInfo, OpenInfoAttachment, OpenInfoCategory

#: A keyword longer than this is cut (nobody searches a title with a paragraph).
KEYWORD_MAX = 50

MAINTAIN_PERM = "openinfo.maintain_info"


def _published() -> QuerySet[OpenInfo]:
    return (
        OpenInfo.objects.filter(status=OpenInfoStatus.PUBLISHED)
        .select_related("agency", "agency__region", "category")
        .order_by("-published_on", "-published_at", "-id")
    )


def open_info_published_list(
    *,
    agency: Agency | int | None = None,
    category: OpenInfoCategory | str | None = None,
    township: bool | None = None,
    year: int | None = None,
    keyword: str | None = None,
    with_attachment_count: bool = True,
) -> QuerySet[OpenInfo]:
    """Published entries, newest first (发布日期, then publication instant).

    - ``agency``: an Agency or its id — that agency's entries only (a sub-site, or the agency filter).
    - ``category``: an OpenInfoCategory or its code (``"11"`` 通知公告).
    - ``township``: True — township governments' entries only; False — county-level agencies' only.
    - ``year``: the year of the 发布日期.
    - ``keyword``: words in the title, 主题词, 文号 or 索引号 (case-insensitive substring; every
      whitespace-separated word must match). For ranked full-text search use the unified search.
    """
    qs = _published()
    if agency is not None:
        qs = qs.filter(agency_id=agency.pk if isinstance(agency, Agency) else agency)
    if category is not None:
        if isinstance(category, OpenInfoCategory):
            qs = qs.filter(category=category)
        else:
            qs = qs.filter(category__code=category)
    if township is True:
        qs = qs.filter(agency__kind=AgencyKind.TOWNSHIP_GOVERNMENT)
    elif township is False:
        qs = qs.exclude(agency__kind=AgencyKind.TOWNSHIP_GOVERNMENT)
    if year is not None:
        qs = qs.filter(published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31))
    for word in (keyword or "")[:KEYWORD_MAX].split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(subject_words__icontains=word)
            | Q(document_number__icontains=word)
            | Q(index_number__icontains=word)
        )
    if with_attachment_count:
        qs = qs.annotate(attachment_count=Count("attachments"))
    return qs


def open_info_published_get(pk: int) -> OpenInfo | None:
    """The published entry ``pk`` with agency, category and attachments (in order), or None."""
    return (
        _published()
        .prefetch_related(Prefetch("attachments", queryset=OpenInfoAttachment.objects.order_by("order", "id")))
        .filter(pk=pk)
        .first()
    )


def open_info_latest(*, agency: Agency | None = None, limit: int = 6) -> list[OpenInfo]:
    """The newest ``limit`` published entries of the county (``agency`` None) or of one agency."""
    return list(open_info_published_list(agency=agency, with_attachment_count=False)[: max(0, limit)])


def _maintains(viewer: Any, info: OpenInfo) -> bool:
    return bool(
        viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.has_perm(MAINTAIN_PERM, info)
    )


def open_info_for_viewer(pk: int, *, viewer: Any = None) -> OpenInfo | None:
    """The entry ``pk`` if ``viewer`` may see it: published (anyone), or any status for its
    maintainers (the agency's 事项管理员, an operator). None otherwise — the caller answers 404."""
    info = (
        OpenInfo.objects.select_related("agency", "agency__region", "category", "created_by", "updated_by")
        .prefetch_related(Prefetch("attachments", queryset=OpenInfoAttachment.objects.order_by("order", "id")))
        .filter(pk=pk)
        .first()
    )
    if info is None:
        return None
    if info.status == OpenInfoStatus.PUBLISHED or _maintains(viewer, info):
        return info
    return None


def open_info_attachment_get(*, info_pk: int, attachment_pk: int, viewer: Any = None) -> OpenInfoAttachment | None:
    """Attachment ``attachment_pk`` of entry ``info_pk`` if the viewer may download it, else None.

    The public may download the files of published entries only; a draft's or a withdrawn entry's
    files are for its maintainers. An attachment id that belongs to another entry is None.
    """
    attachment = (
        OpenInfoAttachment.objects.select_related("info", "info__agency")
        .filter(pk=attachment_pk, info_id=info_pk)
        .first()
    )
    if attachment is None:
        return None
    if attachment.info.status == OpenInfoStatus.PUBLISHED or _maintains(viewer, attachment.info):
        return attachment
    return None


def open_info_categories() -> list[OpenInfoCategory]:
    """The active categories in directory order."""
    return list(OpenInfoCategory.objects.filter(is_active=True).order_by("order", "code"))


@dataclass(frozen=True)
class CategoryCount:
    code: str
    name: str
    count: int


def open_info_category_counts(*, agency: Agency | None = None) -> list[CategoryCount]:
    """Each active category with its number of published entries (of ``agency``, or the county)."""
    published = Q(entries__status=OpenInfoStatus.PUBLISHED)
    if agency is not None:
        published &= Q(entries__agency=agency)
    rows = (
        OpenInfoCategory.objects.filter(is_active=True)
        .annotate(n=Count("entries", filter=published))
        .order_by("order", "code")
    )
    return [CategoryCount(code=c.code, name=c.name, count=c.n) for c in rows]


def open_info_years(*, agency: Agency | None = None) -> list[int]:
    """The years (of 发布日期) that have published entries, newest first."""
    qs = OpenInfo.objects.filter(status=OpenInfoStatus.PUBLISHED)
    if agency is not None:
        qs = qs.filter(agency=agency)
    years = qs.annotate(y=ExtractYear("published_on")).values_list("y", flat=True).distinct()
    return sorted({y for y in years if y}, reverse=True)


@dataclass
class PublishingAgencies:
    departments: list[Agency]
    townships: list[Agency]


def open_info_publishing_agencies() -> PublishingAgencies:
    """Active agencies with at least one published entry, split into county departments and
    township governments, in the agencies' display order (the portal's two filters)."""
    agencies = (
        Agency.objects.filter(is_active=True, open_info__status=OpenInfoStatus.PUBLISHED)
        .distinct()
        .order_by("sort_order", "id")
    )
    result = PublishingAgencies(departments=[], townships=[])
    for agency in agencies:
        (result.townships if agency.is_township else result.departments).append(agency)
    return result


def open_info_staff_list(*, agency: Agency | None, status: str | None = None) -> QuerySet[OpenInfo]:
    """Entries of ``agency`` (None: every agency, for an operator), any status, last changed first."""
    qs = OpenInfo.objects.select_related("agency", "category", "updated_by").annotate(
        attachment_count=Count("attachments")
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    if status in OpenInfoStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def open_info_history(info: OpenInfo) -> list[AuditEvent]:
    """The audit events of the entry (create, edits, attachments, publish, withdraw, refusals), oldest first."""
    return list(
        AuditEvent.objects.filter(object_type="openinfo.openinfo", object_id=str(info.pk))
        .select_related("actor")
        .order_by("id")
    )


__all__ = [
    "KEYWORD_MAX",
    "MAINTAIN_PERM",
    "CategoryCount",
    "PublishingAgencies",
    "open_info_attachment_get",
    "open_info_categories",
    "open_info_category_counts",
    "open_info_for_viewer",
    "open_info_history",
    "open_info_latest",
    "open_info_published_get",
    "open_info_published_list",
    "open_info_publishing_agencies",
    "open_info_staff_list",
    "open_info_years",
]
