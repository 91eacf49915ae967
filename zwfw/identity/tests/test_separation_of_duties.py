"""Separation of duties (三员分立): every administrator screen × every persona → the expected answer.

- 系统管理员 何军: configuration (working-day calendar, password policy);
- 安全管理员 高敏: accounts and roles;
- 审计管理员 林峰: the audit log and the login log;
- business staff (陈静, examiner) and persons (王建军): none of them (403);
- anonymous: the login page.

Writes (POST) are tried by everyone who must not make them: refused with 403 and nothing changes.
None of the administrators can grant themselves a role — through the screen or the service.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zwfw.core.choices import Outcome
from zwfw.core.menu import staff_menu_for
from zwfw.core.models import AuditEvent
from zwfw.identity.models import PasswordPolicy, User
from zwfw.org.choices import Role
from zwfw.org.models import Membership
from zwfw.org.services.membership import membership_grant, membership_revoke

pytestmark = pytest.mark.django_db

PERSONAS = ["he_jun", "gao_min", "lin_feng", "chen_jing", "wang_jianjun", None]
#: Which persona owns each screen (the only one who gets 200).
SCREENS = {
    "identity:admin_accounts": "gao_min",
    "identity:admin_account_create": "gao_min",
    "identity:admin_account": "gao_min",
    "identity:admin_memberships": "gao_min",
    "identity:admin_password_policy": "he_jun",
    "identity:admin_login_log": "lin_feng",
    "core:audit_log": "lin_feng",
    "core:calendar_index": "he_jun",
}
WRITES = {
    "identity:admin_account_create": {"username": "zhangwei", "full_name": "张伟"},
    "identity:admin_account_rename": {"full_name": "某某"},
    "identity:admin_account_active": {"active": "0"},
    "identity:admin_account_password_reset": {},
    "identity:admin_account_totp_reset": {},
    "identity:admin_account_unlock": {},
    "identity:admin_membership_grant": {"role": Role.DECIDER, "title": ""},
    "identity:admin_membership_revoke": {},
    "identity:admin_password_policy_update": {
        "dengbao-min_length": "20",
        "dengbao-min_classes": "4",
        "dengbao-max_age_days": "30",
        "dengbao-history_count": "10",
    },
}
WRITE_OWNERS = {name: "he_jun" if "password_policy" in name else "gao_min" for name in WRITES}


#: Screens and writes about one account: 陈静's.
ABOUT_CHEN_JING = {
    "identity:admin_account",
    "identity:admin_account_rename",
    "identity:admin_account_active",
    "identity:admin_account_password_reset",
    "identity:admin_account_totp_reset",
    "identity:admin_account_unlock",
    "identity:admin_membership_grant",
}


def _url(name: str, personas) -> str:
    if name in ABOUT_CHEN_JING:
        return reverse(name, args=[personas.chen_jing.pk])
    if name == "identity:admin_membership_revoke":
        return reverse(name, args=[Membership.objects.get(user=personas.chen_jing).pk])
    if name == "identity:admin_password_policy_update":
        return reverse(name, args=["dengbao"])
    return reverse(name)


def _expected(owner: str, who: str | None) -> int:
    if who is None:
        return 302
    return 200 if who == owner else 403


def _assert_refusal_recorded(user: User, path: str) -> None:
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.outcome, event.actor_id) == ("screen.access", Outcome.DENIED, user.pk)
    assert event.detail["path"] == path


def _state(personas) -> tuple:
    chen = User.objects.get(pk=personas.chen_jing.pk)
    return (
        User.objects.count(),
        chen.full_name,
        chen.is_active,
        chen.password,
        list(Membership.objects.order_by("pk").values_list("pk", "role", "is_active")),
        list(PasswordPolicy.objects.order_by("pk").values_list("min_length", "min_classes", "max_age_days")),
        chen.authenticator_set.count(),
    )


@pytest.mark.parametrize("who", PERSONAS, ids=[p or "anonymous" for p in PERSONAS])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_each_screen_opens_only_for_its_administrator(client, personas, screen, who):
    if who is not None:
        client.force_login(getattr(personas, who))
    response = client.get(_url(screen, personas))
    expected = _expected(SCREENS[screen], who)
    assert response.status_code == expected, f"{screen} as {who}"
    if expected == 302:
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    if expected == 403:
        assert "没有访问权限" in response.content.decode()
        if screen != "core:calendar_index":  # the administrators' identity screens and the audit log
            _assert_refusal_recorded(getattr(personas, who), _url(screen, personas))


@pytest.mark.parametrize("who", PERSONAS, ids=[p or "anonymous" for p in PERSONAS])
@pytest.mark.parametrize("write", list(WRITES))
def test_nobody_but_its_administrator_can_write(client, personas, write, who):
    if who == WRITE_OWNERS[write]:
        pytest.skip("the owner's writes are tested in test_admin_*.py")
    data = dict(WRITES[write])
    if write == "identity:admin_membership_grant":
        data["agency"] = str(personas.market.pk)
    if write == "identity:admin_password_policy_update":
        data["dengbao-version"] = PasswordPolicy.objects.get(profile="dengbao").updated_at.isoformat()
    if who is not None:
        client.force_login(getattr(personas, who))
    before = _state(personas)
    response = client.post(_url(write, personas), data)
    assert response.status_code == (302 if who is None else 403), f"{write} as {who}"
    if who is None:
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        _assert_refusal_recorded(getattr(personas, who), _url(write, personas))
    assert _state(personas) == before


def test_the_menu_shows_each_administrator_only_their_own_screens(personas):
    def names(user):
        return {e["url_name"] for g in staff_menu_for(user) for e in g["entries"]}

    admin_screens = {
        "identity:admin_accounts",
        "identity:admin_memberships",
        "identity:admin_password_policy",
        "identity:admin_login_log",
        "core:audit_log",
        "core:calendar_index",
    }
    assert names(personas.gao_min) & admin_screens == {"identity:admin_accounts", "identity:admin_memberships"}
    assert names(personas.he_jun) & admin_screens == {"identity:admin_password_policy", "core:calendar_index"}
    assert names(personas.lin_feng) & admin_screens == {"identity:admin_login_log", "core:audit_log"}
    assert names(personas.chen_jing) & admin_screens == set()
    assert names(personas.wang_jianjun) & admin_screens == set()


# --- nobody grants themselves a role ----------------------------------------------------


@pytest.mark.parametrize("role", [Role.EXAMINER, Role.AUDITOR, Role.SECADMIN])
def test_the_security_administrator_cannot_grant_themselves_a_role_through_the_screen(client, personas, role):
    client.force_login(personas.gao_min)
    before = list(Membership.objects.filter(user=personas.gao_min).values_list("pk", "role", "is_active"))
    response = client.post(
        reverse("identity:admin_membership_grant", args=[personas.gao_min.pk]),
        {"agency": personas.market.pk, "role": role, "title": ""},
    )
    assert response.status_code == 403
    assert "不能为本人授予岗位" in response.content.decode()
    assert list(Membership.objects.filter(user=personas.gao_min).values_list("pk", "role", "is_active")) == before
    refusal = AuditEvent.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome, refusal.actor_label) == ("membership.grant", Outcome.DENIED, "gaomin")


def test_the_security_administrator_cannot_revoke_their_own_role_through_the_screen(client, personas):
    client.force_login(personas.gao_min)
    own = Membership.objects.get(user=personas.gao_min, role=Role.SECADMIN)
    response = client.post(reverse("identity:admin_membership_revoke", args=[own.pk]))
    assert response.status_code == 403
    assert Membership.objects.get(pk=own.pk).is_active


@pytest.mark.parametrize("who", ["gao_min", "he_jun", "lin_feng", "chen_jing"])
def test_nobody_grants_themselves_a_role_through_the_service(personas, who):
    actor = getattr(personas, who)
    count = Membership.objects.count()
    with pytest.raises(PermissionDenied):
        membership_grant(actor=actor, user=actor, agency=personas.county_office, role=Role.OPERATOR)
    assert Membership.objects.count() == count
    refusal = AuditEvent.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome, refusal.actor_id) == ("membership.grant", Outcome.DENIED, actor.pk)


def test_the_three_administrator_roles_stay_with_three_people(client, personas):
    """Giving the auditor the security administrator's role is refused on the screen, with the reason."""
    client.force_login(personas.gao_min)
    response = client.post(
        reverse("identity:admin_membership_grant", args=[personas.lin_feng.pk]),
        {"agency": personas.county_office.pk, "role": Role.SECADMIN, "title": ""},
    )
    assert response.status_code == 400
    assert "不得由同一人兼任" in response.content.decode()
    assert not Membership.objects.filter(user=personas.lin_feng, role=Role.SECADMIN).exists()


def test_a_second_security_administrator_handles_the_first_ones_roles(personas):
    """The rule is "not oneself", not "not an administrator": another 安全管理员 may act."""
    second = User.objects.get(pk=personas.ma_qiang.pk)
    membership_grant(actor=None, user=second, agency=personas.market, role=Role.SECADMIN)
    second = User.objects.get(pk=second.pk)  # fresh role cache
    granted = membership_grant(actor=second, user=personas.gao_min, agency=personas.market, role=Role.EXAMINER)
    membership_revoke(actor=second, membership=granted)
    assert not Membership.objects.get(pk=granted.pk).is_active
