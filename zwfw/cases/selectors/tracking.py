"""Tracking reads: my applications and cases, a case's timeline, the public progress lookup, messages.

Who sees what (the applicant side never uses permissions; a case that is not yours is a 404):

- **my cases**: cases a person applied for as themselves (``organisation`` empty), and every case of an
  organisation they are an active agent of (赵敏 sees the co-operative's cases, whoever of its agents applied,
  apart from her own). An agent removed from an organisation no longer sees its cases.
- **my drafts**: the person's own drafts and those of the organisations they still act for (as ``/apply/drafts/``);
  a window clerk's unsubmitted walk-in draft shows as being registered at the window, without a link.
- **the timeline**: the case's actions and pauses in time order. Every view names the *agency* that acted,
  never the member of staff (their names, accounts and internal opinions stay in the staff pages). The
  signed-in applicant's own timeline carries each action's public note (reasons of a refusal or termination,
  what to supplement, the tracking number…); the public view (number + query code, which anyone holding the
  receipt may use) shows only what happened, when and which agency: no notes, pause reasons or supplement
  details, which may describe the applicant's papers or the grounds of a decision.
- **the public progress lookup**: number + query code, both POSTed (never in a URL); the code is compared
  in constant time; failures are counted per source address (and per number) in Django's cache and
  refused with a Chinese message once :data:`LOOKUP_FAILURES` is reached within :data:`LOOKUP_WINDOW`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zwfw.core.dynforms import form_values_clean, form_values_display
from zwfw.identity.selectors import agent_links_of
from zwfw.notify.models import Message
from zwfw.workflow.choices import PauseKind, StepState

from ..choices import ActionCode, CaseState
from ..models import Application, Case, CaseAction, CaseDocument, CasePause, CaseStep
from .applications import application_values, drafts_of

#: Actions of the staff's own housekeeping: not on the applicant's timeline.
INTERNAL_ACTIONS = frozenset({ActionCode.CLAIM, ActionCode.ASSIGN, ActionCode.NOTE})

#: Failed lookups allowed per source address (and per case number) within the window.
LOOKUP_FAILURES = 10
LOOKUP_WINDOW = 15 * 60


# --- whose cases ----------------------------------------------------------------------------------


def organisations_acted_for(user: Any) -> list[Any]:
    """The organisations ``user`` is an active agent of (by name)."""
    return [link.organisation for link in agent_links_of(user)]


def _visible_q(user: Any, *, prefix: str = "") -> Q:
    org_ids = [link.organisation_id for link in agent_links_of(user)]
    own = Q(**{f"{prefix}applicant": user, f"{prefix}organisation__isnull": True})
    if org_ids:
        return own | Q(**{f"{prefix}organisation_id__in": org_ids})
    return own


def applicant_cases(user: Any) -> QuerySet[Case]:
    """Every case ``user`` may follow as an applicant (own + their organisations'), newest first."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return (
        Case.objects.filter(_visible_q(user))
        .select_related("item", "version", "agency", "organisation")
        .order_by("-submitted_at", "-id")
    )


def my_cases(user: Any, *, organisation: Any | None = None) -> QuerySet[Case]:
    """``user``'s own cases (``organisation`` None), or the cases of one organisation they act for."""
    cases = applicant_cases(user)
    if organisation is None:
        return cases.filter(applicant=user, organisation__isnull=True)
    return cases.filter(organisation=organisation)


def my_drafts(user: Any) -> QuerySet[Application]:
    """The drafts ``user`` may continue or follow: their own, and those of every organisation they act for,
    last edited first — the same drafts as ``/apply/drafts/`` (:func:`.applications.drafts_of`), for all the
    organisations at once. A window clerk's walk-in draft for the person is among them; it is edited at the
    window only (``cases/track/_draft_action.html`` says so instead of linking to it)."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    drafts = drafts_of(user)
    for organisation in organisations_acted_for(user):
        drafts = drafts | drafts_of(user, organisation=organisation)
    return drafts.select_related("item", "version", "organisation").order_by("-updated_at", "-id")


def applicant_case_get(user: Any, number: str) -> Case:
    """The case ``number`` if ``user`` may follow it as an applicant; otherwise 404 (existence not revealed)."""
    case = applicant_cases(user).filter(number=number).first()
    if case is None:
        raise Http404
    return case


def applicant_document_get(user: Any, number: str, pk: int) -> CaseDocument:
    """A document of the applicant's case that they may download (``is_public``); otherwise 404."""
    case = applicant_case_get(user, number)
    document = case.documents.filter(pk=pk, is_public=True).first()
    if document is None:
        raise Http404
    return document


def case_documents_for_applicant(case: Case) -> QuerySet[CaseDocument]:
    return case.documents.filter(is_public=True).order_by("created_at", "id")


# --- the application form as submitted ------------------------------------------------------------


def case_form_values(case: Case) -> list[tuple[str, str]]:
    """The case's application form as ``(label, text)`` rows, read against the version the case runs.

    The stored values are the applicant's raw input: they go through the form's own server-side cleaning
    (``core.dynforms``) so that options show their labels, ticked boxes 是/否, fields hidden by their condition
    not at all, and ID and mobile numbers masked (every page that shows a case's form uses this). A value the
    form no longer accepts (a check made stricter since) is shown as typed, masked by its type.
    """
    schema = case.version.application_form
    raw = application_values(case.application)
    values, errors = form_values_clean(schema, raw)
    for name in errors:
        if name in raw:
            values[name] = raw[name]
    return form_values_display(schema, values, mask=True)


# --- the timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's timeline, as the applicant (or the public page) reads it."""

    at: dt.datetime
    title: str
    agency: str = ""
    note: str = ""
    kind: str = "action"  # "action" | "pause" | "resume"
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepView:
    name: str
    agency: str
    state: str
    state_label: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    due_date: dt.date | None
    outcome_label: str = ""


@dataclass
class CaseProgress:
    """Everything a tracking page shows about one case."""

    case: Case
    steps: list[StepView]
    timeline: list[TimelineEntry]
    pauses: list[CasePause] = field(default_factory=list)
    open_supplement: CasePause | None = None


def _agency_name(agency: Any) -> str:
    return (agency.short_name or agency.name) if agency is not None else ""


def case_steps(case: Case) -> list[StepView]:
    out = []
    for step in CaseStep.objects.filter(case=case).select_related("agency").order_by("stage", "order"):
        out.append(
            StepView(
                name=step.name,
                agency=_agency_name(step.agency),
                state=step.state,
                state_label=str(StepState(step.state).label) if step.state in StepState.values else step.state,
                started_at=step.started_at,
                finished_at=step.finished_at if step.state == StepState.DONE else None,
                due_date=step.due_date if step.state == StepState.ACTIVE else None,
                outcome_label=step.get_outcome_display() if step.outcome else "",
            )
        )
    return out


def case_timeline(case: Case, *, public: bool) -> list[TimelineEntry]:
    """Actions and pauses in time order, naming agencies only; ``public``: without any note or detail
    (see the module's docstring)."""
    entries: list[TimelineEntry] = []
    actions = (
        CaseAction.objects.filter(case=case)
        .exclude(code__in=INTERNAL_ACTIONS)
        .select_related("agency")
        .order_by("acted_at", "id")
    )
    for action in actions:
        entries.append(
            TimelineEntry(
                at=action.acted_at,
                title=action.get_code_display(),
                agency=_agency_name(action.agency),
                note="" if public else action.public_note,
            )
        )
    pauses = CasePause.objects.filter(case=case).prefetch_related("items").order_by("started_at", "id")
    for pause in pauses:
        label = pause.get_kind_display()
        details: tuple[str, ...] = ()
        if not public:
            details = tuple(f"{item.name}（{item.get_problem_display()}）：{item.note}" for item in pause.items.all())
        entries.append(
            TimelineEntry(
                at=pause.started_at,
                title=_("暂停计时：%(kind)s") % {"kind": label},
                note="" if public else pause.reason,
                kind="pause",
                details=details,
            )
        )
        if pause.ended_at is not None:
            entries.append(
                TimelineEntry(
                    at=pause.ended_at,
                    title=_("恢复计时：%(kind)s结束") % {"kind": label},
                    note="" if public else pause.result,
                    kind="resume",
                )
            )
    # Stable: same moment → actions before the pause they caused.
    order = {"action": 0, "pause": 1, "resume": 2}
    entries.sort(key=lambda e: (e.at, order[e.kind]))
    return entries


def case_progress(case: Case, *, public: bool) -> CaseProgress:
    pauses = list(case.pauses.prefetch_related("items").order_by("started_at", "id"))
    open_supplement = next((p for p in pauses if p.ended_at is None and p.kind == PauseKind.SUPPLEMENT), None)
    return CaseProgress(
        case=case,
        steps=case_steps(case),
        timeline=case_timeline(case, public=public),
        pauses=[] if public else pauses,
        open_supplement=None if public else open_supplement,
    )


def case_is_awaiting_supplement(case: Case) -> bool:
    return case.state == CaseState.SUPPLEMENTING


# --- the public progress lookup --------------------------------------------------------------------


class ProgressLookupThrottled(ValidationError):
    """Too many failed lookups from one address (or for one number): wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            _("查询失败次数过多，请 %(minutes)d 分钟后再试。如忘记查询码，请登录用户中心查看或联系办理窗口。"),
            code="throttled",
            params={"minutes": minutes},
        )
        self.retry_after = retry_after


def query_code_normalise(value: str) -> str:
    """Codes are read out and typed by people: ignore spaces and hyphens, any letter case."""
    return "".join(ch for ch in (value or "").upper() if ch not in " -\t")


def _lookup_keys(*, address: str | None, number: str) -> list[str]:
    keys = [f"cases:progress:number:{hashlib.sha256(number.encode()).hexdigest()[:32]}"]
    if address:
        keys.append(f"cases:progress:address:{hashlib.sha256(address.encode()).hexdigest()[:32]}")
    return keys


def _throttle_check(keys: list[str]) -> None:
    now = dt.datetime.now(dt.UTC).timestamp()
    for key in keys:
        state = cache.get(key)
        if state and state["count"] >= LOOKUP_FAILURES:
            retry_after = int(state["start"] + LOOKUP_WINDOW - now)
            if retry_after > 0:
                raise ProgressLookupThrottled(retry_after)


def _failure_count(keys: list[str]) -> None:
    now = dt.datetime.now(dt.UTC).timestamp()
    for key in keys:
        state = cache.get(key)
        if not state or state["start"] + LOOKUP_WINDOW <= now:
            state = {"start": now, "count": 0}
        state["count"] += 1
        cache.set(key, state, LOOKUP_WINDOW)


#: Compared against when the number is unknown, so that both answers take the same work.
_DUMMY_CODE = "0" * 8


def progress_lookup(*, number: str, query_code: str, address: str | None) -> Case | None:
    """The case with this number and query code, or None. Raises :class:`ProgressLookupThrottled`.

    The same answer (None) for an unknown number and a wrong code: the page never tells which.
    """
    number = (number or "").strip().upper()
    code = query_code_normalise(query_code)
    keys = _lookup_keys(address=address, number=number)
    _throttle_check(keys)
    case = (
        Case.objects.filter(number=number).select_related("item", "version", "agency").first()
        if number and len(number) <= 52
        else None
    )
    expected = case.query_code if case is not None else _DUMMY_CODE
    matches = hmac.compare_digest(expected.encode(), code.encode())
    if case is None or not matches:
        _failure_count(keys)
        return None
    return case


# --- messages --------------------------------------------------------------------------------------


def messages_of(user: Any) -> QuerySet[Message]:
    """The in-site messages of ``user``, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    return Message.objects.filter(recipient=user).order_by("-created_at", "-id")


def messages_unread_count(user: Any) -> int:
    return messages_of(user).filter(read_at__isnull=True).count()


def message_get(user: Any, pk: int) -> Message:
    """One of ``user``'s messages; another person's is a 404."""
    message = messages_of(user).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


__all__ = [
    "LOOKUP_FAILURES",
    "LOOKUP_WINDOW",
    "CaseProgress",
    "ProgressLookupThrottled",
    "StepView",
    "TimelineEntry",
    "applicant_case_get",
    "applicant_cases",
    "applicant_document_get",
    "case_documents_for_applicant",
    "case_form_values",
    "case_progress",
    "case_steps",
    "case_timeline",
    "message_get",
    "messages_of",
    "messages_unread_count",
    "my_cases",
    "my_drafts",
    "organisations_acted_for",
    "progress_lookup",
    "query_code_normalise",
]
