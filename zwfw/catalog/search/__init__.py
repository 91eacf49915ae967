"""Unified search (统一检索) across items, lists, open information and convenience services.

One interface over two engines (SQLite FTS5, PostgreSQL tsvector; see ``backends``). Each domain
registers a rebuild source for its kind and refreshes its own documents when they change::

    search_document_upsert(kind=SearchKind.ITEM, key=..., title=..., body=..., url=...)
    search_document_remove(kind=SearchKind.ITEM, key=...)
    results = search("营业执照", audience="persons")
    search_source_register(SearchKind.OPEN_INFO, open_info_documents)
    search_rebuild()

Items are registered here; see ``items.item_search_document_refresh``. ADR 0012 explains the design.
"""

from __future__ import annotations

from ..models.search import SearchDocument, SearchKind
from .engine import (
    AUDIENCE_ORGANISATIONS,
    AUDIENCE_PERSONS,
    SearchGroup,
    SearchHit,
    SearchResults,
    Suggestion,
    search,
    search_document_remove,
    search_document_upsert,
    search_rebuild,
    search_source_register,
    search_sources,
)


def _item_documents():
    from .items import item_search_documents

    return item_search_documents()


search_source_register(SearchKind.ITEM, _item_documents)

__all__ = [
    "AUDIENCE_ORGANISATIONS",
    "AUDIENCE_PERSONS",
    "SearchDocument",
    "SearchGroup",
    "SearchHit",
    "SearchKind",
    "SearchResults",
    "Suggestion",
    "search",
    "search_document_remove",
    "search_document_upsert",
    "search_rebuild",
    "search_source_register",
    "search_sources",
]
