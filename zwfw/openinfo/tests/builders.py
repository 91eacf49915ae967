"""Builders of open-information test data: entries through the services, and small files of each type."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.openinfo.data.pdf import tiny_pdf
from zwfw.openinfo.models import OpenInfo
from zwfw.openinfo.services import openinfo_create, openinfo_publish


def pdf_bytes(text: str = "关于做好冬季供暖工作的通知") -> bytes:
    return tiny_pdf([text, "景泰县人民政府办公室"])


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def ofd_bytes() -> bytes:
    return zip_bytes({"OFD.xml": b'<?xml version="1.0"?><ofd:OFD/>', "Doc_0/Document.xml": b"<ofd:Document/>"})


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    """An upload as a browser sends it (the claimed content type is never believed)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def draft(actor: Any, agency: Any, **overrides: Any) -> OpenInfo:
    spec = {
        "category": "11",
        "title": "关于2026年冬季城区集中供暖的通知",
        "written_on": dt.date(2026, 10, 20),
        "body": "各供热单位：\n\n为做好今冬供暖工作，现将有关事项通知如下。\n\n一、供暖时间为11月1日至次年3月31日。",
        "subject_words": "供暖 通知",
        **overrides,
    }
    return openinfo_create(actor=actor, agency=agency, **spec)


def published(actor: Any, agency: Any, **overrides: Any) -> OpenInfo:
    info = draft(actor, agency, **overrides)
    openinfo_publish(actor=actor, info=info, secrecy_reviewed=True)
    return info
