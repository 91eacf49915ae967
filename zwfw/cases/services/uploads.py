"""Storing an applicant's file (``upload_store``): checked by content, stored under a generated name.

The file is checked before anything is written (:mod:`zwfw.core.uploads`: not empty, at most
:data:`~zwfw.cases.selectors.applications.UPLOAD_MAX_BYTES`, PDF/OFD/DOC(X)/XLS(X)/JPG/PNG *by content*, a name
that agrees with the content), then stored through the default storage (``MEDIA_ROOT``, outside the web root)
as ``cases/uploads/<yyyy>/<mm>/<uuid4>.<ext>``, with its SHA-256. If the transaction fails after the file was
stored, the file is removed again: a refusal leaves neither a row nor a file.

The owner is the applicant: the actor themself, or — for a window clerk scanning papers of a walk-in
(``cases.register_window``) — the person they register (``uploaded_by`` = the clerk). A file uploaded while
acting for an organisation belongs to the organisation too, so its other agents may reuse it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.services.audit import audit_record
from zwfw.core.services.refusals import refusals_audited
from zwfw.core.uploads import upload_check, upload_name_clean, upload_sha256

from ..models import Upload
from ..selectors.applications import UPLOAD_MAX_BYTES, UPLOAD_TYPES


def _owner_check(*, actor: Any, owner: Any, organisation: Any) -> None:
    if actor is None:
        return
    if owner.pk != actor.pk and not actor.has_perm("cases.register_window"):
        raise PermissionDenied(_("只能为自己上传材料。"))
    if organisation is not None and not owner.has_perm("identity.act_for_organisation", organisation):
        raise PermissionDenied(_("您不是该单位的经办人，不能为该单位上传材料。"))


def upload_store(*, actor: Any, file: File, owner: Any = None, organisation: Any = None) -> Upload:
    """Check and store one uploaded file of ``owner`` (default: the actor); returns the :class:`Upload`."""
    owner = owner or actor
    raw_name = str(getattr(file, "name", "") or "")
    display = upload_name_clean(raw_name, "")
    with refusals_audited(actor=actor, action="case_upload.store", name=display[:100]):
        _owner_check(actor=actor, owner=owner, organisation=organisation)
        kind = upload_check(file, allowed=UPLOAD_TYPES, max_bytes=UPLOAD_MAX_BYTES, name=display)
        display = upload_name_clean(raw_name, kind.extension)
        digest = upload_sha256(file)
        size = getattr(file, "size", None) or 0
        stored: str | None = None
        try:
            with transaction.atomic():
                upload = Upload(
                    owner=owner,
                    organisation=organisation,
                    uploaded_by=actor or owner,
                    original_name=display,
                    extension=kind.extension,
                    content_type=kind.content_type,
                    size=size,
                    sha256=digest,
                    created_at=clock.now(),
                )
                file.seek(0)
                upload.file.save("upload", file, save=False)
                stored = upload.file.name
                upload.save()
                audit_record(
                    actor=actor,
                    action="case_upload.store",
                    obj=upload,
                    detail={
                        "name": display,
                        "content_type": kind.content_type,
                        "size": size,
                        "sha256": digest,
                        "owner_id": owner.pk,
                        "organisation_id": organisation.pk if organisation is not None else None,
                    },
                )
        except BaseException:
            if stored:
                Upload._meta.get_field("file").storage.delete(stored)
            raise
        return upload
