"""The legal clock: due dates in working days, with pauses that are not counted.

Definitions (used by every case and step; they extend :mod:`zwfw.core.workdays`):

- A limit of ``n`` working days *from* ``start`` ends on the ``n``-th **counted** working day after
  ``start`` (``start`` itself not counted — "自受理之日起20个工作日"), exactly
  ``working_days_after(start, n)`` when there is no pause. ``n = 0`` (即办件) is ``start``, or the
  next working day if ``start`` is not one.
- A **pause** ``(begin, end)`` (补正, 听证, 检验, 专家评审…) stops the clock: the working days in the
  half-open interval ``(begin, end]`` are not counted — the day the pause starts still counts (work was
  done that day), the day it ends does not (the clock restarts the day after). A three-day inspection
  from Monday to Thursday therefore takes Tuesday, Wednesday and Thursday off the clock.
- An **open** pause (``end is None``) has no known end: :func:`due_date` returns ``None`` while the
  clock is stopped, and :func:`deadline_state` reports the level ``paused`` with the days left frozen at
  the pause's start.
- Levels: ``overdue`` once the due date has passed; ``warning`` from 90 % of the limit used
  (STANDARDS.md §8: 黄牌 at ≥ 90 %); ``normal`` otherwise.

Every function takes an optional :class:`~zwfw.core.workdays.WorkingCalendar` snapshot so that a list
of many cases costs one calendar query; a year without calendar data raises
:class:`~zwfw.core.workdays.CalendarYearMissing` (never a Monday–Friday guess).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from zwfw.core.workdays import WorkingCalendar, working_calendar

from .choices import DeadlineLevel

ONE_DAY = dt.timedelta(days=1)

#: A pause as (first day, last day) — see the module docstring; ``None`` as the end means still open.
Pause = tuple[dt.date, dt.date | None]

WARNING_SHARE = 0.9


def _paused(day: dt.date, pauses: Sequence[Pause]) -> bool:
    for begin, end in pauses:
        if day > begin and (end is None or day <= end):
            return True
    return False


def due_date(
    *, start: dt.date, days: int, pauses: Sequence[Pause] = (), calendar: WorkingCalendar | None = None
) -> dt.date | None:
    """The last day of a limit of ``days`` working days from ``start``, pauses not counted.

    ``None`` while a pause that began before the limit was reached is still open.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError("days must be a non-negative integer")
    cal = calendar or working_calendar()
    day = start
    while not cal.is_working_day(day):
        day += ONE_DAY
    counted = 0
    while counted < days:
        day += ONE_DAY
        if any(begin < day and end is None for begin, end in pauses):
            return None
        if cal.is_working_day(day) and not _paused(day, pauses):
            counted += 1
    return day


def working_days_used(
    *, start: dt.date, until: dt.date, pauses: Sequence[Pause] = (), calendar: WorkingCalendar | None = None
) -> int:
    """Counted working days in ``(start, until]`` (0 when ``until <= start``), pauses not counted."""
    cal = calendar or working_calendar()
    used = 0
    day = start + ONE_DAY
    while day <= until:
        if cal.is_working_day(day) and not _paused(day, pauses):
            used += 1
        day += ONE_DAY
    return used


def paused_working_days(*, pauses: Sequence[Pause], until: dt.date, calendar: WorkingCalendar | None = None) -> int:
    """Working days taken off the clock by ``pauses`` up to ``until`` (an open pause counts up to ``until``)."""
    cal = calendar or working_calendar()
    total = 0
    for begin, end in pauses:
        last = min(end, until) if end is not None else until
        day = begin + ONE_DAY
        while day <= last:
            if cal.is_working_day(day):
                total += 1
            day += ONE_DAY
    return total


@dataclass(frozen=True)
class DeadlineState:
    """Where a limit stands on ``today``: the due date (``None`` while paused), days left, the colour."""

    due: dt.date | None
    remaining: int
    used: int
    limit: int
    level: str


def deadline_state(
    *,
    start: dt.date,
    days: int,
    today: dt.date,
    pauses: Sequence[Pause] = (),
    calendar: WorkingCalendar | None = None,
) -> DeadlineState:
    """The state of a ``days``-working-day limit from ``start`` on ``today``, pauses not counted."""
    cal = calendar or working_calendar()
    open_pause = any(end is None for _begin, end in pauses)
    used = working_days_used(start=start, until=today, pauses=pauses, calendar=cal)
    remaining = days - used
    if open_pause:
        return DeadlineState(None, remaining, used, days, DeadlineLevel.PAUSED)
    due = due_date(start=start, days=days, pauses=pauses, calendar=cal)
    if due is not None and today > due:
        level = DeadlineLevel.OVERDUE
    elif days == 0 or used >= WARNING_SHARE * days:
        level = DeadlineLevel.WARNING if remaining >= 0 else DeadlineLevel.OVERDUE
    else:
        level = DeadlineLevel.NORMAL
    return DeadlineState(due, remaining, used, days, level)


def level_for(*, due: dt.date | None, today: dt.date, limit: int, remaining: int) -> str:
    """The colour of a stored due date without re-walking the calendar (lists of many cases).

    ``remaining`` is ``working_days_between(today, due)`` from one calendar snapshot.
    """
    if due is None:
        return DeadlineLevel.PAUSED
    if today > due:
        return DeadlineLevel.OVERDUE
    if limit == 0 or (limit - remaining) >= WARNING_SHARE * limit:
        return DeadlineLevel.WARNING
    return DeadlineLevel.NORMAL
