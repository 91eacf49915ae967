"""The audit log screen of the 审计管理员: who may read it, filters, paging, chain verification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from zwfw.core import clock
from zwfw.core.choices import Outcome
from zwfw.core.menu import staff_menu_for
from zwfw.core.models import AuditEvent
from zwfw.core.services.audit import audit_record

pytestmark = pytest.mark.django_db
URL = reverse("core:audit_log")


@pytest.fixture
def auditor(client, personas):
    client.force_login(personas.lin_feng)
    return client


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def _event_rows(response) -> list[str]:
    return [item["event"].action for item in response.context["events"]]


def test_the_auditor_reads_the_log(auditor, personas):
    audit_record(actor=personas.he_jun, action="calendar_year.confirm", detail={"year": 2026})
    response = auditor.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "calendar_year.confirm" in html and "hejun" in html and "成功" in html
    assert "&quot;year&quot;: 2026" in html  # the detail, escaped


@pytest.mark.parametrize("who", ["he_jun", "gao_min", "chen_jing", "zheng_hua", "wang_jianjun"])
def test_everyone_else_is_refused(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(URL).status_code == 403
    assert not AuditEvent.objects.filter(action="audit_log.view").exists()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_the_menu_lists_the_audit_log_for_the_auditor_only(personas):
    def urls(user):
        return {e["url_name"]: str(g["group"]) for g in staff_menu_for(user) for e in g["entries"]}

    assert urls(personas.lin_feng).get("core:audit_log") == "安全审计"
    assert "core:audit_log" not in urls(personas.he_jun)
    assert "core:audit_log" not in urls(personas.gao_min)


def test_reading_the_log_is_audited_and_listed_first(auditor, personas):
    audit_record(actor=personas.he_jun, action="calendar_year.import")
    response = auditor.get(URL, {"actor": "lin", "outcome": "success"})
    event = AuditEvent.objects.filter(action="audit_log.view").get()
    assert event.actor == personas.lin_feng
    assert event.detail == {"filters": {"actor": "lin", "outcome": "success"}, "page": "1"}
    assert _event_rows(response) == ["audit_log.view"]


def test_newest_first_and_filters(auditor, personas, monkeypatch):
    base = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 in the county
    for offset, (actor, action, outcome) in enumerate(
        [
            (personas.he_jun, "calendar_year.import", Outcome.SUCCESS),
            (personas.he_jun, "calendar_day.set", Outcome.DENIED),
            (personas.gao_min, "membership.grant", Outcome.SUCCESS),
            (None, "sweep.run", Outcome.FAILURE),
        ]
    ):
        _at(monkeypatch, base + dt.timedelta(days=offset))
        audit_record(actor=actor, action=action, outcome=outcome)
    _at(monkeypatch, base + dt.timedelta(days=10))

    def rows(**params):
        return [a for a in _event_rows(auditor.get(URL, params)) if a != "audit_log.view"]

    assert rows() == ["sweep.run", "membership.grant", "calendar_day.set", "calendar_year.import"]
    assert rows(action="calendar_") == ["calendar_day.set", "calendar_year.import"]
    assert rows(actor="hej") == ["calendar_day.set", "calendar_year.import"]
    assert rows(outcome="denied") == ["calendar_day.set"]
    assert rows(date_from="2026-03-03", date_to="2026-03-04") == ["membership.grant", "calendar_day.set"]
    assert rows(actor="system", outcome="failure") == ["sweep.run"]


def test_the_date_range_is_in_county_time(auditor, monkeypatch):
    # 16:30 UTC on 2 March is 00:30 on 3 March in the county.
    _at(monkeypatch, dt.datetime(2026, 3, 2, 16, 30, tzinfo=dt.UTC))
    audit_record(actor=None, action="late.night")
    _at(monkeypatch, dt.datetime(2026, 3, 9, 1, 0, tzinfo=dt.UTC))
    assert "late.night" in _event_rows(auditor.get(URL, {"date_from": "2026-03-03", "date_to": "2026-03-03"}))
    assert "late.night" not in _event_rows(auditor.get(URL, {"date_to": "2026-03-02"}))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "请输入有效的日期"),
        ({"date_from": "2026-03-05", "date_to": "2026-03-01"}, "开始日期不能晚于结束日期"),
        ({"outcome": "maybe"}, "请选择列表中的结果"),
    ],
)
def test_bad_filters_get_a_clear_error(auditor, params, message):
    response = auditor.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pages_of_fifty_keep_the_filters(auditor, django_assert_max_num_queries):
    for i in range(120):
        audit_record(actor=None, action=f"bulk.{i}")
    # The staff shell's own queries plus: session, audit append (4), count, one page of rows.
    with django_assert_max_num_queries(25):
        response = auditor.get(URL, {"action": "bulk", "page": "2"})
    assert response.status_code == 200
    assert len(response.context["events"]) == 50
    assert _event_rows(response)[0] == "bulk.69"
    html = response.content.decode()
    assert "action=bulk&amp;page=3" in html and "action=bulk&amp;page=1" in html
    assert "共 120 条，第 2 / 3 页" in html


def test_verify_the_chain_on_request(auditor, personas):
    audit_record(actor=personas.he_jun, action="calendar_year.confirm")
    assert "校验通过" not in auditor.get(URL).content.decode()
    response = auditor.get(URL, {"verify": "1"})
    assert "校验通过：共 2 条事件，审计链完整。" in response.content.decode()
    event = AuditEvent.objects.get(action="audit_log.verify")
    assert event.detail == {"checked": 2, "ok": True, "first_break": None} and event.actor == personas.lin_feng


def test_verify_names_a_tampered_event(auditor, personas):
    first = audit_record(actor=personas.he_jun, action="calendar_year.confirm")
    audit_record(actor=personas.he_jun, action="calendar_day.set")
    with connection.cursor() as cursor:  # a rogue DBA; the triggers are off in tests
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["forged", first.id])
    html = auditor.get(URL, {"verify": "1"}).content.decode()
    assert f"校验失败：事件 #{first.id} 的内容已被修改" in html
    assert AuditEvent.objects.get(action="audit_log.verify").detail["ok"] is False


def test_page_clicks_of_one_search_are_recorded_once(auditor, personas, monkeypatch):
    for i in range(120):
        audit_record(actor=None, action=f"bulk.{i}")
    for page in ("1", "2", "3"):
        assert auditor.get(URL, {"action": "bulk", "page": page}).status_code == 200
    views = AuditEvent.objects.filter(action="audit_log.view")
    assert views.count() == 1 and views.get().detail == {"filters": {"action": "bulk"}, "page": "1"}
    auditor.get(URL, {"action": "calendar"})  # another search
    assert views.count() == 2
    later = clock.now() + dt.timedelta(minutes=16)
    _at(monkeypatch, later)
    auditor.get(URL, {"action": "bulk", "page": "2"})  # the first search again, after the window
    assert views.count() == 3 and views.order_by("-id").first().detail["page"] == "2"


def test_another_session_records_its_own_viewing(client, personas):
    from django.test import Client

    client.force_login(personas.lin_feng)
    client.get(URL)
    other = Client()
    other.force_login(personas.lin_feng)
    other.get(URL)
    assert AuditEvent.objects.filter(action="audit_log.view").count() == 2
