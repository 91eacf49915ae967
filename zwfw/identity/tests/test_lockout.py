"""Lockout (django-axes): 5 failures lock the login and address for 15 minutes, everything audited,
no mobile number in axes' tables or the audit log; the 安全管理员 can clear a lockout."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client

from zwfw.core.models import AuditEvent
from zwfw.identity.services.phone import user_mobile_set
from zwfw.identity.services.security import lockout_clear, lockouts_active
from zwfw.identity.tests.factories import TEST_PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth's rate limits and axes' counters live in the cache: every test starts without them."""
    cache.clear()


MOBILE = "13800000002"


@pytest.fixture
def person():
    user = UserFactory(username="lisi", full_name="李四")
    user_mobile_set(user=user, mobile=MOBILE, verified=True)
    return user


def fail(client: Client, path: str, login: str, times: int):
    response = None
    for _ in range(times):
        response = client.post(path, {"login": login, "password": "not-the-password"})
    return response


def test_five_failures_lock_a_mobile_login_and_it_is_logged_without_the_number(client: Client, person):
    response = fail(client, "/login/", MOBILE, 4)
    assert response.status_code == 200
    response = fail(client, "/login/", "138-0000-0002", 1)  # typed differently: the same login
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已暂时锁定" in page and "15 分钟后再试" in page and '<html lang="zh-CN">' in page
    # The right password does not help while locked.
    response = client.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    failures = AuditEvent.objects.filter(action="login.failure")
    assert failures.count() == 6
    assert all(e.object_id == str(person.pk) for e in failures)
    locked = AuditEvent.objects.filter(action="login.locked_out")
    assert locked.count() >= 1 and locked.first().detail["login"] == "138****0002"
    for event in AuditEvent.objects.all():
        assert MOBILE not in str(event.detail) and "0000-0002" not in str(event.detail)
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start >= 5
    for row in [attempt, *AccessFailureLog.objects.all()]:
        text = " ".join(str(getattr(row, f, "")) for f in ("username", "get_data", "post_data", "path_info"))
        assert MOBILE not in text and "0000-0002" not in text
    assert attempt.username.startswith("h:")
    assert [entry["username"] for entry in lockouts_active()] == [attempt.username]


def test_the_lockout_clears_after_the_cool_off(client: Client, person):
    fail(client, "/login/", MOBILE, 5)
    assert client.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD}).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=16))
    response = client.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(person.pk)
    assert not AccessAttempt.objects.exists()  # reset on success


def test_another_address_is_not_locked_out(person):
    fail(Client(REMOTE_ADDR="10.0.0.1"), "/login/", MOBILE, 5)
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD}).status_code == 302


def test_staff_lockout_and_wrong_totp_codes_count(client: Client, personas):
    for _ in range(2):
        client.post("/staff/login/", {"login": "chenjing", "password": "wrong"})
    client.post("/staff/login/", {"login": "chenjing", "password": TEST_PASSWORD})
    for _ in range(3):
        client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    attempt = AccessAttempt.objects.get(username="chenjing")
    assert attempt.failures_since_start == 5
    # Locked: the right TOTP code no longer finishes the pending login ...
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(personas.chen_jing)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ... and a new password attempt from the same address is refused before the password is checked.
    response = Client().post("/staff/login/", {"login": "chenjing", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="login.locked_out", object_id=str(personas.chen_jing.pk)).exists()


def test_security_admin_clears_a_lockout(client: Client, personas, person):
    fail(client, "/login/", MOBILE, 5)
    with pytest.raises(PermissionDenied):
        lockout_clear(actor=personas.he_jun, username=MOBILE)
    assert AccessAttempt.objects.exists()
    assert AuditEvent.objects.filter(action="login.lockout_clear", outcome="denied").exists()
    assert lockout_clear(actor=personas.gao_min, username="138 0000 0002") == 1
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.filter(action="login.lockout_clear", outcome="success").get()
    assert event.actor_id == personas.gao_min.pk and event.detail["login"] == "138****0002"
    assert client.post("/login/", {"login": MOBILE, "password": TEST_PASSWORD}).status_code == 302


def test_a_successful_staff_login_resets_the_failures(client: Client, personas):
    for _ in range(3):
        client.post("/staff/login/", {"login": "chenjing", "password": "wrong"})
    client.post("/staff/login/", {"login": "chenjing", "password": TEST_PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(personas.chen_jing)})
    assert client.session["_auth_user_id"] == str(personas.chen_jing.pk)
    assert not AccessAttempt.objects.filter(username="chenjing").exists()
