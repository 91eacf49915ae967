"""PDF documents of a case (回执, 通知书, 决定书) with reportlab, Chinese text and an optional QR code.

One layout for every document: the agency's name, the title, a table of facts (label → value), paragraphs, an
optional QR code (segno) with its caption, and the date and issuing agency at the foot. The font is the
TrueType WenQuanYi Zen Hei from Debian's ``fonts-wqy-zenhei`` (embedded as a subset, so the PDF reads the same
everywhere; VERIFIED.md §7); where it is missing (a developer's machine), reportlab's built-in ``STSong-Light``
CID font is used, which viewers supply themselves. Text is drawn, never interpreted: no markup from data.

Memory (a web worker's RSS, QUALITY.md: < 200 MB): reportlab and segno are imported only when a PDF is
rendered, and the font is loaded once per process on the first render. The 16.8 MB font collection is mapped
from disk (``mmap``) instead of read into the heap, and the subsetter reads glyphs through a zero-copy view
of the ``glyf`` table instead of copying the whole 14 MB table for every subset of every document: a worker
that renders PDFs grows by ~20 MB instead of ~60 MB, and a subset costs no 14 MB copy.
"""

from __future__ import annotations

import io
import logging
import mmap
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from django.conf import settings

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.platypus import Image

logger = logging.getLogger(__name__)

WQY_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
)

_font_lock = threading.Lock()


class _MappedFile:
    """What reportlab's font parser reads a font from: ``read()`` gives the file mapped read-only."""

    def __init__(self, path: str) -> None:
        self.name = path

    def read(self) -> mmap.mmap:
        with open(self.name, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


class _GlyfView:
    """The ``glyf`` table as the subsetter slices it (``table[start:end]`` → bytes), without copying it whole."""

    def __init__(self, data: Any, offset: int, length: int) -> None:
        self._view = memoryview(data)[offset : offset + length]

    def __getitem__(self, index: slice) -> bytes:
        return bytes(self._view[index])

    def __len__(self) -> int:
        return len(self._view)


def _truetype_font(path: str) -> Any:
    """reportlab's ``TTFont`` for ``path`` (first face of a collection), mapped and with a zero-copy ``glyf``."""
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont("ZWFW-CJK", _MappedFile(path), subfontIndex=0)
    face = font.face
    table = getattr(face, "get_table", None)
    if callable(table) and hasattr(face, "get_table_pos") and hasattr(face, "_ttf_data"):
        # reportlab's makeSubset calls get_table("glyf") once per subset and only slices the result.
        def get_table(tag: str, _table: Any = table) -> Any:
            if tag == "glyf":
                return _GlyfView(face._ttf_data, *face.get_table_pos(tag))
            return _table(tag)

        face.get_table = get_table
    return font


@cache
def pdf_font() -> str:
    """The registered font name: WenQuanYi Zen Hei if installed, else the built-in STSong-Light.

    Loaded on the first render in a process (not at import), once: later calls return the cached name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    with _font_lock:
        configured = getattr(settings, "ZWFW_PDF_FONT", "")
        for path in ((configured,) if configured else ()) + WQY_PATHS:
            if path and Path(path).exists():
                pdfmetrics.registerFont(_truetype_font(path))
                return "ZWFW-CJK"
        logger.warning("fonts-wqy-zenhei not found; PDFs use the non-embedded STSong-Light font")
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"


@dataclass
class PdfContent:
    """What a document says. Every string is plain text (escaped when drawn)."""

    title: str
    issuer: str
    facts: Sequence[tuple[str, str]] = ()
    paragraphs: Sequence[str] = ()
    qr_text: str = ""
    qr_caption: str = ""
    date_text: str = ""
    notes: Sequence[str] = field(default_factory=tuple)


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    return {
        "issuer": ParagraphStyle("issuer", fontName=font, wordWrap="CJK", fontSize=12, leading=18, alignment=TA_CENTER),
        "title": ParagraphStyle(
            "title", fontName=font, wordWrap="CJK", fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=6 * mm
        ),
        "body": ParagraphStyle("body", fontName=font, wordWrap="CJK", fontSize=11, leading=18, firstLineIndent=22),
        "cell": ParagraphStyle("cell", fontName=font, wordWrap="CJK", fontSize=10.5, leading=15),
        "foot": ParagraphStyle("foot", fontName=font, wordWrap="CJK", fontSize=11, leading=18, alignment=TA_RIGHT),
        "note": ParagraphStyle(
            "note", fontName=font, wordWrap="CJK", fontSize=9, leading=13, textColor=colors.HexColor("#444444")
        ),
    }


def _text(value: str) -> str:
    return escape(value or "").replace("\n", "<br/>")


def pdf_render(content: PdfContent) -> bytes:
    """The PDF bytes of ``content`` (A4, one or more pages)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = pdf_font()
    styles = _styles(font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=content.title,
        author=content.issuer,
        creator="景泰政务服务网",
        initialFontName=font,
    )
    story: list = [Paragraph(_text(content.issuer), styles["issuer"]), Paragraph(_text(content.title), styles["title"])]
    if content.facts:
        rows = [[Paragraph(_text(k), styles["cell"]), Paragraph(_text(v), styles["cell"])] for k, v in content.facts]
        table = Table(rows, colWidths=[38 * mm, None])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story += [table, Spacer(1, 6 * mm)]
    for paragraph in content.paragraphs:
        story += [Paragraph(_text(paragraph), styles["body"]), Spacer(1, 2 * mm)]
    if content.qr_text:
        story += [Spacer(1, 4 * mm), _qr_image(content.qr_text)]
        if content.qr_caption:
            story.append(Paragraph(_text(content.qr_caption), styles["note"]))
    story += [Spacer(1, 10 * mm), Paragraph(_text(content.issuer), styles["foot"])]
    if content.date_text:
        story.append(Paragraph(_text(content.date_text), styles["foot"]))
    if content.notes:
        story.append(Spacer(1, 6 * mm))
        story += [Paragraph(_text(note), styles["note"]) for note in content.notes]
    doc.build(story)
    return buffer.getvalue()


def _qr_image(text: str) -> Image:
    import segno
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=6, border=2)
    png.seek(0)
    width, height = ImageReader(png).getSize()
    png.seek(0)
    side = 32 * mm
    return Image(png, width=side, height=side * height / width)
