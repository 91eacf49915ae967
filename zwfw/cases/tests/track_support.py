"""Builders for the tracking and API tests: cases opened by the engine and moved along by hand.

The handling services (H3) are not needed to *show* a case: these builders put a case in the states the pages
display (accepted, a supplement asked with its items, a document) with the engine's own functions, as
``test_engine_smoke.py`` does. Staff act under their real names so that tests can prove those names never
reach the applicant's or the public's pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zwfw.cases.choices import ActionCode, ApplicantKind, CaseState, DocumentKind, MaterialProblem
from zwfw.cases.models import Application, Case, CasePause, SupplementItem
from zwfw.cases.services import engine
from zwfw.cases.services.documents import document_store
from zwfw.catalog.tests.builders import published_dibao
from zwfw.core import clock
from zwfw.workflow.choices import PauseKind, StepKind, StepOutcome
from zwfw.workflow.stages import step_kind_guess

STAFF_NAMES = ("陈静", "周涛", "孙丽", "刘洋", "吴刚", "马强")


def dibao_with_process(personas: Any) -> Any:
    """最低生活保障审批, published, with step kinds and roles (受理 → 审核 → 审批 → 送达)."""
    version = published_dibao(personas)
    for step in version.steps.order_by("order"):
        step.kind, step.role = step_kind_guess(step.name)
        step.save()
    return version


def snapshot(user: Any, *, organisation: Any | None = None) -> dict[str, str]:
    name = organisation.name if organisation is not None else user.full_name
    return {
        "name": name,
        "name_masked": name[0] + "*" * (len(name) - 1),
        "doc_type": "001" if organisation is not None else "111",
        "doc_number": organisation.uscc if organisation is not None else user.id_number,
        "doc_masked": user.id_number_masked,
        "contact_name": user.full_name,
        "contact_mobile": user.mobile,
        "contact_mobile_masked": user.mobile_masked,
    }


def case_for(user: Any, version: Any, *, organisation: Any | None = None, actor: Any | None = None) -> Case:
    """A submitted case of ``user`` (for ``organisation`` when given), opened by the engine."""
    application = Application.objects.create(
        applicant=user,
        applicant_kind=ApplicantKind.ORGANISATION if organisation is not None else ApplicantKind.PERSON,
        organisation=organisation,
        item=version.item,
        version=version,
        status="submitted",
        submitted_at=clock.now(),
        created_by=user,
    )
    with transaction.atomic():
        return engine.case_open(
            application=application, actor=actor or user, applicant=snapshot(user, organisation=organisation)
        )


def draft_for(user: Any, version: Any, *, organisation: Any | None = None) -> Application:
    return Application.objects.create(
        applicant=user,
        applicant_kind=ApplicantKind.ORGANISATION if organisation is not None else ApplicantKind.PERSON,
        organisation=organisation,
        item=version.item,
        version=version,
        created_by=user,
    )


def ask_supplement(case: Case, *, clerk: Any) -> CasePause:
    """补正告知 by ``clerk`` (named in the action's actor, never shown), with two items and a notice PDF."""
    now = clock.now()
    with transaction.atomic():
        case.request_supplement()
        case.paused_kind = PauseKind.SUPPLEMENT
        engine.due_dates_refresh(case)
        case.save()
        pause = CasePause.objects.create(
            case=case,
            kind=PauseKind.SUPPLEMENT,
            reason="材料不全，请一次补齐",
            started_at=now,
            start_date=clock.local_date(now),
            started_by=clerk,
        )
        SupplementItem.objects.create(
            pause=pause, name="居民身份证和户口簿", problem=MaterialProblem.WRONG, note="复印件不清晰", order=1
        )
        SupplementItem.objects.create(
            pause=pause, name="家庭经济状况核对授权书", problem=MaterialProblem.MISSING, note="请签字后上传", order=2
        )
        action = engine.action_add(
            case,
            code=ActionCode.SUPPLEMENT_REQUEST,
            actor=clerk,
            now=now,
            opinion=f"{clerk.full_name}：内部意见，材料不全",
            public_note="请补正材料（一次性告知）。",
            from_state=CaseState.SUBMITTED,
            to_state=CaseState.SUPPLEMENTING,
        )
        document_store(
            case=case,
            kind=DocumentKind.SUPPLEMENT_NOTICE,
            title="补正材料通知书",
            content=b"%PDF-1.4 notice",
            actor=clerk,
            action=action,
        )
        document_store(
            case=case,
            kind=DocumentKind.ATTACHMENT,
            title="内部核查记录",
            content=b"%PDF-1.4 internal",
            actor=clerk,
            action=action,
            is_public=False,
        )
    return pause


def accept(case: Case, *, clerk: Any) -> Case:
    """受理 by ``clerk`` and start the next stage (as H3's case_accept will)."""
    now = clock.now()
    with transaction.atomic():
        step = case.steps.get(kind=StepKind.ACCEPT)
        step.finish()
        step.outcome = StepOutcome.AGREE
        step.finished_at = now
        step.finished_by = clerk
        step.save()
        case.accept()
        case.accepted_at = now
        case.save()
        engine.stage_advance(case, now=now)
        engine.due_dates_refresh(case)
        case.save()
        engine.action_add(
            case,
            code=ActionCode.ACCEPT,
            actor=clerk,
            step=step,
            now=now,
            opinion=f"{clerk.full_name}同意受理",
            public_note="已受理。",
            from_state=CaseState.SUBMITTED,
            to_state=CaseState.PROCESSING,
        )
        engine.action_add(case, code=ActionCode.CLAIM, actor=clerk, now=now, opinion="签收")
    return case


def frozen(monkeypatch: Any, when: dt.datetime | None = None) -> None:
    when = when or dt.datetime(2026, 2, 10, 2, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: when)
