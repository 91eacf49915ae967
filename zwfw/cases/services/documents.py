"""Storing a case's documents (generated PDFs and handlers' attachments) under generated names.

:func:`document_store` writes the bytes through the default storage (``MEDIA_ROOT``, outside the web root;
ADR 0015's rule for files with personal data) under ``cases/documents/<uuid4>.<ext>``, with size and SHA-256,
in the caller's transaction. Applicants download only documents marked ``is_public`` of their own cases, and
staff only those of cases they may see, through authorising views; nothing is served from a public path.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile

from zwfw.core import clock

from ..models import Case, CaseAction, CaseDocument
from ..pdf import PdfContent, pdf_render


def document_store(
    *,
    case: Case,
    kind: str,
    title: str,
    content: bytes,
    actor: Any | None,
    action: CaseAction | None = None,
    is_public: bool = True,
    extension: str = "pdf",
    content_type: str = "application/pdf",
) -> CaseDocument:
    document = CaseDocument(
        case=case,
        action=action,
        kind=kind,
        title=title[:200],
        extension=extension,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        is_public=is_public,
        created_at=clock.now(),
        created_by=actor,
    )
    document.file.save(f"document.{extension}", ContentFile(content), save=False)
    document.save()
    return document


def document_pdf_store(
    *,
    case: Case,
    kind: str,
    content: PdfContent,
    actor: Any | None,
    action: CaseAction | None = None,
    is_public: bool = True,
) -> CaseDocument:
    """Render ``content`` and store it as the case's document of ``kind``."""
    return document_store(
        case=case,
        kind=kind,
        title=content.title,
        content=pdf_render(content),
        actor=actor,
        action=action,
        is_public=is_public,
    )
