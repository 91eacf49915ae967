"""The shapes of the case API (the mobile app's applicant journey and the department systems' handling).

Same conventions as :mod:`.schemas`: English snake_case, coded values as ``{"code", "label"}``, ISO 8601
times. Applicant answers carry only what the applicant's own pages show (their own form values, masked
names); staff are never named — the acting agency is. Department answers carry what the staff case page
shows to the service account's agency, with the applicant's name and document number masked.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from .schemas import Coded

# --- shared ---------------------------------------------------------------------------------------


class ItemRef(Schema):
    implementation_code: str = Field(description="实施编码", examples=["11620423MB1234567X4000205001000"])
    name: str = Field(description="事项名称", examples=["最低生活保障审批"])
    version: int = Field(description="事项版本号（申请按该版本的表单、材料和流程办理）")


class OrganisationRef(Schema):
    uscc: str = Field(description="统一社会信用代码")
    name: str = Field(description="单位名称")


class StepOut(Schema):
    name: str = Field(description="环节名称", examples=["受理"])
    agency: str = Field(description="办理机构（简称）", examples=["县民政局"])
    state: Coded = Field(
        description="环节状态：waiting 未开始，active 办理中，done 已完成，skipped 无需办理，cancelled 已取消"
    )
    outcome: str = Field("", description="结论（同意/不同意），未完成时为空")
    started_at: datetime | None = Field(None, description="开始时间")
    finished_at: datetime | None = Field(None, description="完成时间")
    due_date: date | None = Field(None, description="环节到期日（办理中时）")


class TimelineEntryOut(Schema):
    at: datetime = Field(description="时间")
    kind: Literal["action", "pause", "resume"] = Field(description="action 办理动作，pause 暂停计时，resume 恢复计时")
    title: str = Field(description="动作或暂停的名称", examples=["受理"])
    agency: str = Field("", description="办理机构（不含工作人员姓名）")
    note: str = Field("", description="给申请人的说明")
    details: list[str] = Field(default_factory=list, description="补正内容（逐项）")


class DocumentOut(Schema):
    id: int
    kind: Coded = Field(
        description="文书类型：receipt 申报回执，supplement_notice 补正材料通知书，decision 许可决定书……"
    )
    title: str
    size: int = Field(description="字节数")
    created_at: datetime
    api_url: str = Field(description="下载地址（需同一令牌）")


class SupplementItemOut(Schema):
    requirement: int | None = Field(None, description="对应的申请材料编号（可在线补正），为空表示其他事项")
    name: str = Field(description="材料或事项")
    problem: Coded = Field(description="missing 缺少，wrong 不符合要求")
    note: str = Field(description="补正要求")


class SupplementOut(Schema):
    reason: str = Field(description="补正告知的说明")
    started_at: datetime
    items: list[SupplementItemOut]


# --- the applicant's journey (person tokens, scope "cases") ----------------------------------------


class RequirementOut(Schema):
    id: int = Field(description="申请材料编号（上传材料时使用）")
    name: str
    is_required: bool = Field(description="是否必需")
    copies: int
    note: str = ""


class ApplicationFormOut(Schema):
    item: ItemRef
    online: bool = Field(description="是否接受网上申请")
    for_persons: bool = Field(description="面向个人")
    for_organisations: bool = Field(description="面向法人和其他组织（以经办人身份申请时需带单位统一社会信用代码）")
    required_assurance_level: int = Field(description="需要的实名等级（1–3）")
    application_form: dict[str, Any] = Field(description="申请表单的定义（字段、类型、校验、条件显示），与网页表单相同")
    requirements: list[RequirementOut] = Field(description="申请材料")


class DraftIn(Schema):
    item: str = Field(min_length=1, max_length=60, description="事项的实施编码")
    organisation: str | None = Field(
        None, min_length=18, max_length=18, description="代表单位申请时：单位的统一社会信用代码（须是该单位的经办人）"
    )


class DraftUpdateIn(Schema):
    lock_version: int = Field(ge=1, description="读取草稿时得到的 lock_version；已被其他设备更新时返回 409 stale")
    data: dict[str, Any] | None = Field(None, description="表单内容（字段名 → 值），可以不完整；不传则不变")
    region: str | None = Field(None, max_length=12, description="办理乡镇的区划代码（就近申报），空字符串表示县城")
    centre: int | None = Field(None, ge=0, description="申报/领取地点（服务中心编号），0 表示不指定")
    delivery_method: Literal["window", "post", "electronic"] | None = Field(
        None, description="送达方式：window 窗口领取，post 邮寄，electronic 电子送达"
    )
    delivery_address: str | None = Field(None, max_length=300, description="邮寄地址（邮寄送达时）")


class MaterialOut(Schema):
    id: int = Field(description="材料记录编号（撤回该文件时使用）")
    requirement: int = Field(description="申请材料编号")
    requirement_name: str
    upload: int = Field(description="文件编号")
    name: str = Field(description="文件名")
    size: int


class DraftOut(Schema):
    id: int = Field(description="申请（草稿）编号")
    status: Coded = Field(description="draft 草稿，submitted 已提交")
    item: ItemRef
    organisation: OrganisationRef | None = None
    lock_version: int = Field(description="保存时带上，防止覆盖其他设备的修改")
    data: dict[str, Any] = Field(description="已保存的表单内容")
    region: str | None = Field(None, description="办理乡镇区划代码")
    centre: int | None = Field(None, description="服务中心编号")
    delivery_method: Coded
    delivery_address: str = ""
    materials: list[MaterialOut]
    requirements: list[RequirementOut]
    problems: dict[str, list[str]] = Field(
        description="提交前还需处理的问题（按部分：item、applicant、form、materials、place），全部为空时可提交"
    )
    case_number: str | None = Field(None, description="已提交时：办件编号")
    created_at: datetime
    updated_at: datetime
    api_url: str


class DraftListItemOut(Schema):
    id: int
    item: ItemRef
    organisation: OrganisationRef | None = None
    lock_version: int
    updated_at: datetime
    api_url: str


class UploadOut(Schema):
    id: int = Field(description="文件编号（添加到申请材料时使用）")
    name: str = Field(description="文件名（已清理）")
    content_type: str = Field(description="按内容识别的类型")
    size: int
    sha256: str
    created_at: datetime


class MaterialIn(Schema):
    requirement: int = Field(ge=1, description="申请材料编号")
    upload: int = Field(ge=1, description="文件编号（本人或本单位上传的文件）")


class SubmitIn(Schema):
    lock_version: int | None = Field(
        None, ge=1, description="可选：读取草稿时的 lock_version（与最新不符时返回 409 stale）"
    )


class SubmitOut(Schema):
    number: str = Field(description="办件编号")
    query_code: str = Field(description="查询码（与办件编号一起在办件查询页面查看进度；请勿放进网址）")
    state: Coded
    submitted_at: datetime
    api_url: str
    replayed: bool = Field(False, description="同一幂等键的重复请求：返回的是第一次提交的结果，没有新建办件")


class CaseListItemOut(Schema):
    number: str = Field(description="办件编号")
    item: ItemRef
    agency: str = Field(description="实施机构")
    organisation: OrganisationRef | None = Field(None, description="申请单位（为空表示个人申请）")
    state: Coded
    submitted_at: datetime
    promised_due: date | None = Field(None, description="承诺办结日期")
    api_url: str


class CaseOut(CaseListItemOut):
    applicant: str = Field(description="申请人（脱敏）")
    lock_version: int = Field(description="办件的修改次数：撤回时可带上，办件已有新进展时返回 409 stale")
    channel: Coded
    paused: Coded | None = Field(None, description="暂停计时的原因（补正、特别程序）")
    accepted_at: datetime | None = None
    decision: Coded | None = Field(None, description="办结结果")
    decided_at: datetime | None = None
    decision_reason: str = ""
    legal_remedy: str = ""
    result_number: str = ""
    delivery_method: Coded
    tracking_number: str = ""
    delivered_at: datetime | None = None
    supplement: SupplementOut | None = Field(None, description="待补正时：补正要求")
    steps: list[StepOut]
    timeline: list[TimelineEntryOut]
    documents: list[DocumentOut]


class SupplementMaterialIn(Schema):
    requirement: int = Field(ge=1, description="补正要求中的申请材料编号")
    upload: int = Field(ge=1, description="文件编号")


class SupplementIn(Schema):
    materials: list[SupplementMaterialIn] = Field(
        min_length=1, max_length=50, description="补正的文件（每项要求至少一个）"
    )


class WithdrawIn(Schema):
    reason: str = Field(min_length=1, max_length=500, description="撤回原因（写入《撤回申请确认书》）")
    lock_version: int | None = Field(
        None, ge=1, description="可选：读取办件时的 lock_version；办件已有新进展时返回 409 stale，不撤回"
    )


# --- department systems (client-credentials tokens, scopes cases.inbox / cases.handle) -----------------


class InboxRowOut(Schema):
    step: int = Field(description="环节编号（签收、审查时使用）")
    step_name: str
    step_kind: Coded = Field(description="accept 受理，examine 审查，decide 决定，deliver 送达")
    agency: str = Field(description="办理机构")
    role: Coded = Field(description="办理岗位")
    claimed: bool = Field(description="是否已被签收")
    due_date: date | None = Field(None, description="环节到期日")
    case: str = Field(description="办件编号")
    item: str = Field(description="事项名称")
    case_state: Coded
    paused: bool = Field(description="是否暂停计时（补正、特别程序）")
    lock_version: int = Field(description="办件的 lock_version（办理时带上）")
    api_url: str


class WorklistRowOut(Schema):
    step: int = Field(description="环节编号（签收、指派、审查时使用）")
    step_name: str
    step_kind: Coded = Field(description="accept 受理，examine 审查，decide 决定，deliver 送达")
    role: Coded = Field(description="办理岗位")
    claimed: bool = Field(description="是否已签收")
    assignee: str | None = Field(None, description="承办人的用户名（已签收或已指派时）")
    due_date: date | None = Field(None, description="环节到期日")
    remaining: int | None = Field(None, description="距到期日的工作日数（负数为已超期），暂停计时或已完成时为空")
    level: Coded | None = Field(
        None, description="到期提示：normal 正常，warning 即将到期（已用 90%），overdue 已超期，paused 暂停计时"
    )
    outcome: str = Field("", description="已办：办理结论")
    finished_at: datetime | None = Field(None, description="已办：完成时间")
    case: str = Field(description="办件编号")
    item: str = Field(description="事项名称")
    case_state: Coded
    township: str | None = Field(None, description="办理乡镇（就近申报时）")
    api_url: str


class WorklistOut(Schema):
    tab: Literal["todo", "doing", "done"] = Field(description="todo 待办，doing 在办，done 已办")
    agency: str = Field(description="机构代码")
    counts: dict[str, str] = Field(
        description="三个列表各自的条数（超过 1000 时为“1000+”；有筛选条件时已办不计数，为空字符串）"
    )
    items: list[WorklistRowOut]
    next: str | None = Field(None, description="下一页的游标（作为 after 参数传回），没有下一页时为空")


class DeptStepOut(Schema):
    id: int
    name: str
    kind: Coded
    agency: str
    role: Coded
    state: Coded
    outcome: str = ""
    opinion: str = Field("", description="办理意见")
    claimed: bool
    assignee: str | None = Field(None, description="承办人的用户名（已签收或已指派时）")
    started_at: datetime | None = None
    finished_at: datetime | None = None
    due_date: date | None = None


class DeptMaterialOut(Schema):
    requirement: str
    name: str
    content_type: str
    size: int
    sha256: str
    replaced: bool = Field(description="已被补正材料替换")


class DeptSpecialOut(Schema):
    kind: Coded = Field(description="特别程序：hearing 听证，inspection 现场勘验/检验，expert_review 专家评审……")
    reason: str
    legal_basis: str = ""
    started_at: datetime
    planned_end: date | None = Field(None, description="预计结束日期")


class DeptDocumentOut(Schema):
    id: int
    kind: Coded = Field(
        description="文书类型：acceptance_notice 受理通知书，decision 许可决定书，attachment 审查附件……"
    )
    title: str
    content_type: str
    size: int = Field(description="字节数")
    sha256: str
    public: bool = Field(description="申请人是否可见（审查附件不可见）")
    created_at: datetime
    api_url: str = Field(description="下载地址（需授权范围 cases.inbox 的令牌）")


class DeptActionsOut(Schema):
    """What the service account may do on the case now (the services check again when it acts)."""

    accept: bool = Field(description="可受理、不予受理")
    supplement_request: bool = Field(description="可一次性告知补正")
    claim: list[int] = Field(description="可签收的环节编号")
    assign: list[int] = Field(description="可指派的环节编号（审批决定人）")
    examine: list[int] = Field(description="可审查的环节编号")
    special_start: bool = Field(description="可启动特别程序")
    special_end: bool = Field(description="可结束特别程序")
    extend: bool = Field(description="可延长期限（审批决定人，仅一次）")
    extend_max: int = Field(description="最多可延长的工作日数（不可延长时为 0）")
    decide: bool
    deliver: bool
    terminate: bool


class DeptCaseOut(Schema):
    number: str
    item: ItemRef
    agency: str
    summary: str = Field(description="办理摘要")
    applicant: str = Field(description="申请人（脱敏）")
    applicant_kind: Coded
    applicant_doc_masked: str = Field(description="证件号码（脱敏）")
    channel: Coded
    state: Coded
    lock_version: int = Field(description="办理时带上；已被他人更新时返回 409 stale")
    paused: Coded | None = None
    submitted_at: datetime
    accept_due: date | None = Field(None, description="应受理（告知）日期")
    accepted_at: datetime | None = None
    promised_due: date | None = None
    legal_due: date | None = None
    extension_days: int = Field(0, description="已延长的工作日数")
    extension_reason: str = Field("", description="延期理由")
    decision: Coded | None = None
    decided_at: datetime | None = None
    decision_reason: str = ""
    legal_remedy: str = ""
    result_name: str = Field("", description="结果名称（许可证件或决定书）")
    result_number: str = Field("", description="结果文号/证照编号")
    delivery_method: Coded | None = Field(None, description="送达方式（申请人选择的，送达后为实际的）")
    tracking_number: str = Field("", description="邮件单号（邮寄送达时）")
    delivered_at: datetime | None = None
    closed_at: datetime | None = Field(None, description="办件结束时间（送达、不予受理、撤回、终止）")
    supplement: SupplementOut | None = None
    special: DeptSpecialOut | None = Field(None, description="进行中的特别程序（暂停计时）")
    steps: list[DeptStepOut]
    materials: list[DeptMaterialOut]
    documents: list[DeptDocumentOut] = Field(description="办件的文书：受理通知书、许可决定书（结果文书）、送达回证……")
    actions: DeptActionsOut = Field(description="服务账号现在可以执行的办理动作")
    api_url: str


class AcceptIn(Schema):
    lock_version: int | None = Field(None, ge=1, description="办件的 lock_version；不传则不比较")
    opinion: str = Field("", max_length=2000, description="受理意见")


class RefuseIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    reason: str = Field(min_length=1, max_length=2000, description="不予受理的理由")
    legal_remedy: str = Field("", max_length=2000, description="救济途径（为空时使用默认表述）")


class SupplementRequestItemIn(Schema):
    requirement: int | None = Field(None, description="申请材料编号（对应事项材料时）")
    name: str = Field("", max_length=200, description="材料或事项名称（无对应材料时必填）")
    problem: Literal["missing", "wrong"] = Field(description="missing 缺少，wrong 不符合要求")
    note: str = Field("", max_length=300, description="补正要求")


class SupplementRequestIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    note: str = Field("", max_length=2000, description="补正告知的说明")
    items: list[SupplementRequestItemIn] = Field(min_length=1, max_length=50, description="一次性告知的全部补正内容")


class ExamineIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    outcome: Literal["agree", "disagree"] = Field(description="agree 同意，disagree 不同意")
    opinion: str = Field(min_length=1, max_length=2000, description="审查意见")


class DecideIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    decision: Literal["approved", "denied"] = Field(description="approved 准予许可，denied 不予许可")
    reason: str = Field(min_length=1, max_length=2000, description="决定理由")
    legal_remedy: str = Field("", max_length=2000, description="救济途径")
    result_number: str = Field("", max_length=100, description="结果文号/证照编号")


class DeliverIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    method: Literal["window", "post", "electronic"] = Field(
        description="window 窗口领取，post 邮寄，electronic 电子送达"
    )
    tracking_number: str = Field("", max_length=40, description="邮件单号（邮寄时必填）")


class AssigneeOut(Schema):
    username: str = Field(description="用户名（指派时使用）")
    name: str = Field(description="姓名")


class AssignIn(Schema):
    assignee: str = Field(min_length=1, max_length=150, description="被指派人的用户名（见“可指派的人员”）")


SpecialKind = Literal["hearing", "inspection", "testing", "appraisal", "expert_review", "bidding"]


class SpecialStartIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    kind: SpecialKind = Field(
        description="hearing 听证，inspection 现场勘验/检验，testing 检测/检疫，appraisal 鉴定，"
        "expert_review 专家评审，bidding 招标/拍卖"
    )
    reason: str = Field(min_length=1, max_length=2000, description="原因（申请人可见）")
    legal_basis: str = Field("", max_length=300, description="依据")
    planned_end: date | None = Field(None, description="预计结束日期（不早于今天）")


class SpecialEndIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    result: str = Field(min_length=1, max_length=2000, description="特别程序的结果（如听证结论、检验结果）")


class ExtendIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    days: int = Field(
        ge=1, le=15, description="延长的工作日数：最多 10 个，联合办理（并联审批）最多 15 个；只能延长一次"
    )
    reason: str = Field(min_length=1, max_length=2000, description="延期理由（写入《延长期限告知书》，告知申请人）")


class TerminateIn(Schema):
    lock_version: int | None = Field(None, ge=1)
    reason: str = Field(min_length=1, max_length=2000, description="终止理由（写入《终止办理通知书》，告知申请人）")
