"""Text preparation shared by every backend: normalising, segmenting, pinyin, query parsing.

Both the index and the query are segmented with rjieba so that Chinese words of two or more
characters become tokens the engines' plain tokenizers (FTS5 ``unicode61``, PostgreSQL ``simple``)
can match. Nothing here touches the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import rjieba
from pypinyin import Style, lazy_pinyin

from .synonyms import synonyms_for

QUERY_MAX_CHARS = 50
# How much of a title gets pinyin tokens (titles are short; this bounds the index row).
PINYIN_TITLE_MAX_CHARS = 60

STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 是 我 你 要 想 我要 我想 怎么 怎样 如何 哪里 什么 吗 呢 请问 办 需要 and or not near".split()
)

_NON_WORD = re.compile(r"[^\w]+")
_ASCII_WORD = re.compile(r"^[a-z0-9]+$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), lower case, punctuation and symbols (emoji too) → spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def segment_for_index(text: str) -> str:
    """Space-joined search segmentation (overlapping sub-words included), for the index."""
    clean = normalise(text)
    if not clean:
        return ""
    return " ".join(t for t in rjieba.cut_for_search(clean) if t.strip())


def pinyin_tokens(title: str) -> tuple[str, str]:
    """(initials, full pinyin) tokens of a title: one token per word start to the title's end.

    ``营业执照变更`` gives initials ``yyzzbg zzbg bg`` and full ``yingyezhizhaobiangeng …``, so a
    prefix query ``yyzz*`` or ``yingye*`` finds a title in which the words start anywhere.
    """
    clean = "".join(normalise(title).split())[:PINYIN_TITLE_MAX_CHARS]
    if not clean:
        return "", ""
    words = [w for w in rjieba.cut(clean) if w.strip()]
    syllables: list[str] = []
    starts: list[int] = []
    for word in words:
        starts.append(len(syllables))
        syllables.extend(lazy_pinyin(word, errors=lambda chars: list(chars)))
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in syllables]
    initials, full = [], []
    for start in starts:
        rest = [s for s in syllables[start:] if s]
        if not rest:
            continue
        initials.append("".join(s[0] for s in rest))
        full.append("".join(rest))
    return " ".join(dict.fromkeys(initials)), " ".join(dict.fromkeys(full))


def initials_of(title: str) -> str:
    return "".join(lazy_pinyin(title, style=Style.FIRST_LETTER, errors="ignore")).lower()


@dataclass(frozen=True)
class Term:
    """One query term: alternatives (each a tuple of tokens that must all occur), or a prefix."""

    text: str
    alternatives: tuple[tuple[str, ...], ...] = ()
    prefix: str = ""  # ASCII term matched as a token prefix (pinyin, codes)


@dataclass
class ParsedQuery:
    raw: str
    text: str  # normalised, capped
    terms: list[Term] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)  # strings to mark in titles and snippets

    @property
    def cjk_chars(self) -> str:
        return "".join(_CJK.findall(self.text))


def parse_query(raw: str) -> ParsedQuery:
    """Turn any user string into safe terms. Never raises; a long query is cut at 50 characters."""
    text = normalise((raw or "")[: QUERY_MAX_CHARS * 4])[:QUERY_MAX_CHARS].strip()
    parsed = ParsedQuery(raw=raw or "", text=text)
    seen: set[str] = set()
    for token in rjieba.cut(text) if text else []:
        token = token.strip()
        if not token or token in seen or token in STOPWORDS:
            continue
        seen.add(token)
        if _ASCII_WORD.match(token):
            if len(token) >= 2 or token.isdigit():
                parsed.terms.append(Term(text=token, prefix=token))
                parsed.highlight.append(token)
            continue
        alternatives = [(token,)]
        for phrase in synonyms_for(token):
            alternatives.append(tuple(t for t in rjieba.cut(phrase) if t.strip()))
            parsed.highlight.append(phrase)
        parsed.terms.append(Term(text=token, alternatives=tuple(alternatives)))
        parsed.highlight.append(token)
        if len(parsed.terms) >= 8:
            break
    parsed.highlight.sort(key=len, reverse=True)
    return parsed
