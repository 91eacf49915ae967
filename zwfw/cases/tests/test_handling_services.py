"""The handling services: who may act, legal transitions only, stale pages, joint stages, notices and records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.cases.choices import ActionCode, CaseState, Decision, DeliveryMethod, DocumentKind, MaterialProblem
from zwfw.cases.models import CaseAction, UpProAccept, UpProProcess
from zwfw.cases.services import handling
from zwfw.core.models import AuditEvent
from zwfw.notify.models import Message
from zwfw.notify.testing import sms_outbox
from zwfw.workflow.choices import PauseKind, StepKind, StepOutcome, StepState

from .handling_builders import (
    case_submitted,
    fresh,
    item_published,
    joint_steps,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _accepted(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    return fresh(case)


def _examined(jt, personas):
    case = _accepted(jt, personas)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合条件",
    )
    return fresh(case)


# --- permissions --------------------------------------------------------------------------------------


def test_a_clerk_of_another_agency_cannot_act_on_the_case(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    with pytest.raises(PermissionDenied):
        handling.case_accept(actor=personas.liu_yang, case=case, lock_version=case.lock_version)
    with pytest.raises(PermissionDenied):
        handling.supplement_request(
            actor=personas.liu_yang,
            case=case,
            lock_version=case.lock_version,
            items=[{"requirement": None, "name": "x", "problem": MaterialProblem.MISSING, "note": "y"}],
        )
    case = fresh(case)
    assert case.state == CaseState.SUBMITTED and case.lock_version == 1
    refusal = AuditEvent.objects.filter(action="case.accept", outcome="denied").get()
    assert refusal.actor == personas.liu_yang
    # An examiner of the same agency is not a window clerk either.
    with pytest.raises(PermissionDenied):
        handling.case_accept(actor=jt.examiner, case=case, lock_version=case.lock_version)


def test_only_the_examiner_examines_and_only_the_decider_decides(jt, personas):
    case = _accepted(jt, personas)
    step = case.steps.get(kind=StepKind.EXAMINE)
    for outsider in (personas.chen_jing, jt.clerk, jt.head):
        with pytest.raises(PermissionDenied):
            handling.step_examine(
                actor=outsider, step=step, lock_version=case.lock_version, outcome=StepOutcome.AGREE, opinion="同意"
            )
    handling.step_examine(
        actor=jt.examiner, step=step, lock_version=case.lock_version, outcome=StepOutcome.AGREE, opinion="同意"
    )
    case = fresh(case)
    with pytest.raises(PermissionDenied):
        handling.case_decide(
            actor=jt.examiner, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
        )
    with pytest.raises(PermissionDenied):
        handling.case_decide(
            actor=personas.zhou_tao, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
        )


def test_only_the_applicant_or_their_organisations_agent_withdraws(jt, personas):
    case = case_submitted(jt.version, personas.zhao_min, organisation=personas.green_coop)
    for stranger in (personas.wang_jianjun, jt.clerk):
        with pytest.raises(PermissionDenied):
            handling.case_withdraw(actor=stranger, case=case, reason="不想办了")
    handling.case_withdraw(actor=personas.zhao_min, case=case, reason="合作社暂不开展货运业务")
    case = fresh(case)
    assert case.state == CaseState.WITHDRAWN and case.closed_at is not None
    assert not case.steps.filter(state__in=[StepState.ACTIVE, StepState.WAITING]).exists()


# --- legal transitions --------------------------------------------------------------------------------


def test_illegal_transitions_are_refused_and_change_nothing(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    # Deciding or delivering a case that was not even accepted.
    with pytest.raises(ValidationError) as exc:
        handling.case_decide(
            actor=jt.head, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
        )
    assert exc.value.code == "illegal_transition"
    with pytest.raises(ValidationError) as exc:
        handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.WINDOW)
    assert exc.value.code == "illegal_transition"
    # A supplement only once, and only before acceptance.
    items = [{"requirement": jt.version.materials.first(), "problem": MaterialProblem.WRONG, "note": "复印件不清晰"}]
    handling.supplement_request(actor=jt.clerk, case=case, lock_version=case.lock_version, items=items)
    case = fresh(case)
    with pytest.raises(ValidationError):
        handling.supplement_request(actor=jt.clerk, case=case, lock_version=case.lock_version, items=items)
    # The applicant withdraws; nothing can happen after that.
    handling.case_withdraw(actor=personas.wang_jianjun, case=case, reason="重新准备材料")
    case = fresh(case)
    with pytest.raises(ValidationError) as exc:
        handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    assert exc.value.code == "illegal_transition"
    assert case.pauses.get().ended_at is not None  # the supplement pause is closed by the withdrawal


def test_no_withdrawal_after_the_decision(jt, personas):
    case = _examined(jt, personas)
    handling.case_decide(
        actor=jt.head, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
    )
    with pytest.raises(ValidationError) as exc:
        handling.case_withdraw(actor=personas.wang_jianjun, case=case, reason="晚了")
    assert exc.value.code == "illegal_transition"
    assert fresh(case).state == CaseState.DECIDED


def test_a_stale_page_is_refused(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    seen = case.lock_version
    handling.case_accept(actor=jt.clerk, case=case, lock_version=seen)
    with pytest.raises(ValidationError) as exc:
        handling.case_refuse(actor=jt.clerk, case=case, lock_version=seen, reason="重复点击")
    assert exc.value.code in ("stale", "illegal_transition")
    with pytest.raises(ValidationError) as exc:
        handling.step_examine(
            actor=jt.examiner,
            step=fresh(case).steps.get(kind=StepKind.EXAMINE),
            lock_version=seen,
            outcome=StepOutcome.AGREE,
            opinion="同意",
        )
    assert exc.value.code == "stale"
    assert "刷新" in exc.value.messages[0]


# --- refusal, supplement, notices ---------------------------------------------------------------------


def test_refusal_needs_reasons_and_tells_the_applicant(jt, personas, django_capture_on_commit_callbacks):
    case = case_submitted(jt.version, personas.wang_jianjun)
    with pytest.raises(ValidationError):
        handling.case_refuse(actor=jt.clerk, case=case, lock_version=case.lock_version, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_refuse(
            actor=jt.clerk, case=case, lock_version=case.lock_version, reason="申请事项不属于本机关职权范围"
        )
    case = fresh(case)
    assert case.state == CaseState.REJECTED and case.closed_at
    assert "景泰县人民政府" in case.legal_remedy and "六个月" in case.legal_remedy
    assert case.documents.filter(kind=DocumentKind.REFUSAL_NOTICE).count() == 1
    accept_row = UpProAccept.objects.get(case=case)
    assert accept_row.accept_date is None and accept_row.org_code == jt.agency.uscc
    sms = sms_outbox(personas.wang_jianjun.mobile)
    assert len(sms) == 1 and case.number in sms[0]["text"] and "不予受理" in sms[0]["text"]
    assert personas.wang_jianjun.id_number not in sms[0]["text"]
    assert Message.objects.filter(recipient=personas.wang_jianjun, title="办件不予受理").exists()


def test_a_supplement_request_lists_every_item_and_checks_them(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    other = item_published(agency=personas.market, name="食品经营许可", basic_code="000117001000")
    with pytest.raises(ValidationError) as exc:
        handling.supplement_request(
            actor=jt.clerk,
            case=case,
            lock_version=case.lock_version,
            items=[
                {"requirement": other.materials.first(), "problem": MaterialProblem.MISSING, "note": "x"},
                {"requirement": jt.version.materials.first(), "problem": MaterialProblem.MISSING, "note": ""},
            ],
        )
    assert len(exc.value.messages) == 2  # every problem at once
    with pytest.raises(ValidationError):
        handling.supplement_request(actor=jt.clerk, case=case, lock_version=case.lock_version, items=[])
    assert fresh(case).state == CaseState.SUBMITTED


def test_supplement_submit_needs_every_requested_material(jt, personas):
    from .handling_builders import upload_make

    case = case_submitted(jt.version, personas.wang_jianjun)
    first, second = list(jt.version.materials.order_by("order"))[:2]
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[
            {"requirement": first, "problem": MaterialProblem.MISSING, "note": "缺少申请表"},
            {"requirement": second, "problem": MaterialProblem.WRONG, "note": "身份证明已过期"},
        ],
    )
    with pytest.raises(ValidationError) as exc:
        handling.supplement_submit(
            actor=personas.wang_jianjun, case=case, materials=[(first, upload_make(personas.wang_jianjun))]
        )
    assert "身份证明已过期" in exc.value.messages[0]
    with pytest.raises(ValidationError):  # someone else's file
        handling.supplement_submit(
            actor=personas.wang_jianjun,
            case=case,
            materials=[(first, upload_make(personas.li_xiuying)), (second, upload_make(personas.wang_jianjun))],
        )
    with pytest.raises(PermissionDenied):
        handling.supplement_submit(actor=personas.outsider, case=case, materials=[])
    handling.supplement_submit(
        actor=personas.wang_jianjun,
        case=case,
        materials=[(first, upload_make(personas.wang_jianjun)), (second, upload_make(personas.wang_jianjun))],
    )
    case = fresh(case)
    assert case.state == CaseState.SUBMITTED
    replaced = case.application.materials.filter(requirement=second, replaced_at__isnull=False)
    assert replaced.count() == 1  # the wrong file is kept for the record


# --- joint stages, assignment -------------------------------------------------------------------------


def test_a_joint_stage_waits_for_both_agencies_and_a_disagreement_closes_it(jt, personas):
    version = item_published(
        agency=jt.agency,
        name="超限运输车辆行驶公路许可",
        basic_code="000120104000",
        steps=joint_steps(jt.agency, personas.market),
    )
    case = case_submitted(version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    ours, theirs = case.steps.filter(kind=StepKind.EXAMINE).order_by("order")
    assert (ours.agency, theirs.agency) == (jt.agency, personas.market)
    assert handling.extension_max_days(case) == 15
    # Two agencies examine independently: the first does not make the second's page stale.
    seen = case.lock_version
    handling.step_examine(actor=jt.examiner, step=ours, lock_version=seen, outcome=StepOutcome.AGREE, opinion="同意")
    assert fresh(case).steps.get(kind=StepKind.DECIDE).state == StepState.WAITING
    handling.step_examine(
        actor=personas.chen_jing, step=theirs, lock_version=seen, outcome=StepOutcome.AGREE, opinion="同意"
    )
    case = fresh(case)
    assert case.steps.get(kind=StepKind.DECIDE).state == StepState.ACTIVE

    other = case_submitted(version, personas.li_xiuying)
    handling.case_accept(actor=jt.clerk, case=other, lock_version=other.lock_version)
    other = fresh(other)
    ours, theirs = other.steps.filter(kind=StepKind.EXAMINE).order_by("order")
    handling.step_examine(
        actor=personas.chen_jing,
        step=theirs,
        lock_version=other.lock_version,
        outcome=StepOutcome.DISAGREE,
        opinion="不符合食品安全要求",
    )
    other = fresh(other)
    assert other.steps.get(pk=ours.pk).state == StepState.CANCELLED  # 全部同意: one 不同意 closes the stage
    assert other.steps.get(kind=StepKind.DECIDE).state == StepState.ACTIVE  # the decider decides with it at hand


def test_claim_and_assign(jt, personas):
    case = _accepted(jt, personas)
    step = case.steps.get(kind=StepKind.EXAMINE)
    handling.step_claim(actor=jt.examiner, step=step)
    handling.step_claim(actor=jt.examiner, step=step)  # a double click
    with pytest.raises(ValidationError) as exc:
        handling.step_claim(actor=jt.examiner2, step=step)
    assert exc.value.code == "claimed_by_other"
    with pytest.raises(PermissionDenied):
        handling.step_assign(actor=jt.examiner, step=step, assignee=jt.examiner2)
    with pytest.raises(ValidationError):  # a clerk cannot examine
        handling.step_assign(actor=jt.head, step=step, assignee=jt.clerk)
    handling.step_assign(actor=jt.head, step=step, assignee=jt.examiner2)
    step.refresh_from_db()
    assert step.assignee == jt.examiner2 and step.claimed_at is None
    with pytest.raises(ValidationError):
        handling.step_examine(
            actor=jt.examiner, step=step, lock_version=case.lock_version, outcome=StepOutcome.AGREE, opinion="同意"
        )
    handling.step_examine(
        actor=jt.examiner2, step=step, lock_version=case.lock_version, outcome=StepOutcome.AGREE, opinion="同意"
    )
    codes = list(CaseAction.objects.filter(case=case).values_list("code", flat=True))
    assert codes.count(ActionCode.CLAIM) == 1 and ActionCode.ASSIGN in codes
    assert Message.objects.filter(recipient=jt.examiner2).exists()


# --- extension, special procedures, decision ----------------------------------------------------------


def test_extension_by_the_head_once_within_the_legal_limit(jt, personas, django_capture_on_commit_callbacks):
    case = _accepted(jt, personas)
    legal_due = case.legal_due
    with pytest.raises(PermissionDenied):
        handling.case_extend(actor=jt.examiner, case=case, days=5, reason="需要现场核查")
    with pytest.raises(ValidationError):
        handling.case_extend(actor=jt.head, case=case, days=11, reason="需要现场核查")
    with pytest.raises(ValidationError):
        handling.case_extend(actor=jt.head, case=case, days=5, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_extend(actor=jt.head, case=case, days=10, reason="需对全部营运车辆逐一核查")
    case = fresh(case)
    assert case.extension_days == 10 and case.legal_due > legal_due
    assert case.documents.filter(kind=DocumentKind.EXTENSION_NOTICE).count() == 1
    assert any("延长 10 个工作日" in m["text"] for m in sms_outbox(personas.wang_jianjun.mobile))
    with pytest.raises(ValidationError) as exc:
        handling.case_extend(actor=jt.head, case=case, days=1, reason="再延一天")
    assert exc.value.code == "already_extended"


def test_nothing_but_its_end_while_a_special_procedure_runs(jt, personas):
    case = _accepted(jt, personas)
    with pytest.raises(ValidationError):
        handling.special_start(actor=jt.examiner, case=case, kind=PauseKind.SUPPLEMENT, reason="x")
    with pytest.raises(PermissionDenied):
        handling.special_start(actor=personas.chen_jing, case=case, kind=PauseKind.HEARING, reason="x")
    handling.special_start(actor=jt.examiner, case=case, kind=PauseKind.HEARING, reason="利害关系人申请听证")
    case = fresh(case)
    with pytest.raises(ValidationError) as exc:
        handling.step_examine(
            actor=jt.examiner,
            step=case.steps.get(kind=StepKind.EXAMINE),
            lock_version=case.lock_version,
            outcome=StepOutcome.AGREE,
            opinion="同意",
        )
    assert exc.value.code == "paused"
    with pytest.raises(ValidationError):
        handling.special_start(actor=jt.examiner, case=case, kind=PauseKind.EXPERT_REVIEW, reason="again")
    jt.time.at(2026, 3, 4)
    handling.special_end(actor=jt.examiner, case=case, result="听证已举行")
    with pytest.raises(ValidationError):
        handling.special_end(actor=jt.examiner, case=case, result="again")


def test_the_decision_is_signed_off_with_reasons_and_remedy(jt, personas):
    from zwfw.cases import notices

    case = _examined(jt, personas)
    with pytest.raises(ValidationError):  # a denial needs reasons
        handling.case_decide(
            actor=jt.head, case=case, lock_version=case.lock_version, decision=Decision.DENIED, reason=""
        )
    handling.case_decide(
        actor=jt.head,
        case=case,
        lock_version=case.lock_version,
        decision=Decision.DENIED,
        reason="车辆技术等级不符合要求",
    )
    case = fresh(case)
    assert case.state == CaseState.DECIDED and case.decision == Decision.DENIED
    document = case.documents.get(kind=DocumentKind.DECISION)
    assert document.file.read(5) == b"%PDF-"
    content = notices.decision_notice(case, decider=jt.head)
    text = "\n".join([content.title, *content.paragraphs, *content.notes])
    assert content.title == "不予行政许可决定书"
    assert "车辆技术等级不符合要求" in text and "六十日内向景泰县人民政府申请行政复议" in text and "六个月" in text
    assert "刘强" in text and jt.agency.name in text  # signed off by the decider, for the agency
    assert personas.wang_jianjun.id_number not in text
    # The deliver step now runs against the 10-day delivery limit; post needs a tracking number.
    with pytest.raises(ValidationError):
        handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.POST)
    handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.POST, tracking_number="EMS1234567890")
    case = fresh(case)
    assert case.state == CaseState.DELIVERED and case.tracking_number == "EMS1234567890"


def test_every_action_is_on_the_record_with_a_process_row(jt, personas):
    case = _examined(jt, personas)
    handling.case_decide(
        actor=jt.head, case=case, lock_version=case.lock_version, decision=Decision.APPROVED, reason=""
    )
    handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.WINDOW)
    actions = list(CaseAction.objects.filter(case=case).exclude(code=ActionCode.SUBMIT).select_related("actor"))
    assert [a.code for a in actions] == [ActionCode.ACCEPT, ActionCode.EXAMINE, ActionCode.DECIDE, ActionCode.DELIVER]
    assert all(a.actor is not None and a.acted_at for a in actions)
    rows = list(UpProProcess.objects.filter(case=case).exclude(event_name=ActionCode.SUBMIT).order_by("id"))
    assert [r.event_name for r in rows] == [a.code for a in actions]
    assert rows[1].handle_explain == "符合条件" and rows[1].handle_user_name == "李伟"


def test_terminate_by_the_agency_during_a_supplement(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.supplement_request(
        actor=jt.clerk,
        case=case,
        lock_version=case.lock_version,
        items=[{"requirement": jt.version.materials.first(), "problem": MaterialProblem.MISSING, "note": "缺少申请表"}],
    )
    with pytest.raises(PermissionDenied):
        handling.case_terminate(actor=personas.chen_jing, case=case, reason="x")
    handling.case_terminate(actor=jt.clerk, case=fresh(case), reason="申请人逾期未补正")
    case = fresh(case)
    assert case.state == CaseState.TERMINATED and case.paused_kind == ""
    assert case.pauses.get().end_date == dt.date(2026, 3, 2)
