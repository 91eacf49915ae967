"""The audit log screen of the 审计管理员 (/staff/system/audit/).

A paginated list of :class:`~zwfw.core.models.AuditEvent`, newest first, filtered by action,
actor, outcome and a date range (county dates), and — when asked with the button — the result of
walking the hash chain (:func:`zwfw.core.audit_chain.audit_chain_verify`). Reading the log is
itself audited (``audit_log.view``, ``audit_log.verify``), so the auditors' own activity can be
reviewed too.

Reading is recorded once per search, not once per page: :func:`log_viewing_record` writes an event
for the first page of a filter set and skips the page clicks of the same filter set in the same
session for :data:`VIEWING_WINDOW` (a new filter set, or the same one after the window, is a new
event). The event says who searched for what; recording every page click would bury the log under
the auditors' own reading. Verifying the chain is always recorded. Other log screens (the login log
of ``zwfw.identity``) use the same function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .. import clock
from ..audit_chain import audit_chain_verify
from ..choices import Outcome
from ..models import AuditEvent
from ..services.audit import audit_record, audit_record_refusal

PERMISSION = "core.view_audit_log"
PAGE_SIZE = 50
#: Page clicks of the same search within this time of its recorded viewing are not recorded again.
VIEWING_WINDOW = dt.timedelta(minutes=15)
_VIEWINGS_SESSION_KEY = "zwfw_log_viewings"


def permission_required_or_403_audited(permission: str, message: Any) -> Callable[..., Any]:
    """Like :func:`zwfw.core.permissions.permission_required_or_403`, and a signed-in user refused
    is recorded (``screen.access`` denied, with the path and the permission): the administrators'
    screens are where an attempt by the wrong person matters to the 审计管理员."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                audit_record_refusal(
                    actor=request.user,
                    action="screen.access",
                    reason=str(message),
                    detail={"path": request.path[:200], "method": request.method, "permission": permission},
                )
                raise PermissionDenied(str(message))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def log_viewing_record(request: HttpRequest, *, action: str, filters: dict[str, str]) -> bool:
    """Audit that ``request.user`` read a log with ``filters`` (once per search; see the module doc).

    Returns whether an event was written.
    """
    now = clock.now()
    search = hashlib.sha256(json.dumps([action, filters], sort_keys=True).encode()).hexdigest()[:16]
    recent = {}
    for key, when in request.session.get(_VIEWINGS_SESSION_KEY, {}).items():
        try:
            moment = dt.datetime.fromisoformat(when)
        except (TypeError, ValueError):
            continue
        if now - moment < VIEWING_WINDOW:
            recent[key] = when
    if search in recent:
        return False
    audit_record(
        actor=request.user,
        action=action,
        detail={"filters": filters, "page": request.GET.get("page", "1")[:10]},
    )
    recent[search] = now.isoformat()
    request.session[_VIEWINGS_SESSION_KEY] = recent
    return True


_DATE_ERRORS = {"invalid": gettext_lazy("请输入有效的日期，格式如 2026-01-31。")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateRangeFilterForm(forms.Form):
    """A log filter's 开始日期/结束日期 (the audit log here, the login log in identity)."""

    date_from = forms.DateField(
        label=gettext_lazy("开始日期"), required=False, widget=DateInput(), error_messages=_DATE_ERRORS
    )
    date_to = forms.DateField(
        label=gettext_lazy("结束日期"), required=False, widget=DateInput(), error_messages=_DATE_ERRORS
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        return data

    def filters(self) -> dict[str, str]:
        """The filters in use, as text (for the audit event of this viewing)."""
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.cleaned_data.items() if v}


class AuditFilterForm(DateRangeFilterForm):
    action = forms.CharField(
        label=gettext_lazy("操作"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("操作代码或其开头，例如 calendar_year 或 calendar_day.set"),
    )
    actor = forms.CharField(
        label=gettext_lazy("操作人"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("用户名，可只填一部分"),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("结果"),
        required=False,
        choices=[("", gettext_lazy("全部")), *Outcome.choices],
        error_messages={"invalid_choice": gettext_lazy("请选择列表中的结果。")},
    )

    field_order = ["action", "actor", "outcome", "date_from", "date_to"]


def _events(form: AuditFilterForm) -> Any:
    events = AuditEvent.objects.order_by("-id")
    data = form.cleaned_data
    if data.get("action"):
        events = events.filter(action__startswith=data["action"].strip())
    if data.get("actor"):
        events = events.filter(actor_label__icontains=data["actor"].strip())
    if data.get("outcome"):
        events = events.filter(outcome=data["outcome"])
    if data.get("date_from"):
        events = events.filter(occurred_at__gte=clock.start_of_local_day(data["date_from"]))
    if data.get("date_to"):
        events = events.filter(occurred_at__lt=clock.start_of_local_day(data["date_to"] + dt.timedelta(days=1)))
    return events


@require_GET
@permission_required_or_403_audited(PERMISSION, gettext_lazy("只有审计管理员可以查看审计日志。"))
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "core/audit_log.html", {"form": form, "page": None}, status=400)
    if not form.is_bound:
        form = AuditFilterForm({})
        form.is_valid()
    filters = form.filters()
    verify = request.GET.get("verify") == "1"
    report = None
    if verify:
        report = audit_chain_verify()
        audit_record(
            actor=request.user,
            action="audit_log.verify",
            outcome=Outcome.SUCCESS,
            detail={
                "checked": report.checked,
                "ok": report.ok,
                "first_break": getattr(report.first_break, "reason", None),
            },
        )
    # Recorded before the list is read, so this viewing is listed too (it is the newest event).
    log_viewing_record(request, action="audit_log.view", filters=filters)
    page = Paginator(_events(form), PAGE_SIZE).get_page(request.GET.get("page", "1")[:10])
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("verify", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page": page,
            "events": [
                {
                    "event": e,
                    "detail": json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else "",
                }
                for e in page.object_list
            ],
            "query": query.urlencode(),
            "filtered": bool(filters),
            "report": report,
        },
    )
