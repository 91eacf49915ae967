"""The open-information source of the unified search: one document per *published* entry.

A hit leads to the entry's page on the portal (``/ygzw/gk/<pk>/``). The title, the 主题词, the
文号, the 索引号, the category and the agency are indexed with the body, so a person finds a notice
by a word of its title (两个字 are enough: the engine segments Chinese), by its document number or
by the agency's name. Registered from ``OpenInfoConfig.ready``; the services refresh a document
after commit (publish, withdraw, corrections of a published entry, attachment changes).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from zwfw.catalog.search import SearchKind, search_document_remove, search_document_upsert

from .choices import OpenInfoStatus
from .models import OpenInfo


def open_info_url(info: OpenInfo) -> str:
    return reverse("portal:openinfo_detail", kwargs={"pk": info.pk})


def _entries():
    return OpenInfo.objects.select_related("agency__region", "category").prefetch_related("attachments")


def _document_fields(info: OpenInfo) -> dict | None:
    if info.status != OpenInfoStatus.PUBLISHED:
        return None
    agency = info.agency
    body = "\n".join(
        part
        for part in (
            info.body,
            "、".join(a.stem for a in info.attachments.all()),
            agency.name,
            agency.short_name,
        )
        if part
    )
    return {
        "key": str(info.pk),
        "title": info.title,
        "keywords": " ".join(
            filter(None, [info.subject_words, info.category.name, info.document_number, info.index_number or ""])
        ),
        "body": body,
        "url": open_info_url(info),
        "agency_id": agency.pk,
        "region_code": agency.region.code if agency.region_id else "",
        "for_persons": True,
        "for_organisations": True,
        "boost": 0.8,  # a guide answers "how do I…" better than a notice with the same words
    }


def open_info_search_document_refresh(info_id: int) -> None:
    """Index the entry if it is published, otherwise remove it from the index."""
    info = _entries().filter(pk=info_id).first()
    fields = _document_fields(info) if info is not None else None
    if fields is None:
        search_document_remove(kind=SearchKind.OPEN_INFO, key=str(info_id))
    else:
        search_document_upsert(kind=SearchKind.OPEN_INFO, **fields)


def open_info_search_documents() -> Iterator[dict]:
    """Every open-information document that should exist (for ``search_rebuild``)."""
    for info in _entries().filter(status=OpenInfoStatus.PUBLISHED).iterator(chunk_size=500):
        fields = _document_fields(info)
        if fields is not None:
            yield fields


__all__ = ["open_info_search_document_refresh", "open_info_search_documents", "open_info_url"]
