"""Writes to the working-day calendar. Each function is one transaction and one audit event.

- :func:`calendar_year_import` copies one year from the ``chinesecalendar`` package;
- :func:`calendar_seed_from_chinesecalendar` imports every covered year that is still missing
  (the demo loader; running it again changes nothing);
- :func:`calendar_year_create_manual` starts a year the package does not cover yet, from the
  State Council's notice; :func:`calendar_day_set` / :func:`calendar_day_remove` edit its days;
- :func:`calendar_year_confirm` records that the 系统管理员 checked the year against the notice.

Any change to a year or its days gives the year a new ``revision`` (readers in every process
reload it) and withdraws the year's confirmation, which then has to be given again. Creating or
editing a year resolves its "missing year" alert. A refused call (bad input, no permission) changes
nothing and is audited as a refusal after the rollback. ``actor=None`` is the system (seeding).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import clock
from ..models import (
    CalendarDay,
    CalendarDayKind,
    CalendarSource,
    CalendarYear,
    SystemAlert,
    SystemAlertKind,
)
from ..models.calendar import MAX_YEAR, MIN_YEAR
from .audit import audit_record, audit_record_refusal

PERMISSION = "core.manage_calendar"
#: The first year the demo loader imports.
SEED_FIRST_YEAR = 2020
#: The festival names as the State Council's notices write them (chinesecalendar's short names
#: 清明/端午/中秋 are lengthened); any other name is taken from the package as it is.
NOTICE_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}

WEEKDAY_NAMES = (
    gettext_lazy("星期一"),
    gettext_lazy("星期二"),
    gettext_lazy("星期三"),
    gettext_lazy("星期四"),
    gettext_lazy("星期五"),
    gettext_lazy("星期六"),
    gettext_lazy("星期日"),
)


# --- chinesecalendar ------------------------------------------------------------------


def chinesecalendar_version() -> str:
    import chinese_calendar

    return str(getattr(chinese_calendar, "__version__", ""))


def chinesecalendar_years() -> range:
    """The years the installed chinesecalendar package has data for."""
    from chinese_calendar.constants import holidays

    return range(min(holidays).year, max(holidays).year + 1)


def _chinesecalendar_days(year: int) -> list[tuple[dt.date, str, str]]:
    """``(date, kind, name)`` for each day of ``year`` that breaks the Monday–Friday rule."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday, holidays, workdays

    def name_of(day: dt.date) -> str:
        _is_holiday, english = chinese_calendar.get_holiday_detail(day)
        try:
            chinese = Holiday(english).chinese
        except ValueError:
            chinese = str(english)
        return NOTICE_NAMES.get(chinese, chinese)

    days = [(d, CalendarDayKind.HOLIDAY, name_of(d)) for d in holidays if d.year == year and d.weekday() < 5]
    days += [(d, CalendarDayKind.WORKDAY, name_of(d)) for d in workdays if d.year == year and d.weekday() >= 5]
    return sorted(days)


def default_notice(year: int) -> str:
    return _("国务院办公厅关于%(year)s年部分节假日安排的通知") % {"year": year}


# --- helpers --------------------------------------------------------------------------


@contextmanager
def _refusals_audited(*, actor: Any, action: str, **detail: Any) -> Iterator[None]:
    """Record a refused call with ``audit_record_refusal`` once its transaction has rolled back."""
    try:
        yield
    except (ValidationError, PermissionDenied) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        audit_record_refusal(
            actor=actor,
            action=action,
            reason=reason,
            object_type="core.calendaryear",
            object_id=str(detail.get("year", "")),
            detail={k: _jsonable(v) for k, v in detail.items()},
        )
        raise


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _require_permission(actor: Any) -> None:
    if actor is not None and not actor.has_perm(PERMISSION):
        raise PermissionDenied(_("只有系统管理员可以维护工作日历。"))


def _check_year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("年度应为%(min)s至%(max)s之间的四位数字。") % {"min": MIN_YEAR, "max": MAX_YEAR},
            code="year_range",
        )
    return year


def _year_get_for_update(year: int) -> CalendarYear:
    found = CalendarYear.objects.select_for_update().filter(year=year).first()
    if found is None:
        raise ValidationError(
            _("系统中还没有%(year)s年的工作日历，请先导入或创建该年度。") % {"year": year},
            code="year_missing",
        )
    return found


def _year_changed(calendar_year: CalendarYear, actor: Any) -> bool:
    """Give the year a new revision and withdraw its confirmation; return whether it had been confirmed."""
    was_confirmed = calendar_year.is_confirmed
    calendar_year.revision = uuid.uuid4()
    calendar_year.is_confirmed = False
    calendar_year.confirmed_by = None
    calendar_year.confirmed_at = None
    calendar_year.stamp(actor)
    calendar_year.save()
    return was_confirmed


def _alert_resolve(year: int) -> bool:
    return SystemAlert.objects.resolve(kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key=str(year)) > 0


def date_label(day: dt.date) -> str:
    """``2025年1月28日（星期二）``: how a date is written in messages."""
    return _("%(year)s年%(month)s月%(day)s日（%(weekday)s）") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
        "weekday": WEEKDAY_NAMES[day.weekday()],
    }


# --- the services ---------------------------------------------------------------------


def calendar_year_import(*, actor: Any, year: int) -> CalendarYear:
    """Copy ``year`` from chinesecalendar: create the year, or make an existing year's days match the package.

    An existing year whose days already match is left untouched (no audit event). Replacing
    differing days withdraws the year's confirmation. A year outside the package's data is refused.
    """
    with _refusals_audited(actor=actor, action="calendar_year.import", year=year):
        _require_permission(actor)
        _check_year(year)
        covered = chinesecalendar_years()
        if year not in covered:
            raise ValidationError(
                _(
                    "chinesecalendar %(version)s 只有%(first)s年至%(last)s年的节假日数据，"
                    "没有%(year)s年的数据。请按国务院办公厅的通知手工创建该年度并逐日录入。"
                )
                % {
                    "version": chinesecalendar_version(),
                    "first": covered[0],
                    "last": covered[-1],
                    "year": year,
                },
                code="year_not_covered",
            )
        with transaction.atomic():
            return _import(actor=actor, year=year)


def _import(*, actor: Any, year: int) -> CalendarYear:
    wanted = {day: (kind, name) for day, kind, name in _chinesecalendar_days(year)}
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    created = calendar_year is None
    if created:
        calendar_year = CalendarYear(
            year=year,
            source=CalendarSource.CHINESECALENDAR,
            source_version=chinesecalendar_version(),
            notice=default_notice(year),
        )
        calendar_year.stamp(actor)
        calendar_year.save()
        have: dict[dt.date, CalendarDay] = {}
    else:
        have = {d.date: d for d in calendar_year.days.all()}
    removed = [d for day, d in have.items() if day not in wanted]
    added = [day for day in wanted if day not in have]
    renamed = [d for day, d in have.items() if day in wanted and (d.kind, d.name) != wanted[day]]
    if not (created or removed or added or renamed):
        _alert_resolve(year)
        return calendar_year
    for day in removed:
        day.delete()
    for d in renamed:
        d.kind, d.name = wanted[d.date]
        d.stamp(actor)
        d.save()
    new_days = []
    for day in added:
        kind, name = wanted[day]
        row = CalendarDay(calendar_year=calendar_year, date=day, kind=kind, name=name)
        row.stamp(actor)
        new_days.append(row)
    CalendarDay.objects.bulk_create(new_days)
    was_confirmed = False
    if not created:
        calendar_year.source = CalendarSource.CHINESECALENDAR
        calendar_year.source_version = chinesecalendar_version()
        was_confirmed = _year_changed(calendar_year, actor)
    audit_record(
        actor=actor,
        action="calendar_year.import",
        obj=calendar_year,
        detail={
            "year": year,
            "created": created,
            "source_version": calendar_year.source_version,
            "holidays": sum(1 for kind, _name in wanted.values() if kind == CalendarDayKind.HOLIDAY),
            "workdays": sum(1 for kind, _name in wanted.values() if kind == CalendarDayKind.WORKDAY),
            "added": len(added),
            "removed": len(removed),
            "renamed": len(renamed),
            "confirmation_withdrawn": was_confirmed,
            "alert_resolved": _alert_resolve(year),
        },
    )
    return calendar_year


def calendar_seed_from_chinesecalendar(*, actor: Any = None, years: Iterable[int] | None = None) -> list[CalendarYear]:
    """Import each of ``years`` that the calendar lacks (default: 2020 to the package's last year).

    Idempotent: a year already present — imported, entered by hand or edited — is never touched,
    so running it again changes nothing and writes no audit event. Returns the years it created.
    """
    covered = chinesecalendar_years()
    wanted = sorted(set(years) if years is not None else set(range(max(SEED_FIRST_YEAR, covered[0]), covered[-1] + 1)))
    present = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    return [calendar_year_import(actor=actor, year=year) for year in wanted if year not in present]


def calendar_year_create_manual(*, actor: Any, year: int, notice: str) -> CalendarYear:
    """Start ``year`` by hand from the State Council's ``notice`` (its days are then added one by one)."""
    notice = (notice or "").strip()
    with _refusals_audited(actor=actor, action="calendar_year.create", year=year, notice=notice[:200]):
        _require_permission(actor)
        _check_year(year)
        if not notice:
            raise ValidationError(
                _("请填写依据的通知名称，例如：%(example)s。") % {"example": default_notice(year)},
                code="notice_required",
            )
        if len(notice) > 200:
            raise ValidationError(_("通知名称不能超过200个字。"), code="notice_too_long")
        with transaction.atomic():
            if CalendarYear.objects.filter(year=year).exists():
                raise ValidationError(_("%(year)s年的工作日历已经存在。") % {"year": year}, code="year_exists")
            calendar_year = CalendarYear(year=year, source=CalendarSource.MANUAL, notice=notice)
            calendar_year.stamp(actor)
            calendar_year.save()
            audit_record(
                actor=actor,
                action="calendar_year.create",
                obj=calendar_year,
                detail={"year": year, "notice": notice, "alert_resolved": _alert_resolve(year)},
            )
            return calendar_year


def calendar_day_set(*, actor: Any, day: dt.date, kind: str, name: str) -> CalendarDay:
    """Mark ``day`` as a holiday on a weekday or a make-up working day on a weekend, named after its festival.

    Setting a day exactly as it already is (a double submission) is refused with a message and
    changes nothing; changing the name of an existing day updates it.
    """
    name = (name or "").strip()
    year = day.year if isinstance(day, dt.date) else None
    with _refusals_audited(actor=actor, action="calendar_day.set", year=year, date=day, kind=kind, name=name[:60]):
        _require_permission(actor)
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise ValidationError(_("请输入有效的日期。"), code="invalid_date")
        if kind not in CalendarDayKind.values:
            raise ValidationError(_("请选择放假或调休上班。"), code="invalid_kind")
        if not CalendarDay.kind_fits_weekday(day=day, kind=kind):
            if kind == CalendarDayKind.WORKDAY:
                message = _("%(date)s是工作日，不需要设为调休上班日：调休上班日只能是星期六或星期日。")
            else:
                message = _("%(date)s本来就是休息日，不需要设为放假：只需登记落在星期一至星期五的放假日。")
            raise ValidationError(message % {"date": date_label(day)}, code="kind_weekday_mismatch")
        if not name:
            raise ValidationError(_("请填写节日名称，例如：春节。"), code="name_required")
        if len(name) > 60:
            raise ValidationError(_("节日名称不能超过60个字。"), code="name_too_long")
        with transaction.atomic():
            calendar_year = _year_get_for_update(day.year)
            row = CalendarDay.objects.filter(date=day).first()
            previous = None if row is None else {"kind": row.kind, "name": row.name}
            if row is not None and (row.kind, row.name) == (kind, name):
                raise ValidationError(
                    _("%(date)s已登记为%(kind)s（%(name)s），无需重复提交。")
                    % {"date": date_label(day), "kind": row.get_kind_display(), "name": row.name},
                    code="unchanged",
                )
            if row is None:
                row = CalendarDay(calendar_year=calendar_year, date=day)
            row.kind, row.name = kind, name
            row.stamp(actor)
            row.save()
            was_confirmed = _year_changed(calendar_year, actor)
            audit_record(
                actor=actor,
                action="calendar_day.set",
                obj=row,
                detail={
                    "year": day.year,
                    "date": day.isoformat(),
                    "kind": kind,
                    "name": name,
                    "previous": previous,
                    "confirmation_withdrawn": was_confirmed,
                    "alert_resolved": _alert_resolve(day.year),
                },
            )
            return row


def calendar_day_remove(*, actor: Any, day: dt.date) -> None:
    """Remove ``day``'s special arrangement, so the Monday–Friday rule applies to it again."""
    year = day.year if isinstance(day, dt.date) else None
    with _refusals_audited(actor=actor, action="calendar_day.remove", year=year, date=day):
        _require_permission(actor)
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise ValidationError(_("请输入有效的日期。"), code="invalid_date")
        with transaction.atomic():
            calendar_year = _year_get_for_update(day.year)
            row = CalendarDay.objects.filter(date=day).first()
            if row is None:
                raise ValidationError(
                    _("%(date)s没有登记放假或调休上班，无需删除（可能已被删除）。") % {"date": date_label(day)},
                    code="not_found",
                )
            removed = {"kind": row.kind, "name": row.name}
            row_id, row_repr = str(row.pk), str(row)
            row.delete()
            was_confirmed = _year_changed(calendar_year, actor)
            audit_record(
                actor=actor,
                action="calendar_day.remove",
                object_type="core.calendarday",
                object_id=row_id,
                object_repr=row_repr,
                detail={
                    "year": day.year,
                    "date": day.isoformat(),
                    "removed": removed,
                    "confirmation_withdrawn": was_confirmed,
                    "alert_resolved": _alert_resolve(day.year),
                },
            )


def calendar_year_confirm(*, actor: Any, year: int, revision: uuid.UUID | None = None) -> CalendarYear:
    """Record that ``actor`` checked ``year`` against the State Council's notice.

    ``revision`` is the year's revision the actor looked at; if the year changed since (another
    administrator edited it), the confirmation is refused so that nobody confirms what they did not see.
    """
    with _refusals_audited(actor=actor, action="calendar_year.confirm", year=year):
        _require_permission(actor)
        with transaction.atomic():
            calendar_year = _year_get_for_update(year)
            if revision is not None and revision != calendar_year.revision:
                raise ValidationError(
                    _("%(year)s年的工作日历在您打开页面之后已被修改，请刷新页面、核对后再确认。") % {"year": year},
                    code="stale_revision",
                )
            if calendar_year.is_confirmed:
                raise ValidationError(
                    _("%(year)s年的工作日历已经确认过，无需重复确认。") % {"year": year},
                    code="already_confirmed",
                )
            calendar_year.is_confirmed = True
            calendar_year.confirmed_by = actor if getattr(actor, "pk", None) else None
            calendar_year.confirmed_at = clock.now()
            calendar_year.stamp(actor)
            calendar_year.save()
            days = list(calendar_year.days.values_list("kind", flat=True))
            audit_record(
                actor=actor,
                action="calendar_year.confirm",
                obj=calendar_year,
                detail={
                    "year": year,
                    "notice": calendar_year.notice,
                    "holidays": days.count(CalendarDayKind.HOLIDAY),
                    "workdays": days.count(CalendarDayKind.WORKDAY),
                    "alert_resolved": _alert_resolve(year),
                },
            )
            return calendar_year
