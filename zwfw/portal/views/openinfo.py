"""政府信息公开 on the portal: the county's list, each sub-site's list, the document page and its files.

Reads only through :mod:`zwfw.openinfo.selectors`: the public sees published entries; an entry's
maintainers (its agency's 事项管理员, an operator) may also preview a draft or a withdrawn entry and
download its files — everyone else gets 404 for those, as if they did not exist.

Filters are GET parameters that work without script: ``category`` (code), ``agency`` (a county
department), ``township`` (a township government), ``year``, ``q`` (words of the title, 主题词,
文号 or 索引号). Unknown values are ignored (a stale bookmark still shows a list).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zwfw.core.downloads import file_download
from zwfw.openinfo.constants import PAGE_SIZE
from zwfw.openinfo.selectors import (
    KEYWORD_MAX,
    open_info_attachment_get,
    open_info_category_counts,
    open_info_for_viewer,
    open_info_published_list,
    open_info_publishing_agencies,
    open_info_years,
)

from ..choices import MainTheme
from ..sites import Site, subsite_url
from . import public

TITLE = _("政府信息公开")


def _crumbs(site: Site) -> list[tuple[Any, str | None]]:
    ygzw = (MainTheme.YGZW.label, site.theme_url(MainTheme.YGZW))
    if site.agency is None:
        return [public._home_crumb(), ygzw]
    return public._subsite_crumbs(site) + [ygzw]


def _keyword(request: HttpRequest) -> str:
    raw = request.GET.get("q", "")
    return " ".join("".join(c if c.isprintable() else " " for c in raw).split())[:KEYWORD_MAX]


def _list(request: HttpRequest, site: Site) -> HttpResponse:
    scope = site.agency
    categories = open_info_category_counts(agency=scope)
    years = open_info_years(agency=scope)
    publishers = open_info_publishing_agencies() if scope is None else None

    def pick(name: str, options: list[str]) -> str:
        value = request.GET.get(name, "")
        return value if value in options else ""

    chosen = {
        "category": pick("category", [c.code for c in categories]),
        "agency": pick("agency", [str(a.pk) for a in publishers.departments]) if publishers else "",
        "township": pick("township", [str(a.pk) for a in publishers.townships]) if publishers else "",
        "year": pick("year", [str(y) for y in years]),
        "q": _keyword(request),
    }
    agency: Any = scope
    if scope is None and (chosen["agency"] or chosen["township"]):
        # A department and a township at once cannot both publish one entry: the department wins.
        agency = int(chosen["agency"] or chosen["township"])
        if chosen["agency"]:
            chosen["township"] = ""
    entries = open_info_published_list(
        agency=agency,
        category=chosen["category"] or None,
        year=int(chosen["year"]) if chosen["year"] else None,
        keyword=chosen["q"] or None,
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "portal/openinfo/list.html",
        {
            "portal_site": site if scope is not None else None,
            "site": site,
            "agency": scope,
            "nav_current": MainTheme.YGZW,
            "breadcrumbs": [*_crumbs(site), (TITLE, None)],
            "categories": categories,
            "years": years,
            "publishers": publishers,
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "query": query,
            "page": page,
            "show_agency": scope is None,
        },
    )


def county_list(request: HttpRequest) -> HttpResponse:
    """``/ygzw/gk/``: all published information of the county and its townships, newest first."""
    return _list(request, Site())


def subsite_list(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """``/xz/<slug>/ygzw/gk/``, ``/bm/<slug>/ygzw/gk/``: one agency's published information."""
    return _list(request, public._subsite_or_404(kind, slug))


def list_url(agency: Any = None) -> str:
    """The list page of the county (``agency`` None) or of one agency's sub-site."""
    if agency is None:
        return reverse("portal:openinfo_list")
    return subsite_url(agency) + "ygzw/gk/"


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ygzw/gk/<pk>/``: the document, with the metadata table of a 政府信息公开 page."""
    info = open_info_for_viewer(pk, viewer=request.user)
    if info is None:
        raise Http404
    site = Site()
    agency_site = Site(agency=info.agency) if info.agency.is_active else None
    response = render(
        request,
        "portal/openinfo/detail.html",
        {
            "info": info,
            "attachments": list(info.attachments.all()),
            "preview": not info.is_published,
            "agency_list_url": list_url(info.agency) if agency_site else "",
            "nav_current": MainTheme.YGZW,
            "breadcrumbs": [*_crumbs(site), (TITLE, list_url()), (info.title, None)],
        },
    )
    if not info.is_published:
        response["Cache-Control"] = "private, no-store"  # a maintainer's preview is never cached
    return response


def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """An attachment as a download: the original (Chinese) name, the sniffed type, ``nosniff``."""
    found = open_info_attachment_get(info_pk=pk, attachment_pk=attachment_pk, viewer=request.user)
    if found is None:
        raise Http404
    return file_download(
        found.file.open,
        filename=found.original_name,
        content_type=found.content_type,
        private=not found.info.is_published,
    )
