"""The calendar and audit log screens in a real browser, at desktop and phone sizes, with axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zwfw.core import clock
from zwfw.core.services.calendar import calendar_seed_from_chinesecalendar, calendar_year_create_manual
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.testing.browser import DESKTOP, PHONE, axe_check, login_through_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _county_date(monkeypatch):
    # The live server runs in a thread of this process, so the patched clock applies to it too.
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 10, 12))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_system_administrator_enters_next_years_calendar(page, live_server, visit, personas, viewport):
    page.set_viewport_size(viewport)
    calendar_seed_from_chinesecalendar(years=[2025, 2026])
    login_through_form(page, live_server, personas.he_jun.username, TEST_PASSWORD)

    page = visit("/staff/system/calendar/")
    assert page.get_by_role("heading", level=1, name="工作日历").is_visible()
    assert page.get_by_text("2027年：尚未录入节假日安排").is_visible()

    # Create 2027 by hand (the package does not cover it yet).
    page.get_by_label("依据的通知").fill("国务院办公厅关于2027年部分节假日安排的通知")
    page.get_by_role("button", name="创建年度").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_role("heading", level=1, name="2027年工作日历").is_visible()

    # A weekday marked as a make-up working day is refused with a clear message.
    page.get_by_label("日期", exact=True).fill("2027-02-10")
    page.get_by_role("radio", name="调休上班日").check()
    page.get_by_label("节日名称").fill("春节")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_text("调休上班日只能是星期六或星期日").is_visible()

    # A holiday on a Monday is accepted and shown in the month table in words.
    page.get_by_label("日期", exact=True).fill("2027-02-08")
    page.get_by_role("radio", name="放假（法定节假日/休息日）").check()
    page.get_by_label("节日名称").fill("春节")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_text("已将2027年2月8日（星期一）登记为").is_visible()
    february = page.get_by_role("table", name="2027年2月")
    assert february.get_by_role("cell", name=re.compile(r"^8\s*休\s*（放假，春节）$")).is_visible()

    page.get_by_role("button", name="确认与通知一致").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_text("已确认2027年的工作日历").is_visible()

    page = visit("/staff/system/calendar/2025/")
    assert page.get_by_role("table", name="2025年1月").is_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_auditor_reads_and_verifies_the_log(page, live_server, visit, personas, viewport):
    page.set_viewport_size(viewport)
    calendar_year_create_manual(actor=personas.he_jun, year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    login_through_form(page, live_server, personas.lin_feng.username, TEST_PASSWORD)

    page = visit("/staff/system/audit/")
    assert page.get_by_role("heading", level=1, name="审计日志").is_visible()
    assert page.get_by_role("cell", name="calendar_year.create").is_visible()

    page.get_by_label("操作", exact=True).fill("calendar_year")
    page.get_by_role("button", name="筛选", exact=True).click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_role("cell", name="calendar_year.create").is_visible()

    page.get_by_role("button", name="校验审计链").click()
    page.wait_for_load_state("load")
    axe_check(page)
    assert page.get_by_text("校验通过").is_visible()

    page = visit("/staff/system/audit/?date_from=2026-02-30", status=400)
    assert page.get_by_text("请输入有效的日期").is_visible()
