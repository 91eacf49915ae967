"""The 审计管理员's login log: successes, failures and lockouts from django-axes, filters, paging,
no mobile number anywhere (page, URL, audit), and reading it audited once per search."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.test import RequestFactory
from django.urls import reverse

from zwfw.core import clock
from zwfw.core.models import AuditEvent
from zwfw.identity.selectors_admin import axes_key_of

pytestmark = pytest.mark.django_db
URL = reverse("identity:admin_login_log")
MOBILE = "13912345678"


@pytest.fixture
def auditor(client, personas):
    client.force_login(personas.lin_feng)
    assert AccessLog.objects.filter(username="linfeng").exists()  # axes logged this login too
    AccessLog.objects.all().delete()  # each test lists only its own rows
    return client


def _row(model, username: str, when: dt.datetime, **extra):
    row = model.objects.create(
        username=username, ip_address="10.1.2.3", user_agent="pytest", http_accept="*/*", path_info="/login/", **extra
    )
    model.objects.filter(pk=row.pk).update(attempt_time=when)  # auto_now_add: set the time afterwards
    return row


def _results(response) -> list[tuple[str, str]]:
    return [(r["username"], r["result"]) for r in response.context["rows"]]


@pytest.fixture
def log_rows():
    base = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 in the county
    _row(AccessLog, "chenjing", base)
    _row(AccessFailureLog, "zhoutao", base + dt.timedelta(days=1))
    _row(AccessFailureLog, "zhoutao", base + dt.timedelta(days=2), locked_out=True)
    _row(AccessFailureLog, axes_key_of(MOBILE), base + dt.timedelta(days=3))


def test_real_failures_and_lockouts_are_listed(auditor, settings):
    from django.contrib.auth import authenticate

    for _ in range(settings.AXES_FAILURE_LIMIT):
        request = RequestFactory().post("/login/", REMOTE_ADDR="10.9.9.9", HTTP_USER_AGENT="pytest")
        authenticate(request, username="chenjing", password="wrong")
    results = _results(auditor.get(URL))
    assert ("chenjing", "failure") in results and ("chenjing", "lockout") in results


def test_the_log_lists_newest_first_with_results_in_words(auditor, log_rows):
    response = auditor.get(URL)
    assert response.status_code == 200
    assert _results(response) == [
        (axes_key_of(MOBILE), "failure"),
        ("zhoutao", "lockout"),
        ("zhoutao", "failure"),
        ("chenjing", "success"),
    ]
    html = response.content.decode()
    assert "登录成功" in html and "锁定" in html and MOBILE not in html


def test_filters_by_result_date_and_username(auditor, log_rows):
    assert _results(auditor.get(URL, {"result": "lockout"})) == [("zhoutao", "lockout")]
    assert _results(auditor.get(URL, {"result": "success"})) == [("chenjing", "success")]
    assert [r for _, r in _results(auditor.get(URL, {"username": "zhou"}))] == ["lockout", "failure"]
    dated = _results(auditor.get(URL, {"date_from": "2026-03-03", "date_to": "2026-03-04"}))
    assert dated == [("zhoutao", "lockout"), ("zhoutao", "failure")]


def test_a_mobile_number_is_looked_up_by_post_and_never_reaches_a_url(auditor, log_rows):
    response = auditor.post(URL, {"username": MOBILE})
    assert response.status_code == 302
    assert MOBILE not in response["Location"] and axes_key_of(MOBILE)[2:] in response["Location"]
    followed = auditor.get(response["Location"])
    assert _results(followed) == [(axes_key_of(MOBILE), "failure")]
    # Typed straight into the address bar it is refused, not searched.
    refused = auditor.get(URL, {"username": MOBILE})
    assert refused.status_code == 400 and "不要写在网址里" in refused.content.decode()
    assert not any(MOBILE in str(e.canonical()) for e in AuditEvent.objects.all())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "请输入有效的日期"),
        ({"date_from": "2026-03-05", "date_to": "2026-03-01"}, "开始日期不能晚于结束日期"),
        ({"result": "maybe"}, "请选择列表中的结果"),
    ],
)
def test_bad_filters_get_a_clear_error(auditor, params, message):
    response = auditor.get(URL, params)
    assert response.status_code == 400 and message in response.content.decode()


def test_pages_of_fifty(auditor):
    base = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    for i in range(60):
        _row(AccessFailureLog, f"user{chr(97 + i % 26)}", base + dt.timedelta(minutes=i))
    first = auditor.get(URL)
    assert len(first.context["rows"]) == 50
    second = auditor.get(URL, {"page": "2"})
    assert len(second.context["rows"]) == 10 and "共 60 条，第 2 / 2 页" in second.content.decode()


def test_reading_is_audited_once_per_search(auditor, personas, log_rows, monkeypatch):
    auditor.get(URL, {"result": "failure"})
    auditor.get(URL, {"result": "failure", "page": "2"})  # a page click of the same search
    events = list(AuditEvent.objects.filter(action="login_log.view").order_by("id"))
    assert len(events) == 1
    assert events[0].actor == personas.lin_feng and events[0].detail["filters"] == {"result": "failure"}
    auditor.get(URL, {"result": "lockout"})  # a new search
    assert AuditEvent.objects.filter(action="login_log.view").count() == 2
    later = clock.now() + dt.timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: later)
    auditor.get(URL, {"result": "failure"})  # the same search, after the window
    assert AuditEvent.objects.filter(action="login_log.view").count() == 3


def test_a_mobile_number_search_is_audited_as_its_hash(auditor):
    auditor.get(auditor.post(URL, {"username": MOBILE})["Location"])
    event = AuditEvent.objects.get(action="login_log.view")
    assert event.detail["filters"] == {"username": axes_key_of(MOBILE)}
