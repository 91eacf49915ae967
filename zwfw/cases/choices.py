"""Enumerations of applications and cases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    DISCARDED = "discarded", _("已删除")


class Channel(models.TextChoices):
    """申报渠道 (apply_type)."""

    ONLINE = "online", _("网上申报")
    WINDOW = "window", _("窗口申报")
    APP = "app", _("移动端申报")


class ApplicantKind(models.TextChoices):
    """申请人类型 (applyer_type)."""

    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class CaseState(models.TextChoices):
    """办件状态: 已申报 → 补正中 → 已受理 | 不予受理 → 办理中 → 已办结 → 已送达 | 已撤回 | 已终止.

    Pauses (补正, 特别程序) are rows (``CasePause``); ``Case.paused_kind`` mirrors the open one.
    """

    SUBMITTED = "submitted", _("待受理")
    SUPPLEMENTING = "supplementing", _("待补正")
    REJECTED = "rejected", _("不予受理")
    PROCESSING = "processing", _("办理中")
    DECIDED = "decided", _("已办结（待送达）")
    DELIVERED = "delivered", _("已送达")
    WITHDRAWN = "withdrawn", _("已撤回")
    TERMINATED = "terminated", _("已终止")


#: States from which the applicant may still withdraw (before a decision).
WITHDRAWABLE_STATES = (CaseState.SUBMITTED, CaseState.SUPPLEMENTING, CaseState.PROCESSING)
#: States in which nothing more happens to the case.
FINAL_STATES = (CaseState.REJECTED, CaseState.DELIVERED, CaseState.WITHDRAWN, CaseState.TERMINATED)


class Decision(models.TextChoices):
    """办结结果 (result_type)."""

    APPROVED = "approved", _("准予许可")
    DENIED = "denied", _("不予许可")


class DeliveryMethod(models.TextChoices):
    WINDOW = "window", _("窗口领取")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")


class MaterialProblem(models.TextChoices):
    """What is wrong with a material in a supplement request (补正告知)."""

    MISSING = "missing", _("缺少")
    WRONG = "wrong", _("不符合要求")


class ActionCode(models.TextChoices):
    """办理动作 (up_pro_process.event_name). The national code list was not found (STANDARDS.md §2):
    two-character codes of our own, kept stable for the exchange. The result types of ``up_pro_result``
    (01 准予, 02 不予, 03 申请人撤回, 04 终止办理, 05 不予受理) are ``services.library.RESULT_TYPES``."""

    SUBMIT = "SB", _("申报")
    SUPPLEMENT_REQUEST = "BZ", _("补正告知")
    SUPPLEMENT = "BC", _("补正提交")
    ACCEPT = "SL", _("受理")
    REFUSE = "BS", _("不予受理")
    CLAIM = "QS", _("签收")
    ASSIGN = "FP", _("指派")
    EXAMINE = "SC", _("审查")
    SPECIAL_START = "TK", _("特别程序开始")
    SPECIAL_END = "TJ", _("特别程序结束")
    EXTEND = "YQ", _("延期")
    DECIDE = "JD", _("决定")
    DELIVER = "SD", _("送达")
    WITHDRAW = "CH", _("撤回")
    TERMINATE = "ZZ", _("终止")
    NOTE = "BJ", _("备注")


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("申报回执")
    SUPPLEMENT_NOTICE = "supplement_notice", _("补正材料通知书")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("受理通知书")
    REFUSAL_NOTICE = "refusal_notice", _("不予受理通知书")
    TERMINATION_NOTICE = "termination_notice", _("终止办理通知书")
    WITHDRAWAL_NOTICE = "withdrawal_notice", _("撤回申请确认书")
    EXTENSION_NOTICE = "extension_notice", _("延长期限告知书")
    DECISION = "decision", _("许可决定书")
    DELIVERY_RECEIPT = "delivery_receipt", _("送达回证")
    ATTACHMENT = "attachment", _("办理附件")


class CdOperation(models.TextChoices):
    """The sync type of an exchange row (cd_operation)."""

    INSERT = "I", _("新增")
    UPDATE = "U", _("修改")
    DELETE = "D", _("删除")
