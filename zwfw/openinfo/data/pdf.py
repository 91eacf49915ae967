"""A tiny, valid PDF of a few lines of Chinese text, built in code (no reportlab, no binary in git).

The text is set in STSong-Light, one of the Adobe-GB1 fonts every PDF reader knows without
embedding (Acrobat, pdf.js, Chrome's and Foxit's viewers), encoded UniGB-UCS2-H. Used by the demo
loader for the attachments of the demonstration information and by the tests.
"""

from __future__ import annotations

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def tiny_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A one-page A4 PDF with ``lines`` (the first one larger, as a title)."""
    ops = ["BT"]
    y = PAGE_HEIGHT - 90
    for number, line in enumerate(lines):
        size = 18 if number == 0 else 12
        ops.append(f"/F1 {size} Tf 1 0 0 1 60 {y} Tm <{_utf16_hex(line)}> Tj")
        y -= 34 if number == 0 else 22
        if y < 60:
            break
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    info = f"/Title <FEFF{_utf16_hex(title or (lines[0] if lines else ''))}> /Producer (zwfw)"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode("ascii"),
        b"<< /Length " + str(len(stream)).encode("ascii") + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        f"<< {info} >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)
