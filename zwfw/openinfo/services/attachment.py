"""Attachments of open information: add (upload) and remove.

An upload is checked before anything is written — not empty, at most ``ATTACHMENT_MAX_BYTES``, of an
allowed type *by its content* and with a name that agrees (see :mod:`.files`) — then stored through
Django's default storage (under the data directory, outside the web root) with a generated name,
with its SHA-256. If the transaction fails after the file was stored, the file is deleted again, so
a refusal leaves neither a row nor a file. The same content uploaded twice to one entry (a double
submit) returns the first attachment. A removed attachment's file is deleted after commit.

Both services write one audit event *on the entry* (``openinfo.attachment_add`` /
``openinfo.attachment_remove``), so the entry's history shows them.
"""

from __future__ import annotations

import hashlib
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import Actor, refusals_audited, require_perm

from ..choices import OpenInfoStatus
from ..constants import ATTACHMENTS_PER_ENTRY_MAX
from ..models import OpenInfo, OpenInfoAttachment
from .entry import PERM, _not_allowed, _search_refresh_after_commit
from .files import attachment_name_clean, attachment_sniff


def _sha256(upload: IO[bytes]) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    for chunk in chunks:
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def attachment_add(*, actor: Actor, info: OpenInfo, upload: File, name: str | None = None) -> OpenInfoAttachment:
    """Attach ``upload`` (an uploaded or any Django File) to ``info``; ``name`` overrides its file name."""
    raw_name = name if name is not None else (getattr(upload, "name", "") or "")
    display = attachment_name_clean(raw_name, "")
    with refusals_audited(actor=actor, action="openinfo.attachment_add", obj=info, name=display[:100]):
        require_perm(actor, PERM, _not_allowed(), info)
        kind = attachment_sniff(upload, name=display, size=getattr(upload, "size", None))
        display = attachment_name_clean(raw_name, kind.extension)
        digest = _sha256(upload)
        stored_name: str | None = None
        try:
            with transaction.atomic():
                locked = OpenInfo.objects.select_for_update().get(pk=info.pk)
                same = OpenInfoAttachment.objects.filter(info=locked, sha256=digest).first()
                if same is not None:
                    return same
                count = OpenInfoAttachment.objects.filter(info=locked).count()
                if count >= ATTACHMENTS_PER_ENTRY_MAX:
                    raise ValidationError(
                        {
                            "file": _("每条信息最多 %(n)d 个附件，请先删除不需要的附件。")
                            % {"n": ATTACHMENTS_PER_ENTRY_MAX}
                        },
                        code="too_many",
                    )
                last = OpenInfoAttachment.objects.filter(info=locked).aggregate(m=Max("order"))["m"] or 0
                attachment = OpenInfoAttachment(
                    info=locked,
                    original_name=display,
                    content_type=kind.content_type,
                    extension=kind.extension,
                    size=upload.size,
                    sha256=digest,
                    order=last + 10,
                )
                upload.seek(0)
                attachment.file.save("upload", upload, save=False)
                stored_name = attachment.file.name
                attachment.stamp(actor)
                attachment.save()
                audit_record(
                    actor=actor,
                    action="openinfo.attachment_add",
                    obj=locked,
                    detail={
                        "attachment_id": attachment.pk,
                        "name": display,
                        "content_type": kind.content_type,
                        "size": attachment.size,
                        "sha256": digest,
                    },
                )
                if locked.status == OpenInfoStatus.PUBLISHED:
                    _search_refresh_after_commit(locked.pk)
        except BaseException:
            if stored_name:
                OpenInfoAttachment._meta.get_field("file").storage.delete(stored_name)
            raise
        return attachment


def attachment_remove(*, actor: Actor, attachment: OpenInfoAttachment) -> bool:
    """Remove the attachment (its file is deleted after commit); False if it was already removed."""
    info = attachment.info
    with refusals_audited(actor=actor, action="openinfo.attachment_remove", obj=info, attachment_id=attachment.pk):
        with transaction.atomic():
            require_perm(actor, PERM, _not_allowed(), info)
            locked = OpenInfo.objects.select_for_update().get(pk=info.pk)
            current = OpenInfoAttachment.objects.filter(pk=attachment.pk, info=locked).first()
            if current is None:
                return False
            if (
                locked.status == OpenInfoStatus.PUBLISHED
                and not locked.body.strip()
                and not OpenInfoAttachment.objects.filter(info=locked).exclude(pk=current.pk).exists()
            ):
                raise ValidationError(
                    {"__all__": _("这是已发布信息的唯一内容，不能删除：请先上传新的附件或填写正文，或撤回该信息。")},
                    code="last_content",
                )
            stored_name = current.file.name
            storage = current.file.storage
            detail = {
                "attachment_id": current.pk,
                "name": current.original_name,
                "sha256": current.sha256,
                "size": current.size,
            }
            current.delete()
            audit_record(actor=actor, action="openinfo.attachment_remove", obj=locked, detail=detail)
            transaction.on_commit(lambda: storage.delete(stored_name), robust=True)
            if locked.status == OpenInfoStatus.PUBLISHED:
                _search_refresh_after_commit(locked.pk)
            return True
