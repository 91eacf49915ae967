"""Every action that changes a case refuses a page (or an API client) that saw an older version of it.

``lock_version`` is what the page or the department system last read; a different one is refused with
code ``stale`` before anything is written, so two people acting on one case cannot both succeed blindly.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zwfw.cases.choices import CaseState, Decision, DeliveryMethod
from zwfw.cases.models import CaseAction
from zwfw.cases.services import handling
from zwfw.workflow.choices import PauseKind, StepKind, StepOutcome

from .handling_builders import (
    case_submitted,
    fresh,
    media_root,  # noqa: F401 - files to a temporary folder
)

pytestmark = pytest.mark.django_db


def _refused_as_stale(call, case) -> None:
    """``call(lock_version)`` with an old version is refused and writes nothing; with the current one it works."""
    case = fresh(case)
    before = (case.state, case.lock_version, CaseAction.objects.filter(case=case).count())
    with pytest.raises(ValidationError) as exc:
        call(case.lock_version - 1)
    assert exc.value.code == "stale"
    case = fresh(case)
    assert (case.state, case.lock_version, CaseAction.objects.filter(case=case).count()) == before
    call(case.lock_version)
    assert fresh(case).lock_version > before[1]


def _accepted(jt, personas):
    case = case_submitted(jt.version, personas.wang_jianjun)
    handling.case_accept(actor=jt.clerk, case=case, lock_version=case.lock_version)
    return fresh(case)


def test_special_procedure_start_and_end(jt, personas):
    case = _accepted(jt, personas)
    _refused_as_stale(
        lambda v: handling.special_start(
            actor=jt.examiner, case=case, kind=PauseKind.INSPECTION, reason="现场核查车辆", lock_version=v
        ),
        case,
    )
    assert fresh(case).paused_kind == PauseKind.INSPECTION
    _refused_as_stale(
        lambda v: handling.special_end(actor=jt.examiner, case=case, result="核查合格", lock_version=v), case
    )
    assert fresh(case).paused_kind == ""


def test_extension(jt, personas):
    case = _accepted(jt, personas)
    _refused_as_stale(
        lambda v: handling.case_extend(actor=jt.head, case=case, days=5, reason="需逐一核查", lock_version=v), case
    )
    assert fresh(case).extension_days == 5


def test_withdrawal_and_termination(jt, personas):
    case = _accepted(jt, personas)
    _refused_as_stale(
        lambda v: handling.case_withdraw(actor=personas.wang_jianjun, case=case, reason="不再需要", lock_version=v),
        case,
    )
    assert fresh(case).state == CaseState.WITHDRAWN
    other = _accepted(jt, personas)
    _refused_as_stale(
        lambda v: handling.case_terminate(actor=jt.head, case=other, reason="申请人已注销", lock_version=v), other
    )
    assert fresh(other).state == CaseState.TERMINATED


def test_delivery(jt, personas):
    case = _accepted(jt, personas)
    handling.step_examine(
        actor=jt.examiner,
        step=case.steps.get(kind=StepKind.EXAMINE),
        lock_version=case.lock_version,
        outcome=StepOutcome.AGREE,
        opinion="符合条件",
    )
    case = fresh(case)
    handling.case_decide(
        actor=jt.head,
        case=case,
        lock_version=case.lock_version,
        decision=Decision.APPROVED,
        reason="符合《道路运输条例》规定的条件",
    )
    _refused_as_stale(
        lambda v: handling.case_deliver(actor=jt.clerk, case=case, method=DeliveryMethod.WINDOW, lock_version=v),
        case,
    )
    assert fresh(case).state == CaseState.DELIVERED
