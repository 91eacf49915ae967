"""The two full-text engines behind one interface, chosen by the database vendor.

Each backend does three things: keep its index row for a :class:`SearchDocument` id, turn a parsed
query into its engine's match expression (user text only ever reaches SQL as a bound parameter or as
quoted, sanitised tokens), and score a match. Filtering, paging per kind, the typo fallback and
suggestions are plain SQL shared by both (see :mod:`zwfw.catalog.search.engine`).
"""

from __future__ import annotations

from django.db import connection

from .text import ParsedQuery, Term

FTS_TABLE = "catalog_searchdocument_fts"


class SearchBackend:
    vendor = ""

    def index(self, doc_id: int, *, title: str, keywords: str, body: str, pinyin: str) -> None:
        raise NotImplementedError

    def unindex(self, doc_ids: list[int]) -> None:
        raise NotImplementedError

    def match_sql(self, parsed: ParsedQuery, *, mode: str) -> tuple[str, list] | None:
        """``SELECT id, score`` over matching documents (``d`` is catalog_searchdocument), or None."""
        raise NotImplementedError

    def contains_sql(self, column: str) -> str:
        """SQL that is > 0 when the bound string occurs in ``column``."""
        raise NotImplementedError


def _bonus_sql(parsed: ParsedQuery) -> tuple[str, list]:
    """Exact phrase above partial: the whole query in the title, then the title equal to it."""
    phrase = "".join(parsed.text.split())
    if phrase.isascii():
        like = phrase + "%"
        return (
            "(CASE WHEN d.title_initials LIKE %s THEN 1.0 ELSE 0 END"
            " + CASE WHEN d.title_pinyin LIKE %s THEN 1.0 ELSE 0 END)",
            [like, like],
        )
    return (
        "(CASE WHEN d.title LIKE %s THEN 1.0 ELSE 0 END + CASE WHEN d.title = %s THEN 0.5 ELSE 0 END)",
        ["%" + phrase.replace("\\", "").replace("%", "").replace("_", "") + "%", phrase],
    )


class SqliteFts5Backend(SearchBackend):
    """FTS5, ``unicode61`` tokenizer over rjieba-segmented text; bm25 with column weights."""

    vendor = "sqlite"
    # bm25 weights of the FTS columns: title, keywords, body, pinyin.
    WEIGHTS = (10.0, 5.0, 1.0, 8.0)
    BONUS = 20.0

    def index(self, doc_id: int, *, title: str, keywords: str, body: str, pinyin: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [doc_id])  # noqa: S608 - only constants and %s placeholders are interpolated
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, keywords, body, pinyin) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608 - only constants and %s placeholders are interpolated
                [doc_id, title, keywords, body, pinyin],
            )

    def unindex(self, doc_ids: list[int]) -> None:
        if not doc_ids:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(doc_ids), 500):
                chunk = doc_ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608 - only constants and %s placeholders are interpolated

    @staticmethod
    def _quote(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def _term(self, term: Term) -> str:
        if term.prefix:
            return self._quote(term.prefix) + " *"
        options = [" AND ".join(self._quote(t) for t in alt) for alt in term.alternatives if alt]
        return "(" + " OR ".join(f"({o})" for o in options) + ")"

    def match_expression(self, parsed: ParsedQuery, *, mode: str) -> str:
        joiner = " AND " if mode == "and" else " OR "
        return joiner.join(self._term(t) for t in parsed.terms)

    def match_sql(self, parsed: ParsedQuery, *, mode: str) -> tuple[str, list] | None:
        if not parsed.terms:
            return None
        bonus, bonus_params = _bonus_sql(parsed)
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        sql = (
            f"SELECT d.id AS id, d.kind AS kind, (-f.rank) * d.boost + {self.BONUS} * {bonus} AS score"  # noqa: S608 - only constants and %s placeholders are interpolated
            f" FROM (SELECT rowid AS rid, bm25({FTS_TABLE}, {weights}) AS rank FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH %s) f JOIN catalog_searchdocument d ON d.id = f.rid"
        )
        return sql, [*bonus_params, self.match_expression(parsed, mode=mode)]

    def contains_sql(self, column: str) -> str:
        return f"instr({column}, %s)"


class PostgresBackend(SearchBackend):
    """``tsvector('simple')`` over rjieba-segmented text with a GIN index; ``ts_rank`` with weights."""

    vendor = "postgresql"
    BONUS = 1.0

    def index(self, doc_id: int, *, title: str, keywords: str, body: str, pinyin: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE catalog_searchdocument SET search_vector ="
                " setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
                " || setweight(to_tsvector('simple', %s), 'D') || setweight(to_tsvector('simple', %s), 'B')"
                " WHERE id = %s",
                [title, keywords, body, pinyin, doc_id],
            )

    def unindex(self, doc_ids: list[int]) -> None:
        """The vector is a column of the document row: deleting the row removes it."""

    def _term(self, term: Term) -> tuple[str, list]:
        if term.prefix:
            # prefix is [a-z0-9]+ (see text.parse_query); still bound as a parameter.
            return "to_tsquery('simple', %s)", [term.prefix + ":*"]
        parts = ["plainto_tsquery('simple', %s)" for alt in term.alternatives if alt]
        params = [" ".join(alt) for alt in term.alternatives if alt]
        return "(" + " || ".join(parts) + ")", params

    def match_sql(self, parsed: ParsedQuery, *, mode: str) -> tuple[str, list] | None:
        if not parsed.terms:
            return None
        joiner = " && " if mode == "and" else " || "
        pieces, params = [], []
        for term in parsed.terms:
            sql, term_params = self._term(term)
            pieces.append(sql)
            params.extend(term_params)
        query = "(" + joiner.join(pieces) + ")"
        bonus, bonus_params = _bonus_sql(parsed)
        sql = (
            f"SELECT d.id AS id, d.kind AS kind, ts_rank(d.search_vector, q.query) * d.boost"  # noqa: S608 - only constants and %s placeholders are interpolated
            f" + {self.BONUS} * {bonus} AS score"
            f" FROM catalog_searchdocument d, (SELECT {query} AS query) q WHERE d.search_vector @@ q.query"
        )
        return sql, [*bonus_params, *params]

    def contains_sql(self, column: str) -> str:
        return f"strpos({column}, %s)"


_BACKENDS = {b.vendor: b for b in (SqliteFts5Backend(), PostgresBackend())}


def backend_get() -> SearchBackend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:  # pragma: no cover - only the two supported engines
        raise NotImplementedError(f"no search backend for {connection.vendor}") from None
