"""Reads for the portal's pages, built on ``zwfw.org.selectors``: read-only, a fixed number of
queries per page however many agencies, centres or windows there are (no query per row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, Q

from zwfw.org.choices import AgencyKind
from zwfw.org.models import Agency, Membership, ServiceCentre, Window
from zwfw.org.selectors import (
    agency_get_by_slug,
    agency_list,
    agency_structure_version,
    centre_list,
    window_list,
)
from zwfw.org.selectors import (
    memberships_of as org_memberships_of,
)

from .choices import SubSiteKind
from .sites import subsite_url


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


DIRECTORY_CACHE_SECONDS = 3600


def subsite_directory_version() -> str:
    """Changes whenever an agency changes: the cache key of everything that lists the sub-sites."""
    return agency_structure_version()


def subsite_directory(*, version: str | None = None) -> SubSiteDirectory:
    """All active agencies as sub-site links, cached per structure ``version`` (read when not given)."""
    key = f"portal:subsite-directory:{version or subsite_directory_version()}"
    return cache.get_or_set(key, _subsite_directory_build, DIRECTORY_CACHE_SECONDS)


def _subsite_directory_build() -> SubSiteDirectory:
    directory = SubSiteDirectory()
    for agency in agency_list():
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
    agency = agency_get_by_slug(slug)
    if agency is None or agency.is_township != (kind == SubSiteKind.TOWNSHIP):
        return None
    return agency


def township_centres(*, agency: Agency) -> list[ServiceCentre]:
    """The centres ``agency`` runs (a township's 便民服务中心), each with its active windows and the
    active agencies those windows serve: three queries."""
    windows = Window.objects.filter(is_active=True).prefetch_related(Prefetch("agencies", queryset=agency_list()))
    return list(centre_list().filter(agency=agency).prefetch_related(Prefetch("windows", queryset=windows)))


def agency_windows(*, agency: Agency) -> list[Window]:
    """The active windows where ``agency`` takes applications (进驻窗口), with their centres."""
    return list(window_list().filter(is_active=True, agencies=agency))


def agency_search(*, query: str, limit: int = 20) -> list[SubSiteLink]:
    """Active agencies whose full or short name contains ``query`` (until items can be searched)."""
    if not query:
        return []
    matches = agency_list().filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    return [SubSiteLink(agency=a, url=subsite_url(a)) for a in matches[:limit]]


def memberships_of(*, user: Any) -> list[Membership]:
    """The user's active memberships in active agencies (user centre, staff dashboard)."""
    return list(org_memberships_of(user))
