"""Story 4 (SCENARIOS.md): a supplement, the Spring Festival and an inspection — on the real 2026 calendar.

赵敏 applies for 道路货物运输经营许可 for the co-operative on Tuesday 2026-02-10. Time is frozen at each step.
The 2026 calendar (State Council): 春节 holidays 2026-02-15 (Sun) … 2026-02-23 (Mon); make-up working
Saturdays 2026-02-14 and 2026-02-28.

- 02-10 submitted: 受理 due 5 working days later = 02-24 (11, 12, 13, 14 Sat, then the festival, 24);
- 02-11 the clerk asks, once, for two vehicle documents: the acceptance clock stops (no due date);
- 02-13 she supplements online: the acceptance clock restarts that day: 14 Sat, 24, 25, 26, 27 → 02-27;
- 02-14 (the make-up Saturday) accepted: legal 20 days → 03-20, promised 15 → 03-13; 审查 8 days → 03-04;
- 03-02 a vehicle inspection stops the clock; 03-05 it ends: 3, 4, 5 March are not counted, so every date
  moves by three working days (legal 03-25, promised 03-18, 审查 03-09);
- 03-06 examined; 03-10 approved (9 working days used of the promised 15); 03-11 delivered electronically.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.cases.choices import ActionCode, CaseState, Decision, DeliveryMethod, DocumentKind, MaterialProblem
from zwfw.cases.models import CasePause, UpProAccept, UpProMaterial, UpProProcess, UpProResult, UpProSpecialProcedure
from zwfw.cases.selectors.inbox import case_deadline
from zwfw.cases.services import handling
from zwfw.core.workdays import working_calendar
from zwfw.workflow import clock as legal_clock
from zwfw.workflow.choices import DeadlineLevel, PauseKind, StepKind, StepOutcome

from .handling_builders import (
    Freezer,
    case_submitted,
    fresh,
    item_published,
    media_root,  # noqa: F401 - files to a temporary folder
    transport,
    upload_make,
)

pytestmark = pytest.mark.django_db

D = dt.date


def test_story4_supplement_spring_festival_and_inspection(
    personas, calendar_2025_2026, monkeypatch, sms_limits_off, django_capture_on_commit_callbacks
):
    time = Freezer(monkeypatch)
    jt = transport()
    version = item_published(agency=jt.agency)
    requirement = {r.name: r for r in version.materials.all()}
    zhao, coop = personas.zhao_min, personas.green_coop

    # 02-10: submitted without the two vehicle documents' proper files.
    time.at(2026, 2, 10, 9)
    case = case_submitted(version, zhao, organisation=coop, skip=("机动车辆行驶证",))
    assert case.accept_due == D(2026, 2, 24)

    # 02-11: one complete supplement request; the clock stops.
    time.at(2026, 2, 11)
    with django_capture_on_commit_callbacks(execute=True):
        pause = handling.supplement_request(
            actor=jt.clerk,
            case=case,
            lock_version=case.lock_version,
            items=[
                {
                    "requirement": requirement["机动车辆行驶证"],
                    "problem": MaterialProblem.MISSING,
                    "note": "缺少全部营运车辆的行驶证",
                },
                {
                    "requirement": requirement["车辆技术等级评定证明"],
                    "problem": MaterialProblem.WRONG,
                    "note": "评定证明已过有效期，请提供一年内的证明",
                },
            ],
            note="营运车辆材料不齐全",
        )
    case = fresh(case)
    assert case.state == CaseState.SUPPLEMENTING and case.paused_kind == PauseKind.SUPPLEMENT
    assert case.accept_due is None
    assert case.steps.get(kind=StepKind.ACCEPT).due_date is None
    assert [i.name for i in pause.items.all()] == ["机动车辆行驶证", "车辆技术等级评定证明"]
    assert case.documents.filter(kind=DocumentKind.SUPPLEMENT_NOTICE).count() == 1

    # 02-13: she supplements both online; the clock restarts that day (the festival skipped, 02-14 counted).
    time.at(2026, 2, 13, 20)
    handling.supplement_submit(
        actor=zhao,
        case=case,
        materials=[
            (requirement["机动车辆行驶证"], upload_make(zhao, organisation=coop)),
            (requirement["车辆技术等级评定证明"], upload_make(zhao, organisation=coop, content=b"%PDF-1.4 new\n%%EOF")),
        ],
    )
    case = fresh(case)
    assert case.state == CaseState.SUBMITTED and case.paused_kind == ""
    assert case.accept_from == D(2026, 2, 13)
    assert case.accept_due == D(2026, 2, 27)
    assert case.steps.get(kind=StepKind.ACCEPT).due_date == D(2026, 2, 14)  # the step's own 1 day, restarted too

    # 02-14, the make-up Saturday: accepted.
    time.at(2026, 2, 14)
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version, opinion="补正后材料齐全")
    case = fresh(case)
    assert case.state == CaseState.PROCESSING
    assert (case.legal_due, case.promised_due) == (D(2026, 3, 20), D(2026, 3, 13))
    examine = case.steps.get(kind=StepKind.EXAMINE)
    assert examine.due_date == D(2026, 3, 4)

    # 03-02: a three-day vehicle inspection; no due date while it runs.
    time.at(2026, 3, 2)
    handling.special_start(
        actor=jt.examiner,
        case=case,
        kind=PauseKind.INSPECTION,
        reason="对申请车辆进行技术检验",
        legal_basis="《道路货物运输及站场管理规定》第十条",
        planned_end=D(2026, 3, 5),
    )
    case = fresh(case)
    assert case.paused_kind == PauseKind.INSPECTION
    assert (case.legal_due, case.promised_due) == (None, None)
    assert case.steps.get(kind=StepKind.EXAMINE).due_date is None
    state = case_deadline(case, today=D(2026, 3, 3), calendar=working_calendar())
    assert state.level == DeadlineLevel.PAUSED

    time.at(2026, 3, 5, 16)
    handling.special_end(actor=jt.examiner, case=case, result="车辆技术状况符合要求")
    case = fresh(case)
    assert case.paused_kind == ""
    assert (case.legal_due, case.promised_due) == (D(2026, 3, 25), D(2026, 3, 18))
    assert case.steps.get(kind=StepKind.EXAMINE).due_date == D(2026, 3, 9)

    # 03-06 examined; 03-10 approved within the promised limit; 03-11 delivered.
    time.at(2026, 3, 6)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="经审查，申请人符合道路货物运输经营许可条件。",
    )
    case = fresh(case)
    assert case.steps.get(kind=StepKind.DECIDE).due_date == D(2026, 3, 11)
    time.at(2026, 3, 10)
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_decide(
            actor=jt.head,
            case=case,
            lock_version=case.lock_version,
            decision=Decision.APPROVED,
            reason="",
        )
    case = fresh(case)
    assert case.state == CaseState.DECIDED
    assert case.delivery_due == D(2026, 3, 24)
    assert case.steps.get(kind=StepKind.DELIVER).due_date == D(2026, 3, 12)  # the step's own 2 days
    pauses = [(p.start_date, p.end_date) for p in case.pauses.exclude(kind=PauseKind.SUPPLEMENT)]
    used = legal_clock.working_days_used(start=D(2026, 2, 14), until=D(2026, 3, 10), pauses=pauses)
    assert used == 9 and used <= case.promised_limit_days
    assert dt.date(2026, 3, 10) <= case.promised_due

    time.at(2026, 3, 11)
    handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.ELECTRONIC)
    case = fresh(case)
    assert case.state == CaseState.DELIVERED

    # Each pause and why, on the record the applicant reads.
    kinds = list(CasePause.objects.filter(case=case).values_list("kind", "start_date", "end_date", "reason"))
    assert kinds == [
        (PauseKind.SUPPLEMENT, D(2026, 2, 11), D(2026, 2, 13), "营运车辆材料不齐全"),
        (PauseKind.INSPECTION, D(2026, 3, 2), D(2026, 3, 5), "对申请车辆进行技术检验"),
    ]
    codes = list(case.actions.values_list("code", flat=True))
    assert codes == [
        ActionCode.SUBMIT,
        ActionCode.SUPPLEMENT_REQUEST,
        ActionCode.SUPPLEMENT,
        ActionCode.ACCEPT,
        ActionCode.SPECIAL_START,
        ActionCode.SPECIAL_END,
        ActionCode.EXAMINE,
        ActionCode.DECIDE,
        ActionCode.DELIVER,
    ]
    notes = list(case.actions.values_list("public_note", flat=True))
    assert any("机动车辆行驶证" in n and "暂停计时" in n for n in notes)
    assert any("现场勘验/检验" in n and "对申请车辆进行技术检验" in n for n in notes)

    # The case information library has every fact.
    assert UpProAccept.objects.filter(case=case).count() == 1
    assert UpProMaterial.objects.filter(case=case).count() == 5  # the five materials in force (one replaced)
    assert UpProProcess.objects.filter(case=case).count() == 9  # every action, the submission included
    specials = UpProSpecialProcedure.objects.filter(case=case).order_by("version")
    assert [(s.cd_operation, s.end_time is not None) for s in specials] == [("I", False), ("U", True)]
    results = UpProResult.objects.filter(case=case).order_by("version")
    assert [(r.result_type, r.is_delivery_results) for r in results] == [("01", False), ("01", True)]
