"""The search service: documents in, ranked and grouped hits out. Engine details are in backends."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ..models.search import SearchDocument, SearchKind
from .backends import backend_get
from .text import normalise, parse_query, pinyin_tokens, segment_for_index

BODY_INDEX_MAX_CHARS = 20_000
SNIPPET_CHARS = 90
FUZZY_MIN_CHARS, FUZZY_MAX_CHARS = 3, 10
SUGGESTIONS_MAX = 5
LIMIT_MAX = 100

AUDIENCE_PERSONS = "persons"
AUDIENCE_ORGANISATIONS = "organisations"

DID_YOU_MEAN = _("您是不是要找")


# --- results ---------------------------------------------------------------------------------------


@dataclass
class SearchHit:
    kind: str
    key: str
    title: str
    url: str
    score: float
    title_html: SafeString
    snippet: SafeString
    agency_id: int | None = None
    approximate: bool = False  # found by the typo / partial fallback


@dataclass
class SearchGroup:
    kind: str
    label: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)


@dataclass
class Suggestion:
    title: str
    url: str


@dataclass
class SearchResults:
    query: str  # what was searched (normalised, at most 50 characters)
    groups: list[SearchGroup] = field(default_factory=list)
    approximate: bool = False  # the hits are "您是不是要找" (typo or partial fallback)
    suggestions: list[Suggestion] = field(default_factory=list)
    truncated: bool = False  # the query was cut to 50 characters

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def hits(self) -> list[SearchHit]:
        return [hit for group in self.groups for hit in group.hits]

    @property
    def notice(self) -> str:
        return str(DID_YOU_MEAN) if self.approximate else ""

    def group(self, kind: str) -> SearchGroup | None:
        return next((g for g in self.groups if g.kind == kind), None)


# --- writing ---------------------------------------------------------------------------------------


@transaction.atomic
def search_document_upsert(
    *,
    kind: str,
    key: str,
    title: str,
    body: str,
    url: str,
    agency_id: int | None = None,
    region_code: str = "",
    for_persons: bool = True,
    for_organisations: bool = True,
    boost: float = 1.0,
    keywords: str = "",
) -> SearchDocument:
    """Create or replace the document ``(kind, key)`` and its full-text index row."""
    if kind not in SearchKind.values:
        raise ValueError(f"unknown search kind {kind!r}")
    key = str(key)[:64]
    title = (title or "").strip()[:300]
    initials, full = pinyin_tokens(title)
    doc, _created = SearchDocument.objects.update_or_create(
        kind=kind,
        key=key,
        defaults={
            "title": title,
            "keywords": (keywords or "")[:300],
            "body": body or "",
            "url": url[:300],
            "agency_id": agency_id,
            "region_code": region_code or "",
            "for_persons": for_persons,
            "for_organisations": for_organisations,
            "boost": max(float(boost), 0.0),
            "title_initials": initials[:300],
            "title_pinyin": full[:1200],
        },
    )
    backend_get().index(
        doc.id,
        title=segment_for_index(title),
        keywords=segment_for_index(keywords or ""),
        body=segment_for_index((body or "")[:BODY_INDEX_MAX_CHARS]),
        pinyin=f"{initials} {full}".strip(),
    )
    return doc


@transaction.atomic
def search_document_remove(*, kind: str, key: str) -> bool:
    """Remove the document ``(kind, key)``; False when there was none."""
    ids = list(SearchDocument.objects.filter(kind=kind, key=str(key)).values_list("id", flat=True))
    _remove_ids(ids)
    return bool(ids)


def _remove_ids(ids: list[int]) -> None:
    if ids:
        backend_get().unindex(ids)
        SearchDocument.objects.filter(id__in=ids).delete()


# --- sources and rebuild ---------------------------------------------------------------------------

RebuildCallable = Callable[[], Iterable[dict]]
_SOURCES: dict[str, RebuildCallable] = {}


def search_source_register(kind: str, rebuild_callable: RebuildCallable) -> None:
    """Register the domain that feeds ``kind``.

    ``rebuild_callable()`` yields one dict per document that should exist, with the keyword
    arguments of :func:`search_document_upsert` except ``kind``. Registering again replaces.
    """
    if kind not in SearchKind.values:
        raise ValueError(f"unknown search kind {kind!r}")
    _SOURCES[kind] = rebuild_callable


def search_sources() -> dict[str, RebuildCallable]:
    return dict(_SOURCES)


def search_rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Re-index every registered kind (or ``kinds``); documents no longer yielded are removed.

    Idempotent: running it twice leaves the same documents. Returns documents per kind.
    """
    counts: dict[str, int] = {}
    for kind in list(kinds) if kinds is not None else list(_SOURCES):
        source = _SOURCES.get(kind)
        if source is None:
            continue
        with transaction.atomic():
            keys: set[str] = set()
            for fields in source():
                fields = {k: v for k, v in fields.items() if k != "kind"}
                doc = search_document_upsert(kind=kind, **fields)
                keys.add(doc.key)
            stale = SearchDocument.objects.filter(kind=kind).exclude(key__in=keys) if keys else None
            if stale is None:
                stale = SearchDocument.objects.filter(kind=kind)
            _remove_ids(list(stale.values_list("id", flat=True)))
            counts[kind] = len(keys)
    return counts


# --- reading ---------------------------------------------------------------------------------------


def _filters_sql(*, kinds, agency_id, region_code, audience) -> tuple[str, list]:
    clauses, params = [], []
    if kinds:
        kinds = [k for k in kinds if k in SearchKind.values] or ["-"]
        clauses.append("d.kind IN (" + ",".join(["%s"] * len(kinds)) + ")")
        params.extend(kinds)
    if agency_id is not None:
        clauses.append("d.agency_id = %s")
        params.append(agency_id)
    if region_code:
        clauses.append("d.region_code = %s")
        params.append(region_code)
    if audience == AUDIENCE_PERSONS:
        clauses.append("d.for_persons = %s")
        params.append(True)
    elif audience == AUDIENCE_ORGANISATIONS:
        clauses.append("d.for_organisations = %s")
        params.append(True)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _paged(inner_sql: str, inner_params: list, filters: tuple[str, list], limit: int, offset: int):
    """Rank within each kind, keep one page per kind plus each kind's first row (for its total)."""
    where, where_params = filters
    sql = (
        "SELECT id, kind, score, rn, total FROM ("  # noqa: S608 - only constants and %s placeholders are interpolated
        " SELECT m.id AS id, m.kind AS kind, m.score AS score,"
        " ROW_NUMBER() OVER (PARTITION BY m.kind ORDER BY m.score DESC, m.id) AS rn,"
        " COUNT(*) OVER (PARTITION BY m.kind) AS total"
        f" FROM ({inner_sql}) m JOIN catalog_searchdocument d ON d.id = m.id{where}"
        ") r WHERE (rn > %s AND rn <= %s) OR rn = 1 ORDER BY kind, rn"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *where_params, offset, offset + limit])
        return cursor.fetchall()


def _fuzzy_sql(chars: list[str]) -> tuple[str, list]:
    """Titles that contain all but one of the query's characters (a one-character typo).

    One pass over the titles (short strings, ``LIMIT``-free but index-free: bounded by the
    catalogue size, a few milliseconds at county scale); it runs only when the word search
    found nothing.
    """
    contains = backend_get().contains_sql("d.title")
    hits = " + ".join(f"(CASE WHEN {contains} > 0 THEN 1 ELSE 0 END)" for _ in chars)
    sql = (
        "SELECT id, kind, hits * 10.0 + boost - title_length * 0.01 AS score FROM ("  # noqa: S608 - only constants and %s placeholders are interpolated
        f" SELECT d.id AS id, d.kind AS kind, d.boost AS boost, length(d.title) AS title_length, {hits} AS hits"
        # A title missing at most one character contains the first or the second: a cheap
        # pre-filter so most titles cost two substring tests instead of one per character.
        f" FROM catalog_searchdocument d WHERE {contains} > 0 OR {contains} > 0) t WHERE hits >= %s"
    )
    return sql, [*chars, chars[0], chars[1], len(chars) - 1]


def _fuzzy_chars(parsed) -> list[str]:
    chars = list(dict.fromkeys(parsed.cjk_chars))
    if FUZZY_MIN_CHARS <= len(chars) <= FUZZY_MAX_CHARS:
        return chars
    return []


def _marker(highlight: list[str]) -> re.Pattern | None:
    words = [w for w in highlight if w]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append("<mark>" + escape(m.group(0)) + "</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _snippet(body: str, pattern: re.Pattern | None) -> SafeString:
    text = " ".join(body.split())
    start = 0
    if pattern is not None:
        m = pattern.search(text)
        if m:
            start = max(0, m.start() - 20)
    piece = text[start : start + SNIPPET_CHARS]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(escape(prefix) + _mark(piece, pattern) + escape(suffix))  # noqa: S308


def _build_groups(rows, limit, offset, parsed, approximate: bool) -> list[SearchGroup]:
    labels = dict(SearchKind.choices)
    groups: dict[str, SearchGroup] = {}
    page_rows = []
    for doc_id, kind, score, rn, total in rows:
        groups.setdefault(kind, SearchGroup(kind=kind, label=str(labels.get(kind, kind)), total=int(total)))
        if offset < rn <= offset + limit:
            page_rows.append((doc_id, kind, float(score or 0)))
    docs = SearchDocument.objects.only("kind", "key", "title", "url", "body", "keywords", "agency_id").in_bulk(
        [r[0] for r in page_rows]
    )
    pattern = _marker(parsed.highlight)
    for doc_id, kind, score in page_rows:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        groups[kind].hits.append(
            SearchHit(
                kind=kind,
                key=doc.key,
                title=doc.title,
                url=doc.url,
                score=score,
                title_html=_mark(doc.title, pattern),
                snippet=_snippet(doc.body or doc.keywords, pattern),
                agency_id=doc.agency_id,
                approximate=approximate,
            )
        )
    order = {k: i for i, k in enumerate(SearchKind.values)}
    return sorted(groups.values(), key=lambda g: order.get(g.kind, 99))


def _suggestions(parsed, kinds) -> list[Suggestion]:
    """Popular titles sharing a word (or two characters) with the query; else the most popular."""
    pieces = [t.text for t in parsed.terms if len(t.text) >= 2 and not t.prefix]
    cjk = parsed.cjk_chars
    pieces += [cjk[i : i + 2] for i in range(len(cjk) - 1)]
    pieces = list(dict.fromkeys(pieces))[:12]
    qs = SearchDocument.objects.all()
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    found = []
    if pieces:
        from django.db.models import Q

        cond = Q()
        for piece in pieces:
            cond |= Q(title__contains=piece)
        found = list(qs.filter(cond).order_by("-boost", "title").values_list("title", "url")[:SUGGESTIONS_MAX])
    if not found:
        # The most popular documents of the first kind asked for (items by default): an index scan.
        popular = SearchDocument.objects.filter(kind=(kinds or [SearchKind.ITEM])[0])
        found = list(popular.order_by("-boost").values_list("title", "url")[:SUGGESTIONS_MAX])
    return [Suggestion(title=t, url=u) for t, u in found]


def search(
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    agency_id: int | None = None,
    region_code: str | None = None,
    audience: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Search every kind at once; hits ranked and grouped by kind. Any string is a valid query.

    ``limit``/``offset`` page within each kind. Order of attempts: all terms (AND); if nothing,
    a one-character typo match on titles, then any term (OR), both marked "您是不是要找";
    if still nothing, ``suggestions``.
    """
    parsed = parse_query(query if isinstance(query, str) else "")
    limit = max(1, min(int(limit), LIMIT_MAX))
    offset = max(0, int(offset))
    kinds = list(kinds) if kinds is not None else None
    results = SearchResults(query=parsed.text, truncated=len(normalise(parsed.raw)) > len(parsed.text))
    if not parsed.text:
        return results
    backend = backend_get()
    filters = _filters_sql(kinds=kinds, agency_id=agency_id, region_code=region_code, audience=audience)

    attempts = []
    exact = backend.match_sql(parsed, mode="and")
    if exact:
        attempts.append((exact, False))
    chars = _fuzzy_chars(parsed)
    if chars:
        attempts.append((_fuzzy_sql(chars), True))
    if exact and len(parsed.terms) > 1:
        attempts.append((backend.match_sql(parsed, mode="or"), True))

    for (sql, params), approximate in attempts:
        rows = _paged(sql, params, filters, limit, offset)
        if rows:
            results.groups = _build_groups(rows, limit, offset, parsed, approximate)
            results.approximate = approximate
            return results
    results.suggestions = _suggestions(parsed, kinds)
    return results
