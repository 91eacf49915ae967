"""The calendar services: each change is atomic and audited; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zwfw.core.choices import Outcome
from zwfw.core.models import (
    AuditEvent,
    CalendarDay,
    CalendarDayKind,
    CalendarSource,
    CalendarYear,
    SystemAlert,
    SystemAlertKind,
)
from zwfw.core.services.calendar import (
    calendar_day_remove,
    calendar_day_set,
    calendar_seed_from_chinesecalendar,
    calendar_year_confirm,
    calendar_year_create_manual,
    calendar_year_import,
    chinesecalendar_years,
)
from zwfw.core.workdays import is_working_day, working_days_after

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _days(year: int) -> dict[str, tuple[str, str]]:
    return {d.date.isoformat(): (d.kind, d.name) for d in CalendarDay.objects.filter(calendar_year=year)}


@pytest.fixture
def year_2027(personas) -> CalendarYear:
    return calendar_year_create_manual(actor=personas.he_jun, year=2027, notice=NOTICE_2027)


# --- import from chinesecalendar ------------------------------------------------------


def test_import_copies_the_2025_notice(personas):
    calendar_year = calendar_year_import(actor=personas.he_jun, year=2025)
    assert calendar_year.source == CalendarSource.CHINESECALENDAR
    assert calendar_year.source_version == "1.11.0"
    assert calendar_year.notice == "国务院办公厅关于2025年部分节假日安排的通知"
    assert not calendar_year.is_confirmed
    days = _days(2025)
    # Only the days that break the Monday–Friday rule are stored.
    assert days["2025-01-28"] == (CalendarDayKind.HOLIDAY, "春节")
    assert days["2025-02-04"] == (CalendarDayKind.HOLIDAY, "春节")
    assert "2025-02-01" not in days  # a Saturday inside the holiday: resting anyway
    assert days["2025-01-26"] == (CalendarDayKind.WORKDAY, "春节")
    assert days["2025-02-08"] == (CalendarDayKind.WORKDAY, "春节")
    assert days["2025-04-04"] == (CalendarDayKind.HOLIDAY, "清明节")
    assert days["2025-10-06"] == (CalendarDayKind.HOLIDAY, "中秋节")
    assert days["2025-09-28"] == (CalendarDayKind.WORKDAY, "国庆节")
    assert days["2025-10-11"] == (CalendarDayKind.WORKDAY, "国庆节")
    assert sum(kind == CalendarDayKind.HOLIDAY for kind, _ in days.values()) == 18
    assert sum(kind == CalendarDayKind.WORKDAY for kind, _ in days.values()) == 5
    (event,) = _events("calendar_year.import")
    assert event.actor == personas.he_jun and event.outcome == Outcome.SUCCESS
    assert event.object_type == "core.calendaryear" and event.object_id == str(calendar_year.pk)
    assert event.detail["year"] == 2025 and event.detail["holidays"] == 18 and event.detail["workdays"] == 5


def test_import_copies_the_2026_spring_festival(personas):
    calendar_year_import(actor=personas.he_jun, year=2026)
    days = _days(2026)
    assert [d for d, (kind, name) in days.items() if name == "春节" and kind == CalendarDayKind.HOLIDAY] == [
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
        "2026-02-23",
    ]
    assert days["2026-02-14"] == (CalendarDayKind.WORKDAY, "春节")  # Saturday
    assert days["2026-02-28"] == (CalendarDayKind.WORKDAY, "春节")  # Saturday
    assert days["2026-01-04"] == (CalendarDayKind.WORKDAY, "元旦")  # Sunday


def test_import_refuses_a_year_the_package_does_not_cover(personas):
    last = chinesecalendar_years()[-1]
    with pytest.raises(ValidationError) as caught:
        calendar_year_import(actor=personas.he_jun, year=last + 1)
    assert f"没有{last + 1}年的数据" in caught.value.messages[0]
    assert "手工创建" in caught.value.messages[0]
    assert not CalendarYear.objects.exists()
    (event,) = _events("calendar_year.import")
    assert event.outcome == Outcome.DENIED and event.detail["year"] == last + 1


def test_reimport_restores_the_package_data_and_withdraws_confirmation(personas):
    calendar_year_import(actor=personas.he_jun, year=2025)
    calendar_year_confirm(actor=personas.he_jun, year=2025)
    calendar_day_remove(actor=personas.he_jun, day=D("2025-01-28"))
    calendar_year_confirm(actor=personas.he_jun, year=2025)
    calendar_year_import(actor=personas.he_jun, year=2025)
    assert _days(2025)["2025-01-28"] == (CalendarDayKind.HOLIDAY, "春节")
    assert not CalendarYear.objects.get(year=2025).is_confirmed
    last = _events("calendar_year.import")[-1]
    assert last.detail["added"] == 1 and last.detail["confirmation_withdrawn"] is True


def test_reimport_of_an_unchanged_year_writes_nothing(personas):
    calendar_year_import(actor=personas.he_jun, year=2025)
    before = CalendarYear.objects.get(year=2025)
    calendar_year_import(actor=personas.he_jun, year=2025)
    after = CalendarYear.objects.get(year=2025)
    assert (after.revision, after.updated_at) == (before.revision, before.updated_at)
    assert len(_events("calendar_year.import")) == 1


# --- seeding --------------------------------------------------------------------------


def test_seed_imports_2020_to_the_last_covered_year_and_is_idempotent():
    created = calendar_seed_from_chinesecalendar()
    last = chinesecalendar_years()[-1]
    assert [y.year for y in created] == list(range(2020, last + 1))
    assert all(e.actor is None and e.actor_label == "system" for e in _events("calendar_year.import"))
    snapshot = list(CalendarYear.objects.values_list("year", "revision", "updated_at"))
    day_count = CalendarDay.objects.count()
    events = AuditEvent.objects.count()

    assert calendar_seed_from_chinesecalendar() == []

    assert list(CalendarYear.objects.values_list("year", "revision", "updated_at")) == snapshot
    assert CalendarDay.objects.count() == day_count
    assert AuditEvent.objects.count() == events


def test_seed_never_overwrites_an_administrators_edit(personas):
    calendar_seed_from_chinesecalendar(years=[2025])
    calendar_day_set(actor=personas.he_jun, day=D("2025-03-14"), kind=CalendarDayKind.HOLIDAY, name="地方假日")
    assert calendar_seed_from_chinesecalendar(years=[2025, 2026]) != []
    assert _days(2025)["2025-03-14"] == (CalendarDayKind.HOLIDAY, "地方假日")


# --- a year entered by hand -----------------------------------------------------------


def test_create_a_year_by_hand(personas, year_2027):
    assert year_2027.source == CalendarSource.MANUAL and year_2027.notice == NOTICE_2027
    assert year_2027.created_by == personas.he_jun
    (event,) = _events("calendar_year.create")
    assert event.actor == personas.he_jun and event.detail == {
        "year": 2027,
        "notice": NOTICE_2027,
        "alert_resolved": False,
    }


@pytest.mark.parametrize(
    ("year", "notice", "message"),
    [
        (2027, "  ", "请填写依据的通知名称"),
        (1999, NOTICE_2027, "年度应为2000至2100之间的四位数字"),
        (20227, NOTICE_2027, "年度应为2000至2100之间的四位数字"),
        (2027, "通" * 201, "不能超过200个字"),
    ],
)
def test_create_refuses_bad_input(personas, year, notice, message):
    with pytest.raises(ValidationError, match=message):
        calendar_year_create_manual(actor=personas.he_jun, year=year, notice=notice)
    assert not CalendarYear.objects.exists()
    (event,) = _events("calendar_year.create")
    assert event.outcome == Outcome.DENIED


def test_create_refuses_an_existing_year(personas, year_2027):
    with pytest.raises(ValidationError, match="2027年的工作日历已经存在"):
        calendar_year_create_manual(actor=personas.he_jun, year=2027, notice=NOTICE_2027)
    assert CalendarYear.objects.count() == 1


def test_creating_the_year_resolves_its_alert(personas):
    SystemAlert.objects.raise_once(
        kind=SystemAlertKind.CALENDAR_YEAR_MISSING, key="2027", message="缺少2027年", level="critical"
    )
    calendar_year_create_manual(actor=personas.he_jun, year=2027, notice=NOTICE_2027)
    assert not SystemAlert.objects.open().exists()
    assert _events("calendar_year.create")[0].detail["alert_resolved"] is True


# --- days -----------------------------------------------------------------------------


def test_enter_a_spring_festival_by_hand(personas, year_2027):
    # A hypothetical arrangement: Saturday 6 Feb 2027 at work, Monday 8 Feb off.
    before = CalendarYear.objects.get(year=2027).revision
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-06"), kind=CalendarDayKind.WORKDAY, name="春节")
    row = calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    assert row.created_by == personas.he_jun
    assert CalendarYear.objects.get(year=2027).revision != before
    assert is_working_day(D("2027-02-06")) and not is_working_day(D("2027-02-08"))
    assert working_days_after(D("2027-02-05"), 1) == D("2027-02-06")
    first, second = _events("calendar_day.set")
    assert second.object_type == "core.calendarday" and second.object_id == str(row.pk)
    assert second.detail["date"] == "2027-02-08" and second.detail["kind"] == "holiday"
    assert second.detail["previous"] is None


def test_renaming_a_day_records_the_previous_value(personas, year_2027):
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节假")
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    assert _days(2027) == {"2027-02-08": (CalendarDayKind.HOLIDAY, "春节")}
    assert _events("calendar_day.set")[-1].detail["previous"] == {"kind": "holiday", "name": "春节假"}


@pytest.mark.parametrize(
    ("day", "kind", "name", "message"),
    [
        ("2027-02-10", CalendarDayKind.WORKDAY, "春节", "调休上班日只能是星期六或星期日"),  # a Wednesday
        ("2027-02-13", CalendarDayKind.HOLIDAY, "春节", "本来就是休息日"),  # a Saturday
        ("2027-02-10", "rest", "春节", "请选择放假或调休上班"),
        ("2027-02-10", CalendarDayKind.HOLIDAY, " ", "请填写节日名称"),
        ("2027-02-10", CalendarDayKind.HOLIDAY, "节" * 61, "不能超过60个字"),
        ("2028-02-10", CalendarDayKind.HOLIDAY, "春节", "还没有2028年的工作日历"),
    ],
)
def test_day_set_refuses_bad_input_and_changes_nothing(personas, year_2027, day, kind, name, message):
    revision = CalendarYear.objects.get(year=2027).revision
    with pytest.raises(ValidationError, match=message):
        calendar_day_set(actor=personas.he_jun, day=D(day), kind=kind, name=name)
    assert not CalendarDay.objects.exists()
    assert CalendarYear.objects.get(year=2027).revision == revision
    (event,) = _events("calendar_day.set")
    assert event.outcome == Outcome.DENIED and message in event.detail["reason"]


def test_day_set_twice_is_refused_the_second_time(personas, year_2027):
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    with pytest.raises(ValidationError, match="无需重复提交"):
        calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    assert [e.outcome for e in _events("calendar_day.set")] == [Outcome.SUCCESS, Outcome.DENIED]


def test_remove_a_day(personas, year_2027):
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    calendar_day_remove(actor=personas.he_jun, day=D("2027-02-08"))
    assert not CalendarDay.objects.exists()
    assert is_working_day(D("2027-02-08"))
    (event,) = _events("calendar_day.remove")
    assert event.detail["removed"] == {"kind": "holiday", "name": "春节"}
    assert event.object_type == "core.calendarday"
    with pytest.raises(ValidationError, match="无需删除"):
        calendar_day_remove(actor=personas.he_jun, day=D("2027-02-08"))


# --- confirmation ---------------------------------------------------------------------


def test_confirm_a_year(personas, year_2027):
    confirmed = calendar_year_confirm(actor=personas.he_jun, year=2027, revision=year_2027.revision)
    assert confirmed.is_confirmed and confirmed.confirmed_by == personas.he_jun
    assert confirmed.confirmed_at is not None
    (event,) = _events("calendar_year.confirm")
    assert event.detail["notice"] == NOTICE_2027 and event.outcome == Outcome.SUCCESS
    with pytest.raises(ValidationError, match="已经确认过"):
        calendar_year_confirm(actor=personas.he_jun, year=2027)


def test_an_edit_withdraws_the_confirmation(personas, year_2027):
    calendar_year_confirm(actor=personas.he_jun, year=2027)
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    year = CalendarYear.objects.get(year=2027)
    assert not year.is_confirmed and year.confirmed_by is None and year.confirmed_at is None
    assert _events("calendar_day.set")[0].detail["confirmation_withdrawn"] is True


def test_confirming_what_one_did_not_see_is_refused(personas, year_2027):
    seen = year_2027.revision
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    with pytest.raises(ValidationError, match="已被修改"):
        calendar_year_confirm(actor=personas.he_jun, year=2027, revision=seen)
    assert not CalendarYear.objects.get(year=2027).is_confirmed


def test_confirming_a_missing_year_is_refused(personas):
    with pytest.raises(ValidationError, match="还没有2027年的工作日历"):
        calendar_year_confirm(actor=personas.he_jun, year=2027, revision=uuid.uuid4())


# --- permission -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["gao_min", "lin_feng", "chen_jing", "wang_jianjun"])
def test_only_the_system_administrator_may_change_the_calendar(personas, who):
    actor = getattr(personas, who)
    calls = [
        lambda: calendar_year_import(actor=actor, year=2025),
        lambda: calendar_year_create_manual(actor=actor, year=2027, notice=NOTICE_2027),
        lambda: calendar_day_set(actor=actor, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节"),
        lambda: calendar_day_remove(actor=actor, day=D("2027-02-08")),
        lambda: calendar_year_confirm(actor=actor, year=2027),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not CalendarYear.objects.exists()
    refusals = AuditEvent.objects.filter(actor=actor, outcome=Outcome.DENIED)
    assert refusals.count() == len(calls)
    assert {e.detail["reason"] for e in refusals} == {"只有系统管理员可以维护工作日历。"}
