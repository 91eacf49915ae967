"""Reads of the staff side: the inbox (待办 / 在办 / 已办), deadlines with colours, and the case page.

**Inbox.** A staff member works for one agency at a time (``org.staff_session.active_agency_get``). Their
*to-do* are the active steps of that agency for the roles they hold there that nobody has claimed yet, or that
the decider assigned to them (not yet claimed); *in progress* are the active steps they claimed; *done* are the
steps they finished there. Lists sort on stored, indexed columns (``CaseStep.due_date``; ``finished_at``) and
page by **keyset** (the last row's ``(due_date, id)``), so the thousandth page costs what the first does; the
count shown is capped at :data:`COUNT_CAP` ("1000+") instead of counting a million rows. Encrypted columns of
the case are never loaded for lists.

**Deadlines.** Due dates are stored (ADR 0017); what is left and the colour come from ONE
:func:`~zwfw.core.workdays.working_calendar` snapshot per page: ``remaining`` = working days from today to the
due date (negative when overdue), the level by :func:`zwfw.workflow.clock.level_for` (yellow from 90 % of the
limit used, red once overdue, grey while the clock is stopped).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connections, router
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from zwfw.catalog.models import ProcessStep, ServiceItem
from zwfw.catalog.selectors import catalog_generation
from zwfw.core.workdays import WorkingCalendar
from zwfw.org.choices import RegionLevel, Role
from zwfw.org.models import Agency, Membership, Region
from zwfw.org.rules import active_roles
from zwfw.workflow.choices import DeadlineLevel, PauseKind, StepKind, StepState
from zwfw.workflow.clock import level_for

from ..choices import FINAL_STATES, CaseState
from ..models import Case, CaseAction, CaseDocument, CasePause, CaseStep
from ..rules import HANDLING_ROLES

#: 受理 within 5 working days; delivery within 10 (kept equal to services.engine's constants).
ACCEPT_LIMIT_DAYS = 5
DELIVERY_LIMIT_DAYS = 10
COUNT_CAP = 1000
PER_PAGE = 30
#: "Due soon": due within this many working days.
DUE_SOON_DAYS = 3

TAB_TODO, TAB_DOING, TAB_DONE = "todo", "doing", "done"
TABS = (TAB_TODO, TAB_DOING, TAB_DONE)
#: The supervisor's single list: every active step (电子监察).
TAB_ACTIVE = "active"


# ---------------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A due date as the inbox shows it: ``remaining`` working days (negative = overdue) and the colour."""

    due: dt.date | None
    remaining: int | None
    limit: int
    level: str

    @property
    def label(self) -> str:
        return str(DeadlineLevel(self.level).label) if self.level else ""

    @property
    def text(self) -> str:
        if self.level == DeadlineLevel.PAUSED:
            return _("暂停计时")
        if self.remaining is None:
            return ""
        if self.remaining < 0:
            return _("已超期 %(n)d 个工作日") % {"n": -self.remaining}
        if self.remaining == 0:
            return _("今日到期")
        return _("剩余 %(n)d 个工作日") % {"n": self.remaining}


NO_DEADLINE = Deadline(None, None, 0, "")


def deadline_for(
    *, due: dt.date | None, limit: int, today: dt.date, calendar: WorkingCalendar, paused: bool = False
) -> Deadline:
    if paused:
        return Deadline(None, None, limit, DeadlineLevel.PAUSED)
    if due is None:
        return NO_DEADLINE
    remaining = calendar.working_days_between(today, due)
    return Deadline(due, remaining, limit, level_for(due=due, today=today, limit=limit, remaining=remaining))


def case_deadline(case: Case, *, today: dt.date, calendar: WorkingCalendar) -> Deadline:
    """The limit the case is running against now: acceptance, the promised decision, or delivery."""
    if case.state == CaseState.SUPPLEMENTING:
        return deadline_for(due=None, limit=ACCEPT_LIMIT_DAYS, today=today, calendar=calendar, paused=True)
    if case.state == CaseState.SUBMITTED:
        return deadline_for(due=case.accept_due, limit=ACCEPT_LIMIT_DAYS, today=today, calendar=calendar)
    if case.state == CaseState.PROCESSING:
        return deadline_for(
            due=case.promised_due,
            limit=case.promised_limit_days + case.extension_days,
            today=today,
            calendar=calendar,
            paused=bool(case.paused_kind),
        )
    if case.state == CaseState.DECIDED:
        return deadline_for(due=case.delivery_due, limit=DELIVERY_LIMIT_DAYS, today=today, calendar=calendar)
    return NO_DEADLINE


def legal_deadline(case: Case, *, today: dt.date, calendar: WorkingCalendar) -> Deadline:
    if case.state != CaseState.PROCESSING:
        return NO_DEADLINE
    return deadline_for(
        due=case.legal_due,
        limit=case.legal_limit_days + case.extension_days,
        today=today,
        calendar=calendar,
        paused=bool(case.paused_kind),
    )


def step_deadline(step: CaseStep, *, today: dt.date, calendar: WorkingCalendar, paused: bool = False) -> Deadline:
    if step.state != StepState.ACTIVE:
        return NO_DEADLINE
    limit = step.time_limit_days
    if step.kind == StepKind.ACCEPT:
        limit = ACCEPT_LIMIT_DAYS
    elif step.kind == StepKind.DELIVER:
        limit = DELIVERY_LIMIT_DAYS
    return deadline_for(
        due=step.due_date, limit=limit, today=today, calendar=calendar, paused=paused or step.due_date is None
    )


# ---------------------------------------------------------------------------------------------------
# The inbox
# ---------------------------------------------------------------------------------------------------


@dataclass
class InboxFilters:
    item: int | None = None
    state: str = ""
    due: str = ""  # "" | "soon" | "overdue"
    township: int | None = None
    agency: int | None = None  # supervisors only (电子监察 across agencies)

    @classmethod
    def from_query(cls, query: Any, *, supervisor: bool = False) -> InboxFilters:
        def number(value: Any) -> int | None:
            return int(value) if str(value or "").isdigit() else None

        state = query.get("state", "")
        due = query.get("due", "")
        return cls(
            item=number(query.get("item")),
            state=state if state in CaseState.values else "",
            due=due if due in ("soon", "overdue") else "",
            township=number(query.get("township")),
            agency=number(query.get("agency")) if supervisor else None,
        )

    def as_query(self) -> str:
        pairs = [
            ("agency", self.agency),
            ("item", self.item),
            ("state", self.state),
            ("due", self.due),
            ("township", self.township),
        ]
        return "&".join(f"{k}={v}" for k, v in pairs if v)

    @property
    def active(self) -> bool:
        return bool(self.as_query())


@dataclass
class InboxRow:
    step: CaseStep
    deadline: Deadline


@dataclass
class InboxPage:
    tab: str
    rows: list[InboxRow]
    next_cursor: str
    is_first: bool
    count: int
    count_capped: bool
    counts: dict[str, str] = field(default_factory=dict)


LIST_FIELDS = (
    "id",
    "name",
    "kind",
    "state",
    "role",
    "due_date",
    "time_limit_days",
    "assignee_id",
    "claimed_at",
    "started_at",
    "finished_at",
    "outcome",
    "agency_id",
    "agency__id",
    "agency__name",
    "agency__short_name",
    "case__id",
    "case__number",
    "case__state",
    "case__paused_kind",
    "case__summary",
    "case__applicant_name_masked",
    "case__submitted_at",
    "case__promised_due",
    "case__version__id",
    "case__version__name",
    "case__region__id",
    "case__region__name",
    "assignee__id",
    "assignee__full_name",
    "assignee__username",
)


def handling_roles_in(user: Any, agency: Agency | None) -> list[str]:
    if agency is None:
        return []
    return sorted(role for agency_id, role in active_roles(user) if agency_id == agency.pk and role in HANDLING_ROLES)


def _inbox_queryset(
    *, user: Any, agency: Agency, tab: str, roles: list[str] | None = None
) -> QuerySet[CaseStep] | None:
    """The rows of ``tab``; None when the user can have none there (no handling role in the agency)."""
    rows = CaseStep.objects.filter(agency=agency)
    if tab == TAB_DONE:
        return rows.filter(finished_by=user)
    roles = handling_roles_in(user, agency) if roles is None else roles
    if not roles:
        return None
    # ``state = 'active'`` literally: the partial indexes cases_step_active_idx / cases_step_doing_idx.
    rows = rows.filter(state=StepState.ACTIVE, role__in=roles)
    if tab == TAB_DOING:
        return rows.filter(assignee=user, claimed_at__isnull=False)
    return rows.filter(Q(assignee__isnull=True) | Q(assignee=user, claimed_at__isnull=True))


#: The open cases: the only ones with an active step. Written out as literals (not query parameters) so that
#: SQLite, like PostgreSQL, recognises the condition of the partial indexes cases_case_open_*_idx (CaseStep and
#: Case ``Meta.indexes``); the same states, in the same order.
OPEN_CASE_STATES = (CaseState.SUBMITTED, CaseState.SUPPLEMENTING, CaseState.PROCESSING, CaseState.DECIDED)
OPEN_CASES_SQL = "state IN ({})".format(", ".join(f"'{s}'" for s in OPEN_CASE_STATES))


def _filtered(
    rows: QuerySet[CaseStep], filters: InboxFilters, *, today: dt.date, calendar: WorkingCalendar, tab: str = ""
) -> QuerySet[CaseStep]:
    if filters.agency:
        rows = rows.filter(agency_id=filters.agency)
    if filters.item or filters.township:
        # ``case_id IN (the open cases of the item / township)``: a semi-join the databases answer from the small
        # partial indexes cases_case_open_item_idx / _region_idx (a hash of the few matching cases) instead of
        # looking up the case of every active step of the agency. Finished steps (已办) belong to closed cases
        # too: there without the condition.
        cases = Case.objects.all()
        if tab != TAB_DONE:
            cases = cases.filter(RawSQL(OPEN_CASES_SQL, (), output_field=BooleanField()))  # noqa: S611 - constants
        if filters.item:
            cases = cases.filter(item_id=filters.item)
        if filters.township:
            cases = cases.filter(region_id=filters.township)
        if filters.state:
            cases = cases.filter(state=filters.state)
        rows = rows.filter(case_id__in=cases.values("id"))
    elif filters.state:
        # A state holds many open cases (办理中: a tenth of all): looking up the case of each of the agency's
        # active steps (bounded by its open work) costs less than collecting every case in that state.
        rows = rows.filter(case__state=filters.state)
    if tab == TAB_DONE:
        return rows  # a finished step has no deadline left: "due soon" and "overdue" mean nothing there
    if filters.due == "overdue":
        rows = rows.filter(due_date__lt=today)
    elif filters.due == "soon":
        rows = rows.filter(due_date__gte=today, due_date__lte=calendar.working_days_after(today, DUE_SOON_DAYS))
    return rows


def _capped_counts(querysets: dict[str, QuerySet[CaseStep] | None]) -> dict[str, tuple[int, bool]]:
    """``{name: (count, capped)}`` of each queryset, each counted up to :data:`COUNT_CAP` + 1 rows, in ONE
    statement (``SELECT (SELECT COUNT(*) FROM (… LIMIT 1001)), …``): one round trip for the three tabs."""
    result = {name: (0, False) for name in querysets}
    parts: list[str] = []
    params: list[Any] = []
    names: list[str] = []
    alias = router.db_for_read(CaseStep)
    for name, rows in querysets.items():
        if rows is None:
            continue
        try:
            sql, sql_params = rows.order_by().values("pk")[: COUNT_CAP + 1].query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{len(names)})")  # noqa: S608 - Django's SQL, values as params
        params.extend(sql_params)
        names.append(name)
    if parts:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            row = cursor.fetchone()
        for name, n in zip(names, row, strict=True):
            result[name] = (min(n, COUNT_CAP), n > COUNT_CAP)
    return result


def _count_label(n: int, capped: bool) -> str:
    return f"{n}+" if capped else str(n)


def _cursor_parse(cursor: str, tab: str) -> tuple[Any, int] | None:
    try:
        kind, value, pk = cursor.split("_", 2)
        pk_int = int(pk)
        if tab == TAB_DONE:
            return (dt.datetime.fromisoformat(value) if kind == "t" else None, pk_int)
        if kind == "n":
            return (None, pk_int)
        if kind == "d":
            return (dt.date.fromisoformat(value), pk_int)
    except (ValueError, TypeError):
        return None
    return None


def _cursor_make(step: CaseStep, tab: str) -> str:
    if tab == TAB_DONE:
        return f"t_{step.finished_at.isoformat()}_{step.pk}" if step.finished_at else f"n__{step.pk}"
    return f"d_{step.due_date.isoformat()}_{step.pk}" if step.due_date else f"n__{step.pk}"


def _after(rows: QuerySet[CaseStep], tab: str, position: tuple[Any, int]) -> QuerySet[CaseStep]:
    value, pk = position
    if tab == TAB_DONE:
        if value is None:
            return rows.filter(Q(finished_at__isnull=True, pk__lt=pk))
        return rows.filter(Q(finished_at__lt=value) | Q(finished_at=value, pk__lt=pk))
    if value is None:
        return rows.filter(due_date__isnull=True, pk__gt=pk)
    return rows.filter(Q(due_date__gt=value) | Q(due_date=value, pk__gt=pk) | Q(due_date__isnull=True))


def _page_of(
    rows: QuerySet[CaseStep] | None,
    *,
    tab: str,
    cursor: str,
    per_page: int,
    today: dt.date,
    calendar: WorkingCalendar,
) -> tuple[list[InboxRow], str, bool]:
    """One keyset page of ``rows``: (rows, next cursor, is the first page)."""
    position = _cursor_parse(cursor, tab) if cursor else None
    if rows is None:
        return [], "", position is None
    if position is not None:
        rows = _after(rows, tab, position)
    if tab == TAB_DONE:
        rows = rows.order_by("-finished_at", "-pk")  # finished_by implies finished_at: the index's order
    else:
        rows = rows.order_by(F("due_date").asc(nulls_last=True), "pk")
    rows = rows.select_related("case", "case__version", "case__region", "assignee", "agency").only(*LIST_FIELDS)
    page = list(rows[: per_page + 1])
    has_next = len(page) > per_page
    page = page[:per_page]
    result = [
        InboxRow(
            step=step,
            deadline=step_deadline(
                step,
                today=today,
                calendar=calendar,
                paused=bool(step.case.paused_kind) or step.case.state == CaseState.SUPPLEMENTING,
            ),
        )
        for step in page
    ]
    return result, (_cursor_make(page[-1], tab) if has_next and page else ""), position is None


def inbox_page(
    *,
    user: Any,
    agency: Agency | None,
    tab: str,
    filters: InboxFilters,
    today: dt.date,
    calendar: WorkingCalendar,
    cursor: str = "",
    per_page: int = PER_PAGE,
) -> InboxPage:
    """One page of the user's inbox in ``agency`` (待办 and 在办 by due date, 已办 newest first).

    The three tabs' capped counts come from one statement. With a filter on, 已办 is counted only on its own
    tab: its rows are everything the user ever finished there, so a filter on the case (item, state, township)
    that matches few of them would read them all on every page of 待办 and 在办 — its label then shows no
    number (``counts["done"] == ""``).
    """
    tab = tab if tab in TABS else TAB_TODO
    if agency is None:
        return InboxPage(tab, [], "", True, 0, False, {t: "0" for t in TABS})
    roles = handling_roles_in(user, agency)
    querysets: dict[str, QuerySet[CaseStep] | None] = {}
    for name in TABS:
        if name == TAB_DONE and filters.active and tab != TAB_DONE:
            continue
        rows = _inbox_queryset(user=user, agency=agency, tab=name, roles=roles)
        querysets[name] = None if rows is None else _filtered(rows, filters, today=today, calendar=calendar, tab=name)
    counted = _capped_counts(querysets)
    counts = {name: _count_label(*counted[name]) if name in counted else "" for name in TABS}
    rows, next_cursor, is_first = _page_of(
        querysets[tab], tab=tab, cursor=cursor, per_page=per_page, today=today, calendar=calendar
    )
    count, capped = counted[tab]
    return InboxPage(
        tab=tab,
        rows=rows,
        next_cursor=next_cursor,
        is_first=is_first,
        count=count,
        count_capped=capped,
        counts=counts,
    )


def supervision_page(
    *,
    filters: InboxFilters,
    today: dt.date,
    calendar: WorkingCalendar,
    cursor: str = "",
    per_page: int = PER_PAGE,
) -> InboxPage:
    """电子监察: the active steps of every agency (or of ``filters.agency``) by due date, read-only.

    One tab (``TAB_ACTIVE``); the partial index cases_step_due_idx gives the order over all agencies.
    """
    rows = _filtered(CaseStep.objects.filter(state=StepState.ACTIVE), filters, today=today, calendar=calendar)
    counted = _capped_counts({TAB_ACTIVE: rows})
    page_rows, next_cursor, is_first = _page_of(
        rows, tab=TAB_ACTIVE, cursor=cursor, per_page=per_page, today=today, calendar=calendar
    )
    count, capped = counted[TAB_ACTIVE]
    return InboxPage(
        tab=TAB_ACTIVE,
        rows=page_rows,
        next_cursor=next_cursor,
        is_first=is_first,
        count=count,
        count_capped=capped,
        counts={TAB_ACTIVE: _count_label(count, capped)},
    )


#: How long the item choices stay cached at most (they are keyed by the catalogue's generation token anyway).
FILTER_CHOICES_SECONDS = 3600


def _item_choices(agency: Agency) -> list[tuple[int, str]]:
    # Its own items, and those whose process (any version: cases of an older one may still be open) has a
    # step there — a joint approval.
    handled = ProcessStep.objects.filter(agency=agency).values("version__item_id")
    rows = ServiceItem.objects.filter(published_version__isnull=False).filter(Q(agency=agency) | Q(pk__in=handled))
    return list(rows.order_by("implementation_code").values_list("pk", "published_version__name"))


def inbox_filter_choices(agency: Agency | None, *, supervisor: bool = False) -> dict[str, list[tuple[Any, str]]]:
    """The items handled in ``agency`` (its own, and those whose process has a step there), the townships and
    the open states; for a supervisor also every active agency (the items only once an agency is chosen).

    The items — the one costly part — are cached per agency under the catalogue's generation token (one
    primary-key read), which every publication and retirement replaces: a new item is offered at once.
    """
    items: list[tuple[int, str]] = []
    if agency is not None:
        key = f"cases:inbox-items:{agency.pk}:{catalog_generation()}"
        items = cache.get(key)
        if items is None:
            items = _item_choices(agency)
            cache.set(key, items, FILTER_CHOICES_SECONDS)
    agencies: list[tuple[int, str]] = []
    if supervisor:
        agencies = list(Agency.objects.filter(is_active=True).order_by("sort_order", "id").values_list("pk", "name"))
    return {
        "items": items,
        "townships": list(Region.objects.filter(level=RegionLevel.TOWNSHIP).order_by("code").values_list("pk", "name")),
        "agencies": agencies,
        "states": [(value, label) for value, label in CaseState.choices if value not in FINAL_STATES],
    }


# ---------------------------------------------------------------------------------------------------
# The case page
# ---------------------------------------------------------------------------------------------------


def case_for_staff(user: Any, number: str) -> Case:
    """The case ``number`` if the user may see it: unknown → 404, another agency's → 403."""
    case = (
        Case.objects.select_related("agency", "item", "version", "region", "centre", "application")
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404
    if not user.has_perm("cases.view_case", case):
        raise PermissionDenied(_("该办件不属于您所在的机构，您不能查看或办理。"))
    return case


def supplement_case_for(user: Any, number: str) -> Case:
    """The applicant's own case ``number`` (the person, or an agent of the applying organisation); else 404."""
    case = Case.objects.select_related("agency", "item", "version", "organisation").filter(number=number).first()
    if case is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if case.organisation_id is not None:
        if not user.has_perm("identity.act_for_organisation", case.organisation):
            raise Http404
    elif case.applicant_id != user.pk:
        raise Http404
    return case


def supplement_open(case: Case) -> CasePause | None:
    """The open supplement request of the case, with its items (None when nothing is asked)."""
    if case.state != CaseState.SUPPLEMENTING:
        return None
    return (
        case.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True)
        .prefetch_related("items", "items__requirement")
        .first()
    )


def staff_document(user: Any, number: str, document_id: int) -> CaseDocument:
    case = case_for_staff(user, number)
    document = CaseDocument.objects.filter(case=case, pk=document_id).first()
    if document is None:
        raise Http404
    return document


def _handles(user: Any, step: CaseStep) -> bool:
    return bool(user.has_perm("cases.handle_step", step))


def _free_for(user: Any, step: CaseStep) -> bool:
    return step.assignee_id is None or step.assignee_id == user.pk


@dataclass
class CaseActions:
    """The action forms this user may use on this case now (the services check again)."""

    accept_step: CaseStep | None = None
    can_supplement: bool = False
    examine_steps: list[CaseStep] = field(default_factory=list)
    claim_steps: list[CaseStep] = field(default_factory=list)
    assign_steps: list[tuple[CaseStep, list[Any]]] = field(default_factory=list)
    special_start: bool = False
    special_end: bool = False
    extend: bool = False
    extend_max: int = 0
    decide_step: CaseStep | None = None
    deliver_step: CaseStep | None = None
    terminate: bool = False

    @property
    def any(self) -> bool:
        return any(
            (
                self.accept_step,
                self.examine_steps,
                self.claim_steps,
                self.assign_steps,
                self.special_start,
                self.special_end,
                self.extend,
                self.decide_step,
                self.deliver_step,
                self.terminate,
            )
        )


def colleagues_for(step: CaseStep) -> list[Any]:
    """Who may be assigned the step: active holders of its role in its agency."""
    memberships = (
        Membership.objects.filter(agency_id=step.agency_id, role=step.role, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    return [m.user for m in memberships]


def case_actions_for(user: Any, case: Case, steps: list[CaseStep], open_pause: CasePause | None) -> CaseActions:
    acts = CaseActions()
    active = [s for s in steps if s.state == StepState.ACTIVE]
    special_open = open_pause is not None and open_pause.kind != PauseKind.SUPPLEMENT
    handled = [s for s in active if _handles(user, s)]
    for step in handled:
        if step.assignee_id is None or (step.assignee_id == user.pk and step.claimed_at is None):
            acts.claim_steps.append(step)
        if not _free_for(user, step):
            continue
        if step.kind == StepKind.ACCEPT and case.state == CaseState.SUBMITTED:
            acts.accept_step = step
            acts.can_supplement = not case.supplement_requested
        elif step.kind == StepKind.EXAMINE and case.state == CaseState.PROCESSING and not special_open:
            acts.examine_steps.append(step)
        elif step.kind == StepKind.DECIDE and case.state == CaseState.PROCESSING and not special_open:
            acts.decide_step = step
        elif step.kind == StepKind.DELIVER and case.state == CaseState.DECIDED:
            acts.deliver_step = step
    for step in active:
        if user.has_perm("cases.assign_step", step):
            acts.assign_steps.append((step, colleagues_for(step)))
    handles_handling = any(s.kind in (StepKind.EXAMINE, StepKind.DECIDE) for s in handled)
    if case.state == CaseState.PROCESSING and handles_handling:
        acts.special_start = not special_open
        acts.special_end = special_open
    is_head = bool(user.has_perm("cases.extend_case", case))
    if case.state == CaseState.PROCESSING and is_head and not case.extension_days:
        from ..services.handling import extension_max_days

        acts.extend = True
        acts.extend_max = extension_max_days(case)
    acts.terminate = case.state in (CaseState.SUPPLEMENTING, CaseState.PROCESSING) and (is_head or bool(handled))
    return acts


def case_page(user: Any, case: Case, *, today: dt.date, calendar: WorkingCalendar) -> dict[str, Any]:
    """Everything about a case on one page, for staff."""
    steps = list(case.steps.select_related("agency", "assignee", "finished_by").order_by("order"))
    pauses = list(case.pauses.prefetch_related("items", "items__requirement").select_related("started_by", "ended_by"))
    open_pause = next((p for p in pauses if p.ended_at is None), None)
    paused = bool(case.paused_kind) or case.state == CaseState.SUPPLEMENTING
    actions = list(
        CaseAction.objects.filter(case=case).select_related("actor", "step", "agency").prefetch_related("documents")
    )
    materials = list(
        case.application.materials.select_related("requirement", "upload", "supplement").order_by(
            "requirement__order", "added_at", "id"
        )
    )
    documents = list(case.documents.select_related("created_by").order_by("created_at", "id"))
    examined = [s for s in steps if s.kind == StepKind.EXAMINE and s.state == StepState.DONE]
    return {
        "case": case,
        "steps": [(s, step_deadline(s, today=today, calendar=calendar, paused=paused)) for s in steps],
        "examined": examined,
        "pauses": pauses,
        "open_pause": open_pause,
        "record": actions,
        "materials": materials,
        "documents": documents,
        "deadline": case_deadline(case, today=today, calendar=calendar),
        "legal_deadline": legal_deadline(case, today=today, calendar=calendar),
        "allowed": case_actions_for(user, case, steps, open_pause),
        "decider_role": Role.DECIDER,
    }


__all__ = [
    "COUNT_CAP",
    "CaseActions",
    "Deadline",
    "InboxFilters",
    "InboxPage",
    "TABS",
    "TAB_ACTIVE",
    "case_actions_for",
    "case_deadline",
    "case_for_staff",
    "case_page",
    "colleagues_for",
    "deadline_for",
    "inbox_filter_choices",
    "inbox_page",
    "supervision_page",
    "legal_deadline",
    "staff_document",
    "step_deadline",
    "supplement_case_for",
    "supplement_open",
]
