"""The item catalogue on the portal: the guide page (办事指南) and the browse pages.

- ``/items/<implementation_code>/``: the published guide of one item, printable, at a stable address;
  ``/items/`` lists every published item with the filters below.
- ``/xzsp/`` (行政审批: the power items, types 01–10) and ``/bmfw/`` (便民服务: public services, type 11),
  and the same two pages on every sub-site, with GET filters (agency, theme, service object, life event,
  region) that work without any script, 20 items a page.
- A sub-site's 行政审批 / 便民服务 pages list its own items: a department's, or for a township its
  government's plus those that can be handled in the township.

Only published versions of items that are not retired are visible (``zwfw.catalog.selectors``).

Caching (the catalogue changes a few times a day and is read all day):

- The guide is rendered once per published version: a published version never changes, so its id
  and publication stamp (with the language, the host for the printed address, and the agencies'
  structure token for the agency's name) are the key; a revision is a new version. Which version is
  published for a code is itself cached under the catalogue's generation token, so a publish or a
  retirement is seen by the next request (a retired item answers 404). ``GUIDE_CACHE_SECONDS`` bounds how long a renamed
  window or centre (not part of the key) can stay stale.
- The browse pages cache their facet counts, and the rendered list for each filter and page, under
  the catalogue's generation token (``catalog_generation``: replaced in the same transaction as every
  publish, retirement or classification change) and the agencies' structure token. The first request
  after a publish misses and sees the new list; no worker can serve the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zwfw.cases.selectors import online_application_open, online_application_open_for
from zwfw.catalog.choices import (
    POWER_TYPES,
    Audience,
    HandlingForm,
    ItemType,
    ServiceObject,
)
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.selectors import (
    browse_regions,
    catalog_generation,
    convenience_counts_by_life_event,
    convenience_services_grouped,
    published_guide_key,
    published_item_counts_by_agency,
    published_item_counts_by_life_event,
    published_item_counts_by_theme,
    published_item_get,
    published_item_list,
)
from zwfw.core.downloads import file_download
from zwfw.org.selectors import agency_structure_version

from ..choices import MainTheme
from ..sites import THEME_DESCRIPTIONS, Site
from . import public

PAGE_SIZE = 20
GUIDE_CACHE_SECONDS = 600
BROWSE_CACHE_SECONDS = 3600

#: Which item types each browse theme lists.
THEME_ITEM_TYPES: dict[str, frozenset[str]] = {
    MainTheme.XZSP: POWER_TYPES,
    MainTheme.BMFW: frozenset({ItemType.PUBLIC_SERVICE.value}),
}
#: ``/items/``: every published item, whatever its type.
ALL_ITEMS = "all"


def _theme_of(version: ItemVersion) -> str:
    return MainTheme.BMFW if version.item_type == ItemType.PUBLIC_SERVICE else MainTheme.XZSP


def _labels(values: Any, choices: type) -> list[str]:
    """Code values (a JSON list) as their labels, unknown codes kept as they are."""
    known = dict(choices.choices)
    return [str(known.get(v, v)) for v in (values or [])]


# --- The guide page ------------------------------------------------------------------------------


def item_detail(request: HttpRequest, code: str) -> HttpResponse:
    structure = agency_structure_version()
    # Which version is published for this code changes only with the catalogue's generation (publish,
    # retirement) or the agencies (an inactive agency's items are not public): remember it under both.
    where = f"portal:guide-of:{catalog_generation()}:{structure}:{code}"
    found = cache.get(where)
    if found is None:
        found = published_guide_key(code)
        if found is None:
            raise Http404
        cache.set(where, found, BROWSE_CACHE_SECONDS)
    pk, stamp, name, item_type = found
    theme = MainTheme.BMFW if item_type == ItemType.PUBLIC_SERVICE else MainTheme.XZSP
    page_url = request.build_absolute_uri(request.path)  # the stable address: no query string in the key
    key = f"portal:guide:{pk}:{stamp}:{structure}:{get_language()}:{page_url}"
    html = cache.get(key)
    apply_key = f"{key}:apply"  # whether the version takes applications online (immutable with it)
    if html is None:
        html = _guide_render(code, theme, page_url, apply_key=apply_key)
        if html is None:  # retired or replaced between the two reads
            raise Http404
        cache.set(key, html, GUIDE_CACHE_SECONDS)
    apply_online = cache.get(apply_key)
    if apply_online is None:
        apply_online = online_application_open_for(pk)
        cache.set(apply_key, apply_online, GUIDE_CACHE_SECONDS)
    site = Site()
    # The level the item needs, read only for a signed-in person (the cached guide is the same for all).
    required_level = None
    if request.user.is_authenticated:
        from zwfw.identity.choices import AssuranceLevel

        level = ItemVersion.objects.filter(pk=pk).values_list("required_assurance_level", flat=True).first()
        required_level = AssuranceLevel(level) if level else None
    return render(
        request,
        "portal/items/detail.html",
        {
            "required_level": required_level,
            # 在线申请: offered when the published version has a form and a complete process (cases, ADR 0017).
            "apply_online": apply_online,
            "code": code,
            "guide_html": html,  # a SafeString from render_to_string (kept as such through the cache)
            "guide_title": name,
            "theme": theme,
            "nav_current": theme,
            "breadcrumbs": [
                public._home_crumb(),
                (MainTheme(theme).label, site.theme_url(theme)),
                (name, None),
            ],
        },
    )


def _guide_render(code: str, theme: str, page_url: str, *, apply_key: str = "") -> str | None:
    """The guide's article (everything between the site's header and footer) as HTML."""
    version = published_item_get(code)
    if version is None:
        return None
    if apply_key:  # the 在线申请 button's answer, from the version and its prefetched steps (no query)
        cache.set(apply_key, online_application_open(version), GUIDE_CACHE_SECONDS)
    materials = list(version.materials.all())
    return render_to_string(
        "portal/items/_guide.html",
        {
            "version": version,
            "item": version.item,
            "agency": version.item.agency,
            "theme": theme,
            "service_objects": _labels(version.service_objects, ServiceObject),
            "handling_forms": _labels(version.handling_forms, HandlingForm),
            "materials": materials,
            "required_count": sum(1 for m in materials if m.is_required),
            "steps": list(version.steps.all()),
            "fees": list(version.fees.all()),
            "faqs": list(version.faqs.all()),
            "windows": list(version.windows.all()),
            "handling_regions": list(version.handling_regions.all()),
            "page_url": page_url,
        },
    )


# --- Browse pages --------------------------------------------------------------------------------


def _choice(value: str, options: list[str]) -> str:
    return value if value in options else ""


@dataclass(frozen=True)
class RegionOption:
    """A region of the browse filter, as plain data (cheaper to cache than the model row)."""

    code: str
    name: str
    level: str


def _facets(theme: str, scope: Any, generation: str) -> dict[str, list]:
    """The filter options with their counts, cached under the catalogue's generation."""
    key = f"portal:facets:{generation}:{get_language()}:{theme}:{scope.pk if scope is not None else 0}"
    facets = cache.get(key)
    if facets is None:
        item_types = THEME_ITEM_TYPES.get(theme)  # None: every type (``/items/``)
        # Only classifications with items are offered (and accepted): no option leads to an empty list.
        facets = {
            "agencies": [] if scope is not None else published_item_counts_by_agency(item_type=item_types),
            "themes": [t for t in published_item_counts_by_theme(item_type=item_types, site=scope) if t.count],
            "life_events": [
                e for e in published_item_counts_by_life_event(item_type=item_types, site=scope) if e.count
            ],
            "regions": [] if scope is not None else [RegionOption(r.code, r.name, r.level) for r in browse_regions()],
        }
        cache.set(key, facets, BROWSE_CACHE_SECONDS)
    return facets


def _known_count(chosen: dict[str, str], facets: dict[str, list], scope: Any) -> int | None:
    """The number of items in the list when the facets already counted it: no filter (the county
    portal: the agencies' counts add up), or exactly one of agency, theme or life event."""
    active = [k for k, v in chosen.items() if v]
    if not active:
        return sum(f.count for f in facets["agencies"]) if scope is None else None
    if len(active) != 1:
        return None
    name = active[0]
    options = {"agency": facets["agencies"], "theme": facets["themes"], "event": facets["life_events"]}.get(name)
    if options is None:
        return None
    return next((f.count for f in options if f.value == chosen[name]), None)


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 6 else 1


def _browse(request: HttpRequest, theme: str, site: Site, extra: dict[str, Any] | None = None) -> HttpResponse:
    item_types = THEME_ITEM_TYPES.get(theme)  # None: every type (``/items/``)
    scope = site.agency
    generation = f"{catalog_generation()}:{agency_structure_version()}"
    facets = _facets(theme, scope, generation)
    agencies, themes, life_events, regions = (
        facets["agencies"],
        facets["themes"],
        facets["life_events"],
        facets["regions"],
    )

    # Unknown filter values are ignored rather than refused: a stale bookmark still shows a list.
    chosen = {
        "agency": _choice(request.GET.get("agency", ""), [a.value for a in agencies]),
        "theme": _choice(request.GET.get("theme", ""), [t.value for t in themes]),
        "audience": _choice(request.GET.get("audience", ""), list(Audience.values)),
        "event": _choice(request.GET.get("event", ""), [e.value for e in life_events]),
        "region": _choice(request.GET.get("region", ""), [r.code for r in regions]),
    }
    filtered = any(chosen.values())
    query = urlencode({k: v for k, v in chosen.items() if v})
    requested = _page_number(request)
    key = (
        f"portal:browse:{generation}:{get_language()}:{theme}:{scope.pk if scope is not None else 0}:"
        f"{query}:{requested}"
    )
    html = cache.get(key)
    if html is None:
        items = published_item_list(
            site=scope,
            agency=int(chosen["agency"]) if chosen["agency"] else None,
            theme_code=chosen["theme"] or None,
            audience=chosen["audience"] or None,
            life_event_code=chosen["event"] or None,
            region_code=chosen["region"] or None,
            item_type=item_types,
        )
        paginator = Paginator(items, PAGE_SIZE)
        known = _known_count(chosen, facets, scope)
        if known is not None:  # Paginator.count is a cached property: no COUNT(*) over the joins
            paginator.__dict__["count"] = known
        page = paginator.get_page(requested)
        browse = {
            "agencies": agencies,
            "themes": themes,
            "life_events": life_events,
            "regions": regions,
            "audiences": list(Audience.choices),
            "chosen": chosen,
            "filtered": filtered,
            "query": query,
            "page": page,
            "paginator": paginator,
        }
        html = render_to_string("portal/items/_browse_body.html", {"browse": browse, "theme": theme})
        if page.number == requested:  # an out-of-range page is shown, not kept
            cache.set(key, html, BROWSE_CACHE_SECONDS)

    label = _("全部事项") if theme == ALL_ITEMS else MainTheme(theme).label
    description = _("县乡两级已发布的全部政务服务事项。") if theme == ALL_ITEMS else THEME_DESCRIPTIONS[theme]
    if scope is None:
        breadcrumbs = [public._home_crumb(), (label, None)]
    else:
        breadcrumbs = public._subsite_crumbs(site) + [(label, None)]
    return render(
        request,
        "portal/theme.html",
        {
            "portal_site": site,
            "agency": scope,
            "theme": theme,
            "theme_label": label,
            "theme_description": description,
            "nav_current": theme,
            "breadcrumbs": breadcrumbs,
            # The filters and the list, rendered (or taken from the cache) above.
            "browse": {"html": html, "chosen": chosen, "filtered": filtered},
            **(extra or {}),
        },
    )


def theme(request: HttpRequest, theme: str) -> HttpResponse:
    """``/xzsp/``, ``/bmfw/`` list items; ``/ygzw/`` is answered earlier by ``views.ygzw.hub`` (urls_ygzw)."""
    if theme not in THEME_ITEM_TYPES:
        raise Http404
    extra = {"convenience": _convenience(request)} if theme == MainTheme.BMFW else None
    return _browse(request, theme, Site(), extra)


def _convenience(request: HttpRequest) -> dict[str, Any]:
    """The county portal's 便民服务 navigation, filtered by life event (``?life_event=``)."""
    events = convenience_counts_by_life_event()
    chosen = _choice(request.GET.get("life_event", ""), [e.value for e in events])
    return {
        "groups": convenience_services_grouped(life_event_code=chosen or None),
        "life_events": events,
        "chosen": chosen,
        "chosen_label": next((e.label for e in events if e.value == chosen), ""),
    }


def item_list(request: HttpRequest) -> HttpResponse:
    """``/items/``: every published item, with the same filters as the theme pages."""
    return _browse(request, ALL_ITEMS, Site())


def subsite_theme(request: HttpRequest, kind: str, slug: str, theme: str) -> HttpResponse:
    if theme not in THEME_ITEM_TYPES:  # ygzw: views.ygzw answers it before this pattern
        raise Http404
    return _browse(request, theme, public._subsite_or_404(kind, slug))


def item_url(version: ItemVersion) -> str:
    return reverse("portal:item_detail", kwargs={"code": version.item.implementation_code})


#: The files a guide offers for download: (which, model field). Materials are addressed by their order.
_GUIDE_FILES = {"blank": "blank_form", "sample": "sample"}


def item_file(request: HttpRequest, code: str, which: str, order: int = 0) -> FileResponse:
    """A blank form, a filled-in sample or the result sample of a *published* guide, as a download.

    Uploaded files are never served from a public folder (QUALITY.md): this view looks the file up
    through the published version only, so a draft's files stay private, and sends it as an
    attachment with ``nosniff`` and a generic type.
    """
    version = published_item_get(code)
    if version is None:
        raise Http404
    if which == "result":
        field = version.result_sample
        title = f"{version.result_name or version.name}-{_('结果样本')}"
    elif which in _GUIDE_FILES:
        material = next((m for m in version.materials.all() if m.order == order), None)
        field = getattr(material, _GUIDE_FILES[which]) if material is not None else None
        title = f"{material.name}-{_('空白表格') if which == 'blank' else _('示例样表')}" if material else ""
    else:
        field = None
    if not field:
        raise Http404
    # A readable download name (the stored name is a generated one); slashes and the like are dropped.
    extension = field.name.rsplit(".", 1)[-1] if "." in field.name else "bin"
    safe_title = "".join(c for c in title if c.isalnum() or c in "-_（）()")[:80] or "file"
    return file_download(field.open, filename=f"{safe_title}.{extension}", private=False)
