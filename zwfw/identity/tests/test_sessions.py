"""Sessions: staff idle timeout, "my sessions", a changed password ends the others; login by SMS code."""

from __future__ import annotations

import logging
import time

import pytest
from allauth.account.internal.flows import code_verification
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.test import Client

from zwfw.core.models import AuditEvent
from zwfw.identity.middleware import LAST_SEEN_KEY
from zwfw.identity.services.phone import user_mobile_set
from zwfw.identity.services.security import login_history_for
from zwfw.identity.tests.factories import TEST_PASSWORD, UserFactory, totp_code
from zwfw.notify.testing import sms_last_code, sms_outbox

pytestmark = pytest.mark.django_db

MOBILE = "13800000003"
STRONG = "Jingtai-2026-xyz!"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def person():
    user = UserFactory(username="wangwu", full_name="王五")
    user_mobile_set(user=user, mobile=MOBILE, verified=True)
    return user


def staff_login(client: Client, user) -> None:
    client.post("/staff/login/", {"login": user.username, "password": TEST_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user)})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def age_session(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - seconds
    session.save()


def test_staff_session_ends_after_30_idle_minutes(client: Client, personas):
    staff_login(client, personas.chen_jing)
    age_session(client, 29 * 60)
    assert client.get("/staff/").status_code == 200  # still within the idle limit, and the clock restarts
    age_session(client, 31 * 60)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == "/staff/login/?next=%2Fstaff%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "您已 30 分钟未操作" in page
    assert AuditEvent.objects.filter(action="session.idle_timeout", actor=personas.chen_jing).exists()


def test_persons_are_not_logged_out_when_idle(client: Client, personas):
    client.force_login(personas.wang_jianjun)
    age_session(client, 3 * 3600)
    assert client.get("/account/").status_code == 200


def test_sessions_page_lists_my_devices_and_ends_the_others(personas):
    user = personas.chen_jing
    first, second = Client(HTTP_USER_AGENT="Firefox-A"), Client(HTTP_USER_AGENT="Chromium-B")
    staff_login(first, user)
    staff_login(second, user)
    page = first.get("/accounts/sessions/").content.decode()
    assert "已登录的设备" in page and "Firefox-A" in page and "Chromium-B" in page and "本设备" in page
    response = first.post("/accounts/sessions/", {})
    assert response.status_code == 302
    assert second.get("/staff/").status_code == 302  # ended
    assert first.get("/staff/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 1


def test_a_changed_password_ends_the_other_sessions(personas, django_capture_on_commit_callbacks):
    user = personas.chen_jing
    mine, other = Client(), Client()
    staff_login(mine, user)
    staff_login(other, user)
    assert UserSession.objects.filter(user=user).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = mine.post(
            "/accounts/password/change/",
            {"oldpassword": TEST_PASSWORD, "password1": STRONG, "password2": STRONG},
        )
    assert response.status_code == 302
    assert mine.get("/staff/").status_code == 200
    assert other.get("/staff/").status_code == 302
    assert [s.session_key for s in UserSession.objects.filter(user=user)] == [mine.session.session_key]
    assert AuditEvent.objects.filter(action="user.password_change", actor=user).exists()


def test_a_person_logs_in_with_an_sms_code_once(client: Client, person):
    page = client.get("/accounts/login/code/").content.decode()
    assert "短信验证码登录" in page and ">手机号码</label>" in page
    response = client.post("/accounts/login/code/", {"phone": MOBILE})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/confirm/"
    page = client.get("/accounts/login/code/confirm/").content.decode()
    assert MOBILE not in page and "138****0003" in page  # only the masked number, in the message
    code = sms_last_code(MOBILE)
    assert code not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(person.pk)
    latest = login_history_for(person)[0]
    assert latest.method == "短信验证码" and latest.success
    assert str(latest).endswith(" · 127.0.0.1 · 短信验证码 · 成功")
    # The code is spent: after logging out it opens nothing.
    client.post("/logout/")
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_in_chinese(client: Client, person):
    client.post("/accounts/login/code/", {"phone": MOBILE})
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.failure", object_id=str(person.pk)).exists()


def test_an_expired_code_is_refused(client: Client, person, monkeypatch):
    client.post("/accounts/login/code/", {"phone": MOBILE})
    code = sms_last_code(MOBILE)

    class Later:
        @staticmethod
        def time() -> float:
            return time.time() + 6 * 60

    monkeypatch.setattr(code_verification, "time", Later)
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session


def test_unknown_numbers_get_the_same_page_and_no_sms(client: Client):
    response = client.post("/accounts/login/code/", {"phone": "13900000008"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/confirm/"
    assert sms_outbox("13900000008") == []


def test_no_full_mobile_number_in_any_log_line(client: Client, person, caplog):
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        client.post("/login/", {"login": MOBILE, "password": "wrong-password"})
    client.post("/accounts/login/code/", {"phone": MOBILE})
    client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    assert caplog.records  # axes, allauth and Django did log
    assert MOBILE not in caplog.text and "0000-0003" not in caplog.text


def test_a_person_who_forgot_the_password_sets_a_new_one_after_an_sms_code(client: Client, person):
    client.post("/accounts/login/code/", {"phone": MOBILE})
    client.post("/accounts/login/code/confirm/", {"code": sms_last_code(MOBILE)})
    page = client.get("/accounts/password/change/").content.decode()
    assert 'name="oldpassword"' not in page
    response = client.post("/accounts/password/change/", {"password1": STRONG, "password2": STRONG})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(STRONG)


def test_after_a_password_login_the_current_password_is_asked(client: Client, person):
    client.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD})
    assert 'name="oldpassword"' in client.get("/accounts/password/change/").content.decode()
    response = client.post("/accounts/password/change/", {"password1": STRONG, "password2": STRONG})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_session_activity_is_recorded_at_most_once_a_minute(client: Client, personas, monkeypatch):
    """allauth's "last seen" costs a database write; one per session and minute is enough for "my sessions"."""
    from zwfw.identity import middleware

    now = [1000.0]
    monkeypatch.setattr(middleware.time, "monotonic", lambda: now[0])
    client.force_login(personas.wang_jianjun)
    assert client.get("/account/").status_code == 200
    row = UserSession.objects.get(session_key=client.session.session_key)
    UserSession.objects.filter(pk=row.pk).update(last_seen_at=row.last_seen_at.replace(year=2020))
    now[0] += 30
    assert client.get("/account/").status_code == 200
    assert UserSession.objects.get(pk=row.pk).last_seen_at.year == 2020  # within the minute: not written
    now[0] += 31
    assert client.get("/account/").status_code == 200
    assert UserSession.objects.get(pk=row.pk).last_seen_at.year > 2020  # a minute later: recorded again
