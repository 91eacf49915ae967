"""The handling back office under ``/staff/cases/``: the inbox and the case page with its action forms.

- ``inbox`` — 待办 / 在办 / 已办 of the agency the user works for now (the agency switcher), filters (item,
  state, due soon, overdue, township), due dates coloured by remaining working days from one calendar
  snapshot, keyset pages;
- ``case`` — everything about a case on one page (applicant masked, form values, materials with their file
  view, steps with due dates, pauses, the record, documents) and only the action forms the user may use now;
- one POST view per action, each calling its service (which checks everything again) and coming back to the
  case page with a message, or re-rendering it with the service's Chinese errors (nothing changed);
- ``document`` — a document of the case through this authorising view (never a public path).

Another agency's case is 403 (``cases.view_case``), an unknown number 404. A supervisor (电子监察, no handling
role) opens the inbox as one read-only list of every agency's active steps (filter by agency) and any case
page, where no action form is offered; every action POST is 403 for them (``cases.handle_step``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from zwfw.core import clock
from zwfw.core.downloads import file_download
from zwfw.core.permissions import permission_required_or_403
from zwfw.core.workdays import working_calendar
from zwfw.org.models import Agency
from zwfw.org.staff_session import active_agency_get
from zwfw.workflow.choices import SPECIAL_PAUSE_KINDS, PauseKind, StepOutcome

from ..choices import Decision, DeliveryMethod, DocumentKind, MaterialProblem
from ..models import Case, CaseStep
from ..notices import legal_remedy_default
from ..selectors.inbox import (
    TABS,
    InboxFilters,
    case_for_staff,
    case_page,
    inbox_filter_choices,
    inbox_page,
    staff_document,
    supervision_page,
)
from ..selectors.tracking import case_form_values
from ..services import handling
from ..services.receipt import receipt_ensure

PERM = "cases.handle_step"
handlers_only = permission_required_or_403(PERM, gettext_lazy("此页面仅供窗口受理、审查和审批决定人员使用。"))
#: The inbox, the case page and its documents: handlers, and supervisors (电子监察) read-only.
viewers_only = permission_required_or_403(
    "cases.view_inbox", gettext_lazy("此页面仅供办件办理人员和电子监察人员使用。")
)

TAB_LABELS = {"todo": gettext_lazy("待办"), "doing": gettext_lazy("在办"), "done": gettext_lazy("已办")}


# ---------------------------------------------------------------------------------------------------
# Forms of the actions (the services validate again; these only collect input)
# ---------------------------------------------------------------------------------------------------


class _Versioned(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the service checks each by its content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        one = super().clean
        if isinstance(data, (list, tuple)):
            return [one(d, initial) for d in data if d]
        return [one(data, initial)] if data else []


class _Attached(_Versioned):
    """Every action with an opinion or reason may carry files: a hearing record, an inspection report, the experts'
    opinion, the signed 送达回证 scanned — kept as internal 办理附件 of the action (the applicant does not see them)."""

    attachment = _MultipleFileField(
        label=gettext_lazy("附件（可选，可多选）"),
        required=False,
        help_text=gettext_lazy(
            "如现场核查记录、会审纪要、听证笔录；PDF、OFD、Word、Excel、JPG、PNG，每个不超过 20 MB，最多 10 个。"
            "申请人看不到附件。"
        ),
    )


class AcceptForm(_Attached):
    opinion = forms.CharField(
        label=gettext_lazy("受理意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefuseForm(_Attached):
    reason = forms.CharField(
        label=gettext_lazy("不予受理的理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_remedy = forms.CharField(
        label=gettext_lazy("救济途径"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("已填入默认的救济途径（行政复议、行政诉讼），可按实际修改；留空则使用默认内容。"),
    )


class ExamineForm(_Attached):
    outcome = forms.ChoiceField(label=gettext_lazy("审查结论"), choices=StepOutcome.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=gettext_lazy("审查意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SpecialStartForm(_Attached):
    kind = forms.ChoiceField(
        label=gettext_lazy("特别程序"),
        choices=[(k, PauseKind(k).label) for k in SPECIAL_PAUSE_KINDS],
    )
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=gettext_lazy("依据（可选）"), required=False, max_length=300)
    planned_end = forms.DateField(
        label=gettext_lazy("预计结束日期（可选）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SpecialEndForm(_Attached):
    result = forms.CharField(
        label=gettext_lazy("特别程序的结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(_Attached):
    days = forms.IntegerField(label=gettext_lazy("延长的工作日数"), min_value=1, max_value=15)
    reason = forms.CharField(
        label=gettext_lazy("延期理由（将告知申请人）"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(_Attached):
    decision = forms.ChoiceField(label=gettext_lazy("决定"), choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("不予许可时必须写明理由。"),
    )
    legal_remedy = forms.CharField(
        label=gettext_lazy("救济途径"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    result_number = forms.CharField(
        label=gettext_lazy("结果文号（可选）"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("留空则使用办件编号。"),
    )


class DeliverForm(_Attached):
    method = forms.ChoiceField(label=gettext_lazy("送达方式"), choices=DeliveryMethod.choices)
    tracking_number = forms.CharField(
        label=gettext_lazy("邮件单号"), required=False, max_length=40, help_text=gettext_lazy("邮寄送达时必填。")
    )


class ReasonForm(_Attached):
    reason = forms.CharField(label=gettext_lazy("终止理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=gettext_lazy("指派给"), coerce=int, choices=())

    def __init__(self, *args: Any, colleagues: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.colleagues = {u.pk: u for u in colleagues}
        self.fields["assignee"].choices = [(u.pk, u.get_full_name()) for u in colleagues]


class SupplementForm(_Attached):
    """One row per material of the item: tick a problem and say what to do; plus one free line."""

    note = forms.CharField(
        label=gettext_lazy("补正说明（可选）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    other_name = forms.CharField(label=gettext_lazy("其他需补正的事项（可选）"), required=False, max_length=200)
    other_note = forms.CharField(label=gettext_lazy("其他事项的补正要求"), required=False, max_length=300)

    def __init__(self, *args: Any, requirements: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        problems = [("", _("无问题"))] + list(MaterialProblem.choices)
        for requirement in self.requirements:
            self.fields[f"m{requirement.pk}_problem"] = forms.ChoiceField(
                label=_("“%(name)s”的问题") % {"name": requirement.name}, choices=problems, required=False
            )
            self.fields[f"m{requirement.pk}_note"] = forms.CharField(
                label=_("“%(name)s”的补正要求") % {"name": requirement.name}, required=False, max_length=300
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(r, self[f"m{r.pk}_problem"], self[f"m{r.pk}_note"]) for r in self.requirements]

    def items(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        items = []
        for requirement in self.requirements:
            problem = data.get(f"m{requirement.pk}_problem")
            if problem:
                items.append(
                    {
                        "requirement": requirement,
                        "name": requirement.name,
                        "problem": problem,
                        "note": data.get(f"m{requirement.pk}_note", ""),
                    }
                )
        if data.get("other_name"):
            items.append(
                {
                    "requirement": None,
                    "name": data["other_name"],
                    "problem": MaterialProblem.WRONG,
                    "note": data.get("other_note", ""),
                }
            )
        return items


# ---------------------------------------------------------------------------------------------------
# The inbox
# ---------------------------------------------------------------------------------------------------


@viewers_only
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    calendar = working_calendar()
    today = clock.today()
    cursor = request.GET.get("after", "")[:80]
    if not request.user.has_perm(PERM):
        return _supervision(request, today=today, calendar=calendar, cursor=cursor)
    agency = active_agency_get(request)
    tab = request.GET.get("tab", "todo")
    tab = tab if tab in TABS else "todo"
    filters = InboxFilters.from_query(request.GET)
    page = inbox_page(
        user=request.user, agency=agency, tab=tab, filters=filters, today=today, calendar=calendar, cursor=cursor
    )
    return render(
        request,
        "cases/staff/inbox.html",
        {
            "agency": agency,
            "page": page,
            "tab": tab,
            "tabs": [(t, TAB_LABELS[t], page.counts.get(t, "")) for t in TABS],
            "filters": filters,
            "query": filters.as_query(),
            "choices": inbox_filter_choices(agency),
            "today": today,
            **_row_context(),
        },
    )


def _supervision(request: HttpRequest, *, today: Any, calendar: Any, cursor: str) -> HttpResponse:
    """电子监察: a supervisor reads every agency's active steps (filter by agency); no action anywhere."""
    filters = InboxFilters.from_query(request.GET, supervisor=True)
    chosen = Agency.objects.filter(pk=filters.agency, is_active=True).first() if filters.agency else None
    if chosen is None:
        filters.agency = None
        filters.item = None  # the item list exists only for a chosen agency
    page = supervision_page(filters=filters, today=today, calendar=calendar, cursor=cursor)
    return render(
        request,
        "cases/staff/inbox.html",
        {
            "agency": chosen,
            "supervising": True,
            "page": page,
            "tab": page.tab,
            "tabs": [],
            "filters": filters,
            "query": filters.as_query(),
            "choices": inbox_filter_choices(chosen, supervisor=True),
            "today": today,
            **_row_context(),
        },
    )


def _row_context() -> dict[str, Any]:
    """What every row repeats, resolved once (not a ``{% url %}`` and a translation per row)."""
    return {"case_url": reverse("cases_staff:inbox"), "assigned_to_you": _("已指派给您")}


# ---------------------------------------------------------------------------------------------------
# The case page
# ---------------------------------------------------------------------------------------------------


def _file_url_name() -> str | None:
    try:
        reverse("cases_apply:file", args=[1])
    except NoReverseMatch:
        return None
    return "cases_apply:file"


def _render_case(
    request: HttpRequest,
    case: Case,
    *,
    errors: list[str] | None = None,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = case_page(request.user, case, today=clock.today(), calendar=working_calendar())
    allowed = context["allowed"]
    bound = bound or {}
    version = {"lock_version": case.lock_version}
    forms_: dict[str, Any] = {
        "accept": bound.get("accept") or AcceptForm(initial=version, prefix="accept"),
        "refuse": bound.get("refuse")
        or RefuseForm(initial={**version, "legal_remedy": legal_remedy_default()}, prefix="refuse"),
        "supplement": bound.get("supplement")
        or SupplementForm(
            initial=version, prefix="supplement", requirements=list(case.version.materials.order_by("order"))
        ),
        "special_start": bound.get("special_start") or SpecialStartForm(initial=version, prefix="special"),
        "special_end": bound.get("special_end") or SpecialEndForm(initial=version, prefix="special_end"),
        "extend": bound.get("extend")
        or ExtendForm(prefix="extend", initial={**version, "days": allowed.extend_max or 10}),
        "decide": bound.get("decide")
        or DecideForm(initial={**version, "legal_remedy": legal_remedy_default()}, prefix="decide"),
        "deliver": bound.get("deliver")
        or DeliverForm(prefix="deliver", initial={**version, "method": case.delivery_method}),
        "terminate": bound.get("terminate") or ReasonForm(initial=version, prefix="terminate"),
    }
    examine_forms = [
        (step, bound.get(f"examine{step.pk}") or ExamineForm(initial=version, prefix=f"examine{step.pk}"))
        for step in allowed.examine_steps
    ]
    assign_forms = [
        (step, bound.get(f"assign{step.pk}") or AssignForm(prefix=f"assign{step.pk}", colleagues=colleagues))
        for step, colleagues in allowed.assign_steps
    ]
    bound_errors = []
    for form in bound.values():
        for field, field_errors in form.errors.items():
            if field == "__all__":
                bound_errors.extend(field_errors)
    context.update(
        {
            "forms": forms_,
            "examine_forms": examine_forms,
            "assign_forms": assign_forms,
            "errors": (errors or []) + bound_errors,
            "form_values": case_form_values(case),
            "file_url_name": _file_url_name(),
            "supervising": not request.user.has_perm(PERM),
            "receipt_missing": not any(d.kind == DocumentKind.RECEIPT for d in context["documents"]),
        }
    )
    return render(request, "cases/staff/case.html", context, status=status)


@viewers_only
@require_GET
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    return _render_case(request, case)


@viewers_only
@require_GET
def document(request: HttpRequest, number: str, pk: int) -> FileResponse:
    doc = staff_document(request.user, number, pk)
    return file_download(
        doc.file.open,
        filename=f"{doc.title}.{doc.extension}",
        content_type=doc.content_type,
        inline=doc.content_type == "application/pdf",  # a PDF opens in the browser beside the case
    )


@viewers_only
@require_GET
def receipt(request: HttpRequest, number: str) -> FileResponse:
    """The case's 申报回执: made on demand, so a case nobody has asked it for yet gets it rendered now."""
    case = case_for_staff(request.user, number)
    doc = receipt_ensure(case, public_url=request.build_absolute_uri("/"))
    return file_download(
        doc.file.open, filename=f"{doc.title}-{case.number}.pdf", content_type="application/pdf", inline=True
    )


# ---------------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------------


def _errors_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages_ in exc.message_dict.values() for m in messages_]
    return list(exc.messages)


def _act(
    request: HttpRequest,
    case: Case,
    *,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """Validate ``form``, run the service, then redirect with ``success`` or re-render with its errors."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "stale":
                messages.error(request, _errors_of(exc)[0])
                return redirect("cases_staff:case", number=case.number)
            return _render_case(request, case, errors=_errors_of(exc), bound={key: form}, status=400)
        messages.success(request, success)
        return redirect("cases_staff:case", number=case.number)
    return _render_case(request, case, bound={key: form}, status=400)


def _step_of(case: Case, step_id: int) -> CaseStep:
    step = CaseStep.objects.select_related("case", "agency").filter(case=case, pk=step_id).first()
    if step is None:
        raise Http404
    return step


@handlers_only
@require_POST
def accept(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = AcceptForm(request.POST, request.FILES, prefix="accept")
    return _act(
        request,
        case,
        key="accept",
        form=form,
        call=lambda d: handling.case_accept(
            actor=request.user,
            case=case,
            lock_version=d["lock_version"],
            opinion=d["opinion"],
            attachments=d["attachment"],
        ),
        success=_("已受理，已通知申请人。"),
    )


@handlers_only
@require_POST
def refuse(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = RefuseForm(request.POST, request.FILES, prefix="refuse")
    return _act(
        request,
        case,
        key="refuse",
        form=form,
        call=lambda d: handling.case_refuse(
            actor=request.user,
            case=case,
            lock_version=d["lock_version"],
            reason=d["reason"],
            legal_remedy=d["legal_remedy"],
            attachments=d["attachment"],
        ),
        success=_("已作出不予受理决定，已通知申请人。"),
    )


@handlers_only
@require_POST
def supplement(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = SupplementForm(
        request.POST,
        request.FILES,
        prefix="supplement",
        requirements=list(case.version.materials.order_by("order")),
    )
    return _act(
        request,
        case,
        key="supplement",
        form=form,
        call=lambda d: handling.supplement_request(
            actor=request.user,
            case=case,
            lock_version=d["lock_version"],
            items=form.items(),
            note=d["note"],
            attachments=d["attachment"],
        ),
        success=_("已一次性告知补正内容，受理计时暂停；已通知申请人。"),
    )


@handlers_only
@require_POST
def step_claim(request: HttpRequest, number: str, step_id: int) -> HttpResponse:
    case = case_for_staff(request.user, number)
    step = _step_of(case, step_id)
    try:
        handling.step_claim(actor=request.user, step=step)
    except ValidationError as exc:
        return _render_case(request, case, errors=_errors_of(exc), status=400)
    messages.success(request, _("已签收“%(step)s”环节。") % {"step": step.name})
    return redirect("cases_staff:case", number=case.number)


@handlers_only
@require_POST
def step_assign(request: HttpRequest, number: str, step_id: int) -> HttpResponse:
    case = case_for_staff(request.user, number)
    step = _step_of(case, step_id)
    if not request.user.has_perm("cases.assign_step", step):
        raise PermissionDenied(_("只有本机构的审批决定人可以指派办件。"))
    from ..selectors.inbox import colleagues_for

    form = AssignForm(request.POST, prefix=f"assign{step.pk}", colleagues=colleagues_for(step))
    return _act(
        request,
        case,
        key=f"assign{step.pk}",
        form=form,
        call=lambda d: handling.step_assign(actor=request.user, step=step, assignee=form.colleagues[d["assignee"]]),
        success=_("已指派。"),
    )


@handlers_only
@require_POST
def step_examine(request: HttpRequest, number: str, step_id: int) -> HttpResponse:
    case = case_for_staff(request.user, number)
    step = _step_of(case, step_id)
    form = ExamineForm(request.POST, request.FILES, prefix=f"examine{step.pk}")
    return _act(
        request,
        case,
        key=f"examine{step.pk}",
        form=form,
        call=lambda d: handling.step_examine(
            actor=request.user,
            step=step,
            lock_version=d["lock_version"],
            outcome=d["outcome"],
            opinion=d["opinion"],
            attachments=d["attachment"],
        ),
        success=_("已提交审查意见。"),
    )


@handlers_only
@require_POST
def special_start(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = SpecialStartForm(request.POST, request.FILES, prefix="special")
    return _act(
        request,
        case,
        key="special_start",
        form=form,
        call=lambda d: handling.special_start(
            actor=request.user,
            case=case,
            kind=d["kind"],
            reason=d["reason"],
            legal_basis=d["legal_basis"],
            planned_end=d["planned_end"],
            attachments=d["attachment"],
            lock_version=d["lock_version"],
        ),
        success=_("特别程序已开始，办理期限暂停计时。"),
    )


@handlers_only
@require_POST
def special_end(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = SpecialEndForm(request.POST, request.FILES, prefix="special_end")
    return _act(
        request,
        case,
        key="special_end",
        form=form,
        call=lambda d: handling.special_end(
            actor=request.user,
            case=case,
            result=d["result"],
            attachments=d["attachment"],
            lock_version=d["lock_version"],
        ),
        success=_("特别程序已结束，恢复计时，到期日已顺延。"),
    )


@handlers_only
@require_POST
def extend(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = ExtendForm(request.POST, request.FILES, prefix="extend")
    return _act(
        request,
        case,
        key="extend",
        form=form,
        call=lambda d: handling.case_extend(
            actor=request.user,
            case=case,
            days=d["days"],
            reason=d["reason"],
            attachments=d["attachment"],
            lock_version=d["lock_version"],
        ),
        success=_("已延长办理期限，已告知申请人。"),
    )


@handlers_only
@require_POST
def decide(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = DecideForm(request.POST, request.FILES, prefix="decide")
    return _act(
        request,
        case,
        key="decide",
        form=form,
        call=lambda d: handling.case_decide(
            actor=request.user,
            case=case,
            lock_version=d["lock_version"],
            decision=d["decision"],
            reason=d["reason"],
            legal_remedy=d["legal_remedy"],
            result_number=d["result_number"],
            attachments=d["attachment"],
        ),
        success=_("已作出决定，决定书已生成，已通知申请人。"),
    )


@handlers_only
@require_POST
def deliver(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = DeliverForm(request.POST, request.FILES, prefix="deliver")
    return _act(
        request,
        case,
        key="deliver",
        form=form,
        call=lambda d: handling.case_deliver(
            actor=request.user,
            case=case,
            method=d["method"],
            tracking_number=d["tracking_number"],
            attachments=d["attachment"],
            lock_version=d["lock_version"],
        ),
        success=_("已送达，办件办结。"),
    )


@handlers_only
@require_POST
def terminate(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.user, number)
    form = ReasonForm(request.POST, request.FILES, prefix="terminate")
    return _act(
        request,
        case,
        key="terminate",
        form=form,
        call=lambda d: handling.case_terminate(
            actor=request.user,
            case=case,
            reason=d["reason"],
            attachments=d["attachment"],
            lock_version=d["lock_version"],
        ),
        success=_("办件已终止，已通知申请人。"),
    )
