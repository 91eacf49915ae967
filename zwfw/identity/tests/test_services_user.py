"""Account services: written by the 安全管理员 (or the system), audited, never logging a password."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.identity.choices import UserKind
from zwfw.identity.models import User
from zwfw.identity.services import user_create, user_set_password, user_update

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
