"""Files of a guide (空白表格, 示例样表, 结果样本): checks and storage, used by the item services.

A file is accepted when its *content* is one of the allowed types (``filetype`` sniffs the magic
bytes; the client's name and content type are ignored) and it is no larger than
:data:`GUIDE_FILE_MAX_BYTES`. It is stored under a generated name (``<upload_to><uuid4>.<ext>``)
through the field's storage (the default storage, outside the web root), so the client's name never
reaches a path. Stored files are never overwritten or deleted by an edit: a revision shares its
published version's files, and a replaced file only stops being referenced — which is what keeps the
files of a submitted version as immutable as its text.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.utils.translation import gettext as _

#: Detected extension → what the error message calls it.
GUIDE_FILE_TYPES: dict[str, str] = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "jpg": "JPG",
    "png": "PNG",
}
#: The ``accept`` attribute of the editor's file inputs (a hint for the browser; the server decides).
GUIDE_FILE_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"
GUIDE_FILE_MAX_BYTES = 10 * 1024 * 1024


def is_upload(value: Any) -> bool:
    """An uploaded (not yet stored) file, as opposed to the name of a stored one."""
    return isinstance(value, File) and not hasattr(value, "storage")


def guide_file_check(upload: File, label: str) -> str:
    """Check one upload; return its extension from the content. ``label`` names it in the message."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(_("%(label)s是空文件，请重新选择。") % {"label": label}, code="file_empty")
    if size > GUIDE_FILE_MAX_BYTES:
        raise ValidationError(
            _("%(label)s超过 %(max)d MB（实际 %(size).1f MB），请压缩后再上传。")
            % {"label": label, "max": GUIDE_FILE_MAX_BYTES // (1024 * 1024), "size": size / (1024 * 1024)},
            code="file_too_big",
        )
    try:
        kind = filetype.guess(upload)
    finally:
        upload.seek(0)
    if kind is None or kind.extension not in GUIDE_FILE_TYPES:
        raise ValidationError(
            _("%(label)s的文件内容不是允许的类型，只接受 PDF、Word（doc/docx）、Excel（xls/xlsx）、JPG 或 PNG 文件。")
            % {"label": label},
            code="file_type",
        )
    return kind.extension


@dataclass
class PendingFile:
    """A checked upload waiting to be stored on ``target.<field>`` once every check passed."""

    target: models.Model
    field: str
    upload: File
    extension: str


def file_value(
    value: Any, *, current: Iterable[str], label: str, target: models.Model, field: str, pending: list[PendingFile]
) -> str:
    """Resolve one file value of ``data``: an upload (checked, queued in ``pending``), ``""`` (no file)
    or the name of a file this version already has (``current``); anything else is refused.

    Returns the value to put on the row until the upload is stored (``""`` for an upload).
    """
    if value is None or value == "":
        return ""
    if is_upload(value):
        extension = guide_file_check(value, label)
        pending.append(PendingFile(target, field, value, extension))
        return ""
    name = getattr(value, "name", value)
    if isinstance(name, str) and name in set(current):
        return name
    # A name that is not one of this version's own files: someone else's file, or a made-up path.
    raise ValidationError(_("%(label)s不是本版本已上传的文件，请重新上传。") % {"label": label}, code="file_unknown")


def pending_store(pending: list[PendingFile], stored: list[str]) -> None:
    """Store each pending upload under a generated name and put the name on its row.

    ``stored`` collects the names, so that the caller can remove them again if the transaction
    that references them rolls back.
    """
    for item in pending:
        model_field = item.target._meta.get_field(item.field)
        name = model_field.generate_filename(None, f"{uuid.uuid4().hex}.{item.extension}")
        saved = model_field.storage.save(name, item.upload, max_length=model_field.max_length)
        stored.append(saved)
        setattr(item.target, item.field, saved)


def stored_discard(stored: list[str]) -> None:
    """Remove files stored by a write that did not commit (best effort)."""
    from django.core.files.storage import default_storage

    for name in stored:
        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - the disk is the only thing that can fail here
            pass
