"""What the handling notices and decisions say (the :class:`~zwfw.cases.pdf.PdfContent` of each document).

- 受理通知书 (:func:`acceptance_notice`): accepted on, the legal and promised dates;
- 不予受理通知书 (:func:`refusal_notice`): the reasons and the legal remedy;
- 补正材料通知书 (:func:`supplement_notice`): every missing or wrong material at once (一次性告知);
- 延长期限告知书 (:func:`extension_notice`): how long, why, the new date;
- 准予 / 不予行政许可决定书 (:func:`decision_notice`): the decision, its reasons, the legal remedy, "signed off"
  by the decider with the agency's name and the date.
- 终止办理通知书 (:func:`termination_notice`): the agency ends the handling, with its reasons and the legal remedy;
- 撤回申请确认书 (:func:`withdrawal_notice`): the applicant's withdrawal is confirmed (when, their reason, that
  they may apply again);
- 送达回证 (:func:`delivery_receipt`): the result delivered — what, how, the tracking number, when — with a line
  for the recipient's signature when collected at a window.

Only what the applicant needs: the case number, the item, the applicant's name as recorded on the case, the
agency. No staff personal data beyond the decider's name on a decision; never an ID or mobile number.
The legal remedy names 景泰县人民政府 (行政复议, 60 days) and the people's court (行政诉讼, 6 months).
:func:`sms_signed` puts the site's SMS signature before the text of every SMS the cases part sends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zwfw.core import clock

from .choices import Decision, DeliveryMethod
from .models import Case, CasePause
from .pdf import PdfContent

#: 行政复议法 第二十条 (60 日) and 行政诉讼法 第四十六条 (6 个月): the default 救济途径 of refusals and decisions.
LEGAL_REMEDY = (
    "如不服本决定，可以自收到本决定书之日起六十日内向景泰县人民政府申请行政复议，"
    "或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
)


def legal_remedy_default() -> str:
    return _(LEGAL_REMEDY)


def sms_signed(text: str) -> str:
    """An SMS to an applicant as sent: the site's signature (``settings.ZWFW_SMS_SIGN``, 【…】) before ``text``.
    The one place the cases part signs its SMS (the submission's and every handling notice's)."""
    return f"【{settings.ZWFW_SMS_SIGN}】{text}"


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = clock.local_date(value)
    return _("%(y)d年%(m)d月%(d)d日") % {"y": value.year, "m": value.month, "d": value.day}


def _facts(case: Case) -> list[tuple[str, str]]:
    return [
        (_("办件编号"), case.number),
        (_("申请事项"), case.version.name),
        (_("申请人"), case.applicant_name),
        (_("申请日期"), _date(case.submitted_at)),
    ]


def _today_text() -> str:
    return _date(clock.today())


def acceptance_notice(case: Case) -> PdfContent:
    facts = _facts(case) + [
        (_("受理日期"), _date(case.accepted_at)),
        (_("法定办结时限"), _("%(n)d 个工作日") % {"n": case.legal_limit_days}),
        (_("承诺办结时限"), _("%(n)d 个工作日") % {"n": case.promised_limit_days}),
        (_("承诺办结日期"), _date(case.promised_due)),
    ]
    return PdfContent(
        title=_("受理通知书"),
        issuer=case.agency.name,
        facts=facts,
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _(
                "你（单位）提出的“%(item)s”申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》"
                "第三十二条的规定，决定予以受理。"
            )
            % {"item": case.version.name},
            _(
                "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在办理期限内，届时另行告知。"
            ),
            _("可凭办件编号和查询码在景泰政务服务网查询办理进度。"),
        ],
        date_text=_today_text(),
    )


def refusal_notice(case: Case, *, reason: str, legal_remedy: str) -> PdfContent:
    return PdfContent(
        title=_("不予受理通知书"),
        issuer=case.agency.name,
        facts=_facts(case),
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _("你（单位）提出的“%(item)s”申请，经审查，决定不予受理。理由如下：") % {"item": case.version.name},
            reason,
            legal_remedy,
        ],
        date_text=_today_text(),
    )


def supplement_notice(case: Case, pause: CasePause) -> PdfContent:
    items = list(pause.items.order_by("order"))
    lines = [
        _("%(n)d. %(name)s（%(problem)s）：%(note)s")
        % {"n": i, "name": item.name, "problem": item.get_problem_display(), "note": item.note}
        for i, item in enumerate(items, start=1)
    ]
    paragraphs = [
        _("%(name)s：") % {"name": case.applicant_name},
        _(
            "你（单位）提出的“%(item)s”申请，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》"
            "第三十二条的规定，现一次性告知需要补正的全部内容（共 %(count)d 项）："
        )
        % {"item": case.version.name, "count": len(items)},
        *lines,
    ]
    if pause.reason:
        paragraphs.append(_("说明：%(note)s") % {"note": pause.reason})
    paragraphs += [
        _(
            "请登录景泰政务服务网，在“我的办件”中按上述要求一次补正全部材料。补正期间不计算受理期限，自材料补正齐全之日起重新计算。"
        ),
    ]
    return PdfContent(
        title=_("补正材料通知书"),
        issuer=case.agency.name,
        facts=_facts(case) + [(_("告知日期"), _date(pause.started_at))],
        paragraphs=paragraphs,
        date_text=_today_text(),
    )


def extension_notice(case: Case) -> PdfContent:
    return PdfContent(
        title=_("延长期限告知书"),
        issuer=case.agency.name,
        facts=_facts(case)
        + [
            (_("受理日期"), _date(case.accepted_at)),
            (_("延长期限"), _("%(n)d 个工作日") % {"n": case.extension_days}),
            (_("延长后的法定办结日期"), _date(case.legal_due)),
        ],
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _(
                "你（单位）申请的“%(item)s”，因以下理由不能在法定期限内作出决定，经本机关负责人批准，"
                "根据《中华人民共和国行政许可法》第四十二条的规定，办理期限延长 %(n)d 个工作日："
            )
            % {"item": case.version.name, "n": case.extension_days},
            case.extension_reason,
        ],
        date_text=_today_text(),
    )


def decision_notice(case: Case, *, decider: Any | None) -> PdfContent:
    approved = case.decision == Decision.APPROVED
    title = _("准予行政许可决定书") if approved else _("不予行政许可决定书")
    facts = _facts(case) + [(_("受理日期"), _date(case.accepted_at)), (_("决定日期"), _date(case.decided_at))]
    if approved:
        facts += [(_("许可结果"), case.result_name), (_("结果文号"), case.result_number or "—")]
    paragraphs = [_("%(name)s：") % {"name": case.applicant_name}]
    if approved:
        paragraphs.append(
            _(
                "你（单位）提出的“%(item)s”申请，经审查，符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。"
            )
            % {"item": case.version.name}
        )
        if case.decision_reason:
            paragraphs.append(case.decision_reason)
    else:
        paragraphs += [
            _(
                "你（单位）提出的“%(item)s”申请，经审查，不符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。理由如下："
            )
            % {"item": case.version.name},
            case.decision_reason,
        ]
    if case.legal_remedy:
        paragraphs.append(case.legal_remedy)
    signer = (getattr(decider, "full_name", "") or decider.get_username()) if decider is not None else ""
    return PdfContent(
        title=title,
        issuer=case.agency.name,
        facts=facts,
        paragraphs=paragraphs,
        date_text=_date(case.decided_at),
        notes=[_("审批决定人：%(name)s（%(agency)s）") % {"name": signer, "agency": case.agency.name}]
        if signer
        else [],
    )


def termination_notice(case: Case, *, reason: str) -> PdfContent:
    """终止办理通知书: the agency ends the handling before a decision (the supplement never came…)."""
    return PdfContent(
        title=_("终止办理通知书"),
        issuer=case.agency.name,
        facts=_facts(case) + [(_("终止日期"), _date(case.closed_at))],
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _("你（单位）提出的“%(item)s”申请，因以下原因，本机关决定终止办理：") % {"item": case.version.name},
            reason,
            case.legal_remedy or legal_remedy_default(),
        ],
        date_text=_date(case.closed_at),
    )


def withdrawal_notice(case: Case, *, reason: str) -> PdfContent:
    """撤回申请确认书: the applicant withdrew before a decision; the agency confirms it stopped handling."""
    return PdfContent(
        title=_("撤回申请确认书"),
        issuer=case.agency.name,
        facts=_facts(case) + [(_("撤回日期"), _date(case.closed_at))],
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _("你（单位）于%(date)s撤回了“%(item)s”申请。本机关已停止对该申请的办理，不再作出许可决定。")
            % {"date": _date(case.closed_at), "item": case.version.name},
            _("撤回原因（申请人所述）：%(reason)s") % {"reason": reason},
            _("已提交的申请材料按规定存档。如仍需办理，可以重新提出申请。"),
        ],
        date_text=_date(case.closed_at),
    )


def delivery_receipt(case: Case) -> PdfContent:
    """送达回证: which result was delivered to whom, how and when (the tracking number of a posted one)."""
    facts = _facts(case) + [
        (_("送达文书"), case.result_name or _("行政许可决定书")),
        (_("文书编号"), case.result_number or "—"),
        (_("送达方式"), DeliveryMethod(case.delivery_method).label if case.delivery_method else "—"),
    ]
    if case.tracking_number:
        facts.append((_("邮件单号"), case.tracking_number))
    facts += [(_("受送达人"), case.applicant_name), (_("送达日期"), _date(case.delivered_at))]
    notes = [_("送达人：%(agency)s") % {"agency": case.agency.name}]
    if case.delivery_method == DeliveryMethod.WINDOW:
        notes.append(_("受送达人（签名）：____________　　签收日期：____年__月__日"))
    return PdfContent(
        title=_("送达回证"),
        issuer=case.agency.name,
        facts=facts,
        paragraphs=[
            _("%(name)s：") % {"name": case.applicant_name},
            _("你（单位）申请的“%(item)s”的办理结果已于%(date)s以%(method)s方式送达。")
            % {
                "item": case.version.name,
                "date": _date(case.delivered_at),
                "method": DeliveryMethod(case.delivery_method).label if case.delivery_method else "—",
            },
        ],
        date_text=_date(case.delivered_at),
        notes=notes,
    )


__all__ = [
    "LEGAL_REMEDY",
    "acceptance_notice",
    "decision_notice",
    "delivery_receipt",
    "extension_notice",
    "legal_remedy_default",
    "refusal_notice",
    "sms_signed",
    "supplement_notice",
    "termination_notice",
    "withdrawal_notice",
]
