"""What an uploaded attachment *is*, from its content (magic bytes), against the allow-list.

``filetype`` reads the first bytes; the ZIP-based formats (DOCX, XLSX and OFD, the national
版式文档 format of GB/T 33190) are told apart by their member names, read from the ZIP's central
directory without extracting anything. Any other ZIP, an executable, HTML or a file with no known
signature is refused. The client's file name must agree with the content (a PNG called
``通知.pdf`` is refused rather than silently renamed), and the client's claimed content type is
never used.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..constants import ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_MAX


@dataclass(frozen=True)
class AllowedType:
    extension: str  # the canonical extension, used for the stored name
    content_type: str
    label: str  # what a person calls it
    extensions: frozenset[str]  # the names it may arrive with


ALLOWED_TYPES: dict[str, AllowedType] = {
    t.extension: t
    for t in (
        AllowedType("pdf", "application/pdf", "PDF", frozenset({"pdf"})),
        AllowedType("ofd", "application/ofd", "OFD", frozenset({"ofd"})),
        AllowedType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
            frozenset({"docx"}),
        ),
        AllowedType("doc", "application/msword", "Word", frozenset({"doc"})),
        AllowedType(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", frozenset({"xlsx"})
        ),
        AllowedType("xls", "application/vnd.ms-excel", "Excel", frozenset({"xls"})),
        AllowedType("jpg", "image/jpeg", "JPG", frozenset({"jpg", "jpeg"})),
        AllowedType("png", "image/png", "PNG", frozenset({"png"})),
    )
}
#: The ``accept`` attribute of the upload input (a hint for the browser; the server decides).
ACCEPT = ".pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"
ALLOWED_LABEL = "PDF、OFD、Word（doc/docx）、Excel（xls/xlsx）、JPG、PNG"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SNIFF_BYTES = 8192


def _zip_kind(upload: IO[bytes]) -> str | None:
    """docx / xlsx / ofd from a ZIP's member names, or None for any other ZIP."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "OFD.xml" in names:
        return "ofd"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    return None


def attachment_name_clean(name: str, extension: str) -> str:
    """The display name: no folders, no control characters, at most ATTACHMENT_NAME_MAX characters
    (the extension kept); a name without an extension gets the detected one."""
    name = _CONTROL.sub("", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".")
    path = PurePosixPath(name or "附件")
    suffix = path.suffix.lower().lstrip(".")
    stem = path.stem if suffix else path.name
    suffix = suffix or extension
    keep = ATTACHMENT_NAME_MAX - len(suffix) - 1
    return f"{stem[:keep].strip() or '附件'}.{suffix}"


def attachment_sniff(upload: IO[bytes], *, name: str, size: int | None) -> AllowedType:
    """The allowed type of ``upload`` from its content, or a Chinese ValidationError on ``file``."""
    if not size:
        raise ValidationError({"file": _("文件“%(name)s”是空文件，请重新选择。") % {"name": name}}, code="file_empty")
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("文件“%(name)s”有 %(size).1f MB，超过了 %(max)d MB 的上限，请压缩或拆分后再上传。")
                % {"name": name, "size": size / (1024 * 1024), "max": ATTACHMENT_MAX_BYTES // (1024 * 1024)}
            },
            code="file_too_big",
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    detected = kind.extension if kind is not None else None
    if detected in {"zip", "docx", "xlsx"}:
        detected = _zip_kind(upload)
    if detected not in ALLOWED_TYPES:
        raise ValidationError(
            {
                "file": _("文件“%(name)s”的内容不是允许的类型。只接受 %(allowed)s 文件（按文件内容判断，不看扩展名）。")
                % {"name": name, "allowed": ALLOWED_LABEL}
            },
            code="file_type",
        )
    allowed = ALLOWED_TYPES[detected]
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix and suffix not in allowed.extensions:
        raise ValidationError(
            {
                "file": _("文件“%(name)s”的内容是 %(label)s 文件，与扩展名“.%(suffix)s”不符，请核对后重新上传。")
                % {"name": name, "label": allowed.label, "suffix": suffix}
            },
            code="file_mismatch",
        )
    return allowed
