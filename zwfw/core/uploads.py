"""What an uploaded file *is*, from its content (magic bytes), against the caller's allow-list — one checker
for every upload of the project (open-information attachments, guide files, applicants' materials).

``filetype`` reads the first bytes; the ZIP-based formats (DOCX, XLSX and OFD, the national 版式文档 format
of GB/T 33190) are told apart by their member names, read from the ZIP's central directory without
extracting anything. Any other ZIP, an executable, HTML or a file with no known signature is refused.
The client's claimed content type is never used; the client's file name is only a display name
(:func:`upload_name_clean`) and, where the caller asks, must agree with the content (a PNG called
``通知.pdf`` is refused rather than silently renamed). Files are stored by the callers under generated
names (:func:`stored_name`), never under the client's name.

Each caller names its own allow-list (a subset of :data:`FILE_TYPES`), size cap and how the message calls
the file (``subject``: ``文件“通知.pdf”`` or ``申请材料第3项的“空白表格”``); refusals are Chinese
``ValidationError`` with the codes ``file_empty``, ``file_too_big``, ``file_type`` and ``file_mismatch``.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str  # the canonical extension, used for the stored name
    content_type: str
    label: str  # what a person calls it
    extensions: frozenset[str]  # the names it may arrive with


#: Every type any upload of the project may be (callers allow a subset), in the order messages list them.
FILE_TYPES: dict[str, FileType] = {
    t.extension: t
    for t in (
        FileType("pdf", "application/pdf", "PDF", frozenset({"pdf"})),
        FileType("ofd", "application/ofd", "OFD", frozenset({"ofd"})),
        FileType("doc", "application/msword", "Word", frozenset({"doc"})),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
            frozenset({"docx"}),
        ),
        FileType("xls", "application/vnd.ms-excel", "Excel", frozenset({"xls"})),
        FileType(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", frozenset({"xlsx"})
        ),
        FileType("jpg", "image/jpeg", "JPG", frozenset({"jpg", "jpeg"})),
        FileType("png", "image/png", "PNG", frozenset({"png"})),
    )
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SNIFF_BYTES = 8192


def _types(allowed: Iterable[str]) -> list[FileType]:
    wanted = set(allowed)
    unknown = wanted - set(FILE_TYPES)
    if unknown:
        raise ValueError(f"unknown file types: {sorted(unknown)}")
    return [t for ext, t in FILE_TYPES.items() if ext in wanted]


def file_types_label(allowed: Iterable[str]) -> str:
    """What a person reads: ``PDF、Word（doc/docx）、JPG`` (types of one label grouped)."""
    groups: dict[str, list[str]] = {}
    for t in _types(allowed):
        groups.setdefault(t.label, []).append(t.extension)
    return "、".join(label if len(exts) == 1 else f"{label}（{'/'.join(exts)}）" for label, exts in groups.items())


def file_types_accept(allowed: Iterable[str]) -> str:
    """The ``accept`` attribute of a file input (a hint for the browser; the server decides)."""
    return ",".join(f".{ext}" for t in _types(allowed) for ext in sorted(t.extensions, key=lambda e: e != t.extension))


def _zip_kind(stream: IO[bytes]) -> str | None:
    """docx / xlsx / ofd from a ZIP's member names, or None for any other ZIP."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        stream.seek(0)
    if "OFD.xml" in names:
        return "ofd"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    return None


def upload_sniff(stream: IO[bytes]) -> str | None:
    """The canonical extension of ``stream``'s content among :data:`FILE_TYPES`, or None."""
    stream.seek(0)
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    kind = filetype.guess(head) if head else None
    detected = kind.extension if kind is not None else None
    if detected in {"zip", "docx", "xlsx"}:
        detected = _zip_kind(stream)
    return detected if detected in FILE_TYPES else None


def upload_size(upload: Any) -> int:
    """The size Django reports for an upload, or the stream's length."""
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    return int(size)


def upload_check(
    upload: Any,
    *,
    allowed: Iterable[str],
    max_bytes: int,
    name: str | None = None,
    subject: str | None = None,
    name_must_match: bool = True,
    size: int | None = None,
) -> FileType:
    """The allowed type of ``upload`` from its content, or a Chinese ``ValidationError``.

    ``name`` is the client's file name (defaults to ``upload.name``); ``subject`` is how the message calls
    the file (defaults to ``文件“<name>”``). With ``name_must_match`` a name whose extension disagrees with the
    content is refused. The size is checked first, before anything is read.
    """
    allowed = list(allowed)
    name = name if name is not None else str(getattr(upload, "name", "") or "")
    subject = subject or _("文件“%(name)s”") % {"name": name}
    size = upload_size(upload) if size is None else size
    if not size:
        raise ValidationError(_("%(subject)s是空文件，请重新选择。") % {"subject": subject}, code="file_empty")
    if size > max_bytes:
        raise ValidationError(
            _(
                "%(subject)s有 %(size).1f MB，超过了 %(max)d MB 的上限，"
                "请压缩或拆分后再上传（单个文件不超过 %(max)d MB）。"
            )
            % {"subject": subject, "size": size / MB, "max": max_bytes // MB},
            code="file_too_big",
        )
    detected = upload_sniff(upload)
    if detected is None or detected not in allowed:
        raise ValidationError(
            _("%(subject)s的内容不是允许的类型。只接受 %(allowed)s 文件（按文件内容判断，不看扩展名）。")
            % {"subject": subject, "allowed": file_types_label(allowed)},
            code="file_type",
        )
    found = FILE_TYPES[detected]
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".")
    if name_must_match and suffix and suffix not in found.extensions:
        raise ValidationError(
            _("%(subject)s的内容是 %(label)s 文件，与扩展名“.%(suffix)s”不符，请核对后重新上传。")
            % {"subject": subject, "label": found.label, "suffix": suffix},
            code="file_mismatch",
        )
    return found


def upload_name_clean(name: str, extension: str, *, max_length: int = 120, default: str = "附件") -> str:
    """The display name: no folders, no control characters, at most ``max_length`` characters (the
    extension kept); a name without an extension gets the detected one."""
    name = _CONTROL.sub("", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".")
    path = PurePosixPath(name or default)
    suffix = path.suffix.lower().lstrip(".")
    stem = path.stem if suffix else path.name
    suffix = suffix or extension
    keep = max_length - len(suffix) - 1
    return f"{stem[:keep].strip() or default}.{suffix}"


def upload_sha256(stream: IO[bytes]) -> str:
    """SHA-256 of the whole stream (read in chunks; the position is reset)."""
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def stored_name(prefix: str, extension: str) -> str:
    """A generated storage name ``<prefix><uuid4>.<ext>``: the client's name never reaches a path."""
    return f"{prefix}{uuid.uuid4().hex}.{extension}"
