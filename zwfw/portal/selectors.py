"""Reads of org data for the portal: read-only, one query per list (no query per row).

These are the few queries the site cluster needs until ``zwfw.org.selectors`` offers them;
when it does, these functions become thin wrappers (or disappear) without the views changing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from zwfw.org.choices import AgencyKind
from zwfw.org.models import Agency, Membership, ServiceCentre, Window

from .choices import SubSiteKind
from .sites import subsite_url

#: The columns the directory and the footer need; the rest of an agency row stays in the database.
_DIRECTORY_FIELDS = ("id", "name", "short_name", "slug", "kind", "address", "phone", "sort_order")


@dataclass(frozen=True)
class SubSiteLink:
    agency: Agency
    url: str

    @property
    def name(self) -> str:
        return self.agency.name

    @property
    def short_name(self) -> str:
        return self.agency.short_name


@dataclass
class SubSiteDirectory:
    """Every active agency as a sub-site link, split into townships and departments.

    ``host`` is the county government office (the portal's 主办单位) if one is registered.
    """

    townships: list[SubSiteLink] = field(default_factory=list)
    departments: list[SubSiteLink] = field(default_factory=list)
    host: Agency | None = None


def subsite_directory() -> SubSiteDirectory:
    """One query: all active agencies in display order."""
    directory = SubSiteDirectory()
    agencies = Agency.objects.filter(is_active=True).only(*_DIRECTORY_FIELDS).order_by("sort_order", "id")
    for agency in agencies:
        link = SubSiteLink(agency=agency, url=subsite_url(agency))
        if agency.is_township:
            directory.townships.append(link)
        else:
            directory.departments.append(link)
            if directory.host is None and agency.kind == AgencyKind.COUNTY_OFFICE:
                directory.host = agency
    return directory


def subsite_agency_get(*, kind: str, slug: str) -> Agency | None:
    """The active agency whose sub-site is ``/<kind>/<slug>/``, or None (unknown, inactive, wrong kind)."""
    agency = Agency.objects.filter(is_active=True, slug=slug).select_related("region").first()
    if agency is None:
        return None
    is_township_url = kind == SubSiteKind.TOWNSHIP
    return agency if agency.is_township == is_township_url else None


def township_centres(*, agency: Agency) -> list[ServiceCentre]:
    """A township's 便民服务中心 with their active windows and each window's agencies (3 queries)."""
    windows = Window.objects.filter(is_active=True).prefetch_related(
        Prefetch("agencies", queryset=Agency.objects.filter(is_active=True).only("id", "short_name"))
    )
    return list(
        ServiceCentre.objects.filter(agency=agency).prefetch_related(Prefetch("windows", queryset=windows))
    )


def agency_windows(*, agency: Agency) -> list[Window]:
    """The active windows where ``agency`` takes applications (进驻窗口), with their centres."""
    return list(
        Window.objects.filter(is_active=True, agencies=agency)
        .select_related("centre")
        .order_by("centre__sort_order", "centre_id", "number")
    )


def agency_search(*, query: str, limit: int = 20) -> list[SubSiteLink]:
    """Active agencies whose name or short name contains ``query``."""
    if not query:
        return []
    matches: QuerySet[Agency] = (
        Agency.objects.filter(is_active=True)
        .filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        .only(*_DIRECTORY_FIELDS)
        .order_by("sort_order", "id")[:limit]
    )
    return [SubSiteLink(agency=a, url=subsite_url(a)) for a in matches]


def memberships_of(*, user: object) -> list[Membership]:
    """The user's active memberships in active agencies (for the user centre and the staff shell)."""
    return list(
        Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency", "window", "window__centre")
        .order_by("agency__sort_order", "agency_id", "role")
    )


def staff_agencies(*, user: object) -> list[Agency]:
    """The active agencies in which ``user`` holds at least one active membership."""
    return list(
        Agency.objects.filter(is_active=True, memberships__user=user, memberships__is_active=True)
        .distinct()
        .order_by("sort_order", "id")
    )
