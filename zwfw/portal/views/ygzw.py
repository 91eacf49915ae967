"""阳光政务 on the portal: the hub of the five lists (五张清单), each list with filters and downloads,
and each entry with its published history — on the county portal and on every sub-site.

- ``/ygzw/`` (and ``/xz|bm/<slug>/ygzw/``): the five lists as cards with their counts, and the place of
  the latest open information (政务公开).
- ``/ygzw/lists/<kind>/`` (and under a sub-site): the published entries, filtered by agency, township,
  year and keyword, 20 a page; ``?format=xlsx|csv|json`` downloads the whole filtered list through
  :func:`zwfw.core.tabular.table_response` — published entries only, beneficiaries only masked.
- ``/ygzw/lists/<kind>/<pk>/``: one published entry and its published history with what changed.
  The power list's entries are the items' guides: ``/ygzw/lists/power/<pk>/`` leads there.

The lists are read only through :mod:`zwfw.lists.selectors`.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zwfw.core.tabular import table_format_parse, table_response
from zwfw.lists.choices import ListKind
from zwfw.lists.selectors import (
    KEYWORD_MAX,
    beneficiaries_masked,
    entry_columns,
    entry_rows,
    filter_options,
    power_items,
    public_entry_facts,
    public_history_changes,
    published_counts,
    published_entries,
    published_entry_get,
)
from zwfw.openinfo.selectors import open_info_latest

from ..choices import MainTheme
from ..sites import THEME_DESCRIPTIONS, Site
from . import public

PAGE_SIZE = 20

#: One line under each list's name on the hub.
LIST_DESCRIPTIONS: dict[str, Any] = {
    ListKind.POWER: _("各部门、各乡镇依法行使的行政许可、行政处罚、行政强制等行政权力事项及其设定依据。"),
    ListKind.RESPONSIBILITY: _("各部门的主要职责、涉及事项、与其他部门的职责边界和协作，以及追责情形。"),
    ListKind.FEE: _("依法保留的行政事业性收费项目、收费标准、收费依据和减免政策。"),
    ListKind.FUND: _("财政专项资金的设立依据、用途、金额、分配方式、申报条件和受益对象。"),
    ListKind.POVERTY: _("衔接推进乡村振兴（扶贫）项目的建设内容、资金、带贫益贫机制和受益户（已脱敏）。"),
}


def _site(kind: str | None, slug: str | None) -> Site:
    return public._subsite_or_404(kind, slug) if kind else Site()


def _hub_url(site: Site) -> str:
    if site.agency is None:
        return reverse("portal:ygzw")
    return reverse("portal:subsite_ygzw", kwargs={"kind": site.kind, "slug": site.agency.slug})


def _list_url(site: Site, list_kind: str) -> str:
    if site.agency is None:
        return reverse("portal:ygzw_list", kwargs={"list_kind": list_kind})
    return reverse(
        "portal:subsite_ygzw_list", kwargs={"kind": site.kind, "slug": site.agency.slug, "list_kind": list_kind}
    )


def _crumbs(site: Site, *tail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    head = [public._home_crumb()] if site.agency is None else public._subsite_crumbs(site)
    label = MainTheme.YGZW.label
    if not tail:
        return [*head, (label, None)]
    return [*head, (label, _hub_url(site)), *tail]


# --- the hub ---------------------------------------------------------------------------------------


def hub(request: HttpRequest, kind: str | None = None, slug: str | None = None) -> HttpResponse:
    site = _site(kind, slug)
    counts = published_counts(site=site.agency)
    cards = [
        {
            "kind": value,
            "label": label,
            "description": LIST_DESCRIPTIONS[value],
            "count": counts.get(value, 0),
            "url": _list_url(site, value),
        }
        for value, label in ListKind.choices
    ]
    return render(
        request,
        "portal/ygzw/hub.html",
        {
            "portal_site": site,
            "agency": site.agency,
            "cards": cards,
            "open_info_latest": open_info_latest(agency=site.agency),
            # The four maintained lists (the power list fills itself from the catalogue).
            "maintained_count": sum(n for kind, n in counts.items() if kind != ListKind.POWER),
            "theme_description": THEME_DESCRIPTIONS[MainTheme.YGZW],
            "nav_current": MainTheme.YGZW,
            "breadcrumbs": _crumbs(site),
        },
    )


# --- a list ----------------------------------------------------------------------------------------


def _filters(request: HttpRequest, list_kind: str, site: Site) -> tuple[dict[str, str], dict[str, Any]]:
    """The chosen filters (unknown values dropped, so a stale link still answers) and the options."""
    options = filter_options(list_kind, site=site.agency)
    if site.agency is not None:
        options["agencies"] = []
        if site.agency.is_township:
            options["townships"] = []
    agencies = {slug for slug, _name, _n in options["agencies"]}
    townships = {code for code, _name in options["townships"]}
    years = {str(y) for y in options["years"]}
    raw_q = request.GET.get("q", "")
    chosen = {
        "agency": request.GET.get("agency", "") if request.GET.get("agency", "") in agencies else "",
        "township": request.GET.get("township", "") if request.GET.get("township", "") in townships else "",
        "year": request.GET.get("year", "") if request.GET.get("year", "") in years else "",
        "q": " ".join("".join(c if c.isprintable() else " " for c in raw_q).split())[:KEYWORD_MAX],
    }
    return chosen, options


def _entries(list_kind: str, chosen: dict[str, str], site: Site) -> Any:
    if list_kind == ListKind.POWER:
        return power_items(
            agency=chosen["agency"] or None, township=chosen["township"] or None, keyword=chosen["q"], site=site.agency
        )
    return published_entries(
        list_kind,
        agency=chosen["agency"] or None,
        township=chosen["township"] or None,
        year=int(chosen["year"]) if chosen["year"] else None,
        keyword=chosen["q"],
        site=site.agency,
    )


def list_page(request: HttpRequest, list_kind: str, kind: str | None = None, slug: str | None = None) -> HttpResponse:
    if list_kind not in ListKind.values:
        raise Http404
    site = _site(kind, slug)
    label = ListKind(list_kind).label
    chosen, options = _filters(request, list_kind, site)
    entries = _entries(list_kind, chosen, site)

    fmt = table_format_parse(request.GET.get("format"))
    if fmt is not None:
        name = str(label) if site.agency is None else f"{site.agency.short_name}{label}"
        return table_response(
            fmt, entry_columns(list_kind), entry_rows(list_kind, entries.iterator(chunk_size=500)), filename=name
        )

    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in chosen.items() if v})
    rows = list(entry_rows(list_kind, page.object_list))
    for row, entry in zip(rows, page.object_list, strict=True):
        row["_entry"] = entry
    return render(
        request,
        "portal/ygzw/list.html",
        {
            "portal_site": site,
            "agency": site.agency,
            "list_kind": list_kind,
            "list_label": label,
            "list_description": LIST_DESCRIPTIONS[list_kind],
            "rows": rows,
            "page": page,
            "chosen": chosen,
            "options": options,
            "filtered": any(chosen.values()),
            "query": query,
            "keyword_max": KEYWORD_MAX,
            "downloads": [(f, f.upper()) for f in ("xlsx", "csv", "json")],
            "list_url": _list_url(site, list_kind),
            "nav_current": MainTheme.YGZW,
            "breadcrumbs": _crumbs(site, (label, None)),
        },
    )


# --- one entry -------------------------------------------------------------------------------------


def entry_page(request: HttpRequest, list_kind: str, pk: int | str) -> HttpResponse:
    pk = int(pk)
    if list_kind == ListKind.POWER:
        version = power_items().filter(item_id=pk).first()
        if version is None:
            raise Http404
        return redirect("portal:item_detail", code=version.item.implementation_code)
    entry = published_entry_get(list_kind, pk)
    if entry is None:
        raise Http404
    site = Site()
    label = ListKind(list_kind).label
    return render(
        request,
        "portal/ygzw/entry.html",
        {
            "portal_site": site,
            "entry": entry,
            "list_kind": list_kind,
            "list_label": label,
            "facts": public_entry_facts(entry, skip=("name",)),
            "beneficiaries": beneficiaries_masked(entry) if list_kind == ListKind.POVERTY else [],
            "history": public_history_changes(entry),
            "list_url": _list_url(site, list_kind),
            "nav_current": MainTheme.YGZW,
            "breadcrumbs": _crumbs(site, (label, _list_url(site, list_kind)), (str(entry), None)),
        },
    )
