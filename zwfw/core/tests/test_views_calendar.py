"""The calendar screens of the 系统管理员: permissions, what they show, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from zwfw.core import clock
from zwfw.core.menu import staff_menu_for
from zwfw.core.models import AuditEvent, CalendarDay, CalendarDayKind, CalendarYear, SystemAlert
from zwfw.core.services.calendar import calendar_day_set, calendar_year_create_manual, calendar_year_import
from zwfw.core.workdays import CalendarYearMissing, working_days_after

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"


@pytest.fixture(autouse=True)
def _county_date(monkeypatch):
    """The screens are looked at on 15 March 2026 (the next year is not needed yet)."""
    monkeypatch.setattr(clock, "today", lambda: D("2026-03-15"))


@pytest.fixture
def sysadmin(client, personas) -> Client:
    client.force_login(personas.he_jun)
    return client


def _get_pages():
    return [reverse("core:calendar_index"), reverse("core:calendar_year", args=[2025])]


def _post_pages():
    return [
        (reverse("core:calendar_year_import"), {"year": "2024"}),
        (reverse("core:calendar_year_create"), {"year": "2027", "notice": NOTICE_2027}),
        (reverse("core:calendar_day_set", args=[2025]), {"date": "2025-03-14", "kind": "holiday", "name": "假"}),
        (reverse("core:calendar_day_remove", args=[2025]), {"date": "2025-01-28"}),
        (reverse("core:calendar_year_confirm", args=[2025]), {"revision": "x"}),
    ]


# --- permissions ----------------------------------------------------------------------


def test_the_system_administrator_opens_the_screens(sysadmin, calendar_2025_2026):
    for url in _get_pages():
        assert sysadmin.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["gao_min", "lin_feng", "chen_jing", "liu_yang", "wang_jianjun"])
def test_everyone_else_is_refused(client, personas, calendar_2025_2026, who):
    client.force_login(getattr(personas, who))
    for url in _get_pages():
        assert client.get(url).status_code == 403, url
    for url, data in _post_pages():
        assert client.post(url, data).status_code == 403, url
    assert not CalendarYear.objects.filter(year__in=[2024, 2027]).exists()
    assert CalendarDay.objects.filter(date=D("2025-01-28")).exists()


def test_anonymous_users_are_sent_to_login(client, calendar_2025_2026):
    for url in _get_pages():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("identity:login")), url
    for url, data in _post_pages():
        assert client.post(url, data).status_code == 302, url


def test_the_menu_lists_the_calendar_for_the_system_administrator_only(personas):
    def labels(user):
        return [str(e["label"]) for g in staff_menu_for(user) for e in g["entries"]]

    assert "工作日历" in labels(personas.he_jun)
    assert "工作日历" not in labels(personas.lin_feng) and "工作日历" not in labels(personas.gao_min)
    group = next(
        g for g in staff_menu_for(personas.he_jun) if any(e["url_name"] == "core:calendar_index" for e in g["entries"])
    )
    assert str(group["group"]) == "系统管理"


def test_forms_need_the_csrf_token(personas, calendar_2025_2026):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.he_jun)
    response = client.post(
        reverse("core:calendar_day_set", args=[2025]), {"date": "2025-03-14", "kind": "holiday", "name": "假"}
    )
    assert response.status_code == 403
    assert not CalendarDay.objects.filter(date=D("2025-03-14")).exists()


# --- the index ------------------------------------------------------------------------


def test_the_index_lists_years_with_status_and_counts(sysadmin, calendar_2025_2026, django_assert_max_num_queries):
    # The first request after a login also records the session (allauth usersessions) and checks TOTP
    # and the password policy once (then remembered in the session): 5 queries of the 24.
    with django_assert_max_num_queries(24):
        response = sysadmin.get(reverse("core:calendar_index"))
    html = response.content.decode()
    assert "2025年" in html and "2026年" in html and "待确认" in html
    assert "chinesecalendar 1.11.0" in html
    assert response.context["years"][1].holiday_count == 18  # 2025, ordered newest first
    assert response.context["years"][1].workday_count == 5
    assert response.context["missing"] == []
    # The covered years not yet present are offered for import; 2027 is offered for manual creation.
    assert 2024 in response.context["importable"] and 2025 not in response.context["importable"]
    assert response.context["create_form"].initial["year"] == 2027


def test_the_index_shows_the_missing_current_year(sysadmin, personas, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: D("2026-03-15"))
    html = sysadmin.get(reverse("core:calendar_index")).content.decode()
    assert "2026年：尚未录入节假日安排" in html
    assert "从 chinesecalendar 导入2026年" in html
    assert SystemAlert.objects.open().get().key == "2026"


def test_from_october_the_index_asks_for_next_year(sysadmin, calendar_2025_2026, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: D("2026-10-01"))
    html = sysadmin.get(reverse("core:calendar_index")).content.decode()
    assert "2027年：尚未录入节假日安排" in html
    assert "chinesecalendar 1.11.0 尚无2027年的数据" in html
    assert "2027年的节假日安排尚未录入" in html  # the alert's message


@pytest.mark.django_db(transaction=True)
def test_a_failed_computation_alerts_the_administrator_after_its_rollback(client, personas):
    calendar_year_import(actor=None, year=2026)
    # Some clerk's transaction needs a deadline in 2027 and fails; everything it did rolls back.
    with pytest.raises(CalendarYearMissing), transaction.atomic():
        CalendarYear.objects.filter(year=2026).update(notice="doomed")
        working_days_after(D("2026-12-20"), 20)
    assert CalendarYear.objects.get(year=2026).notice != "doomed"
    client.force_login(personas.he_jun)
    html = client.get(reverse("core:calendar_index")).content.decode()
    assert "2027年：尚未录入节假日安排" in html
    assert "涉及该年度的工作日期限无法计算" in html
    assert SystemAlert.objects.open().filter(key="2027").count() == 1


def test_import_a_year(sysadmin, personas, calendar_2025_2026):
    response = sysadmin.post(reverse("core:calendar_year_import"), {"year": "2024"})
    assert response.status_code == 302 and response["Location"] == reverse("core:calendar_year", args=[2024])
    assert CalendarYear.objects.filter(year=2024).exists()
    assert AuditEvent.objects.filter(action="calendar_year.import", actor=personas.he_jun).count() == 1
    # Submitting again changes nothing.
    response = sysadmin.post(reverse("core:calendar_year_import"), {"year": "2024"})
    assert response.status_code == 400
    assert "无需重复导入" in response.content.decode()
    assert AuditEvent.objects.filter(action="calendar_year.import", actor=personas.he_jun).count() == 1


@pytest.mark.parametrize("year", ["2027", "abc", ""])
def test_import_refuses_what_the_package_does_not_cover(sysadmin, calendar_2025_2026, year):
    response = sysadmin.post(reverse("core:calendar_year_import"), {"year": year})
    assert response.status_code == 400
    assert "error" in response.content.decode()
    assert CalendarYear.objects.count() == 2


def test_create_a_year_by_hand(sysadmin, personas, calendar_2025_2026):
    response = sysadmin.post(reverse("core:calendar_year_create"), {"year": "2027", "notice": NOTICE_2027})
    assert response.status_code == 302 and response["Location"] == reverse("core:calendar_year", args=[2027])
    follow = sysadmin.get(response["Location"])
    assert "已创建2027年的工作日历" in follow.content.decode()
    response = sysadmin.post(reverse("core:calendar_year_create"), {"year": "2027", "notice": NOTICE_2027})
    assert response.status_code == 400 and "2027年的工作日历已经存在" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "二〇二七", "notice": NOTICE_2027}, "年度应为四位数字"),
        ({"year": "1999", "notice": NOTICE_2027}, "年度不能早于2000年"),
        ({"year": "2027", "notice": ""}, "请填写依据的通知名称"),
    ],
)
def test_create_refuses_bad_input(sysadmin, calendar_2025_2026, data, message):
    response = sysadmin.post(reverse("core:calendar_year_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


# --- a year ---------------------------------------------------------------------------


def test_the_year_page_shows_the_months_with_text_marks(sysadmin, calendar_2025_2026, django_assert_max_num_queries):
    # 5 of these are the first request's session record and TOTP/password-policy checks (see above).
    with django_assert_max_num_queries(20):
        response = sysadmin.get(reverse("core:calendar_year", args=[2025]))
    html = response.content.decode()
    assert html.count("<caption>2025年") == 13  # twelve months and the list of days
    assert "<caption>2025年1月</caption>" in html
    assert '<abbr title="星期一">一</abbr>' in html
    # 28 January is marked "休" and 26 January (a Sunday) "班", in words, not only in colour.
    holiday = (
        '<td class="day-holiday">28 <span class="tag">休</span><span class="visually-hidden">（放假，春节）</span></td>'
    )
    makeup = (
        '<td class="day-makeup">26 <span class="tag">班</span>'
        '<span class="visually-hidden">（调休上班，春节）</span></td>'
    )
    assert holiday in html and makeup in html
    assert "2025年1月28日（星期二）" in html
    assert "确认与通知一致" in html


def test_a_missing_year_page_is_404(sysadmin, calendar_2025_2026):
    assert sysadmin.get(reverse("core:calendar_year", args=[2030])).status_code == 404


def test_add_and_remove_a_day(sysadmin, personas):
    calendar_year_create_manual(actor=personas.he_jun, year=2027, notice=NOTICE_2027)
    url = reverse("core:calendar_day_set", args=[2027])
    response = sysadmin.post(url, {"date": "2027-02-08", "kind": "holiday", "name": "春节"})
    assert response.status_code == 302
    assert "已将2027年2月8日（星期一）登记为" in sysadmin.get(response["Location"]).content.decode()
    assert CalendarDay.objects.get(date=D("2027-02-08")).kind == CalendarDayKind.HOLIDAY
    response = sysadmin.post(reverse("core:calendar_day_remove", args=[2027]), {"date": "2027-02-08"})
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    # Removing again (a double submission) is refused with a message.
    response = sysadmin.post(reverse("core:calendar_day_remove", args=[2027]), {"date": "2027-02-08"})
    assert response.status_code == 400 and "无需删除" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2027-02-30", "kind": "holiday", "name": "春节"}, "请输入有效的日期"),
        ({"date": "", "kind": "holiday", "name": "春节"}, "请填写日期"),
        ({"date": "2028-02-08", "kind": "holiday", "name": "春节"}, "不在2027年内"),
        ({"date": "2027-02-10", "kind": "workday", "name": "春节"}, "调休上班日只能是星期六或星期日"),
        ({"date": "2027-02-13", "kind": "holiday", "name": "春节"}, "本来就是休息日"),
        ({"date": "2027-02-10", "kind": "", "name": "春节"}, "请选择放假或调休上班"),
        ({"date": "2027-02-10", "kind": "holiday", "name": ""}, "请填写节日名称"),
        ({"date": "2027-02-08", "kind": "holiday", "name": "春节"}, "无需重复提交"),
    ],
)
def test_day_set_refuses_bad_input_and_changes_nothing(sysadmin, personas, data, message):
    calendar_year_create_manual(actor=personas.he_jun, year=2027, notice=NOTICE_2027)
    calendar_day_set(actor=personas.he_jun, day=D("2027-02-08"), kind=CalendarDayKind.HOLIDAY, name="春节")
    before = list(CalendarDay.objects.values_list("date", "kind", "name", "updated_at"))
    revision = CalendarYear.objects.get(year=2027).revision
    response = sysadmin.post(reverse("core:calendar_day_set", args=[2027]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="' + data["name"] + '"' in html or not data["name"]  # what was typed is kept
    assert list(CalendarDay.objects.values_list("date", "kind", "name", "updated_at")) == before
    assert CalendarYear.objects.get(year=2027).revision == revision


def test_confirm_a_year(sysadmin, personas, calendar_2025_2026):
    page = sysadmin.get(reverse("core:calendar_year", args=[2025]))
    revision = page.context["confirm_form"].initial["revision"]
    response = sysadmin.post(reverse("core:calendar_year_confirm", args=[2025]), {"revision": str(revision)})
    assert response.status_code == 302
    html = sysadmin.get(response["Location"]).content.decode()
    assert "已确认2025年的工作日历" in html and "已确认（何军" in html
    # A double submission is refused.
    response = sysadmin.post(reverse("core:calendar_year_confirm", args=[2025]), {"revision": str(revision)})
    assert response.status_code == 400 and "已经确认过" in response.content.decode()


def test_confirming_a_page_that_went_stale_is_refused(sysadmin, personas, calendar_2025_2026):
    revision = sysadmin.get(reverse("core:calendar_year", args=[2025])).context["confirm_form"].initial["revision"]
    calendar_day_set(actor=personas.he_jun, day=D("2025-03-14"), kind=CalendarDayKind.HOLIDAY, name="地方假日")
    response = sysadmin.post(reverse("core:calendar_year_confirm", args=[2025]), {"revision": str(revision)})
    assert response.status_code == 400 and "已被修改" in response.content.decode()
    response = sysadmin.post(reverse("core:calendar_year_confirm", args=[2025]), {"revision": "not-a-uuid"})
    assert response.status_code == 400 and "页面已过期" in response.content.decode()
    assert not CalendarYear.objects.get(year=2025).is_confirmed


def test_get_is_not_allowed_on_the_forms(sysadmin, calendar_2025_2026):
    assert sysadmin.get(reverse("core:calendar_day_set", args=[2025])).status_code == 405
    assert sysadmin.post(reverse("core:calendar_index")).status_code == 405
