"""Department systems on ``/api/v1/dept/``: their inbox and handling actions, with client-credentials tokens.

A department's own system is a **machine client** registered by the 安全管理员 with the scopes ``cases.inbox``
(read) and/or ``cases.handle`` (act), and a **service account**: a staff ``User`` with memberships (岗位) in the
department (``OidcClient.service_user``). The token is mapped to that account and every read and action goes
through the same selectors, services and django-rules permissions as a person at the screen
(``cases.view_case``, ``cases.handle_step``…): the system sees only steps of its account's agencies and roles,
and an action on another agency's case is refused. Without a service account the answer is 403
``no_service_account``. Actions are recorded and audited with the service account as the actor.

Unknown cases and cases of other agencies are both 404 (a system cannot probe numbers); a step it may see but
not handle is 403 from the services.

The actions are those of the staff case page (``zwfw/cases/views/staff.py``), each one call of its service in
:mod:`zwfw.cases.services.handling`: accept, refuse, supplement request, claim, assign (the decider), examine,
special procedures (start / end: the clock stops), extension (the decider, reasons told to the applicant),
decide (the result document is generated), deliver (post with a tracking number), terminate; the documents
(result document included) are read through the staff selector, the 待办 / 在办 / 已办 lists through the staff
inbox's ``inbox_page`` (``/dept/worklist/{tab}``). Each action with an opinion or a reason also has a multipart
twin ``<path>/with-attachments`` (the JSON body as ``payload`` plus files), going through the same service call
as the web form's attachment field. Every action honours ``Idempotency-Key``
(:func:`.cases_common.act_once`, one key space per client): a retry with the same key and body answers with
the first result and has no second effect; the same key with another request is 409 ``idempotency_mismatch``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Query, Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from zwfw.cases.choices import ApplicantKind, CaseState, Channel, Decision, DeliveryMethod, DocumentKind
from zwfw.cases.models import Case, CaseStep
from zwfw.cases.selectors.inbox import InboxFilters, case_actions_for, colleagues_for, inbox_page, staff_document
from zwfw.cases.services.handling import (
    case_accept,
    case_decide,
    case_deliver,
    case_extend,
    case_refuse,
    case_terminate,
    special_end,
    special_start,
    step_assign,
    step_claim,
    step_examine,
    supplement_request,
)
from zwfw.catalog.models import MaterialRequirement, ServiceItem
from zwfw.core import clock
from zwfw.core.downloads import file_download
from zwfw.core.services.idempotency import request_fingerprint
from zwfw.core.workdays import working_calendar
from zwfw.org.choices import Role
from zwfw.org.models import Agency, Region
from zwfw.org.rules import active_roles
from zwfw.workflow.choices import DeadlineLevel, PauseKind, StepKind, StepState

from .auth import BearerGrant, OAuth2Bearer, bearer_answers
from .cases_common import (
    ACTION_IDEMPOTENCY_HELP,
    IDEMPOTENCY_HELP,
    MappedRows,
    act_once,
    item_ref,
    paused_out,
    replay_header,
    state_out,
    supplement_out,
)
from .errors import ApiError, ErrorOut, invalid, not_found
from .pagination import Pagination
from .schemas import coded
from .schemas_cases import (
    AcceptIn,
    AssigneeOut,
    AssignIn,
    DecideIn,
    DeliverIn,
    DeptCaseOut,
    ExamineIn,
    ExtendIn,
    InboxRowOut,
    RefuseIn,
    SpecialEndIn,
    SpecialStartIn,
    SupplementRequestIn,
    TerminateIn,
    WorklistOut,
)

router = Router(tags=["部门业务系统（系统间调用）"])
router.add_decorator(bearer_answers, mode="view")
router.add_decorator(replay_header, mode="view")

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut, 422: ErrorOut}


@dataclass(frozen=True)
class ServiceGrant:
    """A machine token mapped to its client's service account (``actor``)."""

    grant: BearerGrant
    actor: Any


class ServiceAccountBearer(OAuth2Bearer):
    """A client-credentials token holding ``scopes`` whose client has an active staff service account."""

    def __init__(self, *scopes: str) -> None:
        super().__init__(*scopes, subject="machine")

    def __call__(self, request: HttpRequest) -> ServiceGrant:
        grant = super().__call__(request)
        client = getattr(grant.client, "zwfw_client", None)
        user = client.service_user if client is not None and client.service_user_id else None
        if user is None or not user.is_active or user.kind != "staff":
            raise ApiError(
                403,
                _(
                    "该接入应用没有设置可用的服务账号，不能调用办件接口。请联系安全管理员在“接入应用”中设置服务账号及其岗位。"
                ),
                code="no_service_account",
            )
        return ServiceGrant(grant=grant, actor=user)


inbox_auth = ServiceAccountBearer("cases.inbox")
handle_auth = ServiceAccountBearer("cases.handle")


def _actor(request: HttpRequest) -> Any:
    return request.auth.actor  # type: ignore[attr-defined]


def _case(actor: Any, number: str) -> Case:
    """A case the service account may see; unknown and another agency's alike are 404."""
    case = Case.objects.select_related("item", "version", "agency", "organisation").filter(number=number[:60]).first()
    if case is None or not actor.has_perm("cases.view_case", case):
        raise not_found(_("未找到该办件，或该办件不属于本系统服务账号所在的机构。"))
    return case


def _step(actor: Any, step_id: int) -> CaseStep:
    step = CaseStep.objects.select_related("case", "case__version", "agency").filter(pk=step_id).first()
    if step is None or not actor.has_perm("cases.view_case", step.case):
        raise not_found(_("未找到该办理环节，或它不属于本系统服务账号所在的机构。"))
    return step


def _case_url(case: Case) -> str:
    return reverse("api-v1:dept_case", kwargs={"number": case.number})


def _document_out(case: Case, document: Any) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": coded(document.kind, DocumentKind),
        "title": document.title,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "public": document.is_public,
        "created_at": document.created_at,
        "api_url": reverse("api-v1:dept_case_document", kwargs={"number": case.number, "document_id": document.pk}),
    }


def _actions_out(actor: Any, case: Case, steps: list[CaseStep], open_pause: Any) -> dict[str, Any]:
    allowed = case_actions_for(actor, case, steps, open_pause)
    return {
        "accept": allowed.accept_step is not None,
        "supplement_request": allowed.can_supplement,
        "claim": [s.pk for s in allowed.claim_steps],
        "assign": [s.pk for s, _colleagues in allowed.assign_steps],
        "examine": [s.pk for s in allowed.examine_steps],
        "special_start": allowed.special_start,
        "special_end": allowed.special_end,
        "extend": allowed.extend,
        "extend_max": allowed.extend_max,
        "decide": allowed.decide_step is not None,
        "deliver": allowed.deliver_step is not None,
        "terminate": allowed.terminate,
    }


def _dept_case_out(case: Case, actor: Any) -> dict[str, Any]:
    steps = list(case.steps.select_related("agency", "assignee").order_by("stage", "order"))
    open_pause = case.pauses.filter(ended_at__isnull=True).prefetch_related("items").first()
    open_supplement = (
        open_pause
        if open_pause is not None and open_pause.kind == PauseKind.SUPPLEMENT and case.state == CaseState.SUPPLEMENTING
        else None
    )
    special = open_pause if open_pause is not None and open_pause.kind != PauseKind.SUPPLEMENT else None
    documents = list(case.documents.order_by("created_at", "id"))
    materials = case.application.materials.select_related("requirement", "upload").order_by(
        "requirement__order", "added_at", "id"
    )
    return {
        "number": case.number,
        "item": item_ref(case),
        "agency": case.agency.name,
        "summary": case.summary,
        "applicant": case.applicant_name_masked,
        "applicant_kind": coded(case.applicant_kind, ApplicantKind),
        "applicant_doc_masked": case.applicant_doc_masked,
        "channel": coded(case.channel, Channel),
        "state": state_out(case),
        "lock_version": case.lock_version,
        "paused": paused_out(case),
        "submitted_at": case.submitted_at,
        "accept_due": case.accept_due,
        "accepted_at": case.accepted_at,
        "promised_due": case.promised_due,
        "legal_due": case.legal_due,
        "extension_days": case.extension_days,
        "extension_reason": case.extension_reason,
        "decision": coded(case.decision, Decision),
        "decided_at": case.decided_at,
        "decision_reason": case.decision_reason,
        "legal_remedy": case.legal_remedy,
        "result_name": case.result_name,
        "result_number": case.result_number,
        "delivery_method": coded(case.delivery_method, DeliveryMethod),
        "tracking_number": case.tracking_number,
        "delivered_at": case.delivered_at,
        "closed_at": case.closed_at,
        "supplement": supplement_out(open_supplement),
        "special": (
            {
                "kind": coded(special.kind, PauseKind),
                "reason": special.reason,
                "legal_basis": special.legal_basis,
                "started_at": special.started_at,
                "planned_end": special.planned_end_date,
            }
            if special is not None
            else None
        ),
        "steps": [
            {
                "id": s.pk,
                "name": s.name,
                "kind": coded(s.kind, StepKind),
                "agency": s.agency.short_name or s.agency.name,
                "role": coded(s.role, Role),
                "state": coded(s.state, StepState),
                "outcome": s.get_outcome_display() if s.outcome else "",
                "opinion": s.opinion,
                "claimed": s.claimed_at is not None,
                "assignee": s.assignee.username if s.assignee_id else None,
                "started_at": s.started_at,
                "finished_at": s.finished_at,
                "due_date": s.due_date,
            }
            for s in steps
        ],
        "materials": [
            {
                "requirement": m.requirement.name,
                "name": m.upload.original_name,
                "content_type": m.upload.content_type,
                "size": m.upload.size,
                "sha256": m.upload.sha256,
                "replaced": m.replaced_at is not None,
            }
            for m in materials
        ],
        "documents": [_document_out(case, d) for d in documents],
        "actions": _actions_out(actor, case, steps, open_pause),
        "api_url": _case_url(case),
    }


def _inbox_row(step: CaseStep) -> dict[str, Any]:
    case = step.case
    return {
        "step": step.pk,
        "step_name": step.name,
        "step_kind": coded(step.kind, StepKind),
        "agency": step.agency.short_name or step.agency.name,
        "role": coded(step.role, Role),
        "claimed": step.claimed_at is not None,
        "due_date": step.due_date,
        "case": case.number,
        "item": case.version.name,
        "case_state": state_out(case),
        "paused": bool(case.paused_kind) or case.state == CaseState.SUPPLEMENTING,
        "lock_version": case.lock_version,
        "api_url": _case_url(case),
    }


# --- reads ----------------------------------------------------------------------------------------------


@router.get(
    "/dept/inbox",
    auth=inbox_auth,
    response={200: list[InboxRowOut], **ERRORS},
    url_name="dept_inbox",
    summary="待办环节",
    description=(
        "服务账号所在机构、所任岗位的办理中环节，按环节到期日排序（最早到期的在前）。"
        "agency 为机构代码（/agencies 中的 slug），claimed 为 true/false 只看已签收/未签收的。"
        "需要客户端凭据令牌（授权范围 cases.inbox）和服务账号。"
    ),
)
@paginate(Pagination)
def inbox(request: HttpRequest, agency: str | None = None, claimed: bool | None = None) -> Any:
    actor = _actor(request)
    roles = active_roles(actor)
    if agency:
        chosen = Agency.objects.filter(slug=agency[:60]).first()
        if chosen is None:
            raise invalid("agency", _("没有这个机构代码。"))
        roles = frozenset(pair for pair in roles if pair[0] == chosen.pk)
    if not roles:
        rows = CaseStep.objects.none()
    else:
        where = Q()
        for agency_id, role in roles:
            where |= Q(agency_id=agency_id, role=role)
        rows = CaseStep.objects.filter(where, state=StepState.ACTIVE).filter(
            Q(assignee__isnull=True) | Q(assignee=actor)
        )
        if claimed is not None:
            rows = rows.filter(claimed_at__isnull=not claimed)
    rows = rows.select_related("case", "case__version", "agency").order_by(F("due_date").asc(nulls_last=True), "pk")
    return MappedRows(rows, _inbox_row)


def _worklist_row(row: Any) -> dict[str, Any]:
    step, deadline = row.step, row.deadline
    case = step.case
    return {
        "step": step.pk,
        "step_name": step.name,
        "step_kind": coded(step.kind, StepKind),
        "role": coded(step.role, Role),
        "claimed": step.claimed_at is not None,
        "assignee": step.assignee.username if step.assignee_id else None,
        "due_date": step.due_date if step.state == StepState.ACTIVE else None,
        "remaining": deadline.remaining,
        "level": coded(deadline.level, DeadlineLevel) if deadline.level else None,
        "outcome": step.get_outcome_display() if step.outcome else "",
        "finished_at": step.finished_at,
        "case": case.number,
        "item": case.version.name,
        "case_state": state_out(case),
        "township": case.region.name if case.region_id else None,
        "api_url": _case_url(case),
    }


@router.get(
    "/dept/worklist/{tab}",
    auth=inbox_auth,
    response={200: WorklistOut, **ERRORS, 422: ErrorOut},
    url_name="dept_worklist",
    summary="待办、在办、已办",
    description=(
        "与工作人员的“办件办理”列表相同：todo 待办（本机构本岗位未签收的、或指派给服务账号的环节），"
        "doing 在办（服务账号已签收的），done 已办（服务账号办完的，最新的在前）；待办和在办按到期日排序，"
        "带剩余工作日和到期提示。筛选：item 实施编码，state 办件状态，due 为 soon（3 个工作日内到期）"
        "或 overdue（已超期），township 乡镇区划代码。按游标翻页：把应答的 next 作为 after 传回；"
        "page_size 1–100（默认 30）。"
        "服务账号在多个机构任职时须用 agency 指定机构。"
    ),
)
def worklist(
    request: HttpRequest,
    tab: Literal["todo", "doing", "done"],
    agency: str | None = Query(None, description="机构代码（服务账号在多个机构任职时必填）"),  # noqa: B008
    item: str | None = Query(None, description="事项的实施编码"),  # noqa: B008
    state: Literal["submitted", "supplementing", "processing", "decided"] | None = Query(  # noqa: B008
        None, description="办件状态"
    ),
    due: Literal["soon", "overdue"] | None = Query(None, description="soon 即将到期，overdue 已超期"),  # noqa: B008
    township: str | None = Query(None, description="乡镇的区划代码（就近申报的办件）"),  # noqa: B008
    after: str | None = Query(None, max_length=80, description="上一页应答中的 next"),  # noqa: B008
    page_size: int = Query(30, ge=1, le=100, description="每页条数"),  # noqa: B008
) -> Any:
    actor = _actor(request)
    mine = {agency_id for agency_id, _role in active_roles(actor)}
    if agency:
        chosen = Agency.objects.filter(slug=agency[:60], pk__in=mine).first()
        if chosen is None:
            raise invalid("agency", _("服务账号不在这个机构任职。"))
    elif len(mine) == 1:
        chosen = Agency.objects.get(pk=next(iter(mine)))
    else:
        raise invalid("agency", _("服务账号在多个机构任职（或没有任职），请用机构代码指定机构。"))
    filters = InboxFilters(state=state or "", due=due or "")
    if item:
        found = ServiceItem.objects.filter(implementation_code=item[:60]).values_list("pk", flat=True).first()
        if found is None:
            raise invalid("item", _("没有这个实施编码的事项。"))
        filters.item = found
    if township:
        found = Region.objects.filter(code=township[:12]).values_list("pk", flat=True).first()
        if found is None:
            raise invalid("township", _("没有这个区划代码。"))
        filters.township = found
    page = inbox_page(
        user=actor,
        agency=chosen,
        tab=tab,
        filters=filters,
        today=clock.today(),
        calendar=working_calendar(),
        cursor=after or "",
        per_page=page_size,
    )
    return {
        "tab": page.tab,
        "agency": chosen.slug,
        "counts": page.counts,
        "items": [_worklist_row(row) for row in page.rows],
        "next": page.next_cursor or None,
    }


@router.get(
    "/dept/cases/{number}",
    auth=inbox_auth,
    response={200: DeptCaseOut, **ERRORS},
    url_name="dept_case",
    summary="办件详情（部门）",
    description=(
        "办件的状态、lock_version、各环节（含意见和承办人）、补正内容、进行中的特别程序、延期、决定和送达信息、"
        "申请材料清单、文书（含结果文书）和服务账号现在可以执行的动作（actions）。申请人信息已脱敏。"
    ),
)
def dept_case(request: HttpRequest, number: str) -> Any:
    actor = _actor(request)
    return _dept_case_out(_case(actor, number), actor)


@router.get(
    "/dept/cases/{number}/documents/{document_id}",
    auth=inbox_auth,
    response={200: None, **ERRORS},
    url_name="dept_case_document",
    summary="下载文书（部门）",
    description=(
        "办件的文书：申报回执、受理或不予受理通知书、补正材料通知书、延长期限告知书、许可决定书（结果文书）、"
        "送达回证、审查附件等，以附件方式返回（PDF 或原文件类型）。其他机构的办件返回 404。"
    ),
)
def dept_case_document(request: HttpRequest, number: str, document_id: int) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    document = staff_document(actor, case.number, document_id)  # 404 for a document of another case
    return file_download(
        document.file.open,
        filename=f"{case.number}-{document.title}.{document.extension}",
        content_type=document.content_type,
    )


@router.get(
    "/dept/steps/{step_id}/assignees",
    auth=inbox_auth,
    response={200: list[AssigneeOut], **ERRORS},
    url_name="dept_step_assignees",
    summary="可指派的人员",
    description="在该环节的机构担任该环节岗位、可被指派承办的在岗人员（用户名和姓名），供审批决定人指派时选择。",
)
def step_assignees(request: HttpRequest, step_id: int) -> Any:
    step = _step(_actor(request), step_id)
    return [{"username": u.username, "name": u.get_full_name()} for u in colleagues_for(step)]


# --- actions --------------------------------------------------------------------------------------------

ACTION_HELP = (
    "需要客户端凭据令牌（授权范围 cases.handle）和服务账号，服务账号须在该环节的机构担任相应岗位。"
    "lock_version 与办件当前不符时返回 409 stale，不合法的状态转换返回 409 illegal_transition。"
    + ACTION_IDEMPOTENCY_HELP
)
ATTACHMENTS_HELP = (
    "以 multipart/form-data 提交：payload 为与不带附件的接口相同的 JSON 请求体（字符串），attachments 为附件"
    "（一个或多个，最多 10 个，如现场核查记录、会审纪要、听证笔录；PDF、OFD、Word、Excel、JPG、PNG，按内容识别类型，"
    "每个不超过 20 MB）。附件作为该办理动作的内部办理附件保存（申请人不可见），文件不符合要求时返回 422，什么也不改变。"
)
PAYLOAD_HELP = "JSON 请求体（字符串），与不带附件的接口相同"
#: One key space per client for every department action: a key names one request, whatever the endpoint.
DEPT_ACTIONS = "cases.dept_action"


def _key_header() -> Any:
    return Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_HELP)


def _act(
    request: HttpRequest,
    *,
    case: Case,
    operation: str,
    audit_action: str,
    key: str | None,
    request_body: dict[str, Any],
    run: Any,
    target: Any = None,
) -> dict[str, Any]:
    """Run ``run`` (the service call) once per Idempotency-Key and answer with the case as it is afterwards.

    The request's fingerprint is the operation, the case, the step (``target``) and ``request_body`` (the JSON
    body; for a multipart request the payload and each attachment's name and SHA-256)."""
    actor = _actor(request)
    client_id = request.auth.grant.client.client_id  # type: ignore[attr-defined]

    def answer() -> dict[str, Any]:
        run()
        return _dept_case_out(_case(actor, case.number), actor)

    return act_once(
        request,
        actor=actor,
        owner=f"client:{client_id}",
        scope=DEPT_ACTIONS,
        key=key,
        fingerprint=request_fingerprint(operation, case.number, target, request_body),
        audit_action=audit_action,
        audit_obj=case,
        run=answer,
    )


# Each action's service call, shared by its JSON endpoint and its multipart twin (with attachments).
# ``target`` is the case, or the step for the step actions.


def _perform_accept(actor: Any, case: Case, body: AcceptIn, attachments: Sequence[Any] = ()) -> None:
    case_accept(actor=actor, case=case, lock_version=body.lock_version, opinion=body.opinion, attachments=attachments)


def _perform_refuse(actor: Any, case: Case, body: RefuseIn, attachments: Sequence[Any] = ()) -> None:
    case_refuse(
        actor=actor,
        case=case,
        lock_version=body.lock_version,
        reason=body.reason,
        legal_remedy=body.legal_remedy,
        attachments=attachments,
    )


def _perform_supplement_request(
    actor: Any, case: Case, body: SupplementRequestIn, attachments: Sequence[Any] = ()
) -> None:
    items = []
    for given in body.items:
        requirement = None
        if given.requirement is not None:
            requirement = MaterialRequirement.objects.filter(pk=given.requirement, version_id=case.version_id).first()
            if requirement is None:
                raise invalid("items.requirement", _("该材料不属于这件申请的事项版本。"))
        items.append({"requirement": requirement, "name": given.name, "problem": given.problem, "note": given.note})
    supplement_request(
        actor=actor, case=case, lock_version=body.lock_version, items=items, note=body.note, attachments=attachments
    )


def _perform_examine(actor: Any, step: CaseStep, body: ExamineIn, attachments: Sequence[Any] = ()) -> None:
    step_examine(
        actor=actor,
        step=step,
        lock_version=body.lock_version,
        outcome=body.outcome,
        opinion=body.opinion,
        attachments=attachments,
    )


def _perform_special_start(actor: Any, case: Case, body: SpecialStartIn, attachments: Sequence[Any] = ()) -> None:
    special_start(
        actor=actor,
        case=case,
        kind=body.kind,
        reason=body.reason,
        legal_basis=body.legal_basis,
        planned_end=body.planned_end,
        attachments=attachments,
        lock_version=body.lock_version,
    )


def _perform_special_end(actor: Any, case: Case, body: SpecialEndIn, attachments: Sequence[Any] = ()) -> None:
    special_end(actor=actor, case=case, result=body.result, attachments=attachments, lock_version=body.lock_version)


def _perform_extend(actor: Any, case: Case, body: ExtendIn, attachments: Sequence[Any] = ()) -> None:
    case_extend(
        actor=actor,
        case=case,
        days=body.days,
        reason=body.reason,
        attachments=attachments,
        lock_version=body.lock_version,
    )


def _perform_decide(actor: Any, case: Case, body: DecideIn, attachments: Sequence[Any] = ()) -> None:
    case_decide(
        actor=actor,
        case=case,
        lock_version=body.lock_version,
        decision=body.decision,
        reason=body.reason,
        legal_remedy=body.legal_remedy,
        result_number=body.result_number,
        attachments=attachments,
    )


def _perform_deliver(actor: Any, case: Case, body: DeliverIn, attachments: Sequence[Any] = ()) -> None:
    case_deliver(
        actor=actor,
        case=case,
        method=body.method,
        tracking_number=body.tracking_number,
        attachments=attachments,
        lock_version=body.lock_version,
    )


def _perform_terminate(actor: Any, case: Case, body: TerminateIn, attachments: Sequence[Any] = ()) -> None:
    case_terminate(actor=actor, case=case, reason=body.reason, attachments=attachments, lock_version=body.lock_version)


# --- the JSON endpoints -----------------------------------------------------------------------------------


def _case_action(
    request: HttpRequest, number: str, body: Any, key: str | None, *, operation: str, audit_action: str, perform: Any
) -> dict[str, Any]:
    actor = _actor(request)
    case = _case(actor, number)
    return _act(
        request,
        case=case,
        operation=operation,
        audit_action=audit_action,
        key=key,
        request_body=body.dict(),
        run=lambda: perform(actor, case, body),
    )


@router.post(
    "/dept/cases/{number}/accept",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_accept",
    summary="受理",
    description="受理申请（受理环节），生成受理通知书，通知申请人。" + ACTION_HELP,
)
def accept(request: HttpRequest, number: str, body: AcceptIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request, number, body, idempotency_key, operation="accept", audit_action="case.accept", perform=_perform_accept
    )


@router.post(
    "/dept/cases/{number}/refuse",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_refuse",
    summary="不予受理",
    description="不予受理（必须说明理由），生成不予受理通知书，通知申请人，办件结束。" + ACTION_HELP,
)
def refuse(request: HttpRequest, number: str, body: RefuseIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request, number, body, idempotency_key, operation="refuse", audit_action="case.refuse", perform=_perform_refuse
    )


@router.post(
    "/dept/cases/{number}/supplement-request",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_supplement_request",
    summary="补正告知",
    description="一次性告知全部需要补正的材料（只能告知一次），计时暂停，生成补正材料通知书并通知申请人。"
    + ACTION_HELP,
)
def supplement(
    request: HttpRequest, number: str, body: SupplementRequestIn, idempotency_key: str | None = _key_header()
) -> Any:
    return _case_action(
        request,
        number,
        body,
        idempotency_key,
        operation="supplement_request",
        audit_action="case.supplement_request",
        perform=_perform_supplement_request,
    )


@router.post(
    "/dept/steps/{step_id}/claim",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_step_claim",
    summary="签收环节",
    description="签收一个办理中的环节（此后由服务账号承办；已由他人签收时返回 409 claimed_by_other）。" + ACTION_HELP,
)
def claim(request: HttpRequest, step_id: int, idempotency_key: str | None = _key_header()) -> Any:
    actor = _actor(request)
    step = _step(actor, step_id)
    return _act(
        request,
        case=step.case,
        operation="claim",
        audit_action="case.step_claim",
        key=idempotency_key,
        request_body={},
        target=step.pk,
        run=lambda: step_claim(actor=actor, step=step),
    )


@router.post(
    "/dept/steps/{step_id}/assign",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_step_assign",
    summary="指派环节",
    description=(
        "审批决定人把办理中的环节指派给本机构担任该岗位的同事（用户名见“可指派的人员”），被指派人收到站内消息。"
        "服务账号不是该机构的审批决定人时返回 403；被指派人不能承办该环节时返回 422。" + ACTION_HELP
    ),
)
def assign(request: HttpRequest, step_id: int, body: AssignIn, idempotency_key: str | None = _key_header()) -> Any:
    actor = _actor(request)
    step = _step(actor, step_id)
    chosen = next((u for u in colleagues_for(step) if u.username == body.assignee), None)
    if chosen is None:
        raise invalid(
            "assignee",
            _("“%(agency)s”没有担任%(role)s的在岗人员“%(name)s”。")
            % {"agency": step.agency.name, "role": step.get_role_display(), "name": body.assignee[:150]},
        )
    return _act(
        request,
        case=step.case,
        operation="assign",
        audit_action="case.step_assign",
        key=idempotency_key,
        request_body=body.dict(),
        target=step.pk,
        run=lambda: step_assign(actor=actor, step=step, assignee=chosen),
    )


@router.post(
    "/dept/steps/{step_id}/examine",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_step_examine",
    summary="审查",
    description="对审查环节给出同意或不同意和审查意见；并联审批的最后一个分支完成后进入下一阶段。" + ACTION_HELP,
)
def examine(request: HttpRequest, step_id: int, body: ExamineIn, idempotency_key: str | None = _key_header()) -> Any:
    actor = _actor(request)
    step = _step(actor, step_id)
    return _act(
        request,
        case=step.case,
        operation="examine",
        audit_action="case.examine",
        key=idempotency_key,
        request_body=body.dict(),
        target=step.pk,
        run=lambda: _perform_examine(actor, step, body),
    )


@router.post(
    "/dept/cases/{number}/special-procedure/start",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_special_start",
    summary="启动特别程序",
    description=(
        "听证、现场勘验/检验、检测/检疫、鉴定、专家评审、招标/拍卖：办理期限自次日起暂停计时，申请人收到通知。"
        "须由审查或决定环节的承办岗位启动；办件不在办理中时返回 409 illegal_transition，"
        "已有进行中的特别程序时返回 409 paused。" + ACTION_HELP
    ),
)
def special_procedure_start(
    request: HttpRequest, number: str, body: SpecialStartIn, idempotency_key: str | None = _key_header()
) -> Any:
    return _case_action(
        request,
        number,
        body,
        idempotency_key,
        operation="special_start",
        audit_action="case.special_start",
        perform=_perform_special_start,
    )


@router.post(
    "/dept/cases/{number}/special-procedure/end",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_special_end",
    summary="结束特别程序",
    description=(
        "写明特别程序的结果，恢复计时，各到期日按暂停的工作日顺延。没有进行中的特别程序时返回 409 illegal_transition。"
        + ACTION_HELP
    ),
)
def special_procedure_end(
    request: HttpRequest, number: str, body: SpecialEndIn, idempotency_key: str | None = _key_header()
) -> Any:
    return _case_action(
        request,
        number,
        body,
        idempotency_key,
        operation="special_end",
        audit_action="case.special_end",
        perform=_perform_special_end,
    )


@router.post(
    "/dept/cases/{number}/extend",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_extend",
    summary="延长办理期限",
    description=(
        "实施机构负责人（审批决定人）决定延长办理期限（《行政许可法》第四十二条：最多 10 个工作日，联合办理 15 个，"
        "只能延长一次），理由写入《延长期限告知书》并告知申请人。服务账号不是审批决定人时返回 403；"
        "已延长过返回 409 already_extended。" + ACTION_HELP
    ),
)
def extend(request: HttpRequest, number: str, body: ExtendIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request, number, body, idempotency_key, operation="extend", audit_action="case.extend", perform=_perform_extend
    )


@router.post(
    "/dept/cases/{number}/decide",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_decide",
    summary="作出决定",
    description=(
        "准予或不予许可，写明理由和救济途径，生成许可决定书（结果文书，见 documents）并通知申请人。" + ACTION_HELP
    ),
)
def decide(request: HttpRequest, number: str, body: DecideIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request, number, body, idempotency_key, operation="decide", audit_action="case.decide", perform=_perform_decide
    )


@router.post(
    "/dept/cases/{number}/deliver",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_deliver",
    summary="送达",
    description="窗口领取、邮寄（须填邮件单号）或电子送达，生成送达回证，通知申请人，办件办结。" + ACTION_HELP,
)
def deliver(request: HttpRequest, number: str, body: DeliverIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request,
        number,
        body,
        idempotency_key,
        operation="deliver",
        audit_action="case.deliver",
        perform=_perform_deliver,
    )


@router.post(
    "/dept/cases/{number}/terminate",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_terminate",
    summary="终止办理",
    description=(
        "终止补正中或办理中的办件（如逾期未补正、申请人死亡），须写明理由；生成《终止办理通知书》并告知申请人。"
        "审批决定人或当前环节的承办岗位可以终止。" + ACTION_HELP
    ),
)
def terminate(request: HttpRequest, number: str, body: TerminateIn, idempotency_key: str | None = _key_header()) -> Any:
    return _case_action(
        request,
        number,
        body,
        idempotency_key,
        operation="terminate",
        audit_action="case.terminate",
        perform=_perform_terminate,
    )


# --- the same actions with attachments (multipart/form-data) -------------------------------------------------


def _file_digest(upload: Any) -> list[str]:
    """What identifies an attachment in the request's fingerprint: its name and the SHA-256 of its content."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return [upload.name or "", digest.hexdigest()]


def _payload(schema: type[Schema], text: str) -> Any:
    """The multipart ``payload`` field read as the JSON endpoint's body (the same 422 answers)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise invalid("payload", _("必须是 JSON 对象（与不带附件的接口的请求体相同）。")) from None
    if not isinstance(data, dict):
        raise invalid("payload", _("必须是 JSON 对象（与不带附件的接口的请求体相同）。"))
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        errors = [{**e, "loc": ("payload", *e.get("loc", ()))} for e in exc.errors(include_url=False)]
        raise NinjaValidationError(errors) from None


def _with_attachments(
    path: str, *, schema: type[Schema], operation: str, audit_action: str, summary: str, perform: Any
) -> None:
    """Register ``<path>/with-attachments``: the action at ``path`` with files, through the same ``perform``."""
    options = {
        "auth": handle_auth,
        "response": {200: DeptCaseOut, **WRITE_ERRORS},
        "url_name": f"dept_{operation}_with_attachments",
        "operation_id": f"dept_{operation}_with_attachments",
        "summary": f"{summary}（带附件）",
        "description": f"与“{summary}”相同，另带附件。" + ATTACHMENTS_HELP + ACTION_HELP,
    }

    def run(request: HttpRequest, case: Case, target: Any, payload: str, files: list[Any], key: str | None) -> Any:
        body = _payload(schema, payload)
        return _act(
            request,
            case=case,
            operation=operation,
            audit_action=audit_action,
            key=key,
            request_body={"payload": body.dict(), "attachments": [_file_digest(f) for f in files]},
            target=target.pk if isinstance(target, CaseStep) else None,
            run=lambda: perform(_actor(request), target, body, files),
        )

    if "{step_id}" in path:

        def on_step(
            request: HttpRequest,
            step_id: int,
            payload: str = Form(..., description=PAYLOAD_HELP),  # noqa: B008 - django-ninja's declaration
            attachments: list[UploadedFile] = File(..., description="附件（一个或多个文件）"),  # noqa: B008
            idempotency_key: str | None = _key_header(),
        ) -> Any:
            step = _step(_actor(request), step_id)
            return run(request, step.case, step, payload, list(attachments), idempotency_key)

        router.post(path + "/with-attachments", **options)(on_step)
    else:

        def on_case(
            request: HttpRequest,
            number: str,
            payload: str = Form(..., description=PAYLOAD_HELP),  # noqa: B008 - django-ninja's declaration
            attachments: list[UploadedFile] = File(..., description="附件（一个或多个文件）"),  # noqa: B008
            idempotency_key: str | None = _key_header(),
        ) -> Any:
            case = _case(_actor(request), number)
            return run(request, case, case, payload, list(attachments), idempotency_key)

        router.post(path + "/with-attachments", **options)(on_case)


for _path, _schema, _operation, _audit, _summary, _perform in (
    ("/dept/cases/{number}/accept", AcceptIn, "accept", "case.accept", "受理", _perform_accept),
    ("/dept/cases/{number}/refuse", RefuseIn, "refuse", "case.refuse", "不予受理", _perform_refuse),
    (
        "/dept/cases/{number}/supplement-request",
        SupplementRequestIn,
        "supplement_request",
        "case.supplement_request",
        "补正告知",
        _perform_supplement_request,
    ),
    ("/dept/steps/{step_id}/examine", ExamineIn, "examine", "case.examine", "审查", _perform_examine),
    (
        "/dept/cases/{number}/special-procedure/start",
        SpecialStartIn,
        "special_start",
        "case.special_start",
        "启动特别程序",
        _perform_special_start,
    ),
    (
        "/dept/cases/{number}/special-procedure/end",
        SpecialEndIn,
        "special_end",
        "case.special_end",
        "结束特别程序",
        _perform_special_end,
    ),
    ("/dept/cases/{number}/extend", ExtendIn, "extend", "case.extend", "延长办理期限", _perform_extend),
    ("/dept/cases/{number}/decide", DecideIn, "decide", "case.decide", "作出决定", _perform_decide),
    ("/dept/cases/{number}/deliver", DeliverIn, "deliver", "case.deliver", "送达", _perform_deliver),
    ("/dept/cases/{number}/terminate", TerminateIn, "terminate", "case.terminate", "终止办理", _perform_terminate),
):
    _with_attachments(
        _path, schema=_schema, operation=_operation, audit_action=_audit, summary=_summary, perform=_perform
    )
