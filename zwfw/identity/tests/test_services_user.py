"""Account services: written by the 安全管理员 (or the system), audited, never logging a password."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.identity.choices import UserKind
from zwfw.identity.models import PasswordHistory, User
from zwfw.identity.services import user_create, user_set_password, user_update
from zwfw.identity.services.user import (
    staff_account_create,
    staff_active_set,
    staff_password_reset,
    staff_totp_reset,
    staff_unlock,
)
from zwfw.identity.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "Jingtai-Test-2026"


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def test_user_create_by_the_security_administrator_is_audited_without_the_password(personas):
    user = user_create(
        actor=personas.gao_min, username="xinyuan", full_name="新员", kind=UserKind.STAFF, password=PASSWORD
    )
    assert authenticate(RequestFactory().post("/login/"), username="xinyuan", password=PASSWORD) == user
    event = _last_event()
    assert (event.action, event.outcome, event.actor_label) == ("user.create", Outcome.SUCCESS, "gaomin")
    assert event.detail == {"username": "xinyuan", "kind": UserKind.STAFF, "usable_password": True}
    assert PASSWORD not in str(event.canonical())


def test_user_create_without_password_cannot_log_in():
    user = user_create(actor=None, username="nopass", full_name="无密码", kind=UserKind.PERSON)
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "wangjianjun"}, "用户名“wangjianjun”已被使用"),
        ({"full_name": "  "}, "请填写姓名"),
        ({"kind": "robot"}, "未知的账号类型"),
        ({"password": "short"}, "密码"),
    ],
)
def test_user_create_refuses_bad_input_and_audits_the_refusal(personas, overrides, message):
    fields = {
        "actor": None,
        "username": "newbie",
        "full_name": "新人",
        "kind": UserKind.PERSON,
        "password": PASSWORD,
    }
    fields.update(overrides)
    count = User.objects.count()
    with pytest.raises(ValidationError) as caught:
        user_create(**fields)
    assert any(message in m for m in caught.value.messages)
    assert User.objects.count() == count
    refusal = _last_event()
    assert (refusal.action, refusal.outcome) == ("user.create", Outcome.DENIED)
    assert fields["password"] not in str(refusal.detail)


def test_only_the_security_administrator_creates_accounts(personas):
    with pytest.raises(PermissionDenied, match="只有安全管理员"):
        user_create(actor=personas.he_jun, username="x1", full_name="某人", kind=UserKind.STAFF)
    assert not User.objects.filter(username="x1").exists()
    assert _last_event().outcome == Outcome.DENIED


def test_user_update_writes_only_what_differs(personas):
    user = personas.sun_li
    assert user_update(actor=personas.gao_min, user=user, data={"full_name": "孙丽华", "kind": UserKind.STAFF}) == [
        "full_name"
    ]
    assert User.objects.get(pk=user.pk).full_name == "孙丽华"
    assert _last_event().detail == {"changes": {"full_name": ["孙丽", "孙丽华"]}}
    count = AuditEvent.objects.count()
    assert user_update(actor=personas.gao_min, user=user, data={"full_name": "孙丽华"}) == []
    assert AuditEvent.objects.count() == count


def test_user_update_refuses_self_deactivation_and_non_holders(personas):
    with pytest.raises(PermissionDenied, match="本人"):
        user_update(actor=personas.gao_min, user=personas.gao_min, data={"is_active": False})
    with pytest.raises(PermissionDenied):
        user_update(actor=personas.chen_jing, user=personas.sun_li, data={"full_name": "某"})
    assert User.objects.get(pk=personas.gao_min.pk).is_active


def test_user_set_password_by_oneself_or_the_security_administrator(personas):
    user_set_password(actor=personas.chen_jing, user=personas.chen_jing, password=PASSWORD)
    assert authenticate(RequestFactory().post("/login/"), username="chenjing", password=PASSWORD) is not None
    event = _last_event()
    assert (event.action, event.detail) == ("user.set_password", {})
    user_set_password(actor=personas.gao_min, user=personas.sun_li, password=PASSWORD)
    assert authenticate(RequestFactory().post("/login/"), username="sunli", password=PASSWORD) is not None
    with pytest.raises(PermissionDenied):
        user_set_password(actor=personas.chen_jing, user=personas.sun_li, password="Another-Pass-2026")
    with pytest.raises(ValidationError):
        user_set_password(actor=None, user=personas.sun_li, password="12345678901")
    assert authenticate(RequestFactory().post("/login/"), username="sunli", password=PASSWORD) is not None
    assert AuditEvent.objects.filter(action="user.set_password", outcome=Outcome.DENIED).count() == 2


# --- the 安全管理员's actions on staff accounts ---------------------------------------------


def _login_failures(username: str, times: int) -> None:
    """Fail ``times`` logins for ``username`` through axes' real signal handling."""
    from django.contrib.auth import authenticate as auth

    for _ in range(times):
        request = RequestFactory().post("/login/", REMOTE_ADDR="10.0.0.9", HTTP_USER_AGENT="pytest")
        assert auth(request, username=username, password="wrong-password") is None


def test_staff_account_create_makes_a_staff_account_with_a_random_password_to_change(personas):
    user, password = staff_account_create(actor=personas.gao_min, username="zhangwei", full_name=" 张伟 ")
    assert (user.kind, user.full_name, user.must_change_password, user.is_active) == (
        UserKind.STAFF,
        "张伟",
        True,
        True,
    )
    assert len(password) >= 16 and user.check_password(password)
    assert user.password_changed_at is not None
    assert PasswordHistory.objects.filter(user=user).count() == 1
    _, other = staff_account_create(actor=personas.gao_min, username="lisi", full_name="李四")
    assert other != password
    event = AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).get()
    assert (event.outcome, event.actor_label) == (Outcome.SUCCESS, "gaomin")
    assert event.detail["must_change_password"] is True and event.detail["generated_password"] is True
    assert password not in str(event.canonical())


@pytest.mark.parametrize(
    ("username", "full_name", "message"),
    [
        ("ZhangWei", "张伟", "小写英文字母开头"),
        ("13800138000", "张伟", "小写英文字母开头"),
        ("zw", "张伟", "3 至 30"),
        ("chenjing", "陈静", "已被使用"),
        ("zhangwei", "  ", "请填写姓名"),
    ],
)
def test_staff_account_create_refuses_bad_input(personas, username, full_name, message):
    count = User.objects.count()
    with pytest.raises(ValidationError) as caught:
        staff_account_create(actor=personas.gao_min, username=username, full_name=full_name)
    assert any(message in m for m in caught.value.messages)
    assert User.objects.count() == count
    refusal = _last_event()
    assert (refusal.action, refusal.outcome, refusal.actor_label) == ("user.create", Outcome.DENIED, "gaomin")


@pytest.mark.parametrize("who", ["he_jun", "lin_feng", "chen_jing", "wang_jianjun"])
def test_only_the_security_administrator_creates_staff_accounts(personas, who):
    with pytest.raises(PermissionDenied, match="只有安全管理员"):
        staff_account_create(actor=getattr(personas, who), username="zhangwei", full_name="张伟")
    assert not User.objects.filter(username="zhangwei").exists()
    assert (_last_event().action, _last_event().outcome) == ("user.create", Outcome.DENIED)


def test_staff_password_reset_gives_a_new_password_ends_sessions_and_asks_for_a_change(personas, client):
    client.force_login(personas.chen_jing)
    assert client.get("/account/").status_code == 200
    password = staff_password_reset(actor=personas.gao_min, user=personas.chen_jing)
    chen = User.objects.get(pk=personas.chen_jing.pk)
    assert chen.check_password(password) and not chen.check_password(TEST_PASSWORD)
    assert chen.must_change_password
    # The old session no longer opens anything (its password hash changed).
    assert client.get("/account/").status_code == 302
    event = _last_event()
    assert (event.action, event.outcome, event.actor_label) == ("user.password_reset", Outcome.SUCCESS, "gaomin")
    assert password not in str(event.canonical())


def test_staff_totp_reset_removes_the_authenticators_and_is_audited(personas):
    from allauth.mfa.models import Authenticator

    assert Authenticator.objects.filter(user=personas.chen_jing, type="totp").exists()
    assert staff_totp_reset(actor=personas.gao_min, user=personas.chen_jing) == ["totp"]
    assert not Authenticator.objects.filter(user=personas.chen_jing).exists()
    event = _last_event()
    assert (event.action, event.outcome, event.detail["removed"]) == ("user.totp_reset", Outcome.SUCCESS, ["totp"])
    with pytest.raises(ValidationError, match="尚未设置动态口令"):
        staff_totp_reset(actor=personas.gao_min, user=personas.chen_jing)
    assert (_last_event().action, _last_event().outcome) == ("user.totp_reset", Outcome.DENIED)


def test_staff_unlock_clears_the_lockout(personas, settings):
    from axes.models import AccessAttempt

    from zwfw.identity.selectors_admin import is_locked

    _login_failures("chenjing", settings.AXES_FAILURE_LIMIT)
    assert is_locked(personas.chen_jing)
    assert staff_unlock(actor=personas.gao_min, user=personas.chen_jing) == 1
    assert not is_locked(personas.chen_jing)
    assert not AccessAttempt.objects.filter(username="chenjing").exists()
    event = _last_event()
    assert (event.action, event.outcome, event.actor_label) == ("login.lockout_clear", Outcome.SUCCESS, "gaomin")
    with pytest.raises(ValidationError, match="无需解锁"):
        staff_unlock(actor=personas.gao_min, user=personas.chen_jing)


def test_staff_active_set_deactivates_and_reactivates(personas):
    staff_active_set(actor=personas.gao_min, user=personas.chen_jing, active=False)
    assert not User.objects.get(pk=personas.chen_jing.pk).is_active
    assert _last_event().action == "user.deactivate"
    with pytest.raises(ValidationError, match="已经是停用状态"):
        staff_active_set(actor=personas.gao_min, user=personas.chen_jing, active=False)
    staff_active_set(actor=personas.gao_min, user=personas.chen_jing, active=True)
    assert User.objects.get(pk=personas.chen_jing.pk).is_active
    assert _last_event().action == "user.reactivate"


@pytest.mark.parametrize(
    ("service", "kwargs", "action"),
    [
        (staff_password_reset, {}, "user.password_reset"),
        (staff_totp_reset, {}, "user.totp_reset"),
        (staff_unlock, {}, "login.lockout_clear"),
        (staff_active_set, {"active": False}, "user.deactivate"),
    ],
)
def test_the_security_administrator_cannot_act_on_their_own_account(personas, service, kwargs, action):
    from allauth.mfa.models import Authenticator

    password = User.objects.get(pk=personas.gao_min.pk).password
    with pytest.raises(PermissionDenied, match="本人"):
        service(actor=personas.gao_min, user=personas.gao_min, **kwargs)
    gao = User.objects.get(pk=personas.gao_min.pk)
    assert gao.is_active and gao.password == password and Authenticator.objects.filter(user=gao).exists()
    refusal = _last_event()
    assert (refusal.action, refusal.outcome, refusal.actor_label) == (action, Outcome.DENIED, "gaomin")


@pytest.mark.parametrize(
    ("service", "kwargs"),
    [(staff_password_reset, {}), (staff_totp_reset, {}), (staff_unlock, {}), (staff_active_set, {"active": False})],
)
def test_staff_actions_refuse_persons_accounts_and_other_administrators(personas, service, kwargs):
    with pytest.raises(ValidationError, match="只能管理工作人员账号"):
        service(actor=personas.gao_min, user=personas.wang_jianjun, **kwargs)
    assert User.objects.get(pk=personas.wang_jianjun.pk).is_active
    for who in ("he_jun", "lin_feng", "chen_jing"):
        with pytest.raises(PermissionDenied, match="只有安全管理员"):
            service(actor=getattr(personas, who), user=personas.sun_li, **kwargs)
    assert User.objects.get(pk=personas.sun_li.pk).is_active
