"""What an uploaded attachment *is*, from its content, against open information's allow-list.

The checking itself is the project's one upload checker, :mod:`zwfw.core.uploads` (magic bytes with
``filetype``; DOCX, XLSX and OFD told apart by their ZIP member names; any other ZIP, an executable, HTML
or an unknown signature refused). Here: the allow-list (PDF/OFD/DOC(X)/XLS(X)/JPG/PNG), the 20 MB cap, and
the rule that the client's file name must agree with the content (a PNG called ``通知.pdf`` is refused
rather than silently renamed). The client's claimed content type is never used.
"""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError

from zwfw.core.uploads import FILE_TYPES, FileType, file_types_accept, file_types_label, upload_check, upload_name_clean

from ..constants import ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_MAX

#: Kept for callers of the earlier name: one allowed type.
AllowedType = FileType

ALLOWED_TYPES: dict[str, FileType] = {
    ext: FILE_TYPES[ext] for ext in ("pdf", "ofd", "docx", "doc", "xlsx", "xls", "jpg", "png")
}
#: The ``accept`` attribute of the upload input (a hint for the browser; the server decides).
ACCEPT = file_types_accept(ALLOWED_TYPES)
ALLOWED_LABEL = file_types_label(ALLOWED_TYPES)


def attachment_name_clean(name: str, extension: str) -> str:
    """The display name: no folders, no control characters, at most ATTACHMENT_NAME_MAX characters
    (the extension kept); a name without an extension gets the detected one."""
    return upload_name_clean(name, extension, max_length=ATTACHMENT_NAME_MAX)


def attachment_sniff(upload: IO[bytes], *, name: str, size: int | None) -> FileType:
    """The allowed type of ``upload`` from its content, or a Chinese ValidationError on ``file``."""
    try:
        return upload_check(upload, allowed=ALLOWED_TYPES, max_bytes=ATTACHMENT_MAX_BYTES, name=name, size=size or 0)
    except ValidationError as exc:
        raise ValidationError({"file": [exc]}) from exc
