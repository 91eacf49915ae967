"""The case information library (办件信息库): up_pro_* rows in the shape of STANDARDS.md §2, written with the change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from zwfw.cases.choices import ActionCode, CdOperation, Decision, DeliveryMethod
from zwfw.cases.models import UpProAccept, UpProMaterial, UpProProcess, UpProResult, UpProSpecialProcedure
from zwfw.cases.services import handling
from zwfw.workflow.choices import PauseKind, StepKind, StepOutcome

from .handling_builders import (
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def test_acceptance_writes_the_accept_and_material_rows(jt, personas):
    case = case_submitted(jt.version, personas.zhao_min, organisation=personas.green_coop)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    row = UpProAccept.objects.get(case=case)
    assert row.project_no == case.number and row.cd_operation == CdOperation.INSERT and row.version == 1
    assert row.task_code == jt.version.item.implementation_code and row.catalog_code == jt.version.item.basic_code
    assert row.task_name == "道路货物运输经营许可" and row.task_version == jt.version.number
    assert row.apply_date == case.submitted_at and row.accept_date == case.accepted_at
    assert row.promise_date == case.promised_due
    assert row.applyer_name == personas.green_coop.name and row.applyer_page_type == "001"
    assert row.applyer_page_code == personas.green_coop.uscc and row.legal == "赵敏"
    assert row.contact_mobile == personas.zhao_min.mobile
    assert (row.org_code, row.org_name, row.handle_user_name) == (jt.agency.uscc, jt.agency.name, "张敏")
    assert row.sent_at is None and row.data_source == "620423"
    # Personal data is encrypted at rest, like everywhere else.
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_mobile FROM cases_upproaccept WHERE id = %s", [row.pk])
        (raw,) = cursor.fetchone()
    assert personas.zhao_min.mobile not in raw
    materials = UpProMaterial.objects.filter(case=case)
    assert materials.count() == 5 and all(m.get_type == "electronic" and len(m.file_sha256) == 64 for m in materials)
    process = list(UpProProcess.objects.filter(case=case).order_by("id"))
    assert [(p.event_name, p.process_name) for p in process] == [
        (ActionCode.SUBMIT, "申报"),
        (ActionCode.ACCEPT, "受理"),
    ]


def test_special_procedures_and_results_are_new_versions_never_updates(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    handling.special_start(actor=jt.examiner, case=case, kind=PauseKind.EXPERT_REVIEW, reason="组织专家评审车辆安全")
    jt.time.at(2026, 3, 6)
    handling.special_end(actor=jt.examiner, case=case, result="专家评审通过")
    case = fresh(case)
    rows = list(UpProSpecialProcedure.objects.filter(case=case).order_by("version"))
    assert [(r.version, r.cd_operation, r.special_type, r.result) for r in rows] == [
        (1, "I", PauseKind.EXPERT_REVIEW, ""),
        (2, "U", PauseKind.EXPERT_REVIEW, "专家评审通过"),
    ]
    assert rows[0].special_time == rows[1].special_time and rows[1].end_time is not None
    assert len({r.row_guid for r in rows}) == 2
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="同意",
    )
    case = fresh(case)
    handling.case_decide(
        actor=jt.head,
        case=case,
        lock_version=case.lock_version,
        decision=Decision.APPROVED,
        reason="",
        result_number="景交运许〔2026〕18号",
    )
    handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.POST, tracking_number="1234567890123")
    results = list(UpProResult.objects.filter(case=case).order_by("version"))
    assert [(r.version, r.cd_operation, r.is_delivery_results) for r in results] == [(1, "I", False), (2, "U", True)]
    assert (
        results[0].result_cetr_no == "景交运许〔2026〕18号" and results[0].result_cetr_name == "道路货物运输经营许可证"
    )
    assert results[1].delivery_date is not None and results[0].result_type == "01"


def test_a_refused_action_writes_no_library_row(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    with pytest.raises(PermissionDenied):
        handling.case_accept(actor=personas.chen_jing, case=case, lock_version=case.lock_version)
    assert not UpProAccept.objects.filter(case=case).exists()
    assert list(UpProProcess.objects.filter(case=case).values_list("event_name", flat=True)) == [ActionCode.SUBMIT]
