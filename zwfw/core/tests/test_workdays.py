"""Working days on the real 2025 and 2026 holiday notices of the State Council.

2025 (国办发明电〔2024〕12号): 春节 1月28日–2月4日, 1月26日(日) and 2月8日(六) 上班;
国庆节、中秋节 10月1日–8日, 9月28日(日) and 10月11日(六) 上班.
2026 (国办发明电〔2025〕7号): 元旦 1月1日–3日, 1月4日(日) 上班; 春节 2月15日–23日,
2月14日(六) and 2月28日(六) 上班.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import chinese_calendar
import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwfw.core import clock, workdays
from zwfw.core.models import (
    AlertLevel,
    CalendarDay,
    CalendarDayKind,
    CalendarYear,
    SystemAlert,
    SystemAlertKind,
)
from zwfw.core.services.calendar import calendar_day_set, calendar_year_create_manual
from zwfw.core.workdays import (
    CalendarYearMissing,
    calendar_alerts_refresh,
    calendar_missing_years,
    is_working_day,
    working_calendar,
    working_days_after,
    working_days_between,
)

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


def _open_alerts() -> list[tuple[str, str]]:
    return list(SystemAlert.objects.open().values_list("kind", "key"))


# --- is_working_day -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-01-24", True),  # Friday before the festival
        ("2025-01-25", False),  # an ordinary Saturday
        ("2025-01-26", True),  # Sunday, 调休上班
        ("2025-01-27", True),  # Monday, 除夕 is not off in 2025
        ("2025-01-28", False),  # 春节 (Tuesday)
        ("2025-01-31", False),  # 春节 (Friday)
        ("2025-02-01", False),  # Saturday inside the holiday
        ("2025-02-03", False),  # 春节 (Monday)
        ("2025-02-04", False),  # 春节 (Tuesday), last day off
        ("2025-02-05", True),  # back to work
        ("2025-02-08", True),  # Saturday, 调休上班
        ("2025-02-09", False),  # an ordinary Sunday
        ("2025-09-28", True),  # Sunday, 国庆调休上班
        ("2025-10-01", False),
        ("2025-10-06", False),  # 中秋节 inside the National Day break
        ("2025-10-08", False),
        ("2025-10-09", True),
        ("2025-10-11", True),  # Saturday, 国庆调休上班
        ("2026-01-02", False),  # 元旦 (Friday)
        ("2026-01-04", True),  # Sunday, 元旦调休上班
        ("2026-02-13", True),
        ("2026-02-14", True),  # Saturday, 春节调休上班
        ("2026-02-16", False),  # 春节 (Monday)
        ("2026-02-23", False),  # 春节 (Monday), last day off
        ("2026-02-24", True),
        ("2026-02-28", True),  # Saturday, 春节调休上班
    ],
)
def test_is_working_day_follows_the_notices(calendar_2025_2026, day, working):
    assert is_working_day(D(day)) is working
    assert chinese_calendar.is_workday(D(day)) is working  # the package agrees


# --- working_days_after ---------------------------------------------------------------


def test_twenty_working_days_from_acceptance_across_the_spring_festival(calendar_2025_2026):
    # Accepted on Monday 20 January 2025: the day of acceptance is not counted; the Sunday
    # make-up day 26 January and Saturday 8 February count, 28 January–4 February do not.
    assert working_days_after(D("2025-01-20"), 20) == D("2025-02-21")


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-01-24", 1, "2025-01-26"),  # Friday → the make-up Sunday
        ("2025-01-27", 1, "2025-02-05"),  # the last day before the festival → the first day after
        ("2025-01-27", 4, "2025-02-08"),  # the make-up Saturday counts
        ("2025-01-27", 5, "2025-02-10"),
        ("2025-01-29", 0, "2025-02-05"),  # n = 0 on a holiday: the next working day
        ("2025-02-01", 0, "2025-02-05"),
        ("2025-01-26", 0, "2025-01-26"),  # n = 0 on a make-up Sunday: that day
        ("2025-02-01", 1, "2025-02-06"),  # counting starts at the next working day (5 Feb)
        ("2025-09-26", 3, "2025-09-30"),  # Fri → Sun 28 (1), Mon 29 (2), Tue 30 (3)
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-09-30", 3, "2025-10-11"),  # Saturday make-up day
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-14", 1, "2026-02-24"),
        ("2026-02-24", 4, "2026-02-28"),
        ("2025-12-31", 1, "2026-01-04"),  # across the year: 1–3 January off, Sunday 4 January on
    ],
)
def test_working_days_after(calendar_2025_2026, start, n, expected):
    assert working_days_after(D(start), n) == D(expected)
    assert chinese_calendar.find_workday(n, D(start)) == D(expected)


def test_working_days_after_refuses_bad_arguments(calendar_2025_2026):
    with pytest.raises(ValueError):
        working_days_after(D("2025-03-03"), -1)
    with pytest.raises(TypeError):
        working_days_after(dt.datetime(2025, 3, 3, 9, 0, tzinfo=clock.COUNTY_TZ), 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        is_working_day("2025-03-03")  # type: ignore[arg-type]


# --- working_days_between -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-03-03", "2025-03-03", 0),
        ("2025-03-03", "2025-03-04", 1),  # start excluded, end included
        ("2025-03-03", "2025-03-10", 5),  # a normal week
        ("2025-01-27", "2025-02-05", 1),  # the whole Spring Festival holiday counts nothing
        ("2025-01-24", "2025-02-09", 6),  # 26 Jan, 27 Jan, 5–8 Feb
        ("2025-09-26", "2025-10-12", 6),  # 28, 29, 30 Sep; 9, 10, 11 Oct
        ("2025-09-30", "2025-10-10", 2),
        ("2025-12-31", "2026-01-05", 2),  # 4 and 5 January 2026
        ("2026-02-13", "2026-03-02", 7),  # 14 Feb, 24–28 Feb, 2 Mar
    ],
)
def test_working_days_between(calendar_2025_2026, start, end, expected):
    # The package counts both ends; ours excludes the start.
    reference = len(chinese_calendar.get_workdays(D(start) + dt.timedelta(days=1), D(end))) if end > start else 0
    assert working_days_between(D(start), D(end)) == reference
    assert working_days_between(D(start), D(end)) == expected


def test_working_days_between_is_negative_when_the_end_is_earlier(calendar_2025_2026):
    assert working_days_between(D("2025-10-10"), D("2025-09-30")) == -2
    # "remaining working days" on the day after the due date
    due = working_days_after(D("2025-01-20"), 20)
    assert working_days_between(due, due) == 0
    assert working_days_between(due + dt.timedelta(days=3), due) == -1  # Mon 24 Feb: one working day late


# --- properties -----------------------------------------------------------------------

dates_2025 = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates_2025, n=st.integers(min_value=0, max_value=200))
def test_after_agrees_with_chinesecalendar_and_between_inverts_it(calendar_2025_2026, start, n):
    end = working_days_after(start, n)
    assert end == chinese_calendar.find_workday(n, start)
    assert is_working_day(end)
    offset = 0 if is_working_day(start) else 1  # a non-working start counts from the next working day
    assert working_days_between(start, end) == n + offset


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=dates_2025, b=dates_2025, c=dates_2025)
def test_between_is_additive_antisymmetric_and_monotone(calendar_2025_2026, a, b, c):
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)
    assert working_days_between(a, b) == -working_days_between(b, a)
    low, high = sorted((b, c))
    assert working_days_between(a, low) <= working_days_between(a, high)


# --- efficiency -----------------------------------------------------------------------


def test_a_long_computation_does_not_query_per_day(calendar_2025_2026, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the years' revisions, then the days of the changed years
        assert working_days_after(D("2025-01-02"), 250) == chinese_calendar.find_workday(250, D("2025-01-02"))
    with django_assert_max_num_queries(1):  # cached: only the revision check
        working_days_between(D("2025-01-01"), D("2026-12-31"))
    snapshot = working_calendar()
    with django_assert_max_num_queries(0):
        for day in range(365):
            snapshot.working_days_after(D("2025-01-01") + dt.timedelta(days=day), 20)


def test_an_edit_is_seen_at_once(calendar_2025_2026, personas):
    assert is_working_day(D("2025-03-14"))
    calendar_day_set(actor=personas.he_jun, day=D("2025-03-14"), kind=CalendarDayKind.HOLIDAY, name="地方假日")
    assert not is_working_day(D("2025-03-14"))


def test_an_edit_made_by_another_process_is_seen(calendar_2025_2026):
    assert is_working_day(D("2025-03-14"))
    # Another process writes the row and the new revision; this process's cache is stale.
    year = CalendarYear.objects.get(year=2025)
    CalendarDay.objects.create(calendar_year=year, date=D("2025-03-14"), kind=CalendarDayKind.HOLIDAY, name="地方假日")
    CalendarYear.objects.filter(pk=year.pk).update(revision="00000000-0000-0000-0000-000000000001")
    assert not is_working_day(D("2025-03-14"))


# --- a missing year -------------------------------------------------------------------


def test_a_missing_year_raises_a_chinese_error_naming_the_year(calendar_2025_2026):
    with pytest.raises(CalendarYearMissing) as caught:
        is_working_day(D("2027-03-01"))
    assert caught.value.year == 2027
    assert "2027年" in str(caught.value)
    assert "请系统管理员录入该年度节假日安排" in str(caught.value)
    assert caught.value.messages == [str(caught.value)]
    copied = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copied, CalendarYearMissing) and copied.year == 2027 and str(copied) == str(caught.value)
    assert copy.deepcopy(caught.value).year == 2027


def test_a_deadline_running_into_a_missing_year_raises_instead_of_guessing(calendar_2025_2026):
    with pytest.raises(CalendarYearMissing) as caught:
        working_days_after(D("2026-12-15"), 20)
    assert caught.value.year == 2027
    with pytest.raises(CalendarYearMissing):
        working_days_between(D("2026-12-30"), D("2027-01-05"))
    with pytest.raises(CalendarYearMissing):
        working_days_between(D("2024-12-30"), D("2025-01-05"))
    # Where nothing of the missing year is needed, nothing is refused.
    assert working_days_between(D("2024-12-31"), D("2025-01-03")) == 2


def test_a_missing_year_inside_a_transaction_is_queued_and_written_later(calendar_2025_2026):
    with pytest.raises(CalendarYearMissing), transaction.atomic():
        working_days_after(D("2027-05-06"), 3)
    assert workdays.missing_year_alerts_pending() == [2027]
    workdays.missing_year_alerts_flush()
    assert _open_alerts() == [(SystemAlertKind.CALENDAR_YEAR_MISSING, "2027")]
    assert SystemAlert.objects.get().level == AlertLevel.CRITICAL
    assert workdays.missing_year_alerts_pending() == []


def test_the_alert_is_written_when_a_caller_handles_the_error_and_commits(
    calendar_2025_2026, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                is_working_day(D("2028-01-03"))
            except CalendarYearMissing:
                pass
    assert _open_alerts() == [(SystemAlertKind.CALENDAR_YEAR_MISSING, "2028")]


def test_the_alert_is_idempotent(calendar_2025_2026):
    for _attempt in range(3):
        with pytest.raises(CalendarYearMissing):
            is_working_day(D("2027-01-04"))
        workdays.missing_year_alerts_flush()
    assert SystemAlert.objects.count() == 1


def test_creating_the_year_resolves_the_alert(calendar_2025_2026, personas):
    with pytest.raises(CalendarYearMissing):
        is_working_day(D("2027-01-04"))
    workdays.missing_year_alerts_flush()
    calendar_year_create_manual(actor=personas.he_jun, year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    assert _open_alerts() == []
    assert SystemAlert.objects.get().resolved_at is not None
    assert is_working_day(D("2027-01-04"))  # a Monday; the year exists now (no days entered yet)


@pytest.mark.django_db(transaction=True)
def test_the_alert_survives_the_rollback_of_the_callers_transaction(client, personas):
    """The real thing, with real commits: the caller's work is gone, the alert is not."""
    calendar_year_create_manual(actor=None, year=2026, notice="国务院办公厅关于2026年部分节假日安排的通知")
    with pytest.raises(CalendarYearMissing), transaction.atomic():
        CalendarYear.objects.filter(year=2026).update(notice="changed inside the doomed transaction")
        working_days_after(D("2026-12-28"), 10)
    assert not connection.in_atomic_block
    assert CalendarYear.objects.get(year=2026).notice.startswith("国务院办公厅")  # rolled back
    # The end of any request writes the queued alert …
    client.get("/")
    assert _open_alerts() == [(SystemAlertKind.CALENDAR_YEAR_MISSING, "2027")]
    # … and outside a transaction the alert is written at once.
    with pytest.raises(CalendarYearMissing):
        is_working_day(D("2029-06-01"))
    assert (SystemAlertKind.CALENDAR_YEAR_MISSING, "2029") in _open_alerts()


@pytest.mark.django_db(transaction=True)
def test_a_queued_alert_is_written_by_the_next_read_outside_a_transaction():
    calendar_year_create_manual(actor=None, year=2026, notice="国务院办公厅关于2026年部分节假日安排的通知")
    with pytest.raises(CalendarYearMissing), transaction.atomic():
        is_working_day(D("2030-01-02"))
    assert _open_alerts() == []
    assert is_working_day(D("2026-03-02"))
    assert _open_alerts() == [(SystemAlertKind.CALENDAR_YEAR_MISSING, "2030")]


# --- which years are needed -----------------------------------------------------------


def test_missing_years_needed_now(calendar_2025_2026, monkeypatch):
    assert calendar_missing_years(today=D("2026-09-30")) == []
    assert calendar_missing_years(today=D("2026-10-01")) == [2027]
    assert calendar_missing_years(today=D("2027-02-01")) == [2027]
    assert calendar_missing_years(today=D("2025-06-01"), also=[2024]) == [2024]
    monkeypatch.setattr(clock, "today", lambda: D("2026-11-27"))  # the county's date by default
    assert calendar_missing_years() == [2027]


def test_refreshing_alerts_flags_next_year_from_october(calendar_2025_2026):
    alerts = calendar_alerts_refresh(today=D("2026-10-01"))
    assert [(a.key, a.level) for a in alerts] == [("2027", AlertLevel.WARNING)]
    assert "2027年的节假日安排尚未录入" in alerts[0].message
    calendar_alerts_refresh(today=D("2026-10-02"))
    assert SystemAlert.objects.count() == 1
    # Once a deadline really needs the year, the alert becomes critical.
    with pytest.raises(CalendarYearMissing):
        is_working_day(D("2027-01-04"))
    workdays.missing_year_alerts_flush()
    assert SystemAlert.objects.get().level == AlertLevel.CRITICAL


# --- database invariants --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "year"),
    [
        ("2025-03-08", CalendarDayKind.HOLIDAY, 2025),  # a holiday on a Saturday
        ("2025-03-12", CalendarDayKind.WORKDAY, 2025),  # a make-up working day on a Wednesday
        ("2026-03-12", CalendarDayKind.HOLIDAY, 2025),  # a 2026 date in the 2025 year
    ],
)
def test_the_database_refuses_inconsistent_days(calendar_2025_2026, day, kind, year):
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(calendar_year_id=year, date=D(day), kind=kind, name="测试")


def test_the_database_refuses_a_second_row_for_a_date(calendar_2025_2026):
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(
            calendar_year_id=2025, date=D("2025-01-28"), kind=CalendarDayKind.HOLIDAY, name="春节"
        )


def test_the_database_accepts_consistent_days(calendar_2025_2026):
    CalendarDay.objects.create(calendar_year_id=2025, date=D("2025-03-12"), kind=CalendarDayKind.HOLIDAY, name="测试")
    CalendarDay.objects.create(calendar_year_id=2025, date=D("2025-03-09"), kind=CalendarDayKind.WORKDAY, name="测试")


def test_only_one_open_alert_per_key():
    SystemAlert.objects.create(kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key="2027", message="m", level="critical")
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemAlert.objects.create(
            kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key="2027", message="m", level="critical"
        )
    SystemAlert.objects.resolve(kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key="2027")
    SystemAlert.objects.create(kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key="2027", message="m", level="critical")
    assert SystemAlert.objects.count() == 2 and SystemAlert.objects.open().count() == 1
