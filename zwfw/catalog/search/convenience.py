"""The convenience-service source of the search index: one document per active 便民服务 entry.

A hit leads to the entry on the 便民服务 page (``/bmfw/#bmfw-<code>``), where its phone number and
link are shown with their context (an external site marked as such), never straight off-site.
Registered from ``CatalogConfig.ready``; the services refresh a document after commit.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..choices import Audience
from ..models import ConvenienceService
from ..models.search import SearchKind
from .engine import search_document_remove, search_document_upsert


def convenience_anchor(service: ConvenienceService) -> str:
    return f"bmfw-{service.code}"


def convenience_url(service: ConvenienceService) -> str:
    return f"/bmfw/#{convenience_anchor(service)}"


def _services():
    return ConvenienceService.objects.select_related("agency__region").prefetch_related("life_events")


def _document_fields(service: ConvenienceService) -> dict | None:
    if not service.is_active:
        return None
    agency = service.agency
    events = [e.name for e in service.life_events.all()]
    body = "\n".join(
        part
        for part in (
            service.description,
            service.provider,
            agency.name if agency else "",
            agency.short_name if agency else "",
            f"服务电话 {service.phone}" if service.phone else "",
            service.address,
        )
        if part
    )
    return {
        "key": service.code,
        "title": service.name,
        "keywords": " ".join(filter(None, [service.keywords, service.get_category_display(), *events])),
        "body": body,
        "url": convenience_url(service),
        "agency_id": agency.id if agency else None,
        "region_code": "",
        "for_persons": service.audience != Audience.ORGANISATION,
        "for_organisations": service.audience != Audience.PERSON,
        "boost": 1.0,
    }


def convenience_search_document_refresh(service: ConvenienceService) -> None:
    """Index the entry, or remove it from the index when it is inactive."""
    service = _services().get(pk=service.pk)
    fields = _document_fields(service)
    if fields is None:
        search_document_remove(kind=SearchKind.CONVENIENCE, key=service.code)
    else:
        search_document_upsert(kind=SearchKind.CONVENIENCE, **fields)


def convenience_search_documents() -> Iterator[dict]:
    """Every convenience document that should exist (for ``search_rebuild``)."""
    for service in _services().filter(is_active=True).iterator(chunk_size=500):
        fields = _document_fields(service)
        if fields is not None:
            yield fields


__all__ = [
    "convenience_anchor",
    "convenience_search_document_refresh",
    "convenience_search_documents",
    "convenience_url",
]
