"""The case engine: opening a case from a submitted application, moving it stage by stage, keeping due dates.

Internal to the cases services (``application_submit`` calls :func:`case_open`; the handling services call
:func:`stage_advance` after a step finishes and :func:`due_dates_refresh` after a pause or an extension).
Every function runs inside the caller's transaction, on a case row the caller locked.

- **Numbering**: 办件编号 = the item's 实施编码 + ``yyyyMMdd`` (the county's date) + a 4-digit serial of the
  day per implementation code (STANDARDS.md §2), from :class:`~zwfw.cases.models.CaseNumberSequence`, incremented
  under the transaction's lock (``select_for_update`` on PostgreSQL, the write lock of ``BEGIN IMMEDIATE`` on SQLite).
- **Query code** (查询码): 8 characters from an alphabet without look-alikes, from :mod:`secrets`.
- **Steps**: one :class:`~zwfw.cases.models.CaseStep` per ``ProcessStep`` of the version, planned into stages by
  :func:`zwfw.workflow.stages.stages_plan`; the agency of a step is the definition's agency, or the township
  government of the case's township for 就近 steps (``at_township``), or else the item's agency.
- **Clock**: 受理 must happen (or the supplement be asked) within :data:`ACCEPT_LIMIT_DAYS` working days of
  submission, counted again from the day a supplement is complete; the legal and promised limits run from
  acceptance, plus the extension, pauses (特别程序) not counted; the result is delivered within
  :data:`DELIVERY_LIMIT_DAYS` of the decision. Each step's own limit runs from its start (the 受理 step's from
  ``accept_from``), and a 受理 or 送达 step is never due later than the case's legal ``accept_due`` /
  ``delivery_due``, which stay the legal dates.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import zwfw.workflow.clock as legal_clock
from zwfw.core import clock
from zwfw.core.workdays import WorkingCalendar, working_calendar
from zwfw.org.choices import AgencyKind
from zwfw.org.models import Agency
from zwfw.workflow.choices import JoinRule, PauseKind, StepKind, StepOutcome, StepState
from zwfw.workflow.stages import process_problems, stage_result, stages_plan

from ..choices import ActionCode, CaseState
from ..models import Application, Case, CaseAction, CaseNumberSequence, CasePause, CaseStep
from .library import process_row_write

#: 行政许可法 第三十二条: 补正 must be notified within 5 days of receipt; we hold acceptance to the same.
ACCEPT_LIMIT_DAYS = 5
#: 行政许可法 第四十四条: the certificate is delivered within 10 days of the decision.
DELIVERY_LIMIT_DAYS = 10

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 8

FINAL_STEP_STATES = (StepState.DONE, StepState.SKIPPED, StepState.CANCELLED)


def query_code_new() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def case_number_next(*, implementation_code: str, day: dt.date) -> str:
    """The next 办件编号 of the day for an implementation code (in the caller's transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_number_next must run inside the submission's transaction")
    seq, _created = CaseNumberSequence.objects.select_for_update().get_or_create(prefix=implementation_code, day=day)
    seq.last += 1
    if seq.last > 9999:
        raise ValidationError(_("该事项今日的办件编号已用完（每日最多 9999 件），请明日再试或联系系统管理员。"))
    seq.save(update_fields=["last"])
    return f"{implementation_code}{day:%Y%m%d}{seq.last:04d}"


def township_agency(region: Any) -> Agency | None:
    """The township government (乡镇人民政府) of a township region, if the county has one."""
    if region is None:
        return None
    return Agency.objects.filter(region=region, kind=AgencyKind.TOWNSHIP_GOVERNMENT, is_active=True).first()


def step_agency(definition: Any, *, case: Case) -> Agency:
    if definition.at_township:
        township = township_agency(case.region)
        if township is not None:
            return township
    if definition.agency_id:
        return definition.agency
    return case.agency


def steps_create(case: Case) -> list[CaseStep]:
    """The case's steps from its version's process (all waiting)."""
    definitions = list(case.version.steps.select_related("agency").order_by("order"))
    problems = process_problems(definitions)
    if problems:
        raise ValidationError(
            _("该事项的办理流程不完整，暂不能受理网上申请：%(problems)s") % {"problems": "；".join(problems)}
        )
    steps = []
    for stage_no, stage in enumerate(stages_plan(definitions)):
        for definition in stage:
            steps.append(
                CaseStep(
                    case=case,
                    definition=definition,
                    order=definition.order,
                    stage=stage_no,
                    name=definition.name,
                    kind=definition.kind,
                    agency=step_agency(definition, case=case),
                    role=definition.role,
                    parallel_group=definition.parallel_group,
                    join_rule=definition.join_rule,
                    time_limit_days=definition.time_limit_days,
                )
            )
    return CaseStep.objects.bulk_create(steps)


def action_add(
    case: Case,
    *,
    code: str,
    actor: Any | None,
    now: dt.datetime,
    step: CaseStep | None = None,
    agency: Agency | None = None,
    opinion: str = "",
    public_note: str = "",
    from_state: str = "",
    to_state: str = "",
) -> CaseAction:
    return CaseAction.objects.create(
        case=case,
        step=step,
        code=code,
        actor=actor,
        agency=agency or (step.agency if step is not None else case.agency),
        acted_at=now,
        opinion=opinion,
        public_note=public_note,
        from_state=from_state,
        to_state=to_state,
    )


def _pauses(case: Case, *, kinds: Iterable[str] | None = None) -> list[legal_clock.Pause]:
    rows = case.pauses.all()
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return [(p.start_date, p.end_date) for p in rows.order_by("start_date")]


SPECIAL = [k for k in PauseKind.values if k != PauseKind.SUPPLEMENT]


def due_dates_refresh(case: Case, *, calendar: WorkingCalendar | None = None) -> None:
    """Recompute the case's and its active steps' due dates from the stored starts, limits and pauses.

    Saves the steps; the caller saves the case. Raises ``CalendarYearMissing`` (nothing saved) when a year
    on the way has no calendar.
    """
    cal = calendar or working_calendar()
    if case.state in (CaseState.SUBMITTED,):
        case.accept_due = legal_clock.due_date(start=case.accept_from, days=ACCEPT_LIMIT_DAYS, calendar=cal)
    elif case.state == CaseState.SUPPLEMENTING:
        case.accept_due = None
    special = _pauses(case, kinds=SPECIAL)
    if case.accepted_at is not None:
        accepted_on = clock.local_date(case.accepted_at)
        case.legal_due = legal_clock.due_date(
            start=accepted_on, days=case.legal_limit_days + case.extension_days, pauses=special, calendar=cal
        )
        case.promised_due = legal_clock.due_date(
            start=accepted_on, days=case.promised_limit_days + case.extension_days, pauses=special, calendar=cal
        )
    if case.decided_at is not None:
        case.delivery_due = legal_clock.due_date(
            start=clock.local_date(case.decided_at), days=DELIVERY_LIMIT_DAYS, calendar=cal
        )
    for step in case.steps.filter(state=StepState.ACTIVE):
        if step.kind == StepKind.ACCEPT:
            # The step's own limit restarts with the legal one when a supplement is complete (accept_from);
            # while the supplement is awaited neither runs.
            legal = case.accept_due
            own = (
                None
                if legal is None
                else legal_clock.due_date(start=case.accept_from, days=step.time_limit_days, calendar=cal)
            )
            due = _earlier(own, legal)
        else:
            own = legal_clock.due_date(
                start=clock.local_date(step.started_at), days=step.time_limit_days, pauses=special, calendar=cal
            )
            due = _earlier(own, case.delivery_due) if step.kind == StepKind.DELIVER else own
        if due != step.due_date:
            step.due_date = due
            step.save(update_fields=["due_date"])


def _earlier(own: dt.date | None, legal: dt.date | None) -> dt.date | None:
    """A step's due date: its own limit, never later than the legal one (either may be unknown: ``None``)."""
    if own is None or legal is None:
        return own or legal
    return min(own, legal)


def case_open(*, application: Application, actor: Any | None, applicant: dict[str, str]) -> Case:
    """Create the case of a just-submitted application: number, query code, steps, the 受理 step active.

    ``applicant`` holds the snapshot for the case information library: ``name``, ``name_masked``,
    ``doc_type``, ``doc_number``, ``doc_masked``, ``legal_representative``, ``contact_name``,
    ``contact_mobile``, ``contact_mobile_masked``. Returns the case (saved); the caller records the audit event
    and sends the notices after commit.
    """
    now = clock.now()
    version = application.version
    item = application.item
    case = Case(
        number=case_number_next(implementation_code=item.implementation_code, day=clock.local_date(now)),
        query_code=query_code_new(),
        application=application,
        applicant=application.applicant,
        applicant_kind=application.applicant_kind,
        organisation=application.organisation,
        applicant_name=applicant["name"],
        applicant_name_masked=applicant["name_masked"],
        applicant_doc_type=applicant["doc_type"],
        applicant_doc_number=applicant["doc_number"],
        applicant_doc_masked=applicant["doc_masked"],
        legal_representative=applicant.get("legal_representative", ""),
        contact_name=applicant["contact_name"],
        contact_mobile=applicant["contact_mobile"],
        contact_mobile_masked=applicant["contact_mobile_masked"],
        item=item,
        version=version,
        agency=item.agency,
        region=application.region,
        centre=application.centre,
        summary=applicant.get("summary") or f"{applicant['name_masked']}申请{version.name}"[:200],
        channel=application.channel,
        submitted_at=now,
        accept_from=clock.local_date(now),
        legal_limit_days=version.legal_limit_days,
        promised_limit_days=version.promised_limit_days,
        delivery_method=application.delivery_method,
        delivery_address=application.delivery_address,
    )
    case.save()
    steps_create(case)
    first = case.steps.order_by("order").first()
    first.start()
    first.started_at = now
    first.save()
    due_dates_refresh(case)
    case.save()
    action = action_add(
        case,
        code=ActionCode.SUBMIT,
        actor=actor,
        now=now,
        step=first,
        agency=first.agency,
        public_note=_("已提交申请，等待受理。"),
        to_state=CaseState.SUBMITTED,
    )
    process_row_write(action)  # the case information library: the submission is the first process row
    return case


def current_stage(case: Case) -> list[CaseStep]:
    """The steps of the earliest stage that is not finished (empty when every stage is)."""
    steps = list(case.steps.order_by("stage", "order"))
    by_stage: dict[int, list[CaseStep]] = {}
    for step in steps:
        by_stage.setdefault(step.stage, []).append(step)
    for stage_no in sorted(by_stage):
        stage = by_stage[stage_no]
        if any(s.state not in FINAL_STEP_STATES for s in stage):
            return stage
    return []


def stage_advance(case: Case, *, now: dt.datetime) -> list[CaseStep]:
    """After a step finished: close its stage if the join rule is met, and start the next stage.

    Returns the steps started (empty when the current stage still waits for branches, or the process is
    at its end). A 全部同意 stage closed by a 不同意 cancels its open branches; an 任一同意 stage closed by a
    同意 skips them. The next stage starts even after a disagreement: the decider decides with it at hand.
    """
    stage = current_stage(case)
    if not stage:
        return []
    if all(s.state == StepState.WAITING for s in stage):
        return _stage_start(case, stage, now=now)
    outcomes = [s.outcome if s.state == StepState.DONE else None for s in stage if s.state != StepState.CANCELLED]
    complete, _outcome = stage_result(stage[0].join_rule or JoinRule.ALL, outcomes)
    if not complete:
        return []
    for step in stage:
        if step.state in (StepState.WAITING, StepState.ACTIVE):
            if step.join_rule == JoinRule.ANY:
                step.skip()
            else:
                step.cancel()
            step.finished_at = now
            step.save()
    following = current_stage(case)
    if not following:
        return []
    return _stage_start(case, following, now=now)


def _stage_start(case: Case, stage: list[CaseStep], *, now: dt.datetime) -> list[CaseStep]:
    for step in stage:
        step.start()
        step.started_at = now
        step.save()
    due_dates_refresh(case)
    return stage


def stage_outcome(stage: list[CaseStep]) -> str | None:
    """The outcome of a finished stage (its join rule over the branches' outcomes)."""
    outcomes = [s.outcome if s.state == StepState.DONE else None for s in stage if s.state != StepState.CANCELLED]
    complete, outcome = stage_result(stage[0].join_rule, outcomes)
    return outcome if complete else None


def steps_cancel_open(case: Case, *, now: dt.datetime) -> None:
    """Cancel every waiting or active step (the case was withdrawn, refused or terminated)."""
    for step in case.steps.filter(state__in=[StepState.WAITING, StepState.ACTIVE]):
        step.cancel()
        step.finished_at = now
        step.save()


def open_pause(case: Case) -> CasePause | None:
    return case.pauses.filter(ended_at__isnull=True).first()


__all__ = [
    "ACCEPT_LIMIT_DAYS",
    "DELIVERY_LIMIT_DAYS",
    "StepOutcome",
    "action_add",
    "case_number_next",
    "case_open",
    "current_stage",
    "due_dates_refresh",
    "open_pause",
    "stage_advance",
    "stage_outcome",
    "steps_cancel_open",
    "steps_create",
    "township_agency",
]
