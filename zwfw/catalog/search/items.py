"""The item source of the search index: one document per published, not retired service item.

The lifecycle services call :func:`item_search_document_refresh` after publish, revise-publish and
retire (``transaction.on_commit``); :func:`item_search_documents` feeds ``search_rebuild``.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch

from ..models import MaterialRequirement, ServiceItem
from ..models.search import SearchKind
from .engine import search_document_remove, search_document_upsert


def item_url(item: ServiceItem) -> str:
    return f"/items/{item.implementation_code}/"


def _document_fields(item: ServiceItem) -> dict | None:
    version = item.published_version
    if version is None or item.retired_at is not None:
        return None
    agency = item.agency
    materials = [m.name for m in version.materials.all()]
    body = "\n".join(
        part
        for part in (
            version.conditions,
            "、".join(materials),
            version.result_name,
            version.legal_basis,
            agency.name,
            agency.short_name,
        )
        if part
    )
    return {
        "key": item.implementation_code,
        "title": version.name,
        "keywords": " ".join(filter(None, [version.keywords, version.result_name])),
        "body": body,
        "url": item_url(item),
        "agency_id": agency.id,
        "region_code": agency.region.code if agency.region_id else "",
        "for_persons": version.for_persons,
        "for_organisations": version.for_organisations,
        "boost": 1.0,
    }


def _items():
    return ServiceItem.objects.select_related("agency__region", "published_version").prefetch_related(
        Prefetch(
            "published_version__materials",
            queryset=MaterialRequirement.objects.only("id", "version_id", "name", "order"),
        )
    )


def item_search_document_refresh(item: ServiceItem) -> None:
    """Index the item's published version, or remove it from the index when unpublished/retired."""
    item = _items().get(pk=item.pk)
    fields = _document_fields(item)
    if fields is None:
        search_document_remove(kind=SearchKind.ITEM, key=item.implementation_code)
    else:
        search_document_upsert(kind=SearchKind.ITEM, **fields)


def item_search_documents() -> Iterator[dict]:
    """Every item document that should exist (for ``search_rebuild``)."""
    queryset = _items().filter(published_version__isnull=False, retired_at__isnull=True)
    for item in queryset.iterator(chunk_size=500):
        fields = _document_fields(item)
        if fields is not None:
            yield fields


__all__ = ["item_search_document_refresh", "item_search_documents", "item_url"]
