"""The case information library (办件信息库): up_pro_* rows in the shape of STANDARDS.md §2.

Called by :mod:`zwfw.cases.services.handling` inside the same transaction as the change it records, so a
library row exists exactly when the change committed:

- :func:`accept_row_write` — ``up_pro_accept`` at acceptance, and at refusal (``accept_date`` empty,
  ``accept_doc_no`` the refusal notice);
- :func:`material_rows_write` — ``up_pro_material``, one row per material file in force at acceptance;
- :func:`process_row_write` — ``up_pro_process``, one row per recorded action (:class:`CaseAction`);
- :func:`special_row_write` — ``up_pro_special_procedure`` when a special procedure starts, and a new
  version of that row (``cd_operation = U``) when it ends;
- :func:`result_row_write` — ``up_pro_result`` at the decision, and a new version at delivery; also when the
  case ends without a decision: refused at acceptance (不予受理), withdrawn by the applicant or terminated by
  the agency.

Rows are never updated: a later fact about the same record is a new row with ``cd_operation = U`` and
``version`` one higher. The exchange issue sends unsent rows upwards in ``cd_time`` order (``sent_at``).

``event_name`` and ``result_type`` use our own two-character codes (the national code lists were not found):
``ActionCode`` for events, :data:`RESULT_TYPES` for results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zwfw.core import clock

from ..choices import ActionCode, CaseState, CdOperation, Decision
from ..models import (
    Case,
    CaseAction,
    CasePause,
    UpProAccept,
    UpProMaterial,
    UpProProcess,
    UpProResult,
    UpProSpecialProcedure,
)

#: result_type (办结结果): our own two-character codes until the national list is known, like ``ActionCode``
#: for event_name: 01 准予许可, 02 不予许可 (the decision), 03 申请人撤回 (case_withdraw, ActionCode CH),
#: 04 终止办理 (case_terminate, ActionCode ZZ), 05 不予受理 (case_refuse, ActionCode BS).
RESULT_TYPES = {Decision.APPROVED: "01", Decision.DENIED: "02"}
RESULT_TYPE_WITHDRAWN = "03"
RESULT_TYPE_TERMINATED = "04"
RESULT_TYPE_REFUSED = "05"
#: States in which a case ended without a decision: the result row names the notice issued instead of a result.
_ENDED_EARLY = {
    CaseState.REJECTED: RESULT_TYPE_REFUSED,
    CaseState.WITHDRAWN: RESULT_TYPE_WITHDRAWN,
    CaseState.TERMINATED: RESULT_TYPE_TERMINATED,
}
#: get_type (材料收取方式).
GET_TYPE_ELECTRONIC = "electronic"
GET_TYPE_SUPPLEMENT = "supplement"


def _name(user: Any | None) -> str:
    if user is None:
        return ""
    return (getattr(user, "full_name", "") or user.get_username())[:100]


def _common(case: Case, *, now: dt.datetime, operation: str = CdOperation.INSERT, version: int = 1) -> dict[str, Any]:
    return {
        "case": case,
        "project_no": case.number,
        "cd_operation": operation,
        "cd_time": now,
        "version": version,
    }


def accept_row_write(case: Case, *, actor: Any | None, now: dt.datetime, doc_no: str = "") -> UpProAccept:
    """up_pro_accept of an accepted (or refused: ``accepted_at`` empty) case."""
    version = case.version
    item = case.item
    previous = UpProAccept.objects.filter(case=case).order_by("-version").first()
    return UpProAccept.objects.create(
        **_common(
            case,
            now=now,
            operation=CdOperation.UPDATE if previous else CdOperation.INSERT,
            version=(previous.version + 1) if previous else 1,
        ),
        project_name=case.summary,
        project_type=version.case_type,
        apply_type=case.channel,
        apply_date=case.submitted_at,
        accept_date=case.accepted_at if case.state != CaseState.REJECTED else None,
        promise_date=case.promised_due,
        accept_doc_no=doc_no[:60],
        task_code=item.implementation_code,
        catalog_code=item.basic_code,
        task_handle_item="",
        task_name=version.name,
        task_version=version.number,
        applyer_name=case.applicant_name,
        applyer_type=case.applicant_kind,
        applyer_page_type=case.applicant_doc_type,
        applyer_page_code=case.applicant_doc_number,
        legal=case.legal_representative,
        contact_name=case.contact_name,
        contact_type="",
        contact_code="",
        contact_mobile=case.contact_mobile,
        org_code=case.agency.uscc,
        org_name=case.agency.name[:100],
        handle_user_name=_name(actor),
    )


def material_rows_write(case: Case, *, now: dt.datetime) -> list[UpProMaterial]:
    """up_pro_material: the files in force (not replaced) for each requirement at acceptance."""
    rows = []
    materials = (
        case.application.materials.filter(replaced_at__isnull=True)
        .select_related("requirement", "upload")
        .order_by("requirement__order", "added_at", "id")
    )
    for material in materials:
        rows.append(
            UpProMaterial(
                **_common(case, now=now),
                material_name=material.requirement.name[:200],
                get_type=GET_TYPE_SUPPLEMENT if material.supplement_id else GET_TYPE_ELECTRONIC,
                get_num=1,
                file_sha256=material.upload.sha256,
            )
        )
    return UpProMaterial.objects.bulk_create(rows)


def process_row_write(action: CaseAction) -> UpProProcess:
    """up_pro_process for one recorded action."""
    case = action.case
    agency = action.agency
    by_step = action.step_id and action.code != ActionCode.SUBMIT  # the submission precedes every step
    process_name = action.step.name if by_step else str(action.get_code_display())
    return UpProProcess.objects.create(
        **_common(case, now=action.acted_at),
        process_name=process_name[:60],
        event_name=action.code,
        event_start_time=action.acted_at,
        event_end_time=action.acted_at,
        handle_user_name=_name(action.actor),
        handle_explain=action.opinion,
        org_code=agency.uscc if agency else "",
        org_name=agency.name[:100] if agency else "",
    )


def special_row_write(pause: CasePause, *, now: dt.datetime | None = None) -> UpProSpecialProcedure:
    """up_pro_special_procedure of a special procedure: at its start, and (a new version) at its end."""
    case = pause.case
    now = now or clock.now()
    previous = (
        UpProSpecialProcedure.objects.filter(case=case, special_time=pause.started_at).order_by("-version").first()
    )
    return UpProSpecialProcedure.objects.create(
        **_common(
            case,
            now=now,
            operation=CdOperation.UPDATE if previous else CdOperation.INSERT,
            version=(previous.version + 1) if previous else 1,
        ),
        special_type=pause.kind,
        special_name=str(pause.get_kind_display())[:60],
        special_reason=pause.reason,
        special_time=pause.started_at,
        end_time=pause.ended_at,
        result=pause.result,
    )


def _result_type(case: Case) -> str:
    if case.state in _ENDED_EARLY:
        return _ENDED_EARLY[case.state]
    return RESULT_TYPES.get(case.decision, "")


def result_row_write(
    case: Case, *, now: dt.datetime, explain: str | None = None, certificate_name: str = "", certificate_no: str = ""
) -> UpProResult:
    """up_pro_result at the decision, and a new version when the result is delivered; at a refusal to accept, a
    withdrawal or a termination (the case's state says which; ``explain``: the reason, the certificate: the
    notice issued)."""
    ended_early = case.state in _ENDED_EARLY
    previous = UpProResult.objects.filter(case=case).order_by("-version").first()
    return UpProResult.objects.create(
        **_common(
            case,
            now=now,
            operation=CdOperation.UPDATE if previous else CdOperation.INSERT,
            version=(previous.version + 1) if previous else 1,
        ),
        result_type=_result_type(case),
        result_date=case.closed_at if ended_early else case.decided_at,
        result_explain=case.decision_reason if explain is None else explain,
        result_cetr_name=(certificate_name if ended_early else case.result_name)[:200],
        result_cetr_no=(certificate_no if ended_early else case.result_number)[:100],
        is_delivery_results=case.delivered_at is not None,
        delivery_date=case.delivered_at,
        satisfaction="",
    )


__all__ = [
    "RESULT_TYPES",
    "RESULT_TYPE_REFUSED",
    "RESULT_TYPE_TERMINATED",
    "RESULT_TYPE_WITHDRAWN",
    "accept_row_write",
    "material_rows_write",
    "process_row_write",
    "result_row_write",
    "special_row_write",
]
