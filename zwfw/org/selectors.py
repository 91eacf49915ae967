"""Reads of the org domain: agencies, townships, regions, memberships.

Each returns a queryset (or plain data) with its related rows joined, so a page that lists them
runs a fixed number of queries however many rows there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Max, QuerySet

from .choices import AgencyKind
from .models import Agency, Membership, Region, ServiceCentre, Window


def agency_list(*, kind: str | None = None, active: bool | None = True) -> QuerySet[Agency]:
    """Agencies in display order.

    ``kind`` filters by :class:`~zwfw.org.choices.AgencyKind`; ``active=None`` includes inactive ones.
    """
    qs = Agency.objects.select_related("region", "parent")
    if kind is not None:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("sort_order", "id")


def agency_structure_version() -> str:
    """A token that changes whenever an agency is created or changed (one aggregate query).

    Services stamp ``updated_at`` on every change and agencies are never deleted (PROTECT), so
    count + newest ``updated_at`` identify the state of the table. Pages that render the list of
    agencies cache their output under this token.
    """
    stats = Agency.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    last = stats["last"].timestamp() if stats["last"] else 0
    return f"{stats['n']}-{last:.6f}"


def agency_get_by_slug(slug: str, *, active: bool | None = True) -> Agency | None:
    """The agency whose sub-site is ``slug``, or None. ``active=None`` also finds inactive agencies."""
    return agency_list(active=active).filter(slug=slug).first()


def township_list() -> QuerySet[Agency]:
    """The active township governments (乡镇人民政府), with their township region, in display order."""
    return agency_list(kind=AgencyKind.TOWNSHIP_GOVERNMENT)


def department_list() -> QuerySet[Agency]:
    """The active county-level bodies (everything but township governments).

    That is the county office, departments, vertically managed offices, party bodies and the
    supervision commission: the bodies with a department sub-site (``/bm/<slug>/``).
    """
    return agency_list().exclude(kind=AgencyKind.TOWNSHIP_GOVERNMENT)


def memberships_of(user: AbstractUser) -> QuerySet[Membership]:
    """The user's active memberships in active agencies, with agency, region and window joined."""
    return (
        Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency", "agency__region", "window", "window__centre")
        .order_by("agency__sort_order", "agency_id", "role")
    )


def agencies_of(user: AbstractUser) -> QuerySet[Agency]:
    """The active agencies in which the user has at least one active membership."""
    return agency_list().filter(memberships__user=user, memberships__is_active=True).distinct()


def roles_in(user: AbstractUser, agency: Agency) -> frozenset[str]:
    """The roles (:class:`~zwfw.org.choices.Role` values) the user holds in ``agency`` now."""
    if not agency.is_active:
        return frozenset()
    return frozenset(Membership.objects.filter(user=user, agency=agency, is_active=True).values_list("role", flat=True))


def centre_get_by_name(name: str) -> ServiceCentre | None:
    return ServiceCentre.objects.select_related("region", "agency").filter(name=name).first()


def centre_list() -> QuerySet[ServiceCentre]:
    """Every service centre, county hall first, with its region and managing agency."""
    return ServiceCentre.objects.select_related("region", "agency").order_by("sort_order", "id")


def window_list(*, centre: ServiceCentre | None = None) -> QuerySet[Window]:
    """Windows (of one centre, or all) with their centre and the agencies they serve, prefetched."""
    qs = Window.objects.select_related("centre").prefetch_related("agencies")
    if centre is not None:
        qs = qs.filter(centre=centre)
    return qs.order_by("centre__sort_order", "centre_id", "number")


@dataclass
class RegionNode:
    """A region with its children, as returned by :func:`region_tree`."""

    region: Region
    children: list[RegionNode] = field(default_factory=list)

    def walk(self) -> list[Region]:
        """This region and all below it, depth first."""
        found = [self.region]
        for child in self.children:
            found += child.walk()
        return found


def region_tree(root_code: str) -> RegionNode | None:
    """The region ``root_code`` and everything below it, in one query; None if there is no such region."""
    prefix = root_code
    if len(prefix) == 6:  # 620000 → 62, 620400 → 6204: every code below starts with these digits
        while len(prefix) > 2 and prefix.endswith("00"):
            prefix = prefix[:-2]
    regions = list(Region.objects.filter(code__startswith=prefix).order_by("sort_order", "code"))
    nodes = {r.pk: RegionNode(region=r) for r in regions}
    root = None
    for region in regions:
        if region.code == root_code:
            root = nodes[region.pk]
        if region.parent_id in nodes:
            nodes[region.parent_id].children.append(nodes[region.pk])
            region.parent = nodes[region.parent_id].region  # no extra query for .parent
    return root
