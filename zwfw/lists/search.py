"""The list-entry source of the unified search (``SearchKind.LIST_ENTRY``): one document per published entry.

A hit leads to the entry's page on the portal (``/ygzw/lists/<kind>/<pk>/``). The document holds the
entry's name, its main texts and its agency — never a beneficiary (names and ID numbers stay out of the
index, even masked). Registered from ``ListsConfig.ready``; the services refresh a document after commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zwfw.catalog.search import SearchKind, search_document_remove, search_document_upsert

from .choices import MAINTAINED_KINDS, EntryStatus, ListKind
from .history import display_value
from .kinds import spec_for
from .models import ListEntry


def entry_url(kind: str, pk: int) -> str:
    return f"/ygzw/lists/{kind}/{pk}/"


def entry_search_key(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def _document_fields(entry: ListEntry) -> dict[str, Any] | None:
    if entry.status != EntryStatus.PUBLISHED or not entry.agency.is_active:
        return None
    spec = spec_for(entry.kind)
    parts = [str(entry.agency.name), str(entry.agency.short_name)]
    for name in spec.text_fields:
        parts.append(str(getattr(entry, name) or ""))
    extra = []
    if spec.has_year:
        extra.append(f"{entry.year}年")  # type: ignore[attr-defined]
    if spec.has_township:
        extra.append(entry.township.name)  # type: ignore[attr-defined]
        extra.append(display_value(spec.model, "project_type", entry.project_type))  # type: ignore[attr-defined]
    if entry.kind == ListKind.FEE:
        extra.append("收费")
    region = entry.township.code if spec.has_township else (entry.agency.region.code if entry.agency.region_id else "")  # type: ignore[attr-defined]
    return {
        "key": entry_search_key(entry.kind, entry.pk),
        "title": str(getattr(entry, "name", str(entry))),
        "keywords": " ".join(filter(None, [spec.label, *extra])),
        "body": "\n".join(p for p in parts if p),
        "url": entry_url(entry.kind, entry.pk),
        "agency_id": entry.agency_id,
        "region_code": region,
        "for_persons": True,
        "for_organisations": True,
        "boost": 0.8,
    }


def _queryset(kind: str) -> Any:
    spec = spec_for(kind)
    related = ["agency", "agency__region"] + (["township"] if spec.has_township else [])
    return spec.model.objects.select_related(*related)


def list_entry_search_refresh(*, kind: str, pk: int) -> None:
    """Index the entry, or remove it from the index when it is not (or no longer) published."""
    entry = _queryset(kind).filter(pk=pk).first()
    fields = _document_fields(entry) if entry is not None else None
    if fields is None:
        search_document_remove(kind=SearchKind.LIST_ENTRY, key=entry_search_key(kind, pk))
    else:
        search_document_upsert(kind=SearchKind.LIST_ENTRY, **fields)


def list_entry_search_documents() -> Iterator[dict[str, Any]]:
    """Every list-entry document that should exist (for ``search_rebuild``)."""
    for kind in MAINTAINED_KINDS:
        for entry in (
            _queryset(kind).filter(status=EntryStatus.PUBLISHED, agency__is_active=True).iterator(chunk_size=500)
        ):
            fields = _document_fields(entry)
            if fields is not None:
                yield fields
