"""Files of a guide (空白表格, 示例样表, 结果样本): checks and storage, used by the item services.

A file is accepted when its *content* is one of the allowed types (the project's one checker,
:mod:`zwfw.core.uploads`, sniffs the magic bytes and tells DOCX/XLSX apart by their ZIP members; the
client's name and content type are ignored) and it is no larger than
:data:`GUIDE_FILE_MAX_BYTES`. It is stored under a generated name (``<upload_to><uuid4>.<ext>``)
through the field's storage (the default storage, outside the web root), so the client's name never
reaches a path. Stored files are never overwritten or deleted by an edit: a revision shares its
published version's files, and a replaced file only stops being referenced — which is what keeps the
files of a submitted version as immutable as its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.utils.translation import gettext as _

from zwfw.core.uploads import FILE_TYPES, file_types_accept, stored_name, upload_check

#: Detected extension → what the error message calls it.
GUIDE_FILE_TYPES: dict[str, str] = {
    ext: FILE_TYPES[ext].label for ext in ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png")
}
#: The ``accept`` attribute of the editor's file inputs (a hint for the browser; the server decides).
GUIDE_FILE_ACCEPT = file_types_accept(GUIDE_FILE_TYPES)
GUIDE_FILE_MAX_BYTES = 10 * 1024 * 1024


def is_upload(value: Any) -> bool:
    """An uploaded (not yet stored) file, as opposed to the name of a stored one."""
    return isinstance(value, File) and not hasattr(value, "storage")


def guide_file_check(upload: File, label: str) -> str:
    """Check one upload (the project's one checker, :mod:`zwfw.core.uploads`); return its extension from
    the content. ``label`` names it in the message."""
    size = getattr(upload, "size", None)
    return upload_check(
        upload,
        allowed=GUIDE_FILE_TYPES,
        max_bytes=GUIDE_FILE_MAX_BYTES,
        subject=label,
        name_must_match=False,
        size=size or 0,
    ).extension


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
        name = model_field.generate_filename(None, stored_name("", item.extension))
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
