"""The working-day calendar screens of the 系统管理员 (/staff/system/calendar/).

- the index: every year with its status, the years the system needs but lacks (with their alert),
  "import from chinesecalendar" for covered years and "create manually" for the others;
- a year: a month-by-month calendar, the list of its special days, forms to add or remove a day
  and to confirm the year against the State Council's notice.

Every change goes through :mod:`zwfw.core.services.calendar`; these views only validate the form,
call the service and show its Chinese message when it refuses. Bad input changes nothing and
re-renders the page with the error (HTTP 400).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ..choices import CalendarDayKind
from ..models import CalendarDay, CalendarYear
from ..models.calendar import MAX_YEAR, MIN_YEAR
from ..permissions import permission_required_or_403
from ..services.calendar import (
    WEEKDAY_NAMES,
    calendar_day_remove,
    calendar_day_set,
    calendar_year_confirm,
    calendar_year_create_manual,
    calendar_year_import,
    chinesecalendar_version,
    chinesecalendar_years,
    date_label,
    default_notice,
)
from ..workdays import calendar_alerts_refresh, calendar_missing_years

PERMISSION = "core.manage_calendar"
KIND_SHORT = {CalendarDayKind.HOLIDAY: gettext_lazy("放假"), CalendarDayKind.WORKDAY: gettext_lazy("调休上班")}
WEEKDAY_SHORT = (
    gettext_lazy("一"),
    gettext_lazy("二"),
    gettext_lazy("三"),
    gettext_lazy("四"),
    gettext_lazy("五"),
    gettext_lazy("六"),
    gettext_lazy("日"),
)


#: Anonymous users go to the login page; signed-in users without ``core.manage_calendar`` get 403.
calendar_admin_required = permission_required_or_403(PERMISSION, _("只有系统管理员可以维护工作日历。"))


# --- forms ----------------------------------------------------------------------------

_YEAR_ERRORS = {
    "required": gettext_lazy("请填写年度。"),
    "invalid": gettext_lazy("年度应为四位数字，例如 2027。"),
    "min_value": gettext_lazy("年度不能早于%(limit_value)s年。"),
    "max_value": gettext_lazy("年度不能晚于%(limit_value)s年。"),
}
_DATE_ERRORS = {
    "required": gettext_lazy("请填写日期。"),
    "invalid": gettext_lazy("请输入有效的日期，格式如 2027-02-06。"),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class YearImportForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, choices=())

    def __init__(self, *args: Any, importable: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, _("%(year)s年") % {"year": y}) for y in importable]
        self.fields["year"].error_messages = {
            "required": _("请选择要导入的年度。"),
            "invalid_choice": _("该年度已经存在，或不在 chinesecalendar 数据范围内，无需重复导入。"),
        }


class YearCreateForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=_YEAR_ERRORS
    )
    notice = forms.CharField(
        label=gettext_lazy("依据的通知"),
        max_length=200,
        help_text=gettext_lazy("例如：国务院办公厅关于2027年部分节假日安排的通知"),
        error_messages={
            "required": gettext_lazy("请填写依据的通知名称。"),
            "max_length": gettext_lazy("通知名称不能超过%(limit_value)d个字。"),
        },
    )


class DaySetForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("日期"), widget=DateInput(), error_messages=_DATE_ERRORS)
    kind = forms.ChoiceField(
        label=gettext_lazy("安排"),
        choices=CalendarDayKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("请选择放假或调休上班。"),
            "invalid_choice": gettext_lazy("请选择放假或调休上班。"),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("节日名称"),
        max_length=60,
        help_text=gettext_lazy("按通知填写，例如：春节、国庆节。"),
        error_messages={
            "required": gettext_lazy("请填写节日名称，例如：春节。"),
            "max_length": gettext_lazy("节日名称不能超过%(limit_value)d个字。"),
        },
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        self.year = year
        super().__init__(*args, **kwargs)

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day.year != self.year:
            raise ValidationError(
                _("%(date)s不在%(year)s年内。请在对应年度的页面录入。") % {"date": date_label(day), "year": self.year}
            )
        return day


class DayRemoveForm(forms.Form):
    date = forms.DateField(widget=forms.HiddenInput, error_messages=_DATE_ERRORS)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        self.year = year
        super().__init__(*args, **kwargs)

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day.year != self.year:
            raise ValidationError(_("%(date)s不在%(year)s年内。") % {"date": date_label(day), "year": self.year})
        return day


class YearConfirmForm(forms.Form):
    #: The revision the administrator looked at: confirming a year that changed meanwhile is refused.
    revision = forms.UUIDField(widget=forms.HiddenInput)


def _service_error(form: forms.Form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


# --- the index ------------------------------------------------------------------------


def _index_context(
    request: HttpRequest,
    *,
    import_form: YearImportForm | None = None,
    create_form: YearCreateForm | None = None,
) -> dict[str, Any]:
    alerts = calendar_alerts_refresh()
    years = list(
        CalendarYear.objects.select_related("confirmed_by")
        .annotate(
            holiday_count=Count("days", filter=Q(days__kind=CalendarDayKind.HOLIDAY)),
            workday_count=Count("days", filter=Q(days__kind=CalendarDayKind.WORKDAY)),
        )
        .order_by("-year")  # Meta.ordering is not applied to aggregating queries
    )
    present = {y.year for y in years}
    covered = chinesecalendar_years()
    importable = [y for y in covered if y not in present]
    missing = calendar_missing_years()
    next_manual_year = max([*present, covered[-1]]) + 1
    alert_by_year = {a.key: a for a in alerts}
    # Needed now (this year; next year from 1 October) or asked for by a deadline computation.
    missing = sorted((set(missing) | {int(a.key) for a in alerts if a.key.isdigit()}) - present)
    return {
        "years": years,
        "missing": [{"year": y, "covered": y in covered, "alert": alert_by_year.get(str(y))} for y in missing],
        "covered_first": covered[0],
        "covered_last": covered[-1],
        "package_version": chinesecalendar_version(),
        "import_form": import_form
        or YearImportForm(importable=importable, initial={"year": importable[-1] if importable else None}),
        "importable": importable,
        "create_form": create_form
        or YearCreateForm(initial={"year": next_manual_year, "notice": default_notice(next_manual_year)}),
    }


@require_GET
@calendar_admin_required
def calendar_index(request: HttpRequest) -> HttpResponse:
    return render(request, "core/calendar_index.html", _index_context(request))


def _index_again(request: HttpRequest, **forms_: Any) -> HttpResponse:
    return render(request, "core/calendar_index.html", _index_context(request, **forms_), status=400)


@require_POST
@calendar_admin_required
def calendar_year_import_view(request: HttpRequest) -> HttpResponse:
    present = set(CalendarYear.objects.values_list("year", flat=True))
    form = YearImportForm(request.POST, importable=[y for y in chinesecalendar_years() if y not in present])
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            calendar_year_import(actor=request.user, year=year)
        except ValidationError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request,
                _("已从 chinesecalendar 导入%(year)s年的节假日安排。请对照通知核对后确认。") % {"year": year},
            )
            return HttpResponseRedirect(reverse("core:calendar_year", args=[year]))
    return _index_again(request, import_form=form)


@require_POST
@calendar_admin_required
def calendar_year_create_view(request: HttpRequest) -> HttpResponse:
    form = YearCreateForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            calendar_year_create_manual(actor=request.user, year=year, notice=form.cleaned_data["notice"])
        except ValidationError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request,
                _("已创建%(year)s年的工作日历。请按通知逐日录入放假日和调休上班日，核对后确认。") % {"year": year},
            )
            return HttpResponseRedirect(reverse("core:calendar_year", args=[year]))
    return _index_again(request, create_form=form)


# --- a year ---------------------------------------------------------------------------


def _months(year: int, special: dict[dt.date, CalendarDay]) -> list[dict[str, Any]]:
    """Twelve months, each a list of weeks (Monday first) of cells; ``None`` pads the first and last weeks."""
    months = []
    for month, weeks in enumerate(pycalendar.Calendar(firstweekday=0).yeardatescalendar(year, width=12)[0], 1):
        rows = []
        for week in weeks:
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                entry = special.get(day)
                row.append(
                    {
                        "date": day,
                        "label": date_label(day),
                        "entry": entry,
                        "is_holiday": entry is not None and entry.kind == CalendarDayKind.HOLIDAY,
                        "is_makeup": entry is not None and entry.kind == CalendarDayKind.WORKDAY,
                        "is_weekend": day.weekday() >= 5,
                    }
                )
            rows.append(row)
        months.append({"month": month, "weeks": rows})
    return months


def _year_or_404(year: int) -> CalendarYear:
    found = CalendarYear.objects.select_related("confirmed_by", "updated_by").filter(year=year).first()
    if found is None:
        raise Http404(_("没有%(year)s年的工作日历。") % {"year": year})
    return found


def _year_context(
    calendar_year: CalendarYear,
    *,
    day_form: DaySetForm | None = None,
    remove_form: DayRemoveForm | None = None,
    confirm_errors: list[str] | None = None,
) -> dict[str, Any]:
    year = calendar_year.year
    days = list(calendar_year.days.all())
    return {
        "calendar_year": calendar_year,
        "days": [{"day": d, "label": date_label(d.date), "kind": KIND_SHORT[d.kind]} for d in days],
        "holiday_count": sum(1 for d in days if d.kind == CalendarDayKind.HOLIDAY),
        "workday_count": sum(1 for d in days if d.kind == CalendarDayKind.WORKDAY),
        "months": _months(year, {d.date: d for d in days}),
        "weekday_headers": list(zip(WEEKDAY_SHORT, WEEKDAY_NAMES, strict=True)),
        "day_form": day_form or DaySetForm(year=year),
        "remove_errors": [m for errors in remove_form.errors.values() for m in errors] if remove_form else [],
        # Always the current revision: after a refusal the administrator reviews the page and confirms again.
        "confirm_form": YearConfirmForm(initial={"revision": calendar_year.revision}),
        "confirm_errors": confirm_errors or [],
    }


@require_GET
@calendar_admin_required
def calendar_year_detail(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "core/calendar_year.html", _year_context(_year_or_404(year)))


def _year_again(calendar_year: CalendarYear, request: HttpRequest, **forms_: Any) -> HttpResponse:
    return render(request, "core/calendar_year.html", _year_context(calendar_year, **forms_), status=400)


@require_POST
@calendar_admin_required
def calendar_day_set_view(request: HttpRequest, year: int) -> HttpResponse:
    calendar_year = _year_or_404(year)
    form = DaySetForm(request.POST, year=year)
    if form.is_valid():
        day = form.cleaned_data["date"]
        try:
            row = calendar_day_set(
                actor=request.user, day=day, kind=form.cleaned_data["kind"], name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request,
                _("已将%(date)s登记为%(kind)s（%(name)s）。")
                % {"date": date_label(day), "kind": row.get_kind_display(), "name": row.name},
            )
            return HttpResponseRedirect(reverse("core:calendar_year", args=[year]))
    return _year_again(calendar_year, request, day_form=form)


@require_POST
@calendar_admin_required
def calendar_day_remove_view(request: HttpRequest, year: int) -> HttpResponse:
    calendar_year = _year_or_404(year)
    form = DayRemoveForm(request.POST, year=year)
    if form.is_valid():
        day = form.cleaned_data["date"]
        try:
            calendar_day_remove(actor=request.user, day=day)
        except ValidationError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request,
                _("已删除%(date)s的特殊安排，该日按星期一至星期五的常规计算。") % {"date": date_label(day)},
            )
            return HttpResponseRedirect(reverse("core:calendar_year", args=[year]))
    return _year_again(calendar_year, request, remove_form=form)


@require_POST
@calendar_admin_required
def calendar_year_confirm_view(request: HttpRequest, year: int) -> HttpResponse:
    calendar_year = _year_or_404(year)
    form = YearConfirmForm(request.POST)
    if not form.is_valid():
        return _year_again(calendar_year, request, confirm_errors=[_("页面已过期，请刷新页面、核对后再确认。")])
    try:
        calendar_year_confirm(actor=request.user, year=year, revision=form.cleaned_data["revision"])
    except ValidationError as exc:
        return _year_again(calendar_year, request, confirm_errors=exc.messages)
    messages.success(request, _("已确认%(year)s年的工作日历。") % {"year": year})
    return HttpResponseRedirect(reverse("core:calendar_year", args=[year]))
