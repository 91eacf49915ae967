"""The acknowledgement of a submitted application (申报回执) as a PDF: what was received, and how to follow it.

It states the case number (办件编号) and the query code (查询码), the item and agency, the applicant (masked),
the channel and time of submission, the promised limit, the materials received, and where and how the result
will be given. The QR code points at the public progress page (``/progress/``) only: the query code is
never put in the QR code or any URL (the page asks for both in a form).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zwfw.core import clock

from ..choices import DeliveryMethod, DocumentKind
from ..models import Case, CaseDocument
from ..pdf import PdfContent
from .documents import document_pdf_store

PROGRESS_PATH = "/progress/"


def progress_url(public_url: str = "") -> str:
    """The absolute address of the public progress page (the request's host, else ``ZWFW_PUBLIC_URL``)."""
    base = (public_url or getattr(settings, "ZWFW_PUBLIC_URL", "") or "http://localhost:8000").rstrip("/")
    if base.endswith(PROGRESS_PATH.rstrip("/")):
        return base + "/"
    return base + PROGRESS_PATH


def _when(moment: Any) -> str:
    local = clock.local_now() if moment is None else moment.astimezone(clock.local_now().tzinfo)
    return local.strftime("%Y年%m月%d日 %H:%M")


def receipt_content(case: Case, *, public_url: str = "") -> PdfContent:
    """What the receipt says (also used to show it on the page)."""
    version = case.version
    materials = [
        (m.requirement.name, m.upload.original_name)
        for m in case.application.materials.filter(replaced_at__isnull=True)
        .select_related("requirement", "upload")
        .order_by("requirement__order", "added_at", "id")
    ]
    received = "\n".join(f"{i}. {name}（{file}）" for i, (name, file) in enumerate(materials, 1)) or _("（无）")
    if case.delivery_method == DeliveryMethod.WINDOW:
        where = _("窗口领取：%(centre)s") % {
            "centre": f"{case.centre.name}（{case.centre.address}）" if case.centre_id else _("县政务服务中心")
        }
    elif case.delivery_method == DeliveryMethod.POST:
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
    if case.centre_id and case.delivery_method != DeliveryMethod.WINDOW:
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
        date_text=clock.local_now().strftime("%Y年%m月%d日"),
        notes=[_("本回执仅证明申请已提交，不代表已受理或准予许可。")],
    )


def receipt_store(*, case: Case, actor: Any, public_url: str = "") -> CaseDocument:
    """Render the receipt and store it as the case's document (in the caller's transaction)."""
    return document_pdf_store(
        case=case, kind=DocumentKind.RECEIPT, content=receipt_content(case, public_url=public_url), actor=actor
    )
