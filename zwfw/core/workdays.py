"""Working days (工作日): the reads every legal deadline uses.

Definitions, used everywhere in the system:

- **Working day**: Monday–Friday unless the calendar marks it a holiday (法定节假日/休息日), plus
  any Saturday/Sunday the calendar marks a make-up working day (调休上班日). This is
  chinesecalendar's ``is_workday``, answered from our own tables (:mod:`zwfw.core.models.calendar`).
- :func:`working_days_after` ``(start, n)``: the *n*-th working day after ``start``, the day of
  ``start`` itself not counted — "自受理之日起20个工作日" is ``working_days_after(accepted_on, 20)``.
  If ``start`` is not a working day, counting starts from the next working day, as if the matter
  had arrived then; ``n = 0`` gives ``start`` if it is a working day, otherwise the next one.
  Exactly chinesecalendar's ``find_workday(n, start)``.
- :func:`working_days_between` ``(start, end)``: the number of working days in the half-open
  interval ``(start, end]`` — ``start`` excluded, ``end`` included — and minus that count when
  ``end`` is before ``start``. So ``working_days_between(today, due)`` is the number of working days
  left (negative when overdue), and for a working day ``d``:
  ``working_days_between(d, working_days_after(d, n)) == n``.

A date in a year without a :class:`~zwfw.core.models.CalendarYear` raises
:class:`CalendarYearMissing` — never a silent Monday–Friday guess — and opens a
:class:`~zwfw.core.models.SystemAlert` for the 系统管理员. The alert must outlive the caller's
transaction, which the exception usually rolls back, so (see :func:`_report_missing_year`):
outside a transaction it is written at once; inside one it is queued in this process and written
when that transaction commits, when the request finishes (a ``request_finished`` receiver,
connected in ``CoreConfig.ready``), or at the next calendar read outside a transaction — whichever
comes first. The same works on SQLite (one writer at a time, so a second connection could not write
while the caller holds the lock) and on PostgreSQL.

Each year's special days are loaded once per process and cached. Every call costs one small query
(the list of years with their ``revision``); a year is reloaded only when its revision changed, so
an administrator's edit is seen at once by every process. For many computations in a loop, take
one :func:`working_calendar` snapshot and call its methods: no further queries.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import clock
from .choices import AlertLevel, CalendarDayKind, SystemAlertKind
from .models import CalendarDay, CalendarYear, SystemAlert

logger = logging.getLogger(__name__)

ONE_DAY = dt.timedelta(days=1)
#: From this day of the year on, the next year's calendar is needed too (deadlines reach into it,
#: and the State Council publishes the arrangement in October–December).
NEXT_YEAR_NEEDED_FROM = (10, 1)


class CalendarYearMissing(ValidationError):
    """A computation needed a year that the working-day calendar does not have.

    A ``ValidationError`` (the project's "cannot do this, here is why, in Chinese" error), so that
    a service refusing an action because of it is audited as a refusal and a form shows its message.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("系统中没有%(year)s年的工作日历（节假日安排），无法按工作日计算期限。请系统管理员录入该年度节假日安排。")
            % {"year": year},
            code="calendar_year_missing",
        )

    def __str__(self) -> str:
        return str(self.message)

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        # Pickle and copy by year (ValidationError's own args do not fit this constructor).
        return (self.__class__, (self.year,))


# --- The snapshot ---------------------------------------------------------------------


@dataclass(frozen=True)
class _YearData:
    year: int
    revision: Any
    holidays: frozenset[dt.date]  # weekdays off
    workdays: frozenset[dt.date]  # weekend days on


def _weekdays_in(first: dt.date, last: dt.date) -> int:
    """How many Monday–Fridays lie in ``[first, last]`` (0 if ``last < first``)."""
    if last < first:
        return 0
    days = (last - first).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    weekday = first.weekday()
    for offset in range(rest):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def _check_date(value: Any, name: str) -> dt.date:
    # A datetime is a date too, but its date depends on the zone it is in: refuse it.
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{name} must be a date (use zwfw.core.clock.local_date() for an instant)")
    return value


class WorkingCalendar:
    """The calendar as it was when the snapshot was taken: every method runs without a query."""

    def __init__(self, years: Mapping[int, _YearData]) -> None:
        self._years = dict(years)

    @property
    def years(self) -> list[int]:
        """The years the snapshot holds, ascending."""
        return sorted(self._years)

    def _year(self, year: int) -> _YearData:
        try:
            return self._years[year]
        except KeyError:
            _report_missing_year(year)
            raise CalendarYearMissing(year) from None

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (see the module docstring)."""
        _check_date(day, "day")
        data = self._year(day.year)
        if day.weekday() < 5:
            return day not in data.holidays
        return day in data.workdays

    def working_days_after(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start``, ``start`` not counted (module function's docs)."""
        _check_date(start, "start")
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError("n must be a non-negative integer")
        day = start
        while not self.is_working_day(day):
            day += ONE_DAY
        for _step in range(n):
            day += ONE_DAY
            while not self.is_working_day(day):
                day += ONE_DAY
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``, negative if ``end < start`` (module function's docs)."""
        _check_date(start, "start")
        _check_date(end, "end")
        if end < start:
            return -self.working_days_between(end, start)
        if end == start:
            return 0
        first = start + ONE_DAY
        count = _weekdays_in(first, end)
        for year in range(first.year, end.year + 1):
            data = self._year(year)
            count -= sum(1 for d in data.holidays if first <= d <= end)
            count += sum(1 for d in data.workdays if first <= d <= end)
        return count

    def special_days(self, year: int) -> dict[dt.date, str]:
        """The year's special days mapped to their kind (:class:`~zwfw.core.models.CalendarDayKind`)."""
        data = self._year(year)
        return {d: CalendarDayKind.HOLIDAY for d in data.holidays} | {d: CalendarDayKind.WORKDAY for d in data.workdays}


_lock = threading.Lock()
_cache: dict[int, _YearData] = {}


def working_calendar() -> WorkingCalendar:
    """A snapshot of the whole calendar: one query, plus one when a year changed since last time."""
    _flush_if_safe()
    revisions = dict(CalendarYear.objects.values_list("year", "revision"))
    with _lock:
        stale = [year for year, rev in revisions.items() if year not in _cache or _cache[year].revision != rev]
    if stale:
        loaded: dict[int, tuple[set[dt.date], set[dt.date]]] = {year: (set(), set()) for year in stale}
        rows = CalendarDay.objects.filter(calendar_year__in=stale).values_list("calendar_year", "date", "kind")
        for year, day, kind in rows:
            loaded[year][0 if kind == CalendarDayKind.HOLIDAY else 1].add(day)
        with _lock:
            for year, (holidays, workdays) in loaded.items():
                _cache[year] = _YearData(year, revisions[year], frozenset(holidays), frozenset(workdays))
    with _lock:
        for year in set(_cache) - set(revisions):
            del _cache[year]
        return WorkingCalendar({year: _cache[year] for year in revisions if year in _cache})


def calendar_cache_clear() -> None:
    """Forget the cached years (tests; the revision check makes it unnecessary otherwise)."""
    with _lock:
        _cache.clear()


# --- The public reads -----------------------------------------------------------------


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day. Raises :class:`CalendarYearMissing` for a year without data."""
    return working_calendar().is_working_day(day)


def working_days_after(start: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``start``, the day of ``start`` not counted.

    ``working_days_after(accepted_on, 20)`` is the last day of "自受理之日起20个工作日". If
    ``start`` is not a working day, counting starts from the next working day; ``n = 0`` returns
    ``start`` when it is a working day, else the next working day (chinesecalendar's
    ``find_workday(n, start)``). Raises :class:`CalendarYearMissing` if a year on the way is missing.
    """
    return working_calendar().working_days_after(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The number of working days in ``(start, end]``: ``start`` excluded, ``end`` included.

    ``working_days_between(today, due)`` is the number of working days left, ``0`` on the due
    day and negative when overdue (``working_days_between(a, b) == -working_days_between(b, a)``).
    Raises :class:`CalendarYearMissing` if a year in the interval is missing.
    """
    return working_calendar().working_days_between(start, end)


def calendar_years_needed(*, today: dt.date | None = None) -> list[int]:
    """The years the system needs now: the county's current year and, from 1 October, the next."""
    today = today or clock.today()
    needed = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_NEEDED_FROM:
        needed.append(today.year + 1)
    return needed


def calendar_missing_years(*, today: dt.date | None = None, also: Iterable[int] = ()) -> list[int]:
    """The years the system needs (:func:`calendar_years_needed` plus ``also``) but has no calendar for."""
    needed = set(calendar_years_needed(today=today)) | set(also)
    present = set(CalendarYear.objects.filter(year__in=needed).values_list("year", flat=True))
    return sorted(needed - present)


def calendar_alerts_refresh(*, today: dt.date | None = None) -> list[SystemAlert]:
    """Alert about each needed year that is missing, write queued alerts, return the open calendar alerts.

    Called by the calendar screens and suitable for a daily task, so that the next year's missing
    arrangement is flagged from 1 October even before any deadline reaches into it.
    """
    missing_year_alerts_flush()
    current = (today or clock.today()).year
    for year in calendar_missing_years(today=today):
        level = AlertLevel.CRITICAL if year <= current else AlertLevel.WARNING
        _alert_open(year, level=level)
    return list(SystemAlert.objects.open().filter(kind=SystemAlertKind.CALENDAR_YEAR_MISSING).order_by("key"))


# --- Alerts that survive the caller's rollback ----------------------------------------

_pending_lock = threading.Lock()
_pending_years: set[int] = set()


def _alert_open(year: int, *, level: str = AlertLevel.CRITICAL) -> None:
    if level == AlertLevel.CRITICAL:
        message = _(
            "系统中没有%(year)s年的工作日历，涉及该年度的工作日期限无法计算。请系统管理员录入该年度节假日安排。"
        ) % {"year": year}
    else:
        message = _(
            "%(year)s年的节假日安排尚未录入。国务院办公厅公布该年度节假日安排后，请系统管理员及时录入并确认。"
        ) % {"year": year}
    SystemAlert.objects.raise_once(
        kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key=str(year), message=message, level=level
    )


def _report_missing_year(year: int) -> None:
    """Make sure an administrator hears that ``year`` is missing, whatever the caller's transaction does."""
    if not transaction.get_connection().in_atomic_block:
        try:
            _alert_open(year)
        except Exception:  # an alert must never hide the CalendarYearMissing being raised
            logger.exception("could not record the missing calendar year %s", year)
            with _pending_lock:
                _pending_years.add(year)
        return
    # Inside a transaction that the exception will probably roll back: queue the alert, write it
    # when this transaction commits (if the caller handled the error) or at the next safe moment.
    with _pending_lock:
        _pending_years.add(year)
    transaction.on_commit(missing_year_alerts_flush)


def missing_year_alerts_flush(**_signal_kwargs: Any) -> None:
    """Write the queued missing-year alerts. Also a ``request_finished`` receiver.

    Runs in its own (possibly nested) transaction; a failure is logged and the years stay queued.
    """
    with _pending_lock:
        years = sorted(_pending_years)
    if not years:
        return
    try:
        with transaction.atomic():
            for year in years:
                _alert_open(year)
    except Exception:
        logger.exception("could not record the missing calendar years %s", years)
        return
    with _pending_lock:
        _pending_years.difference_update(years)


def missing_year_alerts_pending() -> list[int]:
    """The years whose alert is queued but not written yet (for tests and diagnostics)."""
    with _pending_lock:
        return sorted(_pending_years)


def missing_year_alerts_discard() -> None:
    """Drop the queue without writing (tests)."""
    with _pending_lock:
        _pending_years.clear()


def _flush_if_safe() -> None:
    if _pending_years and not transaction.get_connection().in_atomic_block:
        missing_year_alerts_flush()
