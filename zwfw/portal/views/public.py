"""Public pages of the site cluster: the county portal, sub-sites, themes, search, user centre.

Every page draws the shared shell (portal/base.html). A view passes ``portal_site`` when the
page belongs to a sub-site, ``nav_current`` to mark the current navigation item, and
``breadcrumbs`` as a list of ``(label, url)`` pairs (the current page last, with url None).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.selectors import published_item_list
from zwfw.openinfo.selectors import open_info_latest

from ..selectors import (
    agency_search,
    agency_windows,
    subsite_agency_get,
    township_centres,
)
from ..sites import Site

#: Longer queries are cut: nobody searches an item with a paragraph, and it bounds the work.
SEARCH_QUERY_MAX = 50


def _home_crumb() -> tuple[Any, str]:
    return (_("首页"), reverse("portal:home"))


def _subsite_crumbs(site: Site) -> list[tuple[Any, str | None]]:
    assert site.agency is not None
    anchor = "townships" if site.agency.is_township else "departments"
    return [
        _home_crumb(),
        (site.kind_label, reverse("portal:sites") + "#" + anchor),
        (site.agency.name, site.home_url),
    ]


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"nav_current": "home", "open_info_latest": open_info_latest()})


def _subsite_or_404(kind: str, slug: str) -> Site:
    agency = subsite_agency_get(kind=kind, slug=slug)
    if agency is None:
        raise Http404
    return Site(agency=agency)


#: How many items a sub-site's home page lists before "查看全部".
SUBSITE_HOME_ITEMS = 10


def subsite(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    site = _subsite_or_404(kind, slug)
    agency = site.agency
    assert agency is not None
    context: dict[str, Any] = {
        "portal_site": site,
        "agency": agency,
        "nav_current": "home",
        "breadcrumbs": _subsite_crumbs(site)[:-1] + [(agency.name, None)],
    }
    if agency.is_township:
        context["centres"] = township_centres(agency=agency)
    else:
        context["windows"] = agency_windows(agency=agency)
    items = published_item_list(site=agency)
    context["items"] = list(items[:SUBSITE_HOME_ITEMS])
    context["item_count"] = items.count() if len(context["items"]) == SUBSITE_HOME_ITEMS else len(context["items"])
    context["open_info_latest"] = open_info_latest(agency=agency, limit=5)
    return render(request, "portal/subsite.html", context)


def sites(request: HttpRequest) -> HttpResponse:
    """网站群导航: every township and department sub-site."""
    return render(request, "portal/sites.html", {"breadcrumbs": [_home_crumb(), (_("网站群导航"), None)]})


def search(request: HttpRequest) -> HttpResponse:
    """统一搜索: one box across items (and, as they arrive, lists, open information and convenience
    services), grouped by kind, with 服务对象 and agency filters and paging within the item group.

    The query reaches the engine (``zwfw.catalog.search``) as a bound string, never as markup or SQL;
    hits carry ``title_html``/``snippet`` that the engine has escaped around its <mark> tags.
    """
    # Local imports: this view is the only part of this module that needs them.
    from django.utils.http import urlencode

    from zwfw.catalog.search import AUDIENCE_ORGANISATIONS, AUDIENCE_PERSONS, SearchKind
    from zwfw.catalog.search import search as catalog_search

    from ..selectors import subsite_directory

    page_size = 20
    # Control and format characters (NUL, bidi overrides) mean nothing in a query; PostgreSQL refuses NUL.
    raw = " ".join("".join(c if c.isprintable() else " " for c in request.GET.get("q", "")).split())
    query = raw[:SEARCH_QUERY_MAX]
    audiences = {"person": AUDIENCE_PERSONS, "organisation": AUDIENCE_ORGANISATIONS}
    audience_labels = [("person", _("个人")), ("organisation", _("法人"))]
    directory = subsite_directory()
    agencies = {str(link.agency.pk): link.agency for link in [*directory.townships, *directory.departments]}
    # Unknown filter values are ignored rather than refused: a stale or edited link still answers.
    chosen = {
        "audience": request.GET.get("audience", "") if request.GET.get("audience") in audiences else "",
        "agency": request.GET.get("agency", "") if request.GET.get("agency") in agencies else "",
    }
    try:
        page_number = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        page_number = 1

    results = None
    item_group = None
    num_pages = 1
    if query:
        options = {
            "agency_id": int(chosen["agency"]) if chosen["agency"] else None,
            "audience": audiences.get(chosen["audience"]),
            "limit": page_size,
        }
        # Page 1 shows every kind; later pages page through the items only.
        kinds = None if page_number == 1 else [SearchKind.ITEM]
        results = catalog_search(query, kinds=kinds, offset=(page_number - 1) * page_size, **options)
        item_group = results.group(SearchKind.ITEM)
        if page_number > 1 and (item_group is None or not item_group.hits):
            # Past the last page (a stale link): show the last page there is.
            total = item_group.total if item_group else 0
            page_number = max(1, -(-total // page_size))
            kinds = None if page_number == 1 else [SearchKind.ITEM]
            results = catalog_search(query, kinds=kinds, offset=(page_number - 1) * page_size, **options)
            item_group = results.group(SearchKind.ITEM)
        if item_group is not None:
            num_pages = max(1, -(-item_group.total // page_size))
        for group in results.groups:
            for hit in group.hits:
                agency = agencies.get(str(hit.agency_id)) if hit.agency_id else None
                hit.agency_short_name = agency.short_name if agency else ""

    keep = {"q": query, **{k: v for k, v in chosen.items() if v}}
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "query_cut": len(raw) > SEARCH_QUERY_MAX,
            "results": results,
            "item_group": item_group,
            "page_number": page_number,
            "num_pages": num_pages,
            "page_numbers": [n for n in range(1, num_pages + 1) if n in (1, num_pages) or abs(n - page_number) <= 2],
            "keep_query": urlencode(keep),
            "query_only": urlencode({"q": query}),
            "filters": {
                "chosen": chosen,
                "audiences": audience_labels,
                "townships": directory.townships,
                "departments": directory.departments,
                "active": any(chosen.values()),
            },
            "agency_results": agency_search(query=query) if page_number == 1 else [],
            "breadcrumbs": [_home_crumb(), (_("搜索"), None)],
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {"breadcrumbs": [_home_crumb(), (_("无障碍声明"), None)]})
