"""The legal clock on the real 2026 calendar: the Spring Festival, its make-up Saturdays, and pauses."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.core.workdays import CalendarYearMissing
from zwfw.workflow.choices import DeadlineLevel
from zwfw.workflow.clock import deadline_state, due_date, level_for, paused_working_days, working_days_used

pytestmark = pytest.mark.django_db

D = dt.date


def test_five_days_from_10_february_2026_cross_the_spring_festival(calendar_2025_2026):
    # 11, 12, 13 Feb, Saturday 14 Feb (调休上班), then the festival until 23 Feb: the 5th is Tuesday 24 Feb.
    assert due_date(start=D(2026, 2, 10), days=5) == D(2026, 2, 24)


def test_zero_days_is_the_day_itself_or_the_next_working_day(calendar_2025_2026):
    assert due_date(start=D(2026, 2, 10), days=0) == D(2026, 2, 10)
    assert due_date(start=D(2026, 2, 16), days=0) == D(2026, 2, 24)


def test_a_three_day_inspection_moves_the_due_date_by_three_working_days(calendar_2025_2026):
    start = D(2026, 3, 2)  # a Monday
    plain = due_date(start=start, days=10)
    assert plain == D(2026, 3, 16)
    # Inspection from Monday 9 March to Thursday 12 March: 10, 11 and 12 March are not counted.
    paused = due_date(start=start, days=10, pauses=[(D(2026, 3, 9), D(2026, 3, 12))])
    assert paused == D(2026, 3, 19)
    assert paused_working_days(pauses=[(D(2026, 3, 9), D(2026, 3, 12))], until=D(2026, 12, 31)) == 3


def test_a_pause_over_a_holiday_counts_only_its_working_days(calendar_2025_2026):
    pause = (D(2026, 2, 12), D(2026, 2, 25))  # 13, 14 (make-up Saturday), 24, 25 are working days
    assert paused_working_days(pauses=[pause], until=D(2026, 3, 31)) == 4


def test_an_open_pause_has_no_due_date_and_freezes_the_days_left(calendar_2025_2026):
    start = D(2026, 3, 2)
    pauses = [(D(2026, 3, 4), None)]
    assert due_date(start=start, days=10, pauses=pauses) is None
    state = deadline_state(start=start, days=10, today=D(2026, 3, 20), pauses=pauses)
    assert state.level == DeadlineLevel.PAUSED
    assert state.due is None
    assert state.used == 2 and state.remaining == 8


def test_a_pause_that_starts_after_the_due_date_does_not_matter(calendar_2025_2026):
    assert due_date(start=D(2026, 3, 2), days=2, pauses=[(D(2026, 3, 10), None)]) == D(2026, 3, 4)


def test_levels_turn_yellow_at_ninety_percent_and_red_after_the_due_date(calendar_2025_2026):
    start = D(2026, 3, 2)
    assert deadline_state(start=start, days=10, today=D(2026, 3, 10)).level == DeadlineLevel.NORMAL  # 6 used
    assert deadline_state(start=start, days=10, today=D(2026, 3, 13)).level == DeadlineLevel.WARNING  # 9 used
    state = deadline_state(start=start, days=10, today=D(2026, 3, 17))
    assert state.level == DeadlineLevel.OVERDUE and state.remaining == -1
    assert working_days_used(start=start, until=D(2026, 3, 16)) == 10
    assert level_for(due=D(2026, 3, 16), today=D(2026, 3, 17), limit=10, remaining=-1) == DeadlineLevel.OVERDUE
    assert level_for(due=D(2026, 3, 16), today=D(2026, 3, 13), limit=10, remaining=1) == DeadlineLevel.WARNING
    assert level_for(due=D(2026, 3, 16), today=D(2026, 3, 3), limit=10, remaining=9) == DeadlineLevel.NORMAL
    assert level_for(due=None, today=D(2026, 3, 3), limit=10, remaining=9) == DeadlineLevel.PAUSED


def test_a_deadline_into_a_missing_year_fails_loudly(calendar_2025_2026):
    with pytest.raises(CalendarYearMissing):
        due_date(start=D(2026, 12, 1), days=45)


def test_negative_or_non_integer_limits_are_refused(calendar_2025_2026):
    with pytest.raises(ValueError):
        due_date(start=D(2026, 3, 2), days=-1)
    with pytest.raises(ValueError):
        due_date(start=D(2026, 3, 2), days=True)
