"""The 系统管理员's password policies: the service (ranges, 等保 floors, stale edits, audit) and the screen."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zwfw.core.choices import Outcome
from zwfw.core.models import AuditEvent
from zwfw.identity.models import PasswordPolicy
from zwfw.identity.services.password_policy import password_policy_update, password_policy_version

pytestmark = pytest.mark.django_db
URL = reverse("identity:admin_password_policy")


def _policy(profile: str = "dengbao") -> PasswordPolicy:
    return PasswordPolicy.objects.get(profile=profile)


def _values(profile: str = "dengbao") -> tuple[int, int, int, int]:
    p = _policy(profile)
    return (p.min_length, p.min_classes, p.max_age_days, p.history_count)


def test_the_system_administrator_changes_a_policy_and_the_diff_is_audited(personas):
    before = _policy()
    changed = password_policy_update(
        actor=personas.he_jun,
        profile="dengbao",
        data={"min_length": 14, "history_count": before.history_count},
        version=password_policy_version(before),
    )
    assert changed == ["min_length"] and _policy().min_length == 14
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.outcome, event.actor_label) == ("password_policy.update", Outcome.SUCCESS, "hejun")
    assert event.detail == {"profile": "dengbao", "changes": {"min_length": [before.min_length, 14]}}


def test_nothing_changed_writes_nothing(personas):
    count = AuditEvent.objects.count()
    assert (
        password_policy_update(actor=personas.he_jun, profile="asvs", data={"min_length": _policy("asvs").min_length})
        == []
    )
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize(
    ("profile", "data", "message"),
    [
        ("asvs", {"min_length": 7}, "“最小长度”应为 8 至 64 之间的整数"),
        ("asvs", {"min_length": 65}, "8 至 64"),
        ("asvs", {"min_classes": 5}, "0 至 4"),
        ("asvs", {"max_age_days": 366}, "0 至 365"),
        ("asvs", {"history_count": 25}, "0 至 24"),
        ("asvs", {"history_count": "3"}, "0 至 24"),
        ("dengbao", {"min_classes": 2}, "至少应包含 3 类字符"),
        ("dengbao", {"max_age_days": 0}, "定期更换口令"),
        ("nonsense", {"min_length": 12}, "未知的密码策略"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(personas, profile, data, message):
    before = {p: _values(p) for p in ("dengbao", "asvs")}
    with pytest.raises(ValidationError) as caught:
        password_policy_update(actor=personas.he_jun, profile=profile, data=data)
    assert any(message in m for m in caught.value.messages)
    assert {p: _values(p) for p in ("dengbao", "asvs")} == before
    refusal = AuditEvent.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome) == ("password_policy.update", Outcome.DENIED)


def test_a_stale_edit_is_refused(personas):
    seen = password_policy_version(_policy())
    password_policy_update(actor=personas.he_jun, profile="dengbao", data={"min_length": 16}, version=seen)
    with pytest.raises(ValidationError, match="已被他人修改"):
        password_policy_update(actor=personas.he_jun, profile="dengbao", data={"min_length": 20}, version=seen)
    assert _policy().min_length == 16


@pytest.mark.parametrize("who", ["gao_min", "lin_feng", "chen_jing", "wang_jianjun"])
def test_only_the_system_administrator_edits_policies(personas, who):
    before = _values()
    with pytest.raises(PermissionDenied, match="只有系统管理员"):
        password_policy_update(actor=getattr(personas, who), profile="dengbao", data={"min_length": 20})
    assert _values() == before


# --- the screen -------------------------------------------------------------------------


def _form(profile: str, **values: object) -> dict[str, object]:
    policy = _policy(profile)
    data = {
        f"{profile}-{name}": values.get(name, getattr(policy, name))
        for name in ("min_length", "min_classes", "max_age_days", "history_count")
    }
    data[f"{profile}-version"] = values.get("version", password_policy_version(policy))
    return data


def test_the_screen_shows_both_policies_and_saves_one(client, personas):
    client.force_login(personas.he_jun)
    html = client.get(URL).content.decode()
    assert "等保三级（工作人员）" in html and "ASVS 二级（公众）" in html
    response = client.post(
        reverse("identity:admin_password_policy_update", args=["asvs"]), _form("asvs", min_length=15), follow=True
    )
    assert "已保存“ASVS 二级（公众）”密码策略" in response.content.decode()
    assert _policy("asvs").min_length == 15


def test_the_screen_refuses_bad_input_with_the_reason(client, personas):
    client.force_login(personas.he_jun)
    before = _values()
    url = reverse("identity:admin_password_policy_update", args=["dengbao"])
    response = client.post(url, _form("dengbao", min_length=4))
    assert response.status_code == 400 and "“最小长度”不能小于 8" in response.content.decode()
    response = client.post(url, _form("dengbao", min_classes=1))
    assert response.status_code == 400 and "至少应包含 3 类字符" in response.content.decode()
    assert _values() == before


def test_the_screen_refuses_a_stale_edit_and_shows_the_current_values(client, personas):
    client.force_login(personas.he_jun)
    stale = _form("dengbao", min_length=20)
    password_policy_update(actor=personas.he_jun, profile="dengbao", data={"min_length": 18})
    response = client.post(reverse("identity:admin_password_policy_update", args=["dengbao"]), stale)
    assert response.status_code == 400
    html = response.content.decode()
    assert "已被他人修改" in html and 'value="18"' in html
    assert _policy().min_length == 18


def test_an_unknown_profile_is_not_found(client, personas):
    client.force_login(personas.he_jun)
    assert client.post(reverse("identity:admin_password_policy_update", args=["root"]), {}).status_code == 404
