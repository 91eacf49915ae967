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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from zwfw.cases.choices import ApplicantKind, CaseState, Channel, Decision
from zwfw.cases.models import Case, CaseStep
from zwfw.cases.services.handling import (
    case_accept,
    case_decide,
    case_deliver,
    case_refuse,
    step_claim,
    step_examine,
    supplement_request,
)
from zwfw.catalog.models import MaterialRequirement
from zwfw.org.choices import Role
from zwfw.org.models import Agency
from zwfw.org.rules import active_roles
from zwfw.workflow.choices import PauseKind, StepKind, StepState

from .auth import BearerGrant, OAuth2Bearer, bearer_answers
from .cases_common import MappedRows, item_ref, paused_out, service_refusals, state_out, supplement_out
from .errors import ApiError, ErrorOut, invalid, not_found
from .pagination import Pagination
from .schemas import coded
from .schemas_cases import (
    AcceptIn,
    DecideIn,
    DeliverIn,
    DeptCaseOut,
    ExamineIn,
    InboxRowOut,
    RefuseIn,
    SupplementRequestIn,
)

router = Router(tags=["部门业务系统（系统间调用）"])
router.add_decorator(bearer_answers, mode="view")

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
    step = CaseStep.objects.select_related("case", "agency").filter(pk=step_id).first()
    if step is None or not actor.has_perm("cases.view_case", step.case):
        raise not_found(_("未找到该办理环节，或它不属于本系统服务账号所在的机构。"))
    return step


def _case_url(case: Case) -> str:
    return reverse("api-v1:dept_case", kwargs={"number": case.number})


def _dept_case_out(case: Case) -> dict[str, Any]:
    steps = list(case.steps.select_related("agency").order_by("stage", "order"))
    open_supplement = (
        case.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True).prefetch_related("items").first()
        if case.state == CaseState.SUPPLEMENTING
        else None
    )
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
        "decision": coded(case.decision, Decision),
        "supplement": supplement_out(open_supplement),
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


@router.get(
    "/dept/cases/{number}",
    auth=inbox_auth,
    response={200: DeptCaseOut, **ERRORS},
    url_name="dept_case",
    summary="办件详情（部门）",
    description="办件的状态、lock_version、各环节（含意见）、补正内容和申请材料清单。申请人信息已脱敏。",
)
def dept_case(request: HttpRequest, number: str) -> Any:
    return _dept_case_out(_case(_actor(request), number))


# --- actions --------------------------------------------------------------------------------------------

ACTION_HELP = (
    "需要客户端凭据令牌（授权范围 cases.handle）和服务账号，服务账号须在该环节的机构担任相应岗位。"
    "lock_version 与办件当前不符时返回 409 stale，不合法的状态转换返回 409 illegal_transition。"
)


def _answer(actor: Any, number: str) -> dict[str, Any]:
    return _dept_case_out(_case(actor, number))


@router.post(
    "/dept/cases/{number}/accept",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_accept",
    summary="受理",
    description="受理申请（受理环节），生成受理通知书，通知申请人。" + ACTION_HELP,
)
def accept(request: HttpRequest, number: str, body: AcceptIn) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    with service_refusals():
        case_accept(actor=actor, case=case, lock_version=body.lock_version, opinion=body.opinion)
    return _answer(actor, case.number)


@router.post(
    "/dept/cases/{number}/refuse",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_refuse",
    summary="不予受理",
    description="不予受理（必须说明理由），生成不予受理通知书，通知申请人。" + ACTION_HELP,
)
def refuse(request: HttpRequest, number: str, body: RefuseIn) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    with service_refusals():
        case_refuse(
            actor=actor, case=case, lock_version=body.lock_version, reason=body.reason, legal_remedy=body.legal_remedy
        )
    return _answer(actor, case.number)


@router.post(
    "/dept/cases/{number}/supplement-request",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_supplement_request",
    summary="补正告知",
    description="一次性告知全部需要补正的材料（只能告知一次），计时暂停，生成补正材料通知书并通知申请人。"
    + ACTION_HELP,
)
def supplement(request: HttpRequest, number: str, body: SupplementRequestIn) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    items = []
    for given in body.items:
        requirement = None
        if given.requirement is not None:
            requirement = MaterialRequirement.objects.filter(pk=given.requirement, version_id=case.version_id).first()
            if requirement is None:
                raise invalid("items.requirement", _("该材料不属于这件申请的事项版本。"))
        items.append({"requirement": requirement, "name": given.name, "problem": given.problem, "note": given.note})
    with service_refusals():
        supplement_request(actor=actor, case=case, lock_version=body.lock_version, items=items, note=body.note)
    return _answer(actor, case.number)


@router.post(
    "/dept/steps/{step_id}/claim",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_step_claim",
    summary="签收环节",
    description="签收一个办理中的环节（此后由服务账号承办）。" + ACTION_HELP,
)
def claim(request: HttpRequest, step_id: int) -> Any:
    actor = _actor(request)
    step = _step(actor, step_id)
    with service_refusals():
        step_claim(actor=actor, step=step)
    return _answer(actor, step.case.number)


@router.post(
    "/dept/steps/{step_id}/examine",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_step_examine",
    summary="审查",
    description="对审查环节给出同意或不同意和审查意见；并联审批的最后一个分支完成后进入下一阶段。" + ACTION_HELP,
)
def examine(request: HttpRequest, step_id: int, body: ExamineIn) -> Any:
    actor = _actor(request)
    step = _step(actor, step_id)
    with service_refusals():
        step_examine(actor=actor, step=step, lock_version=body.lock_version, outcome=body.outcome, opinion=body.opinion)
    return _answer(actor, step.case.number)


@router.post(
    "/dept/cases/{number}/decide",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_decide",
    summary="作出决定",
    description="准予或不予许可，写明理由和救济途径，生成许可决定书并通知申请人。" + ACTION_HELP,
)
def decide(request: HttpRequest, number: str, body: DecideIn) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    with service_refusals():
        case_decide(
            actor=actor,
            case=case,
            lock_version=body.lock_version,
            decision=body.decision,
            reason=body.reason,
            legal_remedy=body.legal_remedy,
            result_number=body.result_number,
        )
    return _answer(actor, case.number)


@router.post(
    "/dept/cases/{number}/deliver",
    auth=handle_auth,
    response={200: DeptCaseOut, **WRITE_ERRORS},
    url_name="dept_case_deliver",
    summary="送达",
    description="窗口领取、邮寄（须填邮件单号）或电子送达，通知申请人。" + ACTION_HELP,
)
def deliver(request: HttpRequest, number: str, body: DeliverIn) -> Any:
    actor = _actor(request)
    case = _case(actor, number)
    with service_refusals():
        case_deliver(actor=actor, case=case, method=body.method, tracking_number=body.tracking_number)
    return _answer(actor, case.number)
