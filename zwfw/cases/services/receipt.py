"""The acknowledgement of a submitted application (申报回执) as a PDF: what was received, and how to follow it.

It states the case number (办件编号) and the query code (查询码), the item and agency, the applicant (masked),
the channel and time of submission, the promised limit, the materials received, and where and how the result
will be given. The QR code points at the public progress page (``/progress/``) only: the query code is
never put in the QR code or any URL (the page asks for both in a form).

**Rendered on demand, not in the submission.** Submitting opens the case, numbers it, records the 申报 action
and audits it in one transaction; the receipt is not rendered there (a PDF with an embedded CJK font subset
cost ~20 ms of CPU per submission and ~40 MB of memory in every worker that submits). :func:`receipt_ensure`
renders and stores it the first time someone asks for it — the 申报回执 download of the submitted page and
the window, the applicant's case page, their document download — and returns the stored document afterwards.
What it says depends only on the case as submitted, never on when it is rendered: the materials received
with the application (not the supplements that came later), the delivery wish of the application (not the
method used at delivery), dated by the submission time. A stored receipt whose file is missing (a disk
restored from an older backup) is rendered again. A kill between the rendering and the commit leaves at most
an orphaned file and no row: the next request renders it again; two first requests at once store one row
(the case row is locked and checked again before storing). No audit event: the receipt restates facts the
``application.submit`` event already recorded.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock

from ..choices import DeliveryMethod, DocumentKind
from ..models import Case, CaseDocument
from ..pdf import PdfContent, pdf_render

logger = logging.getLogger(__name__)

PROGRESS_PATH = "/progress/"


def progress_url(public_url: str = "") -> str:
    """The absolute address of the public progress page (the request's host, else ``ZWFW_PUBLIC_URL``)."""
    base = (public_url or getattr(settings, "ZWFW_PUBLIC_URL", "") or "http://localhost:8000").rstrip("/")
    if base.endswith(PROGRESS_PATH.rstrip("/")):
        return base + "/"
    return base + PROGRESS_PATH


def _local(moment: Any) -> Any:
    return clock.local_now() if moment is None else moment.astimezone(clock.local_now().tzinfo)


def _when(moment: Any) -> str:
    return _local(moment).strftime("%Y年%m月%d日 %H:%M")


def receipt_content(case: Case, *, public_url: str = "") -> PdfContent:
    """What the receipt says: the case as submitted, whenever it is rendered."""
    version = case.version
    application = case.application
    # Received with the application: every file not given later in answer to a supplement request (补正),
    # including those a supplement replaced afterwards (they were received at submission).
    materials = [
        (m.requirement.name, m.upload.original_name)
        for m in application.materials.filter(supplement__isnull=True)
        .select_related("requirement", "upload")
        .order_by("requirement__order", "added_at", "id")
    ]
    received = "\n".join(f"{i}. {name}（{file}）" for i, (name, file) in enumerate(materials, 1)) or _("（无）")
    method = application.delivery_method or case.delivery_method  # the wish as submitted, not as delivered
    if method == DeliveryMethod.WINDOW:
        where = _("窗口领取：%(centre)s") % {
            "centre": f"{case.centre.name}（{case.centre.address}）" if case.centre_id else _("县政务服务中心")
        }
    elif method == DeliveryMethod.POST:
        where = _("邮寄送达（地址见申请）")
    else:
        where = _("电子送达：登录景泰政务服务网“我的办件”下载")
    limit = (
        _("%(n)d 个工作日（自受理之日起）") % {"n": case.promised_limit_days} if case.promised_limit_days else _("即办")
    )
    facts = [
        (_("办件编号"), case.number),
        (_("查询码"), case.query_code),
        (_("事项名称"), version.name),
        (_("实施机构"), case.agency.name),
        (_("申请人"), case.applicant_name_masked),
        (_("证件号码"), case.applicant_doc_masked),
        (_("联系电话"), case.contact_mobile_masked),
        (_("申报方式"), case.get_channel_display()),
        (_("申报时间"), _when(case.submitted_at)),
        (_("承诺办结时限"), limit),
        (_("已收材料"), received),
        (_("结果领取"), where),
    ]
    if case.centre_id and method != DeliveryMethod.WINDOW:
        facts.append((_("办理地点"), case.centre.name))
    return PdfContent(
        title=_("申报回执"),
        issuer=case.agency.name,
        facts=facts,
        paragraphs=[
            _("您的申请已收到，将在 5 个工作日内决定是否受理；需要补正材料的，会一次性告知。"),
            _(
                "请妥善保管办件编号和查询码。凭办件编号和查询码，可在景泰政务服务网“办件进度查询”页面查看办理进度；"
                "扫描下方二维码打开查询页面后，请输入办件编号和查询码。"
            ),
        ],
        qr_text=progress_url(public_url),
        qr_caption=_("扫码打开办件进度查询页面（查询码不在二维码中，请手动输入）"),
        date_text=_local(case.submitted_at).strftime("%Y年%m月%d日"),
        notes=[_("本回执仅证明申请已提交，不代表已受理或准予许可。")],
    )


def _stored_receipt(case: Case) -> CaseDocument | None:
    return CaseDocument.objects.filter(case=case, kind=DocumentKind.RECEIPT).order_by("created_at", "id").first()


def _file_present(document: CaseDocument) -> bool:
    try:
        return bool(document.file.name) and document.file.storage.exists(document.file.name)
    except OSError:  # pragma: no cover - an unreadable disk counts as missing
        return False


def receipt_ensure(case: Case, *, public_url: str = "") -> CaseDocument:
    """The case's 申报回执, rendered and stored now if it never was (or its file is gone).

    Call it outside a transaction (a view): the PDF is rendered before the short transaction that stores
    it, so no lock is held while rendering. ``public_url`` (the request's site) makes the QR code absolute.
    """
    existing = _stored_receipt(case)
    if existing is not None and _file_present(existing):
        return existing
    case = Case.objects.select_related("version", "agency", "centre", "application").get(pk=case.pk)
    content = receipt_content(case, public_url=public_url)
    data = pdf_render(content)
    storage = CaseDocument._meta.get_field("file").storage
    document = CaseDocument(
        case=case,
        kind=DocumentKind.RECEIPT,
        title=content.title[:200],
        extension="pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        is_public=True,
        # Dated by the submission it acknowledges (and listed first among the case's documents).
        created_at=case.submitted_at or clock.now(),
        created_by_id=case.application.registered_by_id or case.application.applicant_id,
    )
    document.file.save("document.pdf", ContentFile(data), save=False)  # on disk before the row can commit
    name = document.file.name
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
            current = _stored_receipt(case)
            if current is not None and _file_present(current):
                storage.delete(name)  # another request stored it meanwhile
                return current
            if current is not None:  # the row survived, its file did not: the new file replaces it
                lost = current.file.name
                current.file.name = name
                current.size, current.sha256 = document.size, document.sha256
                current.save(update_fields=["file", "size", "sha256"])
                logger.warning("receipt of case %s re-rendered: its file %s was missing", case.pk, lost)
                return current
            document.save()
            return document
    except BaseException:
        storage.delete(name)
        raise
