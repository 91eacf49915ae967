"""Real concurrency on PostgreSQL: two handlers acting on the same case at the same moment.

Each thread has its own connection and transaction; the case row lock (``select_for_update``) makes the second
wait for the first, then see the new ``lock_version`` or state and refuse cleanly. SQLite serialises writers
(``BEGIN IMMEDIATE``), so these races only run on PostgreSQL; the sequential equivalents (a stale page, a
double click) are in test_handling_services.py.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zwfw.cases.choices import ActionCode, CaseState, Decision
from zwfw.cases.models import Case, CaseAction, CaseStep, UpProAccept
from zwfw.cases.services import handling
from zwfw.core.models import AuditChainHead
from zwfw.testing.races import POSTGRES_ONLY, race
from zwfw.workflow.choices import StepKind, StepOutcome, StepState

from .handling_builders import (
    Freezer,
    case_submitted,
    fresh,
    item_published,
    joint_steps,
    media_root,  # noqa: F401 - files to a temporary folder
    transport,
)

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jt(personas, calendar_2025_2026, monkeypatch):
    AuditChainHead.objects.get_or_create(pk=1)
    time = Freezer(monkeypatch)
    time.at(2026, 3, 2, 9)
    setup = transport()
    setup.version = item_published(agency=setup.agency)
    return setup


def test_accept_and_refuse_at_the_same_moment_one_wins(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    seen = case.lock_version
    results = race(
        lambda: handling.case_accept(actor=jt.clerk, case=Case.objects.get(pk=case.pk), lock_version=seen),
        lambda: handling.case_refuse(actor=jt.clerk, case=Case.objects.get(pk=case.pk), lock_version=seen, reason="x"),
    )
    wins = [r for r in results if isinstance(r, Case)]
    losses = [r for r in results if isinstance(r, ValidationError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].code == "stale"
    case = fresh(case)
    assert case.state in (CaseState.PROCESSING, CaseState.REJECTED) and case.lock_version == seen + 1
    assert CaseAction.objects.filter(case=case, code__in=[ActionCode.ACCEPT, ActionCode.REFUSE]).count() == 1
    assert UpProAccept.objects.filter(case=case).count() == 1


def test_a_double_click_on_decide_makes_one_decision(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    case = fresh(case)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="同意",
    )
    case = fresh(case)

    def decide():
        return handling.case_decide(
            actor=jt.head,
            case=Case.objects.get(pk=case.pk),
            lock_version=case.lock_version,
            decision=Decision.APPROVED,
            reason="",
        )

    results = race(decide, decide)
    assert sum(isinstance(r, Case) for r in results) == 1, results
    case = fresh(case)
    assert case.state == CaseState.DECIDED
    assert case.documents.filter(kind="decision").count() == 1
    assert CaseAction.objects.filter(case=case, code=ActionCode.DECIDE).count() == 1


def test_two_agencies_finish_a_joint_stage_at_once_and_the_decision_starts_once(jt, personas):
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
    seen = case.lock_version
    results = race(
        lambda: handling.step_examine(
            actor=jt.examiner, step=ours, lock_version=seen, outcome=StepOutcome.AGREE, opinion="同意"
        ),
        lambda: handling.step_examine(
            actor=personas.chen_jing, step=theirs, lock_version=seen, outcome=StepOutcome.AGREE, opinion="同意"
        ),
    )
    assert all(isinstance(r, CaseStep) for r in results), results
    decide = CaseStep.objects.get(case=case, kind=StepKind.DECIDE)
    assert decide.state == StepState.ACTIVE and decide.due_date is not None


def test_two_examiners_claim_the_same_step_one_gets_it(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    step = CaseStep.objects.get(case=case, kind=StepKind.EXAMINE)
    results = race(
        lambda: handling.step_claim(actor=jt.examiner, step=step),
        lambda: handling.step_claim(actor=jt.examiner2, step=step),
    )
    errors = [r for r in results if isinstance(r, ValidationError)]
    assert len(errors) == 1 and errors[0].code == "claimed_by_other", results
    step.refresh_from_db()
    assert step.assignee in (jt.examiner, jt.examiner2)
    assert CaseAction.objects.filter(case=case, code=ActionCode.CLAIM).count() == 1
