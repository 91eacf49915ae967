"""Reads of the catalogue for the public: published items, their guides, themes and life events.

Only the **published** version of an item that is not retired is ever visible to the public: a
draft, a version under review, a returned or catalogued version, a superseded or a retired one never
is, and a revision in progress does not change what the portal shows. Every function returns a
queryset (or plain data) with its related rows joined or prefetched, so a page runs a fixed number
of queries however many items, materials or windows there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from zwfw.org.choices import AgencyKind, RegionLevel
from zwfw.org.models import Agency, Region, Window

from .choices import Audience, VersionStatus
from .models import ItemVersion, LifeEvent, Theme

#: The filter every public read starts from.
PUBLIC_VERSION = Q(status=VersionStatus.PUBLISHED, item__retired_at__isnull=True, item__agency__is_active=True)


def _published() -> QuerySet[ItemVersion]:
    return ItemVersion.objects.filter(PUBLIC_VERSION)


def _handled_in(region_code: str) -> Q:
    """Items whose agency sits in the region, or that can be handled there (可办理的乡镇)."""
    through = ItemVersion.handling_regions.through
    handled_here = through.objects.filter(region__code=region_code).values("itemversion_id")
    return Q(item__agency__region__code=region_code) | Q(pk__in=handled_here)


def _narrow(
    qs: QuerySet[ItemVersion],
    *,
    agency: Agency | int | None = None,
    site: Agency | None = None,
    region_code: str | None = None,
    theme_code: str | None = None,
    life_event_code: str | None = None,
    audience: str | None = None,
    item_type: str | Iterable[str] | None = None,
) -> QuerySet[ItemVersion]:
    if site is not None:
        if site.is_township and site.region_id is not None:
            through = ItemVersion.handling_regions.through
            handled_here = through.objects.filter(region_id=site.region_id).values("itemversion_id")
            qs = qs.filter(Q(item__agency=site) | Q(pk__in=handled_here))
        else:
            qs = qs.filter(item__agency=site)
    if agency is not None:
        qs = qs.filter(item__agency=agency)
    if region_code:
        qs = qs.filter(_handled_in(region_code))
    if theme_code:
        through = ItemVersion.themes.through
        qs = qs.filter(pk__in=through.objects.filter(theme__code=theme_code).values("itemversion_id"))
    if life_event_code:
        through = ItemVersion.life_events.through
        qs = qs.filter(pk__in=through.objects.filter(lifeevent__code=life_event_code).values("itemversion_id"))
    if audience == Audience.PERSON:
        qs = qs.filter(for_persons=True)
    elif audience == Audience.ORGANISATION:
        qs = qs.filter(for_organisations=True)
    if item_type is not None:
        if isinstance(item_type, str):
            qs = qs.filter(item_type=item_type)
        else:
            qs = qs.filter(item_type__in=list(item_type))
    return qs


def published_item_list(
    *,
    agency: Agency | int | None = None,
    site: Agency | None = None,
    region_code: str | None = None,
    theme_code: str | None = None,
    life_event_code: str | None = None,
    audience: str | None = None,
    item_type: str | Iterable[str] | None = None,
) -> QuerySet[ItemVersion]:
    """The published versions of the items the public may see, with item, agency and region joined.

    - ``agency``: items of that implementing agency.
    - ``site``: what a sub-site shows: a department's own items; for a township government, its own
      items plus the items that can be handled in its township (``handling_regions``).
    - ``region_code``: items of agencies in that region or that can be handled there (the county's
      code gives the county-level items, a township's code that township's).
    - ``theme_code`` / ``life_event_code``: by classification code.
    - ``audience``: :class:`~zwfw.catalog.choices.Audience` (个人办事 / 法人办事).
    - ``item_type``: one :class:`~zwfw.catalog.choices.ItemType` value or several (e.g. ``POWER_TYPES``).

    Ordered by agency (display order), then item name: stable for pagination.
    """
    qs = _narrow(
        _published(),
        agency=agency,
        site=site,
        region_code=region_code,
        theme_code=theme_code,
        life_event_code=life_event_code,
        audience=audience,
        item_type=item_type,
    )
    return qs.select_related("item", "item__agency", "item__agency__region").order_by(
        "item__agency__sort_order", "item__agency_id", "name", "pk"
    )


def published_item_get(implementation_code: str) -> ItemVersion | None:
    """The published guide of the item with this implementation code, or None (unknown, retired,
    not yet published). Every part of the guide is prefetched: nine queries in all."""
    windows = Window.objects.filter(is_active=True).select_related("centre").order_by("centre__sort_order", "number")
    return (
        _published()
        .filter(item__implementation_code=implementation_code)
        .select_related("item", "item__agency", "item__agency__region")
        .prefetch_related(
            "materials",
            "fees",
            "steps",
            "faqs",
            "themes",
            "life_events",
            Prefetch("handling_regions", queryset=Region.objects.order_by("sort_order", "code")),
            Prefetch("windows", queryset=windows),
        )
        .first()
    )


def theme_list(*, audience: str | None = None) -> QuerySet[Theme]:
    """The themes in display order, optionally for one audience."""
    qs = Theme.objects.all()
    if audience:
        qs = qs.filter(audience=audience)
    return qs.order_by("sort_order", "id")


def life_event_list(*, audience: str | None = None) -> QuerySet[LifeEvent]:
    """The life events in display order, optionally for one audience."""
    qs = LifeEvent.objects.all()
    if audience:
        qs = qs.filter(audience=audience)
    return qs.order_by("sort_order", "id")


@dataclass(frozen=True)
class Facet:
    """One option of a browse filter with the number of published items behind it."""

    value: str
    label: str
    count: int


def published_item_counts_by_agency(
    *, item_type: str | Iterable[str] | None = None, site: Agency | None = None
) -> list[Facet]:
    """Agencies with at least one published item (of the given types), in display order: one query."""
    qs = _narrow(_published(), item_type=item_type, site=site)
    rows = (
        qs.values("item__agency_id", "item__agency__name", "item__agency__sort_order")
        .annotate(n=Count("id"))
        .order_by("item__agency__sort_order", "item__agency_id")
    )
    return [Facet(str(r["item__agency_id"]), r["item__agency__name"], r["n"]) for r in rows]


def published_item_counts_by_theme(
    *, item_type: str | Iterable[str] | None = None, site: Agency | None = None
) -> list[Facet]:
    """Every theme with its number of published items (of the given types), in display order: one query."""
    visible = _narrow(_published(), item_type=item_type, site=site).values("pk")
    rows = theme_list().annotate(n=Count("versions", filter=Q(versions__in=visible)))
    return [Facet(t.code, t.name, t.n) for t in rows]


def published_item_counts_by_life_event(
    *, item_type: str | Iterable[str] | None = None, site: Agency | None = None
) -> list[Facet]:
    """Every life event with its number of published items (of the given types): one query."""
    visible = _narrow(_published(), item_type=item_type, site=site).values("pk")
    rows = life_event_list().annotate(n=Count("versions", filter=Q(versions__in=visible)))
    return [Facet(e.code, e.name, e.n) for e in rows]


def browse_regions() -> list[Region]:
    """The regions a visitor can narrow the items to: the county itself, then each township that has
    an active township government, in display order (two queries)."""
    county = list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("sort_order", "code")[:1])
    townships = (
        Region.objects.filter(
            agencies__kind=AgencyKind.TOWNSHIP_GOVERNMENT, agencies__is_active=True, level=RegionLevel.TOWNSHIP
        )
        .distinct()
        .order_by("sort_order", "code")
    )
    return county + list(townships)


# --- 便民服务 (convenience services) ---------------------------------------------------------------


@dataclass(frozen=True)
class ConvenienceGroup:
    """One category of the 便民服务 navigation with its active entries, in display order."""

    value: str
    label: str
    services: list


def convenience_service_list(*, life_event_code: str | None = None, category: str | None = None) -> QuerySet:
    """Active convenience services in display order (agency and life events joined: two queries)."""
    from .models import ConvenienceService

    qs = ConvenienceService.objects.filter(is_active=True)
    if life_event_code:
        qs = qs.filter(life_events__code=life_event_code)
    if category:
        qs = qs.filter(category=category)
    return (
        qs.select_related("agency")
        .prefetch_related(Prefetch("life_events", queryset=LifeEvent.objects.order_by("sort_order", "id")))
        .order_by("sort_order", "id")
        .distinct()
    )


def convenience_services_grouped(*, life_event_code: str | None = None) -> list[ConvenienceGroup]:
    """The active services grouped by category, categories in their fixed order, empty ones left out."""
    from .choices import ConvenienceCategory

    by_category: dict[str, list] = {}
    for service in convenience_service_list(life_event_code=life_event_code):
        by_category.setdefault(service.category, []).append(service)
    return [
        ConvenienceGroup(value, str(label), by_category[value])
        for value, label in ConvenienceCategory.choices
        if value in by_category
    ]


def convenience_counts_by_life_event() -> list[Facet]:
    """Life events with at least one active convenience service, in display order: one query."""
    rows = life_event_list().annotate(
        n=Count("convenience_services", filter=Q(convenience_services__is_active=True), distinct=True)
    )
    return [Facet(e.code, e.name, e.n) for e in rows if e.n]


# --- Cache keys ------------------------------------------------------------------------------------


def catalog_generation() -> str:
    """The current generation token of the public catalogue (one primary-key read).

    Changes, in the same transaction, with every publish, retirement and classification change
    (:mod:`zwfw.catalog.models.generation`): pages cache what they derive from published items under it.
    """
    from .models import CatalogGeneration

    return CatalogGeneration.objects.filter(pk=1).values_list("token", flat=True).first() or "none"


def published_guide_key(implementation_code: str) -> tuple[int, str, str, str] | None:
    """``(version id, publication stamp, name, item type)`` of the item's published guide, or None: the
    cheap first step of the guide page (one indexed query), enough to look up a cached rendering.

    The published version never changes once published; ``published_at`` is part of the key so a
    reused id (a test database, a restored backup) never meets an old entry.
    """
    row = (
        _published()
        .filter(item__implementation_code=implementation_code)
        .values_list("pk", "published_at", "name", "item_type")
        .first()
    )
    if row is None:
        return None
    pk, published_at, name, item_type = row
    return pk, f"{published_at.timestamp():.6f}" if published_at else "-", name, item_type
