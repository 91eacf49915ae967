"""The working-day calendar (工作日历): each year's statutory holidays and make-up working days.

Administrative licence law counts deadlines in 工作日. A day is a working day when it is
Monday–Friday and not a holiday, or when it is a Saturday/Sunday that the State Council's notice
turns into a make-up working day (调休上班). The calendar therefore stores only the days that break
the Monday–Friday rule:

- :attr:`CalendarDayKind.HOLIDAY`: a weekday on which people rest (春节, 国庆节, …);
- :attr:`CalendarDayKind.WORKDAY`: a Saturday or Sunday on which people work.

A :class:`CalendarYear` row says "this year's arrangement is known". Without it, every question
about a date of that year fails loudly (:class:`zwfw.core.workdays.CalendarYearMissing`): the
system never silently guesses Monday–Friday. Reads go through :mod:`zwfw.core.workdays`; writes
only through :mod:`zwfw.core.services.calendar`.

The database itself keeps the invariants: one row per date, a day belongs to the year it falls in,
holidays fall on weekdays and make-up working days on weekends (see :class:`DateYear` and
:class:`IsoWeekday`, SQL that works inside CHECK constraints on SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from ..choices import CalendarDayKind, CalendarSource  # noqa: F401 (re-exported)
from .base import AuditedModel

#: The years the calendar accepts (a typo such as 20226 is refused by the database too).
MIN_YEAR = 2000
MAX_YEAR = 2100


class DateYear(models.Func):
    """The year of a date column as an integer, in SQL that a CHECK constraint accepts.

    Django's ``ExtractYear`` calls a Python function on SQLite, which the database file would
    then need in order to insert a row outside Django; this uses built-in SQL only.
    """

    arity = 1
    output_field = models.IntegerField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite stores a DateField as TEXT 'YYYY-MM-DD'.
        return super().as_sql(compiler, connection, template="CAST(SUBSTR(%(expressions)s, 1, 4) AS INTEGER)")


class IsoWeekday(models.Func):
    """The ISO weekday of a date column (1 = Monday … 7 = Sunday), in CHECK-constraint-safe SQL."""

    arity = 1
    output_field = models.IntegerField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, template="CAST(EXTRACT(ISODOW FROM %(expressions)s) AS INTEGER)")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # The Julian day number modulo 7 is 0 on Mondays. SQLite has no MOD() by default and a
        # '%' would have to survive two rounds of Python formatting, so: x - 7 * (x / 7).
        jdn = "CAST(JULIANDAY(%(expressions)s) + 0.5 AS INTEGER)"
        return super().as_sql(compiler, connection, template=f"({jdn} - 7 * ({jdn} / 7) + 1)")


class CalendarYear(AuditedModel):
    """One year's holiday arrangement, as published by the State Council and checked by the 系统管理员."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("来源"), max_length=20, choices=CalendarSource.choices)
    #: The chinesecalendar version the data was copied from (empty for a manual year).
    source_version = models.CharField(_("数据包版本"), max_length=20, blank=True)
    notice = models.CharField(
        _("依据通知"), max_length=200, help_text=_("例如：国务院办公厅关于2026年部分节假日安排的通知")
    )
    is_confirmed = models.BooleanField(_("已确认"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    #: A new random value whenever the year or one of its days changes. Readers in every process
    #: compare it with the copy they cached (zwfw.core.workdays), so an edit is seen at once.
    #: Random rather than a counter so that a rolled-back or recreated year never reuses a value.
    revision = models.UUIDField(_("修订标识"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="core_calendaryear_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(is_confirmed=False, confirmed_at__isnull=True)
                | models.Q(is_confirmed=True, confirmed_at__isnull=False),
                name="core_calendaryear_confirmed_has_time",
            ),
            models.CheckConstraint(condition=~models.Q(notice=""), name="core_calendaryear_notice_required"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年工作日历"


class CalendarDay(AuditedModel):
    """A date that breaks the Monday–Friday rule: a weekday off, or a weekend day of work."""

    # The foreign key points at CalendarYear.year and its column is named "year", so the row
    # carries its year and a CHECK constraint can compare it with the date.
    calendar_year = models.ForeignKey(
        CalendarYear,
        verbose_name=_("年度"),
        to_field="year",
        db_column="year",
        on_delete=models.CASCADE,
        related_name="days",
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=CalendarDayKind.choices)
    #: The festival the day belongs to, as the notice names it: 春节, 国庆节, …
    name = models.CharField(_("节日名称"), max_length=60)

    class Meta:
        verbose_name = _("工作日历特殊日期")
        verbose_name_plural = _("工作日历特殊日期")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(DateYear("date"), models.F("calendar_year")),
                name="core_calendarday_in_its_year",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind=CalendarDayKind.HOLIDAY) & LessThanOrEqual(IsoWeekday("date"), 5))
                | (models.Q(kind=CalendarDayKind.WORKDAY) & GreaterThanOrEqual(IsoWeekday("date"), 6)),
                name="core_calendarday_kind_matches_weekday",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="core_calendarday_name_required"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}（{self.name}）"

    @staticmethod
    def kind_fits_weekday(*, day: dt.date, kind: str) -> bool:
        """Holidays are recorded on weekdays only and make-up working days on weekends only."""
        if kind == CalendarDayKind.HOLIDAY:
            return day.weekday() < 5
        if kind == CalendarDayKind.WORKDAY:
            return day.weekday() >= 5
        return False
