"""The engine opens a case from a submitted application and walks a joint stage (smoke test of the skeleton)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from zwfw.cases.choices import CaseState
from zwfw.cases.models import Application, CaseStep
from zwfw.cases.services import engine
from zwfw.catalog.tests.builders import published_dibao
from zwfw.core import clock
from zwfw.workflow.choices import JoinRule, StepKind, StepOutcome, StepState
from zwfw.workflow.stages import step_kind_guess

pytestmark = pytest.mark.django_db


def _applicant_snapshot():
    return {
        "name": "王建军",
        "name_masked": "王*军",
        "doc_type": "111",
        "doc_number": "620423199001010011",
        "doc_masked": "620423********0011",
        "contact_name": "王建军",
        "contact_mobile": "13909430001",
        "contact_mobile_masked": "139****0001",
    }


def test_case_open_numbers_the_case_and_starts_acceptance(personas, calendar_2025_2026, monkeypatch):
    version = published_dibao(personas)
    steps = list(version.steps.order_by("order"))
    for step in steps:
        step.kind, step.role = step_kind_guess(step.name)
        step.save()
    # Make 审核 a joint stage of two agencies.
    extra = version.steps.get(pk=steps[1].pk)
    extra.pk = None
    extra.order = 3
    extra.name = "复核"
    extra.agency = personas.market
    for later in reversed(steps[2:]):
        later.order += 1
        later.save()
    extra.save()
    steps[1].parallel_group = extra.parallel_group = 1
    steps[1].join_rule = extra.join_rule = JoinRule.ALL
    steps[1].save()
    extra.save()

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 2, 10, 2, 0, tzinfo=dt.UTC))
    application = Application.objects.create(
        applicant=personas.wang_jianjun, item=version.item, version=version, created_by=personas.wang_jianjun
    )
    with transaction.atomic():
        case = engine.case_open(application=application, actor=personas.wang_jianjun, applicant=_applicant_snapshot())
    assert case.number == f"{version.item.implementation_code}202602100001"
    assert len(case.query_code) == 8
    assert case.state == CaseState.SUBMITTED
    assert case.accept_due == dt.date(2026, 2, 24)
    accept = case.steps.get(kind=StepKind.ACCEPT)
    assert accept.state == StepState.ACTIVE and accept.due_date == dt.date(2026, 2, 11)  # its own 1 working day

    # Accept, then the joint stage starts with both branches.
    now = clock.now()
    with transaction.atomic():
        accept.finish()
        accept.outcome = StepOutcome.AGREE
        accept.save()
        case.accept()
        case.accepted_at = now
        case.save()
        started = engine.stage_advance(case, now=now)
    assert {s.name for s in started} == {"审核", "复核"}
    assert {s.agency_id for s in started} == {personas.civil_affairs.pk, personas.market.pk}
    first, second = started
    with transaction.atomic():
        first.finish()
        first.outcome = StepOutcome.AGREE
        first.save()
        assert engine.stage_advance(case, now=now) == []  # waits for the other branch
        second.finish()
        second.outcome = StepOutcome.AGREE
        second.save()
        following = engine.stage_advance(case, now=now)
    assert [s.kind for s in following] == [StepKind.DECIDE]
    assert CaseStep.objects.filter(case=case, state=StepState.ACTIVE).count() == 1
